"""Marking a meeting « Tenue »: the questions asked first, and what the answers change."""

from datetime import date, timedelta

import pytest

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.services import meetings
from charte_desktop.services.bodies import BodyFields, create_body
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.meeting_holding import HoldingQuestions, holding_questions
from charte_desktop.services.meetings import MeetingFields

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def today() -> object:
    with clock.fixed(TODAY):
        yield TODAY


def planned(db: Database, day: date, people: int) -> int:
    body_id = create_body(db, BodyFields(BodyKind.COTECH, "COTECH")).id
    meeting_id = meetings.create_meeting(db, MeetingFields(body_id, day)).id
    for n in range(people):
        contact_id = create_contact(db, ContactFields(f"Personne {n}")).id
        meetings.add_invitee(db, meeting_id, contact_id)
    return meeting_id


def states(db: Database, meeting_id: int) -> list[AttendanceState]:
    return [a.state for a in meetings.get_meeting(db, meeting_id).attendances]


def test_a_meeting_of_today_with_everyone_recorded_asks_nothing(db: Database) -> None:
    meeting_id = planned(db, TODAY, 2)
    meetings.mark_all_present(db, meeting_id)
    questions = holding_questions(db, meeting_id, clock.today())
    assert questions == HoldingQuestions(TODAY, 0, 0)
    assert not questions.any
    assert (questions.date_question, questions.invited_question) == ("", "")


def test_people_still_invited_are_asked_about(db: Database) -> None:
    meeting_id = planned(db, TODAY - timedelta(days=3), 4)
    meetings.set_attendance(db, meeting_id, meetings.get_meeting(db, meeting_id)
                            .attendances[0].contact_id, AttendanceState.PRESENT)
    questions = holding_questions(db, meeting_id, clock.today())
    assert (questions.still_invited, questions.days_ahead) == (3, -3)
    assert questions.date_question == ""
    assert questions.invited_question == (
        "3 personnes sont encore « convoqué·es » : les marquer absent·es, excusé·es, ou "
        "revenir aux présences ?")
    meetings.mark_all_present(db, meeting_id)
    assert holding_questions(db, meeting_id, clock.today()).invited_question == ""


def test_one_person_still_invited(db: Database) -> None:
    questions = holding_questions(db, planned(db, TODAY, 1), clock.today())
    assert questions.invited_question == (
        "1 personne est encore « convoqué·e » : la marquer absente, excusée, ou revenir aux "
        "présences ?")


def test_a_meeting_dated_after_today_asks_for_confirmation(db: Database) -> None:
    meeting_id = planned(db, date(2027, 1, 14), 0)
    questions = holding_questions(db, meeting_id, clock.today())
    assert questions.days_ahead == 43
    assert questions.date_question == (
        "Cette réunion est datée du 14/01/2027, dans 43 jours. La marquer tenue quand même ?")
    # The date the form is about to save counts, not the stored one.
    tomorrow = holding_questions(db, meeting_id, clock.today(), on_date=TODAY + timedelta(1))
    assert tomorrow.date_question == (
        "Cette réunion est datée du 03/12/2026, demain. La marquer tenue quand même ?")
    assert holding_questions(db, meeting_id, clock.today(), on_date=TODAY).date_question == ""


def test_an_unknown_meeting_is_said_so(db: Database) -> None:
    with pytest.raises(CharteError, match="La réunion"):
        holding_questions(db, 404, clock.today())


def test_holding_marks_those_still_invited_in_the_same_save(db: Database) -> None:
    meeting_id = planned(db, TODAY, 3)
    first = meetings.get_meeting(db, meeting_id).attendances[0].contact_id
    meetings.set_attendance(db, meeting_id, first, AttendanceState.PRESENT)
    held = MeetingFields(meetings.get_meeting(db, meeting_id).body_id, TODAY,
                         state=MeetingState.HELD)
    meetings.update_meeting(db, meeting_id, held, invited_now=AttendanceState.EXCUSED)
    assert meetings.get_meeting(db, meeting_id).state is MeetingState.HELD
    assert states(db, meeting_id) == [AttendanceState.PRESENT, AttendanceState.EXCUSED,
                                      AttendanceState.EXCUSED]


def test_nothing_is_marked_when_the_save_is_refused_or_not_held(db: Database) -> None:
    meeting_id = planned(db, TODAY, 2)
    body_id = meetings.get_meeting(db, meeting_id).body_id
    refused = MeetingFields(body_id, TODAY, state=MeetingState.HELD, place="x" * 301)
    with pytest.raises(CharteError):
        meetings.update_meeting(db, meeting_id, refused, invited_now=AttendanceState.ABSENT)
    assert states(db, meeting_id) == [AttendanceState.INVITED] * 2
    still_planned = MeetingFields(body_id, TODAY)
    meetings.update_meeting(db, meeting_id, still_planned, invited_now=AttendanceState.ABSENT)
    assert states(db, meeting_id) == [AttendanceState.INVITED] * 2
