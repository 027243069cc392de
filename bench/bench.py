"""Benchmark by hand (not in CI): `python3 dev.py bench`.

Builds the large territory, then times each heavy screen query through its use case
beside its floor: the very SQL the use case sent, replayed with the bare sqlite3 module
and fetched whole. The ratio is what our layers (SQLAlchemy, row objects, sorting) cost.
Targets: every ratio <= 3 and every query < 100 ms. The Word and Excel export rows and
the window rows come after, the same screen queries on a PostgreSQL server when
CHARTE_BENCH_SERVER gives one (bench/server_bench.py), then the bundled program's start-up
when dist/Charte exists (bench/bundle_bench.py).
"""

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from charte_desktop.db import Database, create_database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.demo import fill_large_demo
from charte_desktop.services import (
    actions,
    bodies,
    directory,
    indicators,
    meeting_outcomes,
    meetings,
    timeline,
)

RUNS = 9
RATIO_TARGET = 3.0
TIME_TARGET_MS = 100.0


def median_ms(function: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_medians_ms(ours: Callable[[], Any], floor: Callable[[], Any],
                      runs: int = RUNS) -> tuple[float, float]:
    """Each side's median, the two run in turn: a burst of load on this shared machine
    then slows both sides alike instead of one."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for side, function in zip(times, (ours, floor), strict=True):
            start = time.perf_counter()
            function()
            side.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def captured_statements(db: Database, function: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) a use case sends, BEGIN/COMMIT aside."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        if not many and sql.strip().upper().startswith(("SELECT", "WITH")):
            statements.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        function()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def floor_function(path: Path, statements: list[tuple[str, Any]]) -> Callable[[], int]:
    connection = sqlite3.connect(path)

    def run() -> int:
        count = 0
        for sql, params in statements:
            count += len(connection.execute(sql, params).fetchall())
        return count

    return run


def query_rows(db: Database, path: Path,
               floor_for: Callable[[list[tuple[str, Any]]], Callable[[], int]] | None = None,
               ) -> list[tuple[str, int, float, float]]:
    """Each screen query's row; `floor_for` replays its statements with the bare driver
    (sqlite3 on `path` by default; psycopg for a server, see bench/server_bench.py)."""
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("Plan d'actions : toutes les actions", lambda: actions.list_actions(db)),
        ("Actions en retard", lambda: actions.late_actions(db)),
        ("Actions filtrées (plan, en cours)", lambda: actions.list_actions(
            db, actions.ActionFilter(plan_id=1, status=DisplayStatus.IN_PROGRESS))),
        ("Calendrier : toutes les actions", lambda: timeline.build_timeline(db).actions),
        ("Réunions : toutes", lambda: meetings.list_meetings(db)),
        ("Prochaines réunions", lambda: meetings.next_meetings(db)),
        ("Suites à donner échues", lambda: meeting_outcomes.follow_ups_due(db)),
        ("Indicateurs et dernière valeur", lambda: indicators.list_indicators(db)),
        ("Indicateurs hors trajectoire", lambda: indicators.off_track_indicators(db)),
        ("Annuaire : tous les contacts", lambda: directory.list_contacts(db)),
        ("Instances", lambda: bodies.list_bodies(db)),
    ]
    rows = []
    for label, function in cases:
        result = function()  # warm the statement cache, as a screen shown twice would
        statements = captured_statements(db, function)
        floor = (floor_for or (lambda sent: floor_function(path, sent)))(statements)
        floor()  # warm the bare connection's page cache too
        rows.append((label, len(result), *paired_medians_ms(function, floor)))
    return rows


def print_table(title: str, rows: list[tuple[str, int, float, float]]) -> bool:
    print(f"\n{title}")
    print(f"{'requête':<42} {'lignes':>7} {'Charte ms':>10} {'plancher ms':>12} "
          f"{'ratio':>6}  verdict")
    ok = True
    for label, count, ours, floor in rows:
        ratio = ours / floor if floor else float("inf")
        good = ratio <= RATIO_TARGET and ours < TIME_TARGET_MS
        ok &= good
        print(f"{label:<42} {count:>7} {ours:>10.1f} {floor:>12.1f} {ratio:>6.2f}  "
              f"{'ok' if good else 'HORS CIBLE'}")
    return ok


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="charte-bench-"))
    path = folder / "grand.sqlite"
    start = time.perf_counter()
    db = create_database(path, fill=fill_large_demo)
    print(f"Grand territoire construit en {time.perf_counter() - start:.1f} s "
          f"({path.stat().st_size / 1e6:.0f} Mo) : {path}")
    ok = print_table("Requêtes des écrans (médiane de 9)", query_rows(db, path))
    db.close()
    from bench.docx_bench import docx_rows

    ok &= docx_rows()
    from bench.import_bench import import_rows

    ok &= import_rows()
    from bench.xlsx_bench import xlsx_rows

    ok &= xlsx_rows(path)
    from bench.window_bench import window_rows

    ok &= window_rows(path)
    from bench.server_bench import server_rows

    ok &= server_rows(path)
    from bench.bundle_bench import bundle_rows

    ok &= bundle_rows()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
