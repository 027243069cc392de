"""Fiches action: the rules of the form, the late status, filters, duplicates, cascades."""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import (
    ActionStatus,
    BodyKind,
    Dimension,
    DisplayStatus,
    FundingState,
    IndicatorKind,
    Priority,
)
from charte_desktop.db.models import (
    Action,
    ActionNote,
    Body,
    Contact,
    Funding,
    Indicator,
    Milestone,
    Organisation,
    Policy,
    PriorityCriterion,
    PriorityScore,
    action_policy,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import actions as svc
from charte_desktop.services.action_rows import natural_key
from charte_desktop.services.actions import ActionFields, ActionFilter
from charte_desktop.services.plans import AxisFields, PlanFields, create_axis, create_plan
from charte_desktop.services.status import display_status_expression, display_statuses
from charte_desktop.text import fold
from tests.query_counter import count_selects

TODAY = date(2025, 3, 14)
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


# --- helpers ------------------------------------------------------------------------------


def add(db: Database, *rows: Any) -> list[int]:
    with db.session() as session:
        session.add_all(rows)
        session.flush()
        return [getattr(row, "id", 0) for row in rows]


def contact(db: Database, first: str = "Claire", last: str = "Martin") -> int:
    return add(db, Contact(first_name=first, last_name=last))[0]


def organisation(db: Database, name: str = "Région") -> int:
    return add(db, Organisation(name=name))[0]


def policy_id(db: Database, code: str) -> int:
    with db.session() as session:
        return session.scalars(select(Policy.id).where(Policy.code == code)).one()


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte 2025-2030")).id


def new_action(db: Database, plan_id: int, code: str = "1.1", **changes: Any) -> Action:
    changes.setdefault("title", f"Action {code}")
    return svc.create_action(db, ActionFields(plan_id, code, **changes))


def codes(rows: list[svc.ActionRow]) -> list[str]:
    return [row.code for row in rows]


@contextmanager
def expect_error(field: str, *words: str) -> Iterator[None]:
    """Expect a CharteError naming `field`, whose French message holds `words`."""
    with pytest.raises(CharteError) as info:
        yield
    assert info.value.field == field, info.value.message
    for word in words:
        assert word in info.value.message


# --- create, read, update ------------------------------------------------------------------


def test_create_then_get_returns_every_field_and_relation(db: Database, plan_id: int) -> None:
    axis = create_axis(db, AxisFields(plan_id, "Mobilités", code="2"))
    pilot = contact(db, "Claire", "Martin")
    copilots = [contact(db, "Ali", "Benali"), contact(db, "Jeanne", "Durand")]
    partners = [organisation(db, "ADEME"), organisation(db, "Département")]
    group = add(db, Body(kind=BodyKind.PROJECT_GROUP, name="Groupe vélo"))[0]
    fields = ActionFields(
        plan_id=plan_id,
        code=" 2.3 ",
        title="  Schéma cyclable  ",
        description="Relier les bourgs.",
        axis_id=axis.id,
        status=ActionStatus.IN_PROGRESS,
        priority=Priority.HIGH,
        pilot_id=pilot,
        copilot_ids=copilots,
        partner_ids=partners,
        policy_ids=[policy_id(db, "PDM"), policy_id(db, "PCAET")],
        project_group_id=group,
        start_date=date(2025, 1, 1),
        end_date=date(2026, 12, 31),
        progress=40,
        budget_planned="150000.505",
        budget_committed=Decimal("20000"),
        budget_spent=1200,
    )
    created = svc.create_action(db, fields)

    action = svc.get_action(db, created.id)

    assert (action.code, action.title) == ("2.3", "Schéma cyclable")
    assert action.status is ActionStatus.IN_PROGRESS
    assert action.priority is Priority.HIGH
    assert action.axis is not None and action.axis.title == "Mobilités"
    assert action.pilot is not None and action.pilot.full_name == "Claire Martin"
    assert [c.id for c in action.copilots] == copilots
    assert sorted(p.name for p in action.partners) == ["ADEME", "Département"]
    assert sorted(p.code for p in action.policies) == ["PCAET", "PDM"]
    assert action.project_group is not None and action.project_group.name == "Groupe vélo"
    assert action.budget_planned == Decimal("150000.51")  # rounded half up to the cent
    assert action.budget_committed == Decimal("20000.00")
    assert action.budget_spent == Decimal("1200.00")
    # Everything a form reads is loaded: no lazy load after the session.
    assert action.milestones == [] and action.fundings == [] and action.notes == []
    assert action.scores == [] and action.indicators == [] and action.plan.id == plan_id


def test_update_replaces_fields_and_relation_lists(db: Database, plan_id: int) -> None:
    first, second = contact(db, "A", "Un"), contact(db, "B", "Deux")
    action = new_action(db, plan_id, copilot_ids=[first], policy_ids=[policy_id(db, "PLH")])

    fields = ActionFields(plan_id, "1.1", "Nouveau titre", copilot_ids=[second], policy_ids=[])
    svc.update_action(db, action.id, fields)

    reloaded = svc.get_action(db, action.id)
    assert reloaded.title == "Nouveau titre"
    assert [c.id for c in reloaded.copilots] == [second]
    assert reloaded.policies == []


def test_a_refused_update_changes_nothing(db: Database, plan_id: int) -> None:
    action = new_action(db, plan_id, progress=10)
    bad = ActionFields(plan_id, "1.1", "Titre changé", progress=150)
    with pytest.raises(CharteError):
        svc.update_action(db, action.id, bad)
    reloaded = svc.get_action(db, action.id)
    assert (reloaded.title, reloaded.progress) == ("Action 1.1", 10)


def test_unknown_action_is_a_french_error(db: Database) -> None:
    with pytest.raises(CharteError, match="L'action n° 99 est introuvable"):
        svc.get_action(db, 99)


# --- rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"code": "   "}, "code", ("« Code »", "obligatoire")),
        ({"title": ""}, "title", ("« Intitulé »", "obligatoire")),
        ({"code": "x" * 21}, "code", ("« Code »", "trop long")),
        ({"progress": 101}, "progress", ("« Avancement »", "0 et 100")),
        ({"progress": -1}, "progress", ("« Avancement »",)),
        ({"budget_planned": "-0.01"}, "budget_planned", ("« Budget prévu »", "négatif")),
        ({"budget_committed": -5}, "budget_committed", ("« Budget engagé »", "négatif")),
        ({"budget_spent": "beaucoup"}, "budget_spent", ("« Budget dépensé »", "montant")),
        (
            {"start_date": date(2025, 6, 1), "end_date": date(2025, 5, 31)},
            "end_date",
            ("« Date de fin »", "« Date de début »", "31/05/2025"),
        ),
        ({"status": DisplayStatus.LATE}, "status", ("« Statut »", "calculé")),
        ({"pilot_id": 999}, "pilot_id", ("contact n° 999",)),
        ({"copilot_ids": [999]}, "copilot_ids", ("contact n° 999",)),
        ({"partner_ids": [999]}, "partner_ids", ("structure n° 999",)),
        ({"policy_ids": [999]}, "policy_ids", ("politique publique n° 999",)),
        ({"project_group_id": 999}, "project_group_id", ("instance n° 999",)),
        ({"axis_id": 999}, "axis_id", ("axe n° 999",)),
    ],
)
def test_each_rule_has_its_french_message_and_field(
    db: Database, plan_id: int, changes: dict[str, Any], field: str, words: tuple[str, ...]
) -> None:
    fields = replace(ActionFields(plan_id, "1.1", "Titre"), **changes)
    with expect_error(field, *words):
        svc.create_action(db, fields)
    assert svc.list_actions(db) == []


