"""The tableau de suivi: the Excel workbook the officer brings to every COPIL.

Sheets: Synthèse (counts, budget, co-financing, charts), Actions, Calendrier (a Gantt
chart in cells), Indicateurs, Mesures, Jalons, Décisions et suites. Written in openpyxl's
write-only mode (rows stream to disk: fast, and flat in memory on a large plan), then
moved into place atomically.
Importing this package is cheap: openpyxl is loaded by `write_monitoring_workbook`.
"""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop import clock
from charte_desktop.db import Database

if TYPE_CHECKING:
    from charte_desktop.exports.progress import Progress

KIND = "Tableau de suivi"
# The parts of the bar: reading the plan, the sheets, the save (their time on a large plan).
READ_WRITE_SAVE = (("Lecture du plan…", 20), ("", 73), ("Enregistrement du fichier…", 7))


def suggested_monitoring_name(db: Database, plan_id: int | None = None, *,
                              today: date | None = None) -> str:
    """E.g. "Tableau de suivi - Charte mobilité - 2026-03-14.xlsx"."""
    from charte_desktop.exports.monitoring.data import exported_plans
    from charte_desktop.exports.naming import safe_file_name
    from charte_desktop.services.plans import get_territory

    titles = list(exported_plans(db, plan_id).values())
    if len(titles) == 1:
        what = titles[0]
    else:
        territory = get_territory(db)
        what = territory.name if territory else "tous les plans"
    day = (today or clock.today()).isoformat()
    stem = safe_file_name(what)[:80].rstrip(". ")
    return safe_file_name(f"{KIND} - {stem} - {day}", suffix=".xlsx")


def write_monitoring_workbook(db: Database, target: Path, *, plan_id: int | None = None,
                              today: date | None = None,
                              progress: "Progress | None" = None) -> Path:
    """Write the tableau de suivi of one plan (or of every plan) to `target`; its path.

    An unknown plan is a French CharteError and nothing is written; the file appears
    whole or not at all (a file open in Excel gives a French CharteError too).
    `progress` steps while the plan is read, at each sheet and every few hundred rows;
    stopped (Cancelled) before the save, nothing is written and an older file is kept.
    """
    from charte_desktop.exports.monitoring.data import load_monitoring_data
    from charte_desktop.exports.monitoring.workbook import build_workbook
    from charte_desktop.exports.progress import SILENT, parts
    from charte_desktop.exports.safe_write import check_target
    from charte_desktop.exports.xlsx_cells import save_workbook

    reading, writing, saving = parts(progress or SILENT, READ_WRITE_SAVE)
    target = check_target(target)
    reading.step(0, 1)
    data = load_monitoring_data(db, plan_id, today=today)
    workbook = build_workbook(data, writing)
    try:
        saving.step(0, 1)  # the last moment to stop: the file is then written whole
    except BaseException:
        from charte_desktop.exports.xlsx_cells.saving import _discard

        _discard(workbook)
        raise
    return save_workbook(workbook, target)


__all__ = ["suggested_monitoring_name", "write_monitoring_workbook"]
