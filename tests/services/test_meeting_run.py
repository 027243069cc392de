"""A meeting as it runs: start times and total of the agenda, minutes saved point by point,
points postponed then taken up, votes on decisions, and every open follow-up carried over
until it is done."""

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.services import meeting_outcomes, meetings
from charte_desktop.services.agenda_timing import (
    MAX_MINUTES_LENGTH,
    agenda_total_text,
    item_starts,
    postponed_offers,
    set_item_minutes,
    take_up_postponed,
)
from charte_desktop.services.meeting_details import meeting_details
from charte_desktop.services.meeting_outcomes import DecisionFields, FollowUpFields, vote_text
from charte_desktop.services.meetings import AgendaItemFields, MeetingFields

COTECH = 2
COTECH_MEETING = 9  # the COTECH after the test day
EARLIER_COTECH = 6
AUGUST_COTECH = 3


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


# --- agenda ----------------------------------------------------------------------------------
def test_each_point_starts_after_the_durations_before_it() -> None:
    assert item_starts(time(9, 30), [10, 45, None, 20]) == [
        time(9, 30), time(9, 40), time(10, 25), None]
    assert item_starts(None, [10, 20]) == [None, None]
    assert item_starts(time(23, 0), [90, 10]) == [time(23, 0), None]  # past midnight


@pytest.mark.parametrize(("durations", "expected"), [
    ([30, 45, 60], "Ordre du jour : 2 h 15 sur 2 h 30 (reste 15 min)"),
    ([90, 60], "Ordre du jour : 2 h 30 sur 2 h 30 (complet)"),
    ([120, 50], "Ordre du jour : 2 h 50 sur 2 h 30 : 20 min de trop"),
    ([None, None], ""),
])
def test_the_agenda_total_is_said_against_the_meeting_s_length(
    durations: list[int | None], expected: str
) -> None:
    assert agenda_total_text(time(14, 0), time(16, 30), durations) == expected


def test_without_an_end_time_the_total_is_said_alone() -> None:
    assert agenda_total_text(time(14, 0), None, [45]) == "Ordre du jour : 45 min"


def test_the_details_carry_start_times_and_the_total(demo_db: Database) -> None:
    details = meeting_details(demo_db, COTECH_MEETING)
    assert details.agenda[0].starts_at == details.start_time
    assert details.agenda_total.startswith("Ordre du jour : ")


def test_minutes_are_saved_as_typed_line_breaks_included(demo_db: Database) -> None:
    item = meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items[0]
    set_item_minutes(demo_db, item.id, "Première ligne\nSeconde ligne\n\n  retrait")
    assert meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items[0].minutes_text == (
        "Première ligne\nSeconde ligne\n\n  retrait")
    with pytest.raises(CharteError, match="ne peut pas dépasser"):
        set_item_minutes(demo_db, item.id, "x" * (MAX_MINUTES_LENGTH + 1))
    with pytest.raises(CharteError, match="introuvable"):
        set_item_minutes(demo_db, 99_999, "texte")


def test_a_postponed_point_is_offered_once_on_the_next_meeting(demo_db: Database) -> None:
    point = meetings.get_meeting(demo_db, EARLIER_COTECH).agenda_items[-1]
    fields = AgendaItemFields(EARLIER_COTECH, point.title, point.presenter_id,
                              point.duration_minutes, point.minutes_text, postponed=True)
    meetings.update_agenda_item(demo_db, point.id, fields)
    [offer] = postponed_offers(demo_db, COTECH_MEETING)
    assert (offer.id, offer.title) == (point.id, point.title)
    assert postponed_offers(demo_db, AUGUST_COTECH) == []  # an earlier meeting: not offered
    [created] = take_up_postponed(demo_db, COTECH_MEETING, [offer.id])
    last = meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items[-1]
    assert (last.id, last.title, last.postponed) == (created, point.title, False)
    assert postponed_offers(demo_db, COTECH_MEETING) == []
    with pytest.raises(CharteError, match="plus à reprendre"):
        take_up_postponed(demo_db, COTECH_MEETING, [offer.id])


