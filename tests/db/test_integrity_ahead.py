"""The integrity check begun while the window's modules load (db/integrity_ahead.py):
opening takes its result only for the file as it was checked, and is told the same
refusals as a check made at opening."""

import os
from pathlib import Path

import pytest

from charte_desktop.cli import window_launcher
from charte_desktop.db import integrity_ahead, open_database
from charte_desktop.db.integrity_ahead import check_ahead, checked_integrity
from charte_desktop.db.server import parse_address
from charte_desktop.errors import CharteError
from tests.backup_helpers import build_demo, corrupt_an_index_page


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files SQLite's integrity check was run on, ahead or at opening."""
    seen: list[Path] = []
    real = integrity_ahead.integrity_problem

    def counted(path: Path) -> str | None:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(integrity_ahead, "integrity_problem", counted)
    return seen


def test_opening_uses_the_check_begun_ahead(tmp_path: Path, checks: list[Path]) -> None:
    demo = build_demo(tmp_path / "territoire.sqlite")
    checks.clear()  # making the demo opened it once
    check_ahead(demo)
    db = open_database(demo)
    try:
        assert db.read_only_reason is None
    finally:
        db.close()
    assert checks == [demo]  # once, in the background, not again at opening


def test_a_file_changed_since_is_checked_again(tmp_path: Path, checks: list[Path]) -> None:
    demo = build_demo(tmp_path / "territoire.sqlite")
    checks.clear()
    check_ahead(demo)
    checked_integrity_thread_done(demo)
    corrupt_an_index_page(demo)
    later = demo.stat().st_mtime_ns + 2_000_000_000
    os.utime(demo, ns=(later, later))
    problem = checked_integrity(demo)
    assert problem is not None  # the damage, not the sound file the check began on
    assert checks == [demo, demo]


def checked_integrity_thread_done(path: Path) -> None:
    check = integrity_ahead._begun[path.resolve()]
    check.thread.join()


def test_a_refusal_found_ahead_is_told_at_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = build_demo(tmp_path / "territoire.sqlite")

    def busy(path: Path) -> str | None:
        raise CharteError(f"Le fichier « {path} » est occupé par un autre programme : "
                          "réessayez dans un instant.")

    monkeypatch.setattr(integrity_ahead, "integrity_problem", busy)
    check_ahead(demo)
    with pytest.raises(CharteError, match="occupé par un autre programme"):
        checked_integrity(demo)


def test_nothing_begins_for_a_missing_file_or_a_save_left_by_a_crash(
    tmp_path: Path, checks: list[Path]
) -> None:
    check_ahead(tmp_path / "absent.sqlite")
    demo = build_demo(tmp_path / "territoire.sqlite")
    journal = demo.with_name(demo.name + "-journal")
    checks.clear()
    journal.write_bytes(b"\0" * 512)  # opening rolls it back first, then checks
    check_ahead(demo)
    assert integrity_ahead._begun == {} and checks == []
    journal.unlink()


def test_the_window_checks_the_file_it_will_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    begun: list[Path] = []
    monkeypatch.setattr(integrity_ahead, "check_ahead", begun.append)
    usual = tmp_path / "charte.sqlite"
    monkeypatch.setattr("charte_desktop.paths.default_database_path", lambda: usual)
    given = tmp_path / "autre.sqlite"
    window_launcher._check_file_ahead(given)
    window_launcher._check_file_ahead(None)
    window_launcher._check_file_ahead(parse_address("postgresql://camille@serveur/charte"))
    assert begun == [given, usual]  # a server's base is checked by its server


def test_a_damaged_file_found_ahead_is_set_aside_at_opening(
    tmp_path: Path, checks: list[Path]
) -> None:
    demo = build_demo(tmp_path / "territoire.sqlite")
    corrupt_an_index_page(demo)
    checks.clear()
    check_ahead(demo)
    with pytest.raises(CharteError, match="endommagé"):
        open_database(demo)
    assert checks == [demo]
    assert not demo.exists()  # set aside beside itself, as when checked at opening
