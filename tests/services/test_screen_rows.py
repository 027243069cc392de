"""What the screens get from the services (issue 16): plain rows and fields dataclasses,
never ORM objects, with the same values the models hold."""

import dataclasses
from collections.abc import Iterator
from datetime import date, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from charte_desktop.db import Database, open_database
from charte_desktop.db.models import (
    AgendaItem,
    Contact,
    Decision,
    FollowUp,
    Membership,
    Organisation,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import (
    bodies,
    directory,
    indicators,
    meeting_outcomes,
    meetings,
    tables,
)
from charte_desktop.services.body_rows import body_summary, member_row, member_rows
from charte_desktop.services.form_fields import number_text
from tests.query_counter import count_selects

PLAIN = (str, int, bool, date, time, Decimal, Enum, type(None))
MISSING = 999_999


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def assert_plain(value: Any) -> None:
    """A row or fields dataclass holds values only: nothing to read after its session."""
    for field in dataclasses.fields(value):
        held = getattr(value, field.name)
        items = held if isinstance(held, list) else [held]
        assert all(isinstance(item, PLAIN) for item in items), (field.name, held)


# --- members and bodies -------------------------------------------------------------------


def test_member_rows_say_what_the_memberships_hold(demo_db: Database) -> None:
    for body in bodies.list_bodies(demo_db):
        truth = bodies.list_memberships(demo_db, body.id)
        with count_selects(demo_db) as selects:
            rows = member_rows(demo_db, body.id)
        assert len(selects) == 1
        assert [(r.id, r.contact_id, r.name, r.sort_name, r.organisation, r.circle, r.role,
                 r.voting, r.start_date, r.end_date, r.body_name) for r in rows] == [
            (m.id, m.contact_id, m.contact.full_name,
             f"{m.contact.last_name} {m.contact.first_name}",
             m.contact.organisation.name if m.contact.organisation else "",
             bodies.member_circle(m), m.role, m.voting, m.start_date, m.end_date, body.name)
            for m in truth]
        for row in rows:
            assert_plain(row)


def test_one_member_row_and_a_membership_gone(demo_db: Database) -> None:
    first = member_rows(demo_db, bodies.list_bodies(demo_db)[0].id)[0]
    assert member_row(demo_db, first.id) == first
    with pytest.raises(CharteError, match=f"L'appartenance n° {MISSING} est introuvable"):
        member_row(demo_db, MISSING)


def test_body_summary_says_what_the_body_holds(demo_db: Database) -> None:
    for row in bodies.list_bodies(demo_db):
        body = bodies.get_body(demo_db, row.id)
        summary = body_summary(demo_db, row.id)
        assert_plain(summary)
        action = f"{body.action.code} {body.action.title}" if body.action else ""
        assert (summary.kind, summary.name, summary.mission, summary.action,
                summary.quorum_rule, summary.quorum_value) == (
            body.kind, body.name, body.mission, action, body.quorum_rule, body.quorum_value)
    with pytest.raises(CharteError, match=f"L'instance n° {MISSING} est introuvable"):
        body_summary(demo_db, MISSING)


# --- measurements --------------------------------------------------------------------------


def test_measurement_rows_say_what_the_measurements_hold(demo_db: Database) -> None:
    for indicator in indicators.list_indicators(demo_db):
        truth = indicators.list_measurements(demo_db, indicator.id)
        with count_selects(demo_db) as selects:
            rows = indicators.measurement_rows(demo_db, indicator.id)
        assert len(selects) == 1
        assert [(r.id, r.date, r.value, r.comment) for r in rows] == [
            (m.id, m.date, m.value, m.comment) for m in truth]
        for row in rows:
            assert_plain(row)


# --- forms -------------------------------------------------------------------------------


def assert_loaded_like(fields: Any, item: Any, **read_otherwise: Any) -> None:
    assert_plain(fields)
    for field in dataclasses.fields(fields):
        expected = read_otherwise.get(field.name, getattr(item, field.name, None))
        assert getattr(fields, field.name) == expected, field.name


def stored(db: Database, model: Any, limit: int = 40) -> list[Any]:
    """The first rows of `model`, read in a session of their own (their columns stay
    readable after it)."""
    with db.session() as session:
        return list(session.scalars(select(model).order_by(model.id).limit(limit)))


def test_each_form_loads_plain_fields_as_the_file_holds_them(demo_db: Database) -> None:
    for contact in stored(demo_db, Contact):
        assert_loaded_like(directory.contact_fields(demo_db, contact.id), contact)
    for organisation in stored(demo_db, Organisation):
        assert_loaded_like(directory.organisation_fields(demo_db, organisation.id),
                           organisation)
    for row in bodies.list_bodies(demo_db):
        assert_loaded_like(bodies.body_fields(demo_db, row.id),
                           bodies.get_body(demo_db, row.id))
    for membership in stored(demo_db, Membership):
        assert_loaded_like(bodies.membership_fields(demo_db, membership.id), membership)
    for row in meetings.list_meetings(demo_db)[:40]:
        assert_loaded_like(meetings.meeting_fields(demo_db, row.id),
                           meetings.get_meeting(demo_db, row.id))
    for item in stored(demo_db, AgendaItem):
        assert_loaded_like(meetings.agenda_item_fields(demo_db, item.id), item)
    for decision in stored(demo_db, Decision):
        assert_loaded_like(meeting_outcomes.decision_fields(demo_db, decision.id), decision)
    for follow_up in stored(demo_db, FollowUp):
        assert_loaded_like(meeting_outcomes.follow_up_fields(demo_db, follow_up.id),
                           follow_up)
    for row in indicators.list_indicators(demo_db):
        indicator = indicators.get_indicator(demo_db, row.id)
        assert_loaded_like(
            indicators.indicator_fields(demo_db, row.id), indicator,
            baseline_value=number_text(indicator.baseline_value),
            target_value=number_text(indicator.target_value),
            action_ids=[action.id for action in indicator.actions])
        for measurement in indicators.list_measurements(demo_db, row.id):
            assert_loaded_like(indicators.measurement_fields(demo_db, measurement.id),
                               measurement, value=number_text(measurement.value))


@pytest.mark.parametrize(("load", "what"), [
    (directory.contact_fields, "Le contact"),
    (directory.organisation_fields, "La structure"),
    (bodies.body_fields, "L'instance"),
    (bodies.membership_fields, "L'appartenance"),
    (meetings.meeting_fields, "La réunion"),
    (meetings.agenda_item_fields, "Le point de l'ordre du jour"),
    (meeting_outcomes.decision_fields, "La décision"),
    (meeting_outcomes.follow_up_fields, "La suite à donner"),
    (indicators.indicator_fields, "L'indicateur"),
    (indicators.measurement_fields, "La mesure"),
])
def test_a_form_of_a_row_gone_says_so_in_french(demo_db: Database, load: Any, what: str
                                               ) -> None:
    with pytest.raises(CharteError) as raised:
        load(demo_db, MISSING)
    assert raised.value.message == f"{what} n° {MISSING} est introuvable."


def test_a_number_is_loaded_as_its_field_hands_it_back() -> None:
    assert number_text(None) == number_text("") == ""
    assert number_text(Decimal("12.50")) == "12.50"
    assert number_text(Decimal("1E+3")) == "1000"
    assert number_text(7) == "7"


def test_contact_name_for_the_deletion_question(demo_db: Database) -> None:
    for stored_contact in stored(demo_db, Contact):
        contact = directory.get_contact(demo_db, stored_contact.id)
        name = directory.contact_name(demo_db, contact.id)
        assert (name.full_name, name.organisation) == (
            contact.full_name, contact.organisation.name if contact.organisation else "")
    with pytest.raises(CharteError, match="introuvable"):
        directory.contact_name(demo_db, MISSING)


def test_the_tables_named_for_undo_are_tables_of_the_file() -> None:
    from charte_desktop.db.models import Base

    names = [value for key, value in vars(tables).items() if key.isupper()]
    assert names and all(name in Base.metadata.tables for name in names)


def test_a_body_named_after_its_kind_is_not_prefixed_twice() -> None:
    from charte_desktop.db.enums import BodyKind, QuorumRule
    from charte_desktop.services.body_rows import BodySummary

    def heading(kind: BodyKind, name: str) -> str:
        return BodySummary(1, kind, name, "", "", QuorumRule.NONE, 0).heading

    assert heading(BodyKind.PROJECT_GROUP, "Groupe projet « Plateforme »") == (
        "Groupe projet « Plateforme »")
    assert heading(BodyKind.COPIL, "Charte") == f"{BodyKind.COPIL.label} « Charte »"
