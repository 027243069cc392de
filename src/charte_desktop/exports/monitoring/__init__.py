"""The tableau de suivi: the Excel workbook the officer brings to every COPIL.

Sheets: Synthèse (counts, budget, co-financing, charts), Actions, Calendrier (a Gantt
chart in cells), Indicateurs, Mesures, Jalons, Décisions et suites. Written in openpyxl's
write-only mode (rows stream to disk: fast, and flat in memory on a large plan), then
moved into place atomically.
Importing this package is cheap: openpyxl is loaded by `write_monitoring_workbook`.
"""

from datetime import date
from pathlib import Path

from charte_desktop import clock
from charte_desktop.db import Database

KIND = "Tableau de suivi"


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
                              today: date | None = None) -> Path:
    """Write the tableau de suivi of one plan (or of every plan) to `target`; its path.

    An unknown plan is a French CharteError and nothing is written; the file appears
    whole or not at all (a file open in Excel gives a French CharteError too).
    """
    from charte_desktop.exports.monitoring.data import load_monitoring_data
    from charte_desktop.exports.monitoring.workbook import build_workbook
    from charte_desktop.exports.safe_write import check_target
    from charte_desktop.exports.xlsx_cells import save_workbook

    target = check_target(target)
    data = load_monitoring_data(db, plan_id, today=today)
    return save_workbook(build_workbook(data), target)


__all__ = ["suggested_monitoring_name", "write_monitoring_workbook"]