def test_end_date_equal_to_start_date_is_accepted(db: Database, plan_id: int) -> None:
    action = new_action(db, plan_id, start_date=TODAY, end_date=TODAY)
    assert action.end_date == TODAY


def test_code_is_unique_within_a_plan_only(db: Database, plan_id: int) -> None:
    new_action(db, plan_id, "2.3")
    with expect_error("code", "« Code »", "« 2.3 »", "« Action 2.3 »"):
        svc.create_action(db, ActionFields(plan_id, "2.3", "Autre"))
    other_plan = create_plan(db, PlanFields("Autre plan")).id
    assert new_action(db, other_plan, "2.3").code == "2.3"


def test_an_action_keeps_its_own_code_on_update(db: Database, plan_id: int) -> None:
    action = new_action(db, plan_id, "2.3")
    updated = svc.update_action(db, action.id, ActionFields(plan_id, "2.3", "Renommée"))
    assert updated.title == "Renommée"
    other = new_action(db, plan_id, "2.4")
    with expect_error("code", "« Code »"):
        svc.update_action(db, other.id, ActionFields(plan_id, "2.3", "Doublon"))


def test_axis_must_belong_to_the_action_plan(db: Database, plan_id: int) -> None:
    other_plan = create_plan(db, PlanFields("Autre plan")).id
    foreign_axis = create_axis(db, AxisFields(other_plan, "Habitat"))
    with expect_error("axis_id", "« Habitat »", "autre plan"):
        new_action(db, plan_id, axis_id=foreign_axis.id)


