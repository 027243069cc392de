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
from charte_desktop.exports.xlsx_cells import WorkbookLooks, new_workbook

SHEETS = (write_summary, write_actions, write_calendar, write_indicators, write_measurements,
          write_milestones, write_outcomes)


def build_workbook(data: MonitoringData) -> Workbook:
    """The workbook, its rows already streamed to temporary files: only `save` is left."""
    workbook = new_workbook(f"Tableau de suivi – {data.title}")
    looks = WorkbookLooks(workbook)
    for write in SHEETS:
        write(workbook, looks, data)
    return workbook
