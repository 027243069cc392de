"""Sheet "Calendrier": the plan's Gantt chart in cells, one column per month.

The same placing as the window's calendar (`services/timeline.py`): actions grouped by
axis, a coloured run of months from the start to the end date in the status colour, a
single marked month when only one date is known ("[" start, "]" end), nothing invented
when there is none; milestones as ◆ (done), ◇ (to come) and a red ◆ (overdue) in their
month; the current month in orange. Progress and status are written beside the title,
since the colours only back the words up.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from openpyxl.formatting.rule import DataBarRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.monitoring.layout import STATUS_COLOURS, footer, subtitle
from charte_desktop.exports.progress import stepped
from charte_desktop.exports.xlsx_cells import (
    HEADER,
    SECTION,
    SUBTITLE,
    TITLE,
    Highlight,
    Look,
    SheetCells,
    WorkbookLooks,
    excel_string,
    highlight_rows,
    prepare_sheet,
    set_row_height,
    set_row_style,
)
from charte_desktop.formatting import MONTH_NAMES
from charte_desktop.services.timeline import (
    Dating,
    Timeline,
    TimelineAction,
    TimelineGroup,
    TimelineMilestone,
)

SHEET = "Calendrier"
# Code, Action, Statut, Début, Fin, Avancement, then the months.
WIDTHS = (8, 44, 11, 11, 11, 12)
TITLE_WIDTH = WIDTHS[1]
MONTH_WIDTH = 3.3
HEADER_ROW = 4  # title, subtitle, years (and the legend), then months
FIRST_MONTH_COLUMN = len(WIDTHS) + 1

DONE_COLOUR = "1A7F37"
DUE_COLOUR = "262626"
OVERDUE_COLOUR = "C00000"
TODAY_FILL = "F4B183"  # the current month's header
TODAY_PALE = "FBE5D6"  # …and its empty cells below
HEADING_FILL = "E7ECF3"
OTHER_YEAR_HEADER = "2E75B6"  # alternate years in the header: where a year ends shows
LEGEND = ("◆ jalon atteint · ◇ jalon à venir · ◆ en rouge : jalon dépassé · "
          "[ début seul · ] fin seule · en orange : le mois en cours")

HEADING = Look(bold=True, fill=HEADING_FILL, vertical="center")
CELL = Look(horizontal="center", vertical="center")
MIDDLE = Look(vertical="center")
ACTION_TITLE = Look(wrap=True, vertical="center")
PROGRESS_BAR = "9DC3E6"
LATE_CODE = MIDDLE.but(bold=True, colour=STATUS_COLOURS[DisplayStatus.LATE].text)
STATUS_LOOKS = {status: MIDDLE.but(fill=c.fill, colour=c.text)
                for status, c in STATUS_COLOURS.items()}


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s."""
    months = []
    month = date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def milestone_marks(milestones: list[TimelineMilestone]) -> tuple[str, str]:
    """The symbols of a month's milestones and their colour (the most urgent one's)."""
    text = "".join("◆" if m.done or m.overdue else "◇" for m in milestones)
    if any(m.overdue for m in milestones):
        return text, OVERDUE_COLOUR
    if all(m.done for m in milestones):
        return text, DONE_COLOUR
    return text, DUE_COLOUR