def test_unknown_plan_is_refused(db: Database) -> None:
    with pytest.raises(CharteError, match="Le plan n° 42 est introuvable"):
        svc.create_action(db, ActionFields(42, "1", "Titre"))


_codes: Iterator[int] = itertools.count()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.tuples(*[st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)] * 3)
)
def test_budgets_round_trip_exactly_to_the_cent(
    db: Database, plan_id: int, amounts: tuple[Decimal, Decimal, Decimal]
) -> None:
    planned, committed, spent = amounts
    code = f"H{next(_codes)}"
    action = svc.create_action(
        db,
        ActionFields(
            plan_id,
            code,
            "Budget",
            budget_planned=planned,
            budget_committed=committed,
            budget_spent=spent,
        ),
    )
    row = next(r for r in svc.list_actions(db, ActionFilter(plan_id=plan_id)) if r.code == code)
    assert (row.budget_planned, row.budget_committed, row.budget_spent) == amounts
    stored = svc.get_action(db, action.id)
    assert (stored.budget_planned, stored.budget_committed, stored.budget_spent) == amounts


# --- the late rule -------------------------------------------------------------------------


LATE_CASES = [
    # (status, end_date, milestones as (due_date, done), late?)
    (ActionStatus.IN_PROGRESS, TODAY, [], False),
    (ActionStatus.IN_PROGRESS, YESTERDAY, [], True),
    (ActionStatus.TO_START, YESTERDAY, [], True),
    (ActionStatus.IN_PROGRESS, TOMORROW, [], False),
    (ActionStatus.IN_PROGRESS, None, [], False),
    (ActionStatus.DONE, YESTERDAY, [], False),
    (ActionStatus.SUSPENDED, YESTERDAY, [(YESTERDAY, False)], False),
    (ActionStatus.ABANDONED, YESTERDAY, [], False),
    (ActionStatus.IN_PROGRESS, TOMORROW, [(YESTERDAY, False)], True),
    (ActionStatus.IN_PROGRESS, TOMORROW, [(YESTERDAY, True)], False),
    (ActionStatus.IN_PROGRESS, TOMORROW, [(TODAY, False)], False),
    (ActionStatus.TO_START, None, [(None, False), (YESTERDAY, False)], True),
    (ActionStatus.TO_START, None, [(None, False)], False),
]


