"""The Réunions screen's rows: every value it paints, read in one session."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.errors import CharteError
from charte_desktop.services.meeting_details import meeting_details
from charte_desktop.services.meetings import get_meeting, list_meetings
from tests.query_counter import count_selects


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def test_details_hold_what_the_meeting_holds(demo_db: Database) -> None:
    for row in list_meetings(demo_db):
        meeting = get_meeting(demo_db, row.id)
        details = meeting_details(demo_db, row.id)
        assert [(a.id, a.title, a.presenter_name) for a in details.agenda] == [
            (a.id, a.title, a.presenter.full_name if a.presenter else "")
            for a in meeting.agenda_items]
        assert [(a.contact_id, a.state, a.represented_by_id, a.organisation)
                for a in details.attendance] == [
            (a.contact_id, a.state, a.represented_by_id,
             a.contact.organisation.name if a.contact.organisation else "")
            for a in meeting.attendances]
        assert [(d.id, d.agenda_title, d.action_code) for d in details.decisions] == [
            (d.id, d.agenda_item.title if d.agenda_item else "",
             d.action.code if d.action else "") for d in meeting.decisions]
        assert [(f.id, f.owner_name, f.done) for f in details.follow_ups] == [
            (f.id, f.owner.full_name if f.owner else "", f.done) for f in meeting.follow_ups]
        assert details.title.startswith(meeting.body.name + " du ")


def test_details_take_a_few_queries_whatever_the_meeting(demo_db: Database) -> None:
    richest = max(list_meetings(demo_db), key=lambda row: row.invitee_count)
    with count_selects(demo_db) as statements:
        meeting_details(demo_db, richest.id)
    assert len(statements) <= 6


def test_an_unknown_meeting_is_a_french_error(demo_db: Database) -> None:
    with pytest.raises(CharteError, match="La réunion n° 999 est introuvable"):
        meeting_details(demo_db, 999)
