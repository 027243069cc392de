"""A required field left empty is refused by name: an empty « Montant » is not 0,00 €, a
meeting without its instance is not « L'instance n° None », no message shows « n° 0 »."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, Dimension, IndicatorKind, QuorumRule
from charte_desktop.db.models import Funding, Measurement, Meeting, Membership
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details, bodies, budget, indicators, meetings, rules
from charte_desktop.services.actions import ActionFields, create_action, get_action_for_form
from charte_desktop.services.common import fetch_all, get_or_fail, not_found
from charte_desktop.services.directory import (
    ContactFields,
    OrganisationFields,
    create_contact,
    create_organisation,
)
from charte_desktop.services.plans import PlanFields, create_plan

DAY = date(2026, 3, 14)


@contextmanager
def refused(field: str | None, message: str) -> Iterator[None]:
    with pytest.raises(CharteError) as info:
        yield
    assert (info.value.field, info.value.message) == (field, message)


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def action_id(db: Database) -> int:
    plan_id = create_plan(db, PlanFields("Charte")).id
    return create_action(db, ActionFields(plan_id, "1.1", "Action")).id


@pytest.fixture
def body_id(db: Database) -> int:
    return bodies.create_body(db, bodies.BodyFields(BodyKind.COTECH, "COTECH")).id


# --- Amounts and values -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_an_empty_funding_amount_is_refused_not_saved_as_zero(
    db: Database, action_id: int, typed: str | None
) -> None:
    funder = create_organisation(db, OrganisationFields("ADEME")).id
    with refused("amount", "Le champ « Montant » est obligatoire."):
        action_details.create_funding(
            db, action_details.FundingFields(action_id, funder, typed))
    assert count(db, Funding) == 0


def test_a_funding_of_zero_typed_as_such_is_kept(db: Database, action_id: int) -> None:
    funder = create_organisation(db, OrganisationFields("ADEME")).id
    funding = action_details.create_funding(
        db, action_details.FundingFields(action_id, funder, "0"))
    assert funding.amount == Decimal("0.00")


def test_an_emptied_funding_amount_leaves_the_funding_as_it_was(
    db: Database, action_id: int
) -> None:
    funder = create_organisation(db, OrganisationFields("ADEME")).id
    funding = action_details.create_funding(
        db, action_details.FundingFields(action_id, funder, "1 500,00 €"))
    with refused("amount", "Le champ « Montant » est obligatoire."):
        action_details.update_funding(
            db, funding.id, action_details.FundingFields(action_id, funder, ""))
    assert action_details.list_fundings(db, action_id)[0].amount == Decimal("1500.00")


@pytest.mark.parametrize("typed", ["", " ", None])
def test_an_empty_measurement_value_is_refused(db: Database, typed: str | None) -> None:
    plan_id = create_plan(db, PlanFields("Charte")).id
    indicator = indicators.create_indicator(db, indicators.IndicatorFields(
        plan_id, "Trajets", IndicatorKind.OUTPUT, Dimension.SOCIAL)).id
    with refused("value", "Le champ « Valeur » est obligatoire."):
        indicators.create_measurement(db, indicators.MeasurementFields(indicator, DAY, typed))
    assert count(db, Measurement) == 0


def test_optional_amounts_may_stay_empty(db: Database, action_id: int) -> None:
    line = budget.create_budget_year(db, budget.BudgetYearFields(action_id, 2026, "", None, " "))
    assert (line.planned, line.committed, line.spent) == (Decimal("0.00"),) * 3
    plan_id = create_plan(db, PlanFields("Autre")).id
    action = create_action(db, ActionFields(plan_id, "2.1", "Sans budget", budget_planned=""))
    assert action.budget_planned == Decimal("0.00")


def test_the_rules_helpers() -> None:
    assert rules.required_amount("12,5", "amount", "Montant") == Decimal("12.50")
    assert rules.amount("", "budget_planned", "Budget prévu") == Decimal("0.00")
    assert rules.number("  ", "target_value", "Valeur cible") is None
    assert rules.required_number("-3,5", "value", "Valeur") == Decimal("-3.5")
    with refused("value", "Le champ « Valeur » est obligatoire."):
        rules.required_number("", "value", "Valeur")
    with refused("weight", "Le champ « Pondération » est obligatoire."):
        rules.integer_between(None, 0, 5, "weight", "Pondération")
    with refused("progress", "Le champ « Avancement » est obligatoire."):
        rules.percentage(None, "progress", "Avancement")


def test_a_quorum_rule_needs_its_value(db: Database) -> None:
    fields = bodies.BodyFields(BodyKind.COPIL, "COPIL", quorum_rule=QuorumRule.COUNT,
                               quorum_value=None)  # type: ignore[arg-type]
    with refused("quorum_value", "Le champ « Quorum » est obligatoire."):
        bodies.create_body(db, fields)


# --- Required references ------------------------------------------------------------------


@pytest.mark.parametrize("absent", [None, 0])
def test_a_meeting_without_its_instance_names_the_field(
    db: Database, absent: int | None
) -> None:
    with refused("body_id", "Le champ « Instance » est obligatoire."):
        meetings.create_meeting(db, meetings.MeetingFields(absent, DAY))  # type: ignore[arg-type]
    assert count(db, Meeting) == 0


def test_a_meeting_of_a_deleted_instance_still_says_which(db: Database) -> None:
    with refused("body_id", "L'instance n° 999 est introuvable."):
        meetings.create_meeting(db, meetings.MeetingFields(999, DAY))


def test_a_meeting_moved_to_no_instance_names_the_field(db: Database, body_id: int) -> None:
    meeting = meetings.create_meeting(db, meetings.MeetingFields(body_id, DAY))
    with refused("body_id", "Le champ « Instance » est obligatoire."):
        meetings.update_meeting(db, meeting.id,
                                meetings.MeetingFields(None, DAY))  # type: ignore[arg-type]


def test_a_membership_without_its_contact_names_the_field(db: Database, body_id: int) -> None:
    with refused("contact_id", "Le champ « Contact » est obligatoire."):
        bodies.create_membership(
            db, bodies.MembershipFields(body_id, None))  # type: ignore[arg-type]
    assert count(db, Membership) == 0
    with refused("contact_id", "Le contact n° 999 est introuvable."):
        bodies.create_membership(db, bodies.MembershipFields(body_id, 999))


def test_no_message_shows_number_none_or_zero(db: Database, body_id: int) -> None:
    contact = create_contact(db, ContactFields("Roussel")).id
    attempts = [
        lambda: meetings.create_meeting(
            db, meetings.MeetingFields(body_id, DAY, secretary_id=0)),
        lambda: action_details.create_funding(
            db, action_details.FundingFields(0, contact, "10")),  # type: ignore[arg-type]
        lambda: action_details.create_milestone(
            db, action_details.MilestoneFields(None, "Jalon")),  # type: ignore[arg-type]
        lambda: get_action_for_form(db, 0),
        lambda: bodies.create_membership(db, bodies.MembershipFields(0, contact)),
        lambda: meetings.get_meeting(db, None),  # type: ignore[arg-type]
    ]
    for attempt in attempts:
        with pytest.raises(CharteError) as info:
            attempt()
        assert "n° None" not in info.value.message and "n° 0" not in info.value.message, (
            info.value.message)


def test_common_helpers_never_print_an_absent_number(db: Database) -> None:
    assert not_found("L'action", None) == "L'action est introuvable."
    assert not_found("L'action", 0) == "L'action est introuvable."
    assert not_found("L'action", 7, note="peut-être supprimée") == (
        "L'action n° 7 est introuvable (peut-être supprimée).")
    with db.session() as session:
        with refused("body_id", "Le champ « Instance » est obligatoire."):
            get_or_fail(session, Meeting, None, "L'instance", field="body_id", label="Instance")
        with refused(None, "La réunion est introuvable."):
            get_or_fail(session, Meeting, None, "La réunion")
        with refused("ids", "La réunion est introuvable."):
            fetch_all(session, Meeting, [None], "La réunion", "ids")  # type: ignore[list-item]


def test_a_quorum_typed_without_a_rule_is_said_not_dropped(db: Database) -> None:
    with pytest.raises(CharteError) as refused:
        bodies.create_body(db, bodies.BodyFields(kind=BodyKind.COPIL, name="COPIL",
                                   quorum_rule=QuorumRule.NONE, quorum_value=5))
    assert refused.value.field == "quorum_value"
    assert "« 5 »" in refused.value.message