# --- votes -----------------------------------------------------------------------------------
def test_a_vote_is_recorded_and_printed(demo_db: Database) -> None:
    decision = meeting_outcomes.create_decision(demo_db, DecisionFields(
        COTECH_MEETING, "Adopté.", votes_for=12, votes_against=2, abstentions=1))
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (12, 2, 1)
    assert vote_text(False, 12, 2, 1) == "Pour : 12, contre : 2, abstentions : 1"
    assert vote_text(True, None, None, None) == "Adoptée à l'unanimité"
    assert vote_text(False, None, None, None) == ""


def test_zero_everywhere_is_no_vote_and_unanimity_has_no_count(demo_db: Database) -> None:
    decision = meeting_outcomes.create_decision(demo_db, DecisionFields(
        COTECH_MEETING, "Sans vote.", votes_for=0, votes_against=0, abstentions=0))
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (
        None, None, None)
    decision = meeting_outcomes.create_decision(demo_db, DecisionFields(
        COTECH_MEETING, "À l'unanimité.", unanimous=True, votes_for=9))
    assert (decision.unanimous, decision.votes_for) == (True, None)


def test_unanimity_with_votes_against_or_a_negative_count_is_refused(demo_db: Database) -> None:
    with pytest.raises(CharteError, match="unanimité"):
        meeting_outcomes.create_decision(demo_db, DecisionFields(
            COTECH_MEETING, "Contradictoire.", unanimous=True, votes_against=2))
    with pytest.raises(CharteError, match="« Contre »"):
        meeting_outcomes.create_decision(demo_db, DecisionFields(
            COTECH_MEETING, "Négatif.", votes_for=3, votes_against=-1))
    assert meetings.get_meeting(demo_db, COTECH_MEETING).decisions == []


# --- follow-ups carried over -----------------------------------------------------------------
def test_open_follow_ups_of_every_earlier_meeting_come_back_until_done(
    demo_db: Database
) -> None:
    carried = meeting_outcomes.carried_follow_ups(demo_db, COTECH_MEETING)
    meeting_ids = {row.meeting_id for row in carried}
    assert AUGUST_COTECH in meeting_ids  # not only the previous meeting's
    assert COTECH_MEETING not in meeting_ids
    assert all(not row.done for row in carried)
    assert [row.overdue for row in carried] == [
        row.due_date is not None and row.due_date < clock.today() for row in carried]
    # Still open in January: the next COPIL of another body does not see the COTECH's.
    august = next(row for row in carried if row.meeting_id == AUGUST_COTECH)
    january = meetings.create_meeting(demo_db, MeetingFields(
        COTECH, clock.today() + timedelta(days=60), time(14), time(16), "Salle 2",
        MeetingState.PLANNED))
    assert august.id in {row.id for row in
                         meeting_outcomes.carried_follow_ups(demo_db, january.id)}
    meeting_outcomes.set_follow_up_done(demo_db, august.id, True)
    assert august.id not in {row.id for row in
                             meeting_outcomes.carried_follow_ups(demo_db, january.id)}


def test_a_follow_up_about_a_body_s_action_comes_to_that_body(demo_db: Database) -> None:
    project_group = next(row for row in meetings.list_meetings(demo_db)
                         if row.body_kind.value == "project_group")
    body = meetings.get_meeting(demo_db, project_group.id).body
    assert body.action_id is not None
    follow_up = meeting_outcomes.create_follow_up(demo_db, FollowUpFields(
        EARLIER_COTECH, "Relancer le prestataire", action_id=body.action_id,
        due_date=date(2026, 1, 15)))
    later = meetings.create_meeting(demo_db, MeetingFields(
        body.id, clock.today() + timedelta(days=90), None, None, "", MeetingState.PLANNED))
    carried = meeting_outcomes.carried_follow_ups(demo_db, later.id)
    assert follow_up.id in {row.id for row in carried}


def test_carried_follow_ups_of_an_unknown_meeting_is_a_french_error(demo_db: Database) -> None:
    with pytest.raises(CharteError, match="La réunion n° 999 est introuvable"):
        meeting_outcomes.carried_follow_ups(demo_db, 999)