@pytest.mark.parametrize(("status", "end", "milestones", "late"), LATE_CASES)
def test_late_rule_is_the_same_in_the_list_the_filter_the_counts_and_the_fiche(
    db: Database,
    plan_id: int,
    status: ActionStatus,
    end: date | None,
    milestones: list[tuple[date | None, bool]],
    late: bool,
) -> None:
    action = new_action(db, plan_id, status=status, end_date=end)
    add(db, *(Milestone(action_id=action.id, title="J", due_date=d, done=k) for d, k in milestones))
    expected = DisplayStatus.LATE if late else DisplayStatus(status.value)

    with db.session() as session:
        assert display_statuses(session, [action.id], today=TODAY) == {action.id: expected}
    [row] = svc.list_actions(db, today=TODAY)
    assert (row.status, row.stored_status) == (expected, status)
    assert codes(svc.late_actions(db, today=TODAY)) == (["1.1"] if late else [])
    with db.session() as session:
        shown = session.scalars(select(display_status_expression(TODAY))).one()
    assert DisplayStatus(shown) is expected


def test_late_is_judged_against_today_by_default(db: Database, plan_id: int) -> None:
    new_action(db, plan_id, "A", end_date=clock.today() - timedelta(days=1))
    new_action(db, plan_id, "B", end_date=clock.today())
    assert codes(svc.late_actions(db)) == ["A"]


def test_late_actions_come_from_every_plan(db: Database, plan_id: int) -> None:
    other_plan = create_plan(db, PlanFields("Autre plan")).id
    new_action(db, plan_id, "1", end_date=YESTERDAY)
    new_action(db, other_plan, "2", end_date=YESTERDAY)
    new_action(db, other_plan, "3", end_date=TOMORROW)
    assert codes(svc.late_actions(db, today=TODAY)) == ["1", "2"]


# --- listing and filters -------------------------------------------------------------------


def test_rows_carry_axis_and_pilot_and_come_in_natural_code_order(
    db: Database, plan_id: int
) -> None:
    axis = create_axis(db, AxisFields(plan_id, "Mobilités", code="2"))
    pilot = contact(db, "Claire", "Martin")
    for code in ("2.10", "2.9", "10", "2.1", "9", "A.2"):
        new_action(db, plan_id, code, axis_id=axis.id, pilot_id=pilot)
    new_action(db, plan_id, "1.1")

    rows = svc.list_actions(db, ActionFilter(plan_id=plan_id))

    assert codes(rows) == ["1.1", "2.1", "2.9", "2.10", "9", "10", "A.2"]
    row = next(r for r in rows if r.code == "2.9")
    assert (row.axis_id, row.axis_code, row.axis_title) == (axis.id, "2", "Mobilités")
    assert (row.pilot_id, row.pilot_name) == (pilot, "Claire Martin")
    unassigned = rows[0]
    assert (unassigned.axis_title, unassigned.pilot_name) == (None, None)


def test_rows_are_grouped_by_plan(db: Database, plan_id: int) -> None:
    other_plan = create_plan(db, PlanFields("Autre plan")).id
    new_action(db, other_plan, "1")
    new_action(db, plan_id, "2")
    new_action(db, plan_id, "1")
    rows = svc.list_actions(db)
    assert [(r.plan_id, r.code) for r in rows] == [
        (plan_id, "1"),
        (plan_id, "2"),
        (other_plan, "1"),
    ]
    assert codes(svc.list_actions(db, ActionFilter(plan_id=other_plan))) == ["1"]


