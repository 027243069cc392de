"""Bench row of the Excel exports: the tableau de suivi of the large territory.

Our writer (queries through the services, styles, tables, conditional formats, charts,
atomic save) against its floor: a raw openpyxl write-only dump of the same cells (the
values read back from our workbook, sheet by sheet, no styles, no tables). Target:
ratio <= 1.5, judged on the process's CPU time: on a shared machine (CI runners, the
development box) the elapsed time of a 5-second job swings with the other processes,
which the alternated runs (ours, floor, ours…) only partly even out. The elapsed times
are printed beside. Peak memory is tracemalloc's peak of Python allocations during one
write (lxml's own buffers are not counted; write-only mode streams rows to temporary
files anyway).
"""

import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from charte_desktop.db import open_database
from charte_desktop.exports.monitoring import write_monitoring_workbook

ROW = "Tableau de suivi du grand territoire"
RUNS = 5
RATIO_TARGET = 1.5


def read_cells(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in workbook.worksheets]
    workbook.close()
    return sheets


def raw_writer(sheets: list[tuple[str, list[tuple[Any, ...]]]]) -> Callable[[Path], None]:
    def write(target: Path) -> None:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            ws = workbook.create_sheet(title)
            for row in rows:
                ws.append(row)
        workbook.save(target)

    return write


def peak_mb(function: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def xlsx_rows(path: Path) -> bool:
    """Print the Excel export row for the large territory file `path`; whether it meets
    its target."""
    folder = Path(tempfile.mkdtemp(prefix="charte-xlsx-bench-"))
    ours_path, raw_path = folder / "suivi.xlsx", folder / "brut.xlsx"
    with open_database(path, read_only=True) as db:
        def ours() -> None:
            write_monitoring_workbook(db, ours_path)

        ours()  # warm-up: imports, statement caches
        sheets = read_cells(ours_path)
        raw = raw_writer(sheets)
        raw(raw_path)
        times: dict[str, list[tuple[float, float]]] = {"ours": [], "raw": []}
        for _ in range(RUNS):
            for name, function in (("ours", ours), ("raw", lambda: raw(raw_path))):
                wall, cpu = time.perf_counter(), time.process_time()
                function()
                times[name].append((time.process_time() - cpu, time.perf_counter() - wall))
        ours_peak, raw_peak = peak_mb(ours), peak_mb(lambda: raw(raw_path))
    ours_s, raw_s = (statistics.median(cpu for cpu, _ in times[k]) for k in ("ours", "raw"))
    ours_wall, raw_wall = (statistics.median(w for _, w in times[k]) for k in ("ours", "raw"))
    ratio = ours_s / raw_s
    cells = sum(sum(value is not None for value in row) for _t, rows in sheets for row in rows)
    ok = ratio <= RATIO_TARGET
    print(f"\nClasseur Excel (médiane de {RUNS}, exécutions alternées, temps processeur)")
    print(f"{ROW} ({cells:_} cellules, {len(sheets)} feuilles) : ".replace("_", "\u202f")
          + f"{ours_s * 1000:.0f} ms, openpyxl write-only brut {raw_s * 1000:.0f} ms, "
          f"ratio {ratio:.2f} (cible ≤ {RATIO_TARGET}) {'OK' if ok else 'HORS CIBLE'}")
    print(f"  temps écoulé : {ours_wall * 1000:.0f} ms contre {raw_wall * 1000:.0f} ms "
          f"(ratio {ours_wall / raw_wall:.2f})")
    print(f"  pic mémoire Python (tracemalloc) : Charte {ours_peak:.0f} Mo (données lues "
          f"comprises), brut {raw_peak:.0f} Mo (cellules déjà en mémoire)")
    return ok


if __name__ == "__main__":
    import sys

    sys.exit(0 if xlsx_rows(Path(sys.argv[1])) else 1)
