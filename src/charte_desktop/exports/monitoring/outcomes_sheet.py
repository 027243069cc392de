"""Sheet "Décisions et suites": what the meetings decided and asked, latest meeting first.

One table for both, with a "Nature" column to filter on: the officer reviews the open
follow-ups (filter "Réalisée" = Non) and the decisions of the last COPIL in one place.
"""

from collections.abc import Iterator
from typing import Any

from openpyxl.workbook import Workbook

from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import colour_late_rows, table_sheet
from charte_desktop.exports.progress import stepped
from charte_desktop.exports.xlsx_cells import (
    WRAPPED_LOW,
    Column,
    Highlight,
    Kind,
    WorkbookLooks,
)
from charte_desktop.services.monitoring import DECISION

LATE, NATURE = "En retard", "Nature"
NATURES = {DECISION: "Décision"}
FOLLOW_UP_LABEL = "Suite à donner"

COLUMNS = [
    Column("Réunion du", Kind.DATE, 11),
    Column("Instance", width=26, look=WRAPPED_LOW),
    Column(NATURE, width=13),
    Column("Texte", width=56, look=WRAPPED_LOW),
    Column("Action concernée", width=34, look=WRAPPED_LOW),
    Column("Responsable", width=20, look=WRAPPED_LOW),
    Column("Échéance", Kind.DATE, 11),
    Column("Réalisée", Kind.YES_NO, 9),
    Column("Date de réalisation", Kind.DATE, 12),
    Column(LATE, Kind.YES_NO, 9),
]


def _rows(data: MonitoringData) -> Iterator[tuple[Any, ...]]:
    for row in data.outcomes:
        action = f"{row.action_code} {row.action_title}" if row.action_code else None
        yield (row.meeting_date, row.body, NATURES.get(row.kind, FOLLOW_UP_LABEL), row.text,
               action, row.owner or None, row.due_date, row.done, row.done_date,
               row.late if row.kind != DECISION else None)


def write_outcomes(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    decisions = sum(row.kind == DECISION for row in data.outcomes)
    follow_ups = len(data.outcomes) - decisions
    what = (f"{decisions} décision{'s' if decisions > 1 else ''}, "
            f"{follow_ups} suite{'s' if follow_ups > 1 else ''} à donner")
    sheet = table_sheet(workbook, looks, data, title="Décisions et suites", what=what,
                        columns=COLUMNS, rows=stepped(_rows(data), len(data.outcomes)),
                        frozen_columns=1)
    sheet.colour_values(NATURE, {NATURES[DECISION]: Highlight(None, bold=True)})
    colour_late_rows(sheet, LATE)