def test_axis_filter_includes_every_level_of_sub_axes(db: Database, plan_id: int) -> None:
    axis = create_axis(db, AxisFields(plan_id, "Axe 1"))
    sub = create_axis(db, AxisFields(plan_id, "Axe 1.1", parent_id=axis.id))
    subsub = create_axis(db, AxisFields(plan_id, "Axe 1.1.1", parent_id=sub.id))
    sibling = create_axis(db, AxisFields(plan_id, "Axe 2"))
    new_action(db, plan_id, "1", axis_id=axis.id)
    new_action(db, plan_id, "1.1", axis_id=sub.id)
    new_action(db, plan_id, "1.1.1", axis_id=subsub.id)
    new_action(db, plan_id, "2", axis_id=sibling.id)
    new_action(db, plan_id, "0")

    assert codes(svc.list_actions(db, ActionFilter(axis_id=axis.id))) == ["1", "1.1", "1.1.1"]
    assert codes(svc.list_actions(db, ActionFilter(axis_id=sub.id))) == ["1.1", "1.1.1"]
    assert codes(svc.list_actions(db, ActionFilter(axis_id=sibling.id))) == ["2"]


def test_status_filter_matches_what_is_displayed(db: Database, plan_id: int) -> None:
    new_action(db, plan_id, "1", status=ActionStatus.IN_PROGRESS, end_date=TOMORROW)
    new_action(db, plan_id, "2", status=ActionStatus.IN_PROGRESS, end_date=YESTERDAY)
    late_by_milestone = new_action(db, plan_id, "3", status=ActionStatus.IN_PROGRESS)
    add(db, Milestone(action_id=late_by_milestone.id, title="Étude", due_date=YESTERDAY))
    new_action(db, plan_id, "4", status=ActionStatus.TO_START, end_date=YESTERDAY)
    new_action(db, plan_id, "5", status=ActionStatus.TO_START)
    new_action(db, plan_id, "6", status=ActionStatus.DONE, end_date=YESTERDAY)
    new_action(db, plan_id, "7", status=ActionStatus.SUSPENDED, end_date=YESTERDAY)

    def by(status: DisplayStatus) -> list[str]:
        return codes(svc.list_actions(db, ActionFilter(status=status), today=TODAY))

    assert by(DisplayStatus.LATE) == ["2", "3", "4"]
    assert by(DisplayStatus.IN_PROGRESS) == ["1"]
    assert by(DisplayStatus.TO_START) == ["5"]
    assert by(DisplayStatus.DONE) == ["6"]
    assert by(DisplayStatus.SUSPENDED) == ["7"]
    assert by(DisplayStatus.ABANDONED) == []
    for row in svc.list_actions(db, today=TODAY):
        assert (
            codes(svc.list_actions(db, ActionFilter(status=row.status), today=TODAY)).count(
                row.code
            )
            == 1
        )


def test_pilot_and_policy_filters(db: Database, plan_id: int) -> None:
    claire, ali = contact(db, "Claire", "Martin"), contact(db, "Ali", "Benali")
    pcaet, plh = policy_id(db, "PCAET"), policy_id(db, "PLH")
    new_action(db, plan_id, "1", pilot_id=claire, policy_ids=[pcaet, plh])
    new_action(db, plan_id, "2", pilot_id=ali, policy_ids=[pcaet])
    new_action(db, plan_id, "3", copilot_ids=[claire])

    assert codes(svc.list_actions(db, ActionFilter(pilot_id=claire))) == ["1"]
    assert codes(svc.list_actions(db, ActionFilter(policy_id=pcaet))) == ["1", "2"]
    assert codes(svc.list_actions(db, ActionFilter(policy_id=plh))) == ["1"]
    both = ActionFilter(policy_id=pcaet, pilot_id=ali)
    assert codes(svc.list_actions(db, both)) == ["2"]


def test_listing_takes_two_queries_whatever_the_number_of_actions(
    db: Database, plan_id: int
) -> None:
    pilot = contact(db)
    axis = create_axis(db, AxisFields(plan_id, "Axe"))
    for number in range(15):
        action = new_action(db, plan_id, str(number), axis_id=axis.id, pilot_id=pilot)
        add(db, Milestone(action_id=action.id, title="J", due_date=YESTERDAY))
    with count_selects(db) as statements:
        rows = svc.list_actions(
            db,
            ActionFilter(axis_id=axis.id, status=DisplayStatus.LATE, pilot_id=pilot),
            today=TODAY,
        )
    assert len(rows) == 15
    assert len(statements) == 2  # the list's query, then the axes (for the sub-axes)


