"""The first screen's sqlite3 reads return what the SQLAlchemy use cases return."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.services import first_screen, plans
from charte_desktop.services.action_details import MilestoneFields, create_milestone
from charte_desktop.services.actions import ActionFields, ActionFilter, create_action, list_actions


def same_as_use_cases(db: Database, today: date) -> None:
    connection = connect_sqlite(db.path, read_only=True)
    try:
        expected_plans = [(p.id, p.title) for p in plans.list_plans(db)]
        assert [(p.id, p.title) for p in first_screen.read_plans(connection)] == expected_plans
        for plan_id, _title in expected_plans:
            assert [(a.id, a.parent_id, a.code, a.title)
                    for a in first_screen.read_axes(connection, plan_id)] == [
                (a.id, a.parent_id, a.code, a.title) for a in plans.list_axes(db, plan_id)]
            assert first_screen.read_actions(connection, plan_id, today=today) == list_actions(
                db, ActionFilter(plan_id=plan_id), today=today)
    finally:
        connection.close()


@pytest.mark.parametrize("shift", [-800, -200, 0, 90, 400, 1500])
def test_demo_territory_reads_the_same_on_any_day(demo: Path, shift: int) -> None:
    db = open_database(demo)
    try:
        same_as_use_cases(db, clock.today() + timedelta(days=shift))
    finally:
        db.close()


@pytest.mark.file_only  # the first screen reads the file with sqlite3
def test_edge_cases_read_the_same(db: Database) -> None:
    """No pilot, no axis, no dates, nested axes, an undated plan, overdue milestones."""
    undated = plans.create_plan(db, plans.PlanFields("Sans période"))
    dated = plans.create_plan(db, plans.PlanFields("Plan daté", date(2025, 1, 1)))
    axis = plans.create_axis(db, plans.AxisFields(dated.id, "Mobilité", "1", position=2))
    sub = plans.create_axis(db, plans.AxisFields(dated.id, "Vélo", "1.1", parent_id=axis.id))
    other = plans.create_axis(db, plans.AxisFields(dated.id, "Climat", "2", position=1))
    today = date(2026, 3, 14)
    create_action(db, ActionFields(undated.id, "10", "Sans rien"))
    create_action(db, ActionFields(dated.id, "1.10", "Pistes", axis_id=sub.id,
                                   end_date=today - timedelta(days=1),
                                   budget_planned=Decimal("1234.5")))
    milestone_late = create_action(db, ActionFields(
        dated.id, "1.9", "Atelier", axis_id=axis.id, status=ActionStatus.IN_PROGRESS))
    create_milestone(db, MilestoneFields(milestone_late.id, "Réunion",
                                         today - timedelta(days=3)))
    create_action(db, ActionFields(dated.id, "2.1", "Finie", axis_id=other.id,
                                   status=ActionStatus.DONE, end_date=date(2020, 1, 1)))
    same_as_use_cases(db, today)

    connection = connect_sqlite(db.path, read_only=True)
    try:
        rows = first_screen.read_actions(connection, dated.id, today=today)
        axes = first_screen.read_axes(connection, dated.id)
    finally:
        connection.close()
    assert [row.code for row in rows] == ["1.9", "1.10", "2.1"]
    assert [row.status for row in rows] == [DisplayStatus.LATE, DisplayStatus.LATE,
                                            DisplayStatus.DONE]
    assert [a.title for a in axes] == ["Climat", "Mobilité", "Vélo"]
    assert first_screen.subtree_ids(axes, axis.id) == {axis.id, sub.id}