class CalendarRows:
    """Writes the rows of the sheet, one call per row."""

    def __init__(self, ws: Any, looks: WorkbookLooks, timeline: Timeline,
                 months: list[date]) -> None:
        self.ws = ws
        self.row = HEADER_ROW - 2  # the title and subtitle are written
        self.cells = SheetCells(ws, looks)
        self.timeline = timeline
        self.months = months
        today = timeline.today
        self.today_index = next(
            (i for i, m in enumerate(months) if (m.year, m.month) == (today.year, today.month)),
            None)
        self._looks: dict[tuple[str | None, str | None, bool], Look] = {}

    def _filled(self, look: Look) -> Any:
        """An empty cell with a background."""
        return self.cells.styled(None, look, "n")

    def _append(self, row: list[Any]) -> None:
        self.ws.append(row)
        self.row += 1

    def years_and_legend(self) -> None:
        row: list[Any] = [self.cells.text(LEGEND, SUBTITLE)] + [None] * (len(WIDTHS) - 1)
        for index, month in enumerate(self.months):
            starts_year = month.month == 1 or index == 0
            row.append(self.cells.text(str(month.year), Look(bold=True)) if starts_year
                       else None)
        self._append(row)

    def header(self) -> None:
        row: list[Any] = [self.cells.text(text, HEADER) for text in
                          ("Code", "Action", "Statut", "Début", "Fin", "Avancement")]
        for index, month in enumerate(self.months):
            fill = HEADER.fill if month.year % 2 == 0 else OTHER_YEAR_HEADER
            look = HEADER.but(fill=fill, horizontal="center", wrap=False)
            if index == self.today_index:
                look = look.but(fill=TODAY_FILL, colour="000000")
            row.append(self.cells.text(MONTH_NAMES[month.month - 1][0].upper(), look))
        self._append(row)

    def plan_heading(self, title: str) -> None:
        self._append([self.cells.text(title, SECTION)])

    def group_heading(self, group: TimelineGroup) -> None:
        look = HEADING.but(indent=group.depth)
        # The band across the months is the row's own style (empty cells take it), the
        # current month's column a conditional format over it: one cell, not ninety.
        set_row_style(self.ws, self.row + 1, self.cells.array(HEADING)[1])
        self._append([self.cells.text(group.label, look)])

    def action(self, action: TimelineAction) -> None:
        cells = self.cells
        colours = STATUS_COLOURS[action.status]
        late = action.status is DisplayStatus.LATE
        row: list[Any] = [
            cells.text(action.code, LATE_CODE if late else MIDDLE),
            cells.text(action.title, ACTION_TITLE),
            cells.text(action.status.label, STATUS_LOOKS[action.status]),
            cells.date(action.start_date, MIDDLE),
            cells.date(action.end_date, MIDDLE),
            cells.percent(action.progress / 100, MIDDLE),
        ]
        by_month: dict[int, list[TimelineMilestone]] = {}
        for milestone in action.milestones:
            index = self._index(milestone.due_date)
            if index is not None:
                by_month.setdefault(index, []).append(milestone)
        months: list[Any] = [None] * len(self.months)
        # The months the action covers (from the month of its start to that of its end),
        # or the one month of its only date, marked "[" (start) or "]" (end). The run of
        # a dated action and the current month's column are painted by the sheet's
        # conditional formats (`paint_runs`), read from the dates in D and E: only the
        # marked months are cells here (40,000 fewer on a large plan, and a run that
        # follows the dates if they are changed in the sheet).
        first, last = self._index(action.start_date), self._index(action.end_date)
        mark = {Dating.START_ONLY: "[", Dating.END_ONLY: "]"}.get(action.dating, "")
        if first is None or last is None:
            first = last = first if last is None else last
        covered = range(first, last + 1) if first is not None and last is not None else range(0)
        marked = set(by_month) if action.dating is Dating.SPAN else set(covered) | set(by_month)
        for index in marked:
            fill = colours.fill if index in covered else (
                TODAY_PALE if index == self.today_index else None)
            milestones = by_month.get(index)
            if milestones:
                text, colour = milestone_marks(milestones)
            else:
                text, colour = mark, colours.text
            look = self._look(fill, colour, bool(milestones))
            months[index] = cells.text(text, look) if text else self._filled(look)
        row.extend(months)
        if action.dating is Dating.UNDATED and not by_month:
            # Written in the first month, the words run over the empty months after it.
            row[FIRST_MONTH_COLUMN - 1] = cells.text(
                "dates non renseignées", MIDDLE.but(italic=True, colour="7F7F7F"))
        set_row_height(self.ws, self.row + 1, [(action.title, TITLE_WIDTH)])
        self._append(row)

    def _index(self, day: date | None) -> int | None:
        """The column (from 0) of the month of `day`; None without a day."""
        if day is None:
            return None
        first = self.months[0]
        return (day.year - first.year) * 12 + day.month - first.month

    def _look(self, fill: str | None, colour: str | None, bold: bool) -> Look:
        """A month cell's look, built once (2,000 actions × 84 months of cells)."""
        key = (fill, colour, bold)
        look = self._looks.get(key)
        if look is None:
            look = self._looks[key] = CELL.but(fill=fill, colour=colour, bold=bold)
        return look