def test_display_status_expression_counts_actions_per_status(db: Database, plan_id: int) -> None:
    new_action(db, plan_id, "1", status=ActionStatus.IN_PROGRESS, end_date=YESTERDAY)
    new_action(db, plan_id, "2", status=ActionStatus.IN_PROGRESS)
    new_action(db, plan_id, "3", status=ActionStatus.DONE, end_date=YESTERDAY)
    shown = display_status_expression(TODAY)
    with db.session() as session:
        counts = dict(session.execute(select(shown, func.count()).group_by(shown)).all())
    assert counts == {"late": 1, "in_progress": 1, "done": 1}


# --- delete and duplicate ------------------------------------------------------------------


def _count(db: Database, model: Any, action_id: int) -> int:
    with db.session() as session:
        query = select(func.count()).select_from(model).where(model.action_id == action_id)
        return session.scalars(query).one()


def test_deleting_an_action_removes_what_it_carries(db: Database, plan_id: int) -> None:
    funder = organisation(db)
    action = new_action(db, plan_id, policy_ids=[policy_id(db, "PLH")])
    with db.session() as session:
        criterion = session.scalars(select(PriorityCriterion.id)).first()
    add(
        db,
        Milestone(action_id=action.id, title="Étude"),
        Funding(action_id=action.id, funder_id=funder, amount=Decimal("10")),
        ActionNote(action_id=action.id, note_date=TODAY, text="Lancement"),
        PriorityScore(action_id=action.id, criterion_id=criterion, score=2),
    )
    group = add(db, Body(kind=BodyKind.PROJECT_GROUP, name="Groupe", action_id=action.id))[0]

    svc.delete_action(db, action.id)

    for model in (Milestone, Funding, ActionNote, PriorityScore):
        assert _count(db, model, action.id) == 0
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(action_policy)) == 0
        body = session.get(Body, group)
        assert body is not None and body.action_id is None  # the group itself is kept
        assert session.get(Organisation, funder) is not None
    with pytest.raises(CharteError, match="introuvable"):
        svc.delete_action(db, action.id)


def test_duplicate_copies_the_fiche_but_not_its_follow_up(db: Database, plan_id: int) -> None:
    axis = create_axis(db, AxisFields(plan_id, "Mobilités"))
    pilot, copilot = contact(db), contact(db, "Ali", "Benali")
    partner = organisation(db)
    source = new_action(
        db,
        plan_id,
        "2.3",
        axis_id=axis.id,
        status=ActionStatus.IN_PROGRESS,
        priority=Priority.LOW,
        pilot_id=pilot,
        copilot_ids=[copilot],
        partner_ids=[partner],
        policy_ids=[policy_id(db, "SCoT")],
        start_date=TODAY,
        end_date=TOMORROW,
        progress=60,
        budget_planned="1000",
        budget_committed="500",
        budget_spent="100",
        description="Texte",
    )
    with db.session() as session:
        criterion = session.scalars(select(PriorityCriterion.id)).first()
    with db.session() as session:
        linked = Indicator(
            name="Km",
            kind=IndicatorKind.OUTPUT,
            dimension=Dimension.SOCIAL,
            actions=[session.get(Action, source.id)],
        )
        session.add(linked)
        session.flush()
        indicator = linked.id
    add(
        db,
        Milestone(action_id=source.id, title="Étude", due_date=TODAY, done=True, done_date=TODAY),
        Funding(
            action_id=source.id, funder_id=partner, amount=Decimal("10"), state=FundingState.PAID
        ),
        ActionNote(action_id=source.id, note_date=TODAY, text="Journal"),
        PriorityScore(action_id=source.id, criterion_id=criterion, score=3),
    )

    copy = svc.get_action(db, svc.duplicate_action(db, source.id).id)

    assert copy.id != source.id and copy.code == "2.3 (copie)"
    assert (copy.title, copy.description, copy.axis_id) == ("Action 2.3", "Texte", axis.id)
    assert (copy.pilot_id, copy.priority) == (pilot, Priority.LOW)
    assert [c.id for c in copy.copilots] == [copilot]
    assert [p.id for p in copy.partners] == [partner]
    assert [p.code for p in copy.policies] == ["SCoT"]
    assert [i.id for i in copy.indicators] == [indicator]
    assert (copy.start_date, copy.end_date) == (TODAY, TOMORROW)
    assert [(m.title, m.done, m.done_date) for m in copy.milestones] == [("Étude", False, None)]
    assert [(s.criterion_id, s.score) for s in copy.scores] == [(criterion, 3)]
    assert copy.budget_planned == Decimal("1000.00")
    assert (copy.status, copy.progress) == (ActionStatus.TO_START, 0)
    assert (copy.budget_committed, copy.budget_spent) == (Decimal("0.00"), Decimal("0.00"))
    assert copy.notes == [] and copy.fundings == []
    original = svc.get_action(db, source.id)
    assert len(original.notes) == 1 and original.milestones[0].done


