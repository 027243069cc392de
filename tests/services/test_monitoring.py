"""The queries of the tableau de suivi agree with the use cases a screen shows."""

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import DisplayStatus, FundingState
from charte_desktop.services import bodies, monitoring, plans
from charte_desktop.services.actions import ActionFields, create_action, get_action, list_actions
from charte_desktop.services.meetings import get_meeting, list_meetings


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def test_action_extras_match_each_fiche(demo_db: Database) -> None:
    extras = monitoring.action_extras(demo_db)
    for row in list_actions(demo_db):
        action = get_action(demo_db, row.id)
        found = extras[row.id]
        assert sorted(found.copilots) == sorted(c.full_name for c in action.copilots)
        assert sorted(found.partners) == sorted(o.name for o in action.partners)
        assert sorted(found.policies) == sorted(p.code for p in action.policies)
        assert found.description == action.description
        assert found.project_group == (action.project_group.name if action.project_group
                                       else None)
        granted = sum((f.amount for f in action.fundings if f.state is not
                       FundingState.REQUESTED), Decimal(0))
        assert found.funding_granted == granted


def test_milestones_late_by_the_status_rule(demo_db: Database) -> None:
    today = clock.today()
    rows = monitoring.plan_milestones(demo_db, today=today)
    assert rows and any(row.late for row in rows)
    listed = {row.id: row.status for row in list_actions(demo_db, today=today)}
    for row in rows:  # an overdue milestone makes its action late in the list
        assert not row.late or listed[row.action_id] is DisplayStatus.LATE
        if row.done or row.due_date is None or row.due_date >= today:
            assert not row.late


def test_outcomes_of_a_plan_leave_out_other_plans(demo_db: Database) -> None:
    plan_id = plans.list_plans(demo_db)[0].id
    other = plans.create_plan(demo_db, plans.PlanFields(title="Autre plan"))
    create_action(demo_db, ActionFields(plan_id=other.id, code="9", title="X"))
    every = monitoring.plan_outcomes(demo_db)
    total = sum(len(m.decisions) + len(m.follow_ups)
                for m in (get_meeting(demo_db, row.id) for row in list_meetings(demo_db)))
    assert len(every) == total
    assert len(monitoring.plan_outcomes(demo_db, plan_id)) == total  # nothing on "X" yet
    assert monitoring.plan_outcomes(demo_db, other.id) == [
        row for row in every if row.action_code is None]


def test_bodies_by_contact(demo_db: Database) -> None:
    found = bodies.bodies_by_contact(demo_db)
    for body in bodies.list_bodies(demo_db):
        for membership in bodies.current_members(demo_db, body.id):
            assert (body.name, membership.role) in found[membership.contact_id]