def month_date(months: list[date], month_offset: str) -> str:
    """Excel's date of the first day of a month column, `month_offset` months after the
    column's own (an expression: "0", "1"), from the sheet's first month."""
    first = months[0]
    column = f"COLUMN()-{FIRST_MONTH_COLUMN}+{first.month}"
    return f"DATE({first.year},{column}+{month_offset},1)"


def paint_runs(ws: Any, months: list[date], today_index: int | None, last_row: int) -> None:
    """Conditional formats of the month cells: each dated action's run of months in its
    status colour (from its dates in D and E and its status in C, cells we wrote), then
    the current month's column in pale orange. Excel and LibreOffice give the first rule
    added the first say, so a run keeps its colour in the current month."""
    if last_row <= HEADER_ROW:
        return
    top = HEADER_ROW + 1
    grid = (f"{get_column_letter(FIRST_MONTH_COLUMN)}{top}:"
            f"{get_column_letter(FIRST_MONTH_COLUMN + len(months) - 1)}{last_row}")
    covers = (f"COUNT($D{top}:$E{top})=2,$D{top}<{month_date(months, '1')},"
              f"$E{top}>={month_date(months, '0')}")
    for status, colours in STATUS_COLOURS.items():
        formula = f"AND($C{top}={excel_string(status.label)},{covers})"
        highlight_rows(ws, grid, formula, Highlight(colours.fill))
    if today_index is not None:
        column = get_column_letter(FIRST_MONTH_COLUMN + today_index)
        highlight_rows(ws, f"{column}{top}:{column}{last_row}", "TRUE",
                       Highlight(TODAY_PALE))


def _rows(data: MonitoringData, timeline: Timeline) -> Iterator[tuple[str, Any]]:
    """("plan", title), ("group", group) and ("action", action) in sheet order."""
    current_plan: int | None = None
    for group in timeline.groups:
        if data.several_plans and group.plan_id != current_plan:
            current_plan = group.plan_id
            yield "plan", timeline.plans.get(group.plan_id or 0, "")
        yield "group", group
        for action in group.actions:
            yield "action", action


def write_calendar(workbook: Workbook, looks: WorkbookLooks, data: MonitoringData) -> None:
    timeline = data.timeline
    if timeline is None:
        return
    months = month_starts(timeline.first, timeline.last)
    ws = workbook.create_sheet(SHEET)
    last_column = get_column_letter(len(WIDTHS) + len(months))
    prepare_sheet(ws, list(WIDTHS) + [MONTH_WIDTH] * len(months),
                  freeze=f"{get_column_letter(FIRST_MONTH_COLUMN)}{HEADER_ROW + 1}",
                  title_rows=f"{HEADER_ROW - 1}:{HEADER_ROW}", footer=footer(data))
    ws.print_title_cols = "A:B"
    cells = SheetCells(ws, looks)
    count = len(timeline.actions)
    first, last = months[0], months[-1]
    span = (f"de {MONTH_NAMES[first.month - 1]} {first.year} "
            f"à {MONTH_NAMES[last.month - 1]} {last.year}")
    ws.append([cells.text(SHEET, TITLE)])
    ws.append([cells.text(subtitle(data, f"{count} action{'s' if count > 1 else ''}, {span}"),
                          SUBTITLE)])
    writer = CalendarRows(ws, looks, timeline, months)
    writer.years_and_legend()
    writer.header()
    for kind, item in stepped(_rows(data, timeline), count + len(timeline.groups)):
        if kind == "plan":
            writer.plan_heading(item)
        elif kind == "group":
            writer.group_heading(item)
        else:
            writer.action(item)
    ws.print_area = f"A1:{last_column}{writer.row}"
    paint_runs(ws, months, writer.today_index, writer.row)
    if count:  # progress drawn as a bar in its cell, from 0 to 100 %
        progress = get_column_letter(len(WIDTHS))
        ws.conditional_formatting.add(
            f"{progress}{HEADER_ROW + 1}:{progress}{writer.row}",
            DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1,
                        color=PROGRESS_BAR))
