"""The plan's calendar: grouping by axis, placing by dates, milestones, lateness, filters."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.models import Action, Contact, Milestone
from charte_desktop.services import actions as svc
from charte_desktop.services.actions import ActionFields, ActionFilter
from charte_desktop.services.plans import (
    AxisFields,
    PlanFields,
    create_axis,
    create_plan,
    list_axes,
    list_plans,
)
from charte_desktop.services.timeline import NO_AXIS_TITLE, Dating, build_timeline
from tests.query_counter import count_selects

TODAY = date(2026, 3, 14)
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


def add(db: Database, *rows: Any) -> None:
    with db.session() as session:
        session.add_all(rows)


def new_action(db: Database, plan_id: int, code: str, **changes: Any) -> Action:
    changes.setdefault("title", f"Action {code}")
    return svc.create_action(db, ActionFields(plan_id, code, **changes))


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(
        db, PlanFields("Charte 2026", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    ).id


def test_groups_follow_the_axis_tree_and_codes_in_natural_order(
    db: Database, plan_id: int
) -> None:
    second = create_axis(db, AxisFields(plan_id, "Mobilités", code="2", position=2))
    first = create_axis(db, AxisFields(plan_id, "Logistique", code="1", position=1))
    sub_b = create_axis(db, AxisFields(plan_id, "Véhicules", code="1.B", parent_id=first.id,
                                       position=2))
    sub_a = create_axis(db, AxisFields(plan_id, "Aires", code="1.A", parent_id=first.id,
                                       position=1))
    create_axis(db, AxisFields(plan_id, "Vide", code="3", position=3))
    for code, axis in (("2.10", second), ("2.9", second), ("1.2", sub_b), ("1.1", sub_a),
                       ("9", None)):
        new_action(db, plan_id, code, axis_id=axis.id if axis else None)

    timeline = build_timeline(db, ActionFilter(plan_id=plan_id), today=TODAY)

    assert [(g.label, g.depth, [a.code for a in g.actions]) for g in timeline.groups] == [
        ("1 Logistique", 0, []),  # heading of its sub-axes
        ("1.A Aires", 1, ["1.1"]),
        ("1.B Véhicules", 1, ["1.2"]),
        ("2 Mobilités", 0, ["2.9", "2.10"]),
        (NO_AXIS_TITLE, 0, ["9"]),  # the empty axis 3 is left out
    ]
    assert [a.code for a in timeline.actions] == ["1.1", "1.2", "2.9", "2.10", "9"]


def test_each_action_is_placed_by_the_dates_it_has(db: Database, plan_id: int) -> None:
    spring, autumn = date(2026, 4, 1), date(2026, 10, 31)
    new_action(db, plan_id, "1", start_date=spring, end_date=autumn)
    new_action(db, plan_id, "2", start_date=spring)
    new_action(db, plan_id, "3", end_date=autumn)
    new_action(db, plan_id, "4")

    found = {a.code: a for a in build_timeline(db, ActionFilter(plan_id=plan_id),
                                               today=TODAY).actions}

    assert found["1"].dating is Dating.SPAN
    assert (found["1"].start_date, found["1"].end_date) == (spring, autumn)
    assert found["2"].dating is Dating.START_ONLY and found["2"].end_date is None
    assert found["3"].dating is Dating.END_ONLY and found["3"].start_date is None
    assert found["4"].dating is Dating.UNDATED  # listed all the same


def test_milestones_are_done_due_or_overdue(db: Database, plan_id: int) -> None:
    active = new_action(db, plan_id, "1", status=ActionStatus.IN_PROGRESS)
    suspended = new_action(db, plan_id, "2", status=ActionStatus.SUSPENDED)
    add(
        db,
        Milestone(action_id=active.id, title="Prévu", due_date=TOMORROW),
        Milestone(action_id=active.id, title="Sans date", due_date=None),
        Milestone(action_id=active.id, title="Dépassé", due_date=YESTERDAY),
        Milestone(action_id=active.id, title="Atteint", due_date=YESTERDAY - timedelta(days=9),
                  done=True),
        Milestone(action_id=active.id, title="Aujourd'hui", due_date=TODAY),
        Milestone(action_id=suspended.id, title="En pause", due_date=YESTERDAY),
    )

    found = {a.code: a for a in build_timeline(db, ActionFilter(plan_id=plan_id),
                                               today=TODAY).actions}

    marks = [(m.title, m.done, m.overdue) for m in found["1"].milestones]
    assert marks == [  # by due date, undated last
        ("Atteint", True, False),
        ("Dépassé", False, True),
        ("Aujourd'hui", False, False),  # due today is not overdue yet
        ("Prévu", False, False),
        ("Sans date", False, False),
    ]
    assert found["1"].late and found["1"].status is DisplayStatus.LATE
    # A suspended action is never late, nor are its milestones overdue (status.py's rule).
    assert [m.overdue for m in found["2"].milestones] == [False]
    assert not found["2"].late and found["2"].status is DisplayStatus.SUSPENDED


def test_progress_pilot_and_late_end_date(db: Database, plan_id: int) -> None:
    with db.session() as session:
        pilot = Contact(first_name="Claire", last_name="Martin")
        session.add(pilot)
        session.flush()
        pilot_id = pilot.id
    new_action(db, plan_id, "1", status=ActionStatus.IN_PROGRESS, progress=40,
               pilot_id=pilot_id, start_date=date(2026, 1, 5), end_date=YESTERDAY)
    new_action(db, plan_id, "2", status=ActionStatus.DONE, progress=100, end_date=YESTERDAY)

    first, second = build_timeline(db, ActionFilter(plan_id=plan_id), today=TODAY).actions

    assert (first.progress, first.pilot_name, first.late) == (40, "Claire Martin", True)
    assert (second.progress, second.pilot_name, second.late) == (100, None, False)


def test_bounds_cover_the_period_and_every_date(db: Database, plan_id: int) -> None:
    timeline = build_timeline(db, ActionFilter(plan_id=plan_id), today=TODAY)
    assert (timeline.first, timeline.last) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (timeline.period_start, timeline.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    # The file's only plan: "every plan" has its period too.
    assert build_timeline(db, today=TODAY).period_end == date(2026, 12, 31)

    action = new_action(db, plan_id, "1", start_date=date(2025, 11, 3))
    add(db, Milestone(action_id=action.id, title="Bilan", due_date=date(2027, 2, 1)))
    timeline = build_timeline(db, ActionFilter(plan_id=plan_id), today=TODAY)
    assert (timeline.first, timeline.last) == (date(2025, 11, 3), date(2027, 2, 1))


def test_without_any_date_the_calendar_shows_the_current_year(db: Database) -> None:
    plan = create_plan(db, PlanFields("Charte sans période")).id
    new_action(db, plan, "1")
    timeline = build_timeline(db, ActionFilter(plan_id=plan), today=TODAY)
    assert (timeline.first, timeline.last) == (date(2026, 1, 1), date(2026, 12, 31))
    assert [a.code for a in timeline.actions] == ["1"]


@pytest.fixture
def demo_db(demo: Path) -> Any:
    database = open_database(demo)
    yield database
    database.close()


def demo_filters(db: Database) -> list[ActionFilter]:
    plan = list_plans(db)[0].id
    axis = next(a for a in list_axes(db, plan) if a.parent_id is None).id
    with db.session() as session:
        pilot = session.query(Action.pilot_id).filter(Action.pilot_id.is_not(None)).first()[0]
    return [
        ActionFilter(plan_id=plan),
        ActionFilter(plan_id=plan, axis_id=axis),
        ActionFilter(plan_id=plan, status=DisplayStatus.LATE),
        ActionFilter(plan_id=plan, status=DisplayStatus.IN_PROGRESS),
        ActionFilter(plan_id=plan, pilot_id=pilot),
        ActionFilter(plan_id=plan, policy_id=1),
        ActionFilter(),
    ]


def test_shows_the_same_actions_and_statuses_as_the_list(demo_db: Database) -> None:
    for filters in demo_filters(demo_db):
        for today in (date(2026, 1, 1), date(2026, 11, 21), date(2028, 6, 1)):
            listed = svc.list_actions(demo_db, filters, today=today)
            shown = build_timeline(demo_db, filters, today=today).actions
            assert sorted((r.id, r.status, r.progress) for r in listed) == sorted(
                (a.id, a.status, a.progress) for a in shown
            ), filters


def test_three_queries_whatever_the_number_of_actions(db: Database, plan_id: int) -> None:
    axis = create_axis(db, AxisFields(plan_id, "Axe", code="1"))
    sub = create_axis(db, AxisFields(plan_id, "Sous-axe", code="1.1", parent_id=axis.id))
    for number in range(30):
        action = new_action(db, plan_id, str(number), axis_id=sub.id if number % 2 else axis.id,
                            status=ActionStatus.IN_PROGRESS)
        add(db, *(Milestone(action_id=action.id, title=f"J{n}", due_date=YESTERDAY)
                  for n in range(3)))
    with count_selects(db) as statements:
        timeline = build_timeline(
            db, ActionFilter(plan_id=plan_id, status=DisplayStatus.LATE), today=TODAY,
        )
    assert len(timeline.actions) == 30
    assert all(len(a.milestones) == 3 for a in timeline.actions)
    assert len(statements) == 3  # the plan and its axes, the list's rows, the milestones


def test_every_plan_comes_with_its_own_axes_and_actions_without_axis(
    db: Database, plan_id: int
) -> None:
    other = create_plan(db, PlanFields("Plan climat")).id
    for plan in (plan_id, other):
        axis = create_axis(db, AxisFields(plan, "Axe", code="1"))
        new_action(db, plan, "1.1", axis_id=axis.id)
        new_action(db, plan, "9")

    timeline = build_timeline(db, today=TODAY)

    assert timeline.plans == {plan_id: "Charte 2026", other: "Plan climat"}
    assert [(g.plan_id, g.label, [a.code for a in g.actions]) for g in timeline.groups] == [
        (plan_id, "1 Axe", ["1.1"]),
        (plan_id, NO_AXIS_TITLE, ["9"]),
        (other, "1 Axe", ["1.1"]),
        (other, NO_AXIS_TITLE, ["9"]),
    ]
    assert (timeline.period_start, timeline.period_end) == (None, None)
