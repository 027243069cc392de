"""Bench row of the Excel import (issue 7): a 2,000-action plan.

Ours: what `charte-desktop import actions FILE plan.xlsx` does (checks of the untrusted
file, reading with formula and error detection, header and mapping, values, the use
case's checks and the one-transaction write into a fresh file), the backup aside.
Floor: a raw openpyxl read-only pass over the same workbook (every value, nothing else).
Target: ratio <= 2. Runs alternate ours and the floor, so that a busy machine slows both.
"""

import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from charte_desktop.db import create_database, open_database

ROW = "Import d'un plan de 2 000 actions (.xlsx)"
ACTIONS = 2000
RUNS = 5
RATIO_TARGET = 2.0
STATUSES = ("À lancer", "En cours", "en cours", "Réalisée", "Suspendue")
PRIORITIES = ("Haute", "Moyenne", "Basse", "")


def build_workbook(path: Path) -> Path:
    """A plan as officers keep it: a title above the header, 20 axes, 60 pilots."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan d'actions")
    sheet.append(["Plan d'actions du banc d'essai 2025-2030"])
    sheet.append([])
    sheet.append(["N°", "Intitulé", "Axe", "Description", "Pilote", "Statut", "Priorité",
                  "Date de début", "Échéance", "Budget prévisionnel"])
    start = date(2025, 1, 6)
    for number in range(ACTIONS):
        axis = number // 100 + 1
        sheet.append([
            f"{axis}.{number % 100 + 1}",
            f"Action n° {number + 1} : aménager et animer le site {number % 37}",
            f"Axe {axis} : orientation stratégique n° {axis}",
            "Description de l'action, de ses partenaires et de ses étapes. " * 2,
            f"Prénom{number % 60} NOM{number % 60}",
            STATUSES[number % len(STATUSES)],
            PRIORITIES[number % len(PRIORITIES)],
            start + timedelta(days=number % 300),
            f"{(number % 28) + 1:02d}/{(number % 12) + 1:02d}/2027",
            f"{(number % 50) * 1000 + 500} €" if number % 2 else (number % 50) * 1000.5,
        ])
    workbook.save(path)
    return path


def raw_pass(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    count = 0
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        count += len(row)
    workbook.close()
    return count


def ours(path: Path, empty: Path, target: Path) -> int:
    from charte_desktop.imports.action_plan import (
        ACTION_FIELDS,
        Target,
        apply_actions,
        preview_actions,
    )
    from charte_desktop.imports.columns import guess_header
    from charte_desktop.imports.table_reader import read_table

    shutil.copyfile(empty, target)
    with open_database(target) as db:
        table = read_table(path)
        preview = preview_actions(db, table, guess_header(table, ACTION_FIELDS), Target(),
                                  check=False)
        result = apply_actions(db, preview)
    return result.actions


def import_rows() -> bool:
    folder = Path(tempfile.mkdtemp(prefix="charte-import-bench-"))
    workbook = build_workbook(folder / "plan.xlsx")
    empty = folder / "vide.sqlite"
    create_database(empty).close()
    target = folder / "charte.sqlite"
    assert ours(workbook, empty, target) == ACTIONS  # warm-up: imports, caches
    raw_pass(workbook)
    ours_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(RUNS):
        for function, times in ((lambda: ours(workbook, empty, target), ours_times),
                                (lambda: raw_pass(workbook), floor_times)):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    mine, floor = statistics.median(ours_times), statistics.median(floor_times)
    ratio = mine / floor
    ok = ratio <= RATIO_TARGET
    print(f"\nImport Excel (médiane de {RUNS})")
    print(f"{ROW} : {mine * 1000:.0f} ms, lecture brute openpyxl {floor * 1000:.0f} ms, "
          f"ratio {ratio:.2f} (cible ≤ {RATIO_TARGET}) {'OK' if ok else 'HORS CIBLE'}")
    shutil.rmtree(folder, ignore_errors=True)
    return ok


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(0 if import_rows() else 1)
