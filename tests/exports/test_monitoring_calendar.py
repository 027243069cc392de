"""The tableau de suivi's "Calendrier" sheet read back: one column per month, the actions'
months coloured, milestones marked, the current month in orange."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.models import Milestone
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.exports.monitoring.calendar_sheet import (
    DONE_COLOUR,
    FIRST_MONTH_COLUMN,
    HEADER_ROW,
    HEADING_FILL,
    OVERDUE_COLOUR,
    TODAY_FILL,
    TODAY_PALE,
)
from charte_desktop.exports.monitoring.layout import STATUS_COLOURS
from charte_desktop.services.actions import ActionFields, create_action
from charte_desktop.services.plans import PlanFields, create_plan
from charte_desktop.services.timeline import build_timeline
from tests.exports.shown_fill import shown_fill
from tests.exports.xlsx_reading import open_xlsx

TODAY = date(2026, 3, 14)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    from charte_desktop.db import create_database

    database = create_database(tmp_path / "charte.sqlite")
    yield database
    database.close()


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte 2026", period_start=date(2026, 1, 1),
                                      period_end=date(2026, 12, 31))).id


def calendar(db: Database, tmp_path: Path, **kwargs: Any) -> Any:
    path = write_monitoring_workbook(db, tmp_path / "suivi.xlsx", today=TODAY, **kwargs)
    return open_xlsx(path)["Calendrier"]


def rgb(cell: Any) -> str | None:
    """The background seen: the cell's own, or painted by the sheet's rules."""
    return shown_fill(cell.parent, cell)


def month_cells(ws: Any, row: int) -> list[Any]:
    (cells,) = ws.iter_rows(min_row=row, max_row=row, min_col=FIRST_MONTH_COLUMN,
                            max_col=ws.max_column)
    return list(cells)


def action_row(ws: Any, code: str) -> int:
    return next(row[0].row for row in ws.iter_rows(min_row=HEADER_ROW + 1)
                if row[0].value == code)


def test_one_column_per_month_of_the_period_with_french_initials(
    db: Database, plan_id: int, tmp_path: Path
) -> None:
    create_action(db, ActionFields(plan_id, "1", "Action", start_date=date(2026, 2, 1),
                                   end_date=date(2026, 4, 30)))
    ws = calendar(db, tmp_path, plan_id=plan_id)
    header = [cell.value for cell in month_cells(ws, HEADER_ROW)]
    assert header == list("JFMAMJJASOND")
    assert month_cells(ws, HEADER_ROW - 1)[0].value == "2026"
    assert ws.cell(HEADER_ROW, 1).value == "Code" and ws.cell(HEADER_ROW, 2).value == "Action"
    march = month_cells(ws, HEADER_ROW)[2]
    assert rgb(march) == TODAY_FILL  # the current month
    assert ws.freeze_panes == f"G{HEADER_ROW + 1}"
    assert ws.print_title_rows == f"${HEADER_ROW - 1}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape"
    assert "janvier 2026 à décembre 2026" in ws["A2"].value


def test_months_of_the_action_take_its_status_colour_and_milestones_their_mark(
    db: Database, plan_id: int, tmp_path: Path
) -> None:
    action = create_action(db, ActionFields(
        plan_id, "2.3", "Vélos en location", status=ActionStatus.IN_PROGRESS, progress=40,
        start_date=date(2026, 2, 15), end_date=date(2026, 6, 3)))
    with db.session() as session:
        session.add_all([
            Milestone(action_id=action.id, title="Achat", due_date=date(2026, 2, 20),
                      done=True),
            Milestone(action_id=action.id, title="Ouverture", due_date=date(2026, 3, 1)),
            Milestone(action_id=action.id, title="Bilan", due_date=date(2026, 5, 5)),
        ])
    ws = calendar(db, tmp_path, plan_id=plan_id)
    row = action_row(ws, "2.3")
    assert [ws.cell(row, c).value for c in range(1, 4)] == ["2.3", "Vélos en location",
                                                           "En retard"]
    assert ws.cell(row, 6).value == 0.4 and ws.cell(row, 4).is_date
    late = STATUS_COLOURS[DisplayStatus.LATE].fill  # the March milestone is overdue
    fills = [rgb(cell) for cell in month_cells(ws, row)]
    assert fills[:7] == [None, late, late, late, late, late, None]
    marks = [(cell.value, cell.font.color.rgb[-6:] if cell.value else None)
             for cell in month_cells(ws, row)[:6]]
    assert marks[1] == ("◆", DONE_COLOUR)
    assert marks[2] == ("◆", OVERDUE_COLOUR)
    assert marks[4][0] == "◇"


def test_runs_are_painted_from_the_dates_and_follow_them_when_changed(
    db: Database, plan_id: int, tmp_path: Path
) -> None:
    create_action(db, ActionFields(plan_id, "1", "Vélos", status=ActionStatus.DONE,
                                   progress=100, start_date=date(2026, 1, 10),
                                   end_date=date(2026, 2, 3)))
    ws = calendar(db, tmp_path, plan_id=plan_id)
    row = action_row(ws, "1")
    done = STATUS_COLOURS[DisplayStatus.DONE].fill
    assert all(cell.value is None for cell in month_cells(ws, row))  # no cell per month
    assert [rgb(cell) for cell in month_cells(ws, row)][:4] == [done, done, TODAY_PALE, None]
    ws.cell(row, 5).value = date(2026, 4, 30)  # the end moved in the sheet: the run follows
    assert [rgb(cell) for cell in month_cells(ws, row)][:5] == [done] * 4 + [None]
    heading = row - 1  # "Sans axe": a band across the months, the current one pale
    assert ws.cell(heading, 1).value == "Sans axe"
    band = [rgb(cell) for cell in month_cells(ws, heading)]
    assert band[:4] == [HEADING_FILL, HEADING_FILL, TODAY_PALE, HEADING_FILL]


def test_one_date_is_one_marked_month_and_none_is_said(
    db: Database, plan_id: int, tmp_path: Path
) -> None:
    create_action(db, ActionFields(plan_id, "1", "Début seul", start_date=date(2026, 9, 1)))
    create_action(db, ActionFields(plan_id, "2", "Fin seule", end_date=date(2026, 11, 30)))
    create_action(db, ActionFields(plan_id, "3", "=HYPERLINK(\"http://x\")"))
    ws = calendar(db, tmp_path, plan_id=plan_id)
    start_only = [c.value for c in month_cells(ws, action_row(ws, "1"))]
    assert start_only[8] == "[" and [v for v in start_only if v] == ["["]
    end_only = [c.value for c in month_cells(ws, action_row(ws, "2"))]
    assert end_only[10] == "]" and [v for v in end_only if v] == ["]"]
    undated = action_row(ws, "3")
    assert ws.cell(undated, FIRST_MONTH_COLUMN).value == "dates non renseignées"
    assert ws.cell(undated, 2).value == "=HYPERLINK(\"http://x\")"
    assert ws.cell(undated, 2).data_type == "s"  # user text never becomes a formula


def test_axes_group_the_actions_as_in_the_window(demo: Path, tmp_path: Path) -> None:
    with open_database(demo) as db:
        timeline = build_timeline(db, today=TODAY)
        ws = calendar(db, tmp_path)
    firsts = [row[0].value for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[0].value]
    expected = []
    for group in timeline.groups:
        expected.append(group.label)
        expected.extend(action.code for action in group.actions)
    assert firsts == expected
    assert "1.A Aires et horaires de livraison" in firsts


def test_every_plan_under_its_own_title(db: Database, plan_id: int, tmp_path: Path) -> None:
    other = create_plan(db, PlanFields("Plan climat")).id
    create_action(db, ActionFields(plan_id, "1", "Mobilité", end_date=date(2026, 5, 1)))
    create_action(db, ActionFields(other, "1", "Climat", end_date=date(2027, 5, 1)))
    ws = calendar(db, tmp_path)
    firsts = [row[0].value for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[0].value]
    assert firsts == ["Charte 2026", "Sans axe", "1", "Plan climat", "Sans axe", "1"]


def test_an_empty_plan_gives_a_calendar_of_its_year(db: Database, tmp_path: Path) -> None:
    plan = create_plan(db, PlanFields("Plan vide")).id
    ws = calendar(db, tmp_path, plan_id=plan)
    assert [cell.value for cell in month_cells(ws, HEADER_ROW)] == list("JFMAMJJASOND")
    assert ws.max_row == HEADER_ROW and "0 action" in ws["A2"].value
