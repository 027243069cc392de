"""The sheets of the tableau de suivi, in their order."""

from openpyxl.workbook import Workbook

from charte_desktop.exports.monitoring.actions_sheet import write_actions
from charte_desktop.exports.monitoring.calendar_sheet import write_calendar
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.indicators_sheets import (
    write_indicators,
    write_measurements,
)
from charte_desktop.exports.monitoring.milestones_sheet import write_milestones
from charte_desktop.exports.monitoring.outcomes_sheet import write_outcomes
from charte_desktop.exports.monitoring.summary_sheet import write_summary
from charte_desktop.exports.progress import SILENT, Progress, parts, reporting
from charte_desktop.exports.xlsx_cells import WorkbookLooks, new_workbook
from charte_desktop.exports.xlsx_cells.saving import _discard

SHEETS = (write_summary, write_actions, write_calendar, write_indicators, write_measurements,
          write_milestones, write_outcomes)

# Each sheet's name for the progress, and its share of the bar (its time on a large plan).
_SHEET_STEPS = {
    write_summary: ("Synthèse", 1), write_actions: ("Actions", 13),
    write_calendar: ("Calendrier", 12), write_indicators: ("Indicateurs", 2),
    write_measurements: ("Mesures", 16), write_milestones: ("Jalons", 20),
    write_outcomes: ("Décisions et suites", 18),
}


def _step_label(index: int, name: str) -> str:
    count = len(SHEETS)
    what = f"Feuille « {name} »" if name else "Feuille"
    return f"{what} ({index} sur {count})…"


def build_workbook(data: MonitoringData, progress: Progress = SILENT) -> Workbook:
    """The workbook, its rows already streamed to temporary files: only `save` is left.

    `progress` steps at each sheet and every few hundred rows inside; stopped there
    (Cancelled), the temporary files are removed and nothing is left.
    """
    workbook = new_workbook(f"Tableau de suivi – {data.title}")
    looks = WorkbookLooks(workbook)
    steps = [_SHEET_STEPS.get(write, ("", 10)) for write in SHEETS]
    sheet_parts = parts(progress, [(_step_label(i, name), weight)
                                   for i, (name, weight) in enumerate(steps, start=1)])
    try:
        for write, part in zip(SHEETS, sheet_parts, strict=True):
            part.step(0, 1)
            with reporting(part if progress is not SILENT else SILENT):
                write(workbook, looks, data)
    except BaseException:
        _discard(workbook)
        raise
    return workbook