def test_duplicates_get_the_next_free_code_within_twenty_characters(
    db: Database, plan_id: int
) -> None:
    source = new_action(db, plan_id, "2.3")
    assert svc.duplicate_action(db, source.id).code == "2.3 (copie)"
    assert svc.duplicate_action(db, source.id).code == "2.3 (copie 2)"
    assert svc.duplicate_action(db, source.id).code == "2.3 (copie 3)"
    long_code = new_action(db, plan_id, "ABCDEFGHIJKLMNOPQRST")
    copy = svc.duplicate_action(db, long_code.id)
    assert copy.code == "ABCDEFGHIJKL (copie)"
    assert len(copy.code) <= svc.CODE_MAX_LENGTH
    with pytest.raises(CharteError, match="L'action n° 999 est introuvable"):
        svc.duplicate_action(db, 999)


def test_natural_key_and_fold_helpers() -> None:
    assert natural_key("2.9") < natural_key("2.10") < natural_key("10")
    assert natural_key("2") < natural_key("2.1")
    assert fold("Énergie ÉCOLE") == "energie ecole"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1 234,50", "1234.50"), ("1\u202f234,5 €", "1234.50"), ("12\u00a0000", "12000.00"),
     # dots grouping thousands, as some type them (issue 18 review: « 12.000,50 »)
     ("12.000,50", "12000.50"), ("1.234.567", "1234567.00"),
     # a single dot stays a decimal point: what a form hands over (« 1,500 » → « 1.500 »)
     ("1.500", "1.50"), ("12.5", "12.50")],
)
def test_amounts_typed_the_french_way_are_understood(typed: str, stored: str) -> None:
    from charte_desktop.services import rules

    assert rules.amount(typed, "budget_planned", "Budget prévu") == Decimal(stored)
    assert rules.number(typed, "value", "Valeur") == Decimal(stored)


def test_the_form_reads_the_action_and_the_ids_it_edits(demo: Any) -> None:
    from charte_desktop.db import open_database

    db = open_database(demo)
    try:
        for row in svc.list_actions(db):
            full, light = svc.get_action(db, row.id), svc.get_action_for_form(db, row.id)
            assert (light.code, light.title, light.budget_planned, light.pilot_id) == (
                full.code, full.title, full.budget_planned, full.pilot_id)
            for relation in ("copilots", "partners", "policies"):
                assert {x.id for x in getattr(light, relation)} == {
                    x.id for x in getattr(full, relation)}
        with pytest.raises(CharteError, match="L'action n° 999 est introuvable"):
            svc.get_action_for_form(db, 999)
    finally:
        db.close()
