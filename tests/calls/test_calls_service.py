"""Appels à projets: the form's rules in French, the list's rows, the deadlines."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import CallState, FundingState
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details, calls
from charte_desktop.services.actions import ActionFields, create_action
from charte_desktop.services.calls import CallFields
from charte_desktop.services.directory import OrganisationFields, create_organisation
from charte_desktop.services.plans import PlanFields, create_plan

DAY = date(2026, 3, 2)


@pytest.fixture
def funder_id(db: Database) -> int:
    return create_organisation(db, OrganisationFields(name="Préfecture de l'Aubrance")).id


@pytest.fixture
def action_ids(db: Database) -> list[int]:
    plan = create_plan(db, PlanFields(title="Charte"))
    return [create_action(db, ActionFields(plan_id=plan.id, code=code, title=f"Action {code}")).id
            for code in ("1.1", "1.2")]


def fields(**changes: object) -> CallFields:
    base = CallFields(title="Fonds vert – renaturation", opening_date=DAY,
                      pre_deposit_deadline=DAY + timedelta(days=10),
                      submission_deadline=DAY + timedelta(days=40),
                      decision_date=DAY + timedelta(days=120))
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def refusal(db: Database, call: CallFields) -> CharteError:
    with pytest.raises(CharteError) as caught:
        calls.create_call(db, call)
    return caught.value


def test_a_call_is_kept_with_its_funder_actions_rate_and_amount(
        db: Database, funder_id: int, action_ids: list[int]) -> None:
    created = calls.create_call(db, fields(
        funder_id=funder_id, url="https://aides-territoires.beta.gouv.fr/", rate="40,5",
        amount="72 000", state=CallState.PREPARING, action_ids=action_ids, notes=" Dossier "))
    loaded = calls.call_fields(db, created.id)
    assert loaded.title == "Fonds vert – renaturation"
    assert (loaded.funder_id, loaded.state, loaded.notes) == (
        funder_id, CallState.PREPARING, "Dossier")
    assert (loaded.rate, loaded.amount) == ("40.5", "72000.00")
    assert sorted(loaded.action_ids) == sorted(action_ids)
    # Loaded as the form hands it back: saving it untouched changes nothing.
    calls.update_call(db, created.id, loaded)
    assert calls.call_fields(db, created.id) == loaded


def test_a_pre_deposit_after_the_submission_is_refused(db: Database) -> None:
    error = refusal(db, fields(pre_deposit_deadline=DAY + timedelta(days=41)))
    assert error.field == "pre_deposit_deadline"
    assert "pré-dépôt" in error.message and "11/04/2026" in error.message


@pytest.mark.parametrize(("change", "field"), [
    ({"submission_deadline": DAY - timedelta(days=1), "pre_deposit_deadline": None},
     "submission_deadline"),
    ({"decision_date": DAY + timedelta(days=39)}, "decision_date"),
    ({"opening_date": DAY + timedelta(days=11)}, "pre_deposit_deadline"),
])
def test_deadlines_must_come_in_order(db: Database, change: dict[str, object],
                                      field: str) -> None:
    error = refusal(db, fields(**change))
    assert error.field == field and "postérieur" in error.message


@pytest.mark.parametrize("url", ["ftp://example.org", "javascript:alert(1)", "www.ademe.fr",
                                 "https://", "file:///C:/dossier.pdf"])
def test_a_link_that_is_not_http_is_refused(db: Database, url: str) -> None:
    error = refusal(db, fields(url=url))
    assert error.field == "url" and "https://" in error.message


@pytest.mark.parametrize("rate", ["-1", "100,01", "150", "12,345", "beaucoup"])
def test_a_rate_outside_0_to_100_is_refused(db: Database, rate: str) -> None:
    assert refusal(db, fields(rate=rate)).field == "rate"


def test_rate_bounds_and_empty_values_are_kept(db: Database) -> None:
    for rate in ("0", "100", ""):
        call = calls.create_call(db, fields(rate=rate, amount=""))
        row = next(r for r in calls.list_calls(db, DAY) if r.id == call.id)
        assert row.rate == (Decimal(rate) if rate else None) and row.amount is None


def test_a_title_is_required_and_an_unknown_action_refused(db: Database) -> None:
    assert refusal(db, fields(title="  ")).message == "Le champ « Intitulé » est obligatoire."
    assert refusal(db, fields(action_ids=[999])).field == "action_ids"


def test_rows_name_the_funder_and_count_days_to_the_next_deadline(
        db: Database, funder_id: int, action_ids: list[int]) -> None:
    created = calls.create_call(db, fields(funder_id=funder_id, action_ids=action_ids[:1]))
    calls.create_call(db, fields(title="DSIL 2025", state=CallState.ACCEPTED))
    rows = calls.list_calls(db, DAY + timedelta(days=3))
    first = rows[0]
    assert (first.id, first.funder, first.action_codes) == (
        created.id, "Préfecture de l'Aubrance", "1.1")
    assert first.next_deadline is not None
    assert (first.next_deadline.kind, first.days_to_next) == ("pré-dépôt", 7)
    # A decided call has nothing to come; it is listed after.
    assert rows[1].title == "DSIL 2025" and rows[1].days_to_next is None


def test_upcoming_deadlines_within_30_days_with_their_kind(db: Database) -> None:
    calls.create_call(db, fields())
    calls.create_call(db, fields(title="DETR", state=CallState.SUBMITTED,
                                 pre_deposit_deadline=None,
                                 submission_deadline=DAY + timedelta(days=5),
                                 decision_date=DAY + timedelta(days=20)))
    coming = calls.upcoming_deadlines(db, DAY, within_days=30)
    # The DETR's file is sent: its decision is awaited, not its deadline.
    assert [(d.call_title, d.kind, d.days_left) for d in coming] == [
        ("Fonds vert – renaturation", "pré-dépôt", 10), ("DETR", "décision", 20)]
    assert calls.upcoming_deadlines(db, DAY + timedelta(days=11)) == [
        calls.Deadline(DAY + timedelta(days=20), "décision", coming[1].call_id, "DETR", "", 9),
        calls.Deadline(DAY + timedelta(days=40), "dépôt", coming[0].call_id,
                       "Fonds vert – renaturation", "", 29)]


def test_actions_linked_and_unlinked_and_a_funding_brought(
        db: Database, funder_id: int, action_ids: list[int]) -> None:
    call = calls.create_call(db, fields(funder_id=funder_id))
    calls.link_action(db, call.id, action_ids[1])
    calls.link_action(db, call.id, action_ids[1])  # twice: once
    assert calls.call_fields(db, call.id).action_ids == [action_ids[1]]
    funding = action_details.create_funding(db, action_details.FundingFields(
        action_id=action_ids[1], funder_id=funder_id, amount="12 000",
        state=FundingState.GRANTED, call_id=call.id))
    assert action_details.funding_rows(db, action_ids[1])[0].call_id == call.id
    calls.unlink_action(db, call.id, action_ids[1])
    assert calls.call_fields(db, call.id).action_ids == []
    calls.delete_call(db, call.id)
    # The funding stays, without its call; the actions stay.
    row = action_details.funding_rows(db, action_ids[1])[0]
    assert (row.id, row.call_id) == (funding.id, None)
    with pytest.raises(CharteError, match="appel à projets"):
        action_details.create_funding(db, action_details.FundingFields(
            action_id=action_ids[0], funder_id=funder_id, amount="1", call_id=call.id))
