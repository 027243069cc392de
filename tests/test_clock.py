"""One clock: Charte reads today's date and the time from `charte_desktop.clock` only."""

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

import charte_desktop
from charte_desktop import clock
from charte_desktop.db import create_database, open_database
from charte_desktop.db.models import Plan
from charte_desktop.demo import fill_small_demo
from tests.fixed_day import TEST_DAY

PACKAGE = Path(charte_desktop.__file__).parent
# Every way of asking the computer for the date or time, outside the clock.
ELSEWHERE = re.compile(
    r"\bdate\.today\b|\bdatetime\.(now|today|utcnow)\b|\btime\.(localtime|gmtime)\b"
    r"|\bQDate\.currentDate\b|\bQDateTime\.current"
)


def run_python(code: str, **environment: str | None) -> str:
    env = {**os.environ}
    for name, value in environment.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_no_module_reads_the_date_but_the_clock() -> None:
    offenders = [
        f"{source.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for source in sorted(PACKAGE.rglob("*.py")) if source.name != "clock.py"
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if ELSEWHERE.search(line)
    ]
    assert offenders == []


def test_every_test_runs_on_the_fixed_day() -> None:
    assert clock.today() == TEST_DAY
    assert os.environ[clock.ENVIRONMENT_VARIABLE] == TEST_DAY.isoformat()


def test_fixed_nests_and_gives_the_day_back() -> None:
    with clock.fixed(date(2028, 2, 29)) as day:
        assert day == date(2028, 2, 29) == clock.today()
        with clock.fixed(date(2027, 12, 31)):
            assert clock.today() == date(2027, 12, 31)
        assert clock.today() == date(2028, 2, 29)
    assert clock.today() == TEST_DAY


def test_fixed_takes_a_day_not_a_moment() -> None:
    with pytest.raises(TypeError), clock.fixed(datetime(2028, 2, 29, 10, tzinfo=UTC)):  # type: ignore[arg-type]
        pass


def test_now_is_aware_utc_and_falls_on_the_fixed_day() -> None:
    for day in (date(2027, 12, 31), date(2028, 2, 29), date(2026, 3, 29)):  # 29/03: summer time
        with clock.fixed(day):
            moment = clock.now()
            assert moment.tzinfo is UTC
            assert moment.astimezone().date() == day
            assert clock.now() >= moment  # still moves forward


def test_fixed_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, "2030-07-15")
    assert clock.today() == TEST_DAY
    monkeypatch.setattr(clock, "_fixed", None)
    assert clock.today() == date(2030, 7, 15)


def test_a_malformed_environment_day_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_fixed", None)
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, "31/12/2027")
    with pytest.raises(ValueError, match="CHARTE_TODAY"):
        clock.today()


def test_the_environment_fixes_the_day_of_another_process() -> None:
    out = run_python("from charte_desktop import clock; print(clock.today(), clock.now().tzinfo)",
                     CHARTE_TODAY="2028-02-29")
    assert out == "2028-02-29 UTC"


def test_without_a_fixed_day_the_clock_is_the_computers() -> None:
    out = run_python(
        "from datetime import date\n"
        "from charte_desktop import clock\n"
        "before = date.fromtimestamp(__import__('time').time())\n"
        "print(before <= clock.today() <= date.fromtimestamp(__import__('time').time()))",
        CHARTE_TODAY=None,
    )
    assert out == "True"


def plan_title(path: Path) -> str:
    with open_database(path, read_only=True) as db, db.session() as session:
        return session.scalars(select(Plan.title)).one()


def test_the_demo_is_dated_by_the_clock(tmp_path: Path) -> None:
    with clock.fixed(date(2030, 7, 15)):
        create_database(tmp_path / "demo.sqlite", fill=fill_small_demo).close()
    assert plan_title(tmp_path / "demo.sqlite").endswith(" 2029-2032")


def test_the_command_line_demo_is_dated_by_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    env = {**os.environ, clock.ENVIRONMENT_VARIABLE: "2030-07-15"}
    result = subprocess.run([sys.executable, "-m", "charte_desktop", "demo", str(path)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert plan_title(path).endswith(" 2029-2032")
