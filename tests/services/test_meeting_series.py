"""A series planned at once, then the rest of it moved or cancelled at once."""

from datetime import date, time

import pytest
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.db.models import Meeting, MeetingSeries
from charte_desktop.errors import CharteError
from charte_desktop.services import meetings
from charte_desktop.services.meeting_planning import RecurrenceFields, plan_recurring_meetings
from charte_desktop.services.meeting_series import (
    SeriesMove,
    cancel_series_rest,
    meeting_series_description,
    restore_series_meetings,
    series_rest,
    shift_series,
)
from charte_desktop.services.meetings import MeetingFields
from charte_desktop.services.recurrence import RecurrenceRule
from tests.services.test_meeting_planning import copil

THURSDAY = 3
SECOND_THURSDAYS = [date(2027, 1, 14), date(2027, 2, 11), date(2027, 3, 11),
                    date(2027, 4, 8), date(2027, 5, 13), date(2027, 6, 10)]


def second_thursdays(db: Database, body_id: int, **extra: object) -> list[int]:
    fields = RecurrenceFields(body_id, date(2027, 1, 1), 1, RecurrenceRule.NTH_WEEKDAY,
                              start_time=time(14, 0), end_time=time(16, 0),
                              place="Salle du conseil", until=date(2027, 6, 30), rank=2,
                              weekday=THURSDAY, **extra)  # type: ignore[arg-type]
    return [m.id for m in plan_recurring_meetings(db, fields)]


def rows(db: Database, ids: list[int]) -> list[tuple[date, MeetingState, int]]:
    with db.session() as session:
        found = {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(ids)))}
        return [(found[i].date, found[i].state, found[i].sequence) for i in ids]


def test_the_series_is_recorded_with_its_description(db: Database) -> None:
    body_id = copil(db, members=2)
    ids = second_thursdays(db, body_id)
    assert [r[0] for r in rows(db, ids)] == SECOND_THURSDAYS
    with db.session() as session:
        series = session.scalars(select(MeetingSeries)).one()
        assert (series.body_id, series.description) == (
            body_id, "Le 2e jeudi du mois, de janvier à juin 2027")
        assert set(session.scalars(select(Meeting.series_id))) == {series.id}
    assert meeting_series_description(db, ids[3]) == "Le 2e jeudi du mois, de janvier à juin 2027"
    lonely = meetings.create_meeting(db, MeetingFields(body_id, date(2027, 9, 1))).id
    assert meeting_series_description(db, lonely) == ""


def test_unticked_dates_are_not_created(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id, skipped=frozenset({date(2027, 5, 13),
                                                           date(2027, 1, 14)}))
    assert [r[0] for r in rows(db, ids)] == [date(2027, 2, 11), date(2027, 3, 11),
                                             date(2027, 4, 8), date(2027, 6, 10)]
    other = copil(db)
    with pytest.raises(CharteError) as error:
        second_thursdays(db, other, skipped=frozenset(SECOND_THURSDAYS))
    assert error.value.message == (
        "Toutes les dates de la série sont décochées : aucune réunion à créer.")


def test_the_rest_is_the_planned_meetings_from_that_one_on(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id)
    meetings.update_meeting(db, ids[3], MeetingFields(
        body_id, date(2027, 4, 8), time(14, 0), time(16, 0), "Salle du conseil",
        state=MeetingState.HELD))
    assert [m.date for m in series_rest(db, ids[2])] == [
        date(2027, 3, 11), date(2027, 5, 13), date(2027, 6, 10)]  # the held one aside
    assert [m.id for m in series_rest(db, ids[3])] == ids[4:]  # from a held one: the next
    lonely = meetings.create_meeting(db, MeetingFields(body_id, date(2027, 9, 1))).id
    with pytest.raises(CharteError) as error:
        series_rest(db, lonely)
    assert error.value.message == "Cette réunion ne fait partie d'aucune série."
    with pytest.raises(CharteError):
        series_rest(db, 9999)


def test_moving_the_rest_by_days_raises_each_sequence(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id)
    meetings.update_meeting(db, ids[4], MeetingFields(  # held already: never moved
        body_id, date(2027, 5, 13), time(14, 0), time(16, 0), "Salle du conseil",
        state=MeetingState.HELD))
    before = shift_series(db, ids[2], SeriesMove(days=1))
    assert [m.id for m in before] == [ids[2], ids[3], ids[5]]
    assert rows(db, ids) == [
        (date(2027, 1, 14), MeetingState.PLANNED, 0),
        (date(2027, 2, 11), MeetingState.PLANNED, 0),
        (date(2027, 3, 12), MeetingState.PLANNED, 1),
        (date(2027, 4, 9), MeetingState.PLANNED, 1),
        (date(2027, 5, 13), MeetingState.HELD, 0),
        (date(2027, 6, 11), MeetingState.PLANNED, 1),
    ]
    restore_series_meetings(db, before)  # undo: dates back, a new sequence again
    assert rows(db, ids)[2:4] == [(date(2027, 3, 11), MeetingState.PLANNED, 2),
                                  (date(2027, 4, 8), MeetingState.PLANNED, 2)]


def test_moving_times_and_place_keeps_the_dates(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id)
    shift_series(db, ids[4], SeriesMove(times=(time(9, 30), time(12, 0)),
                                        place="  Maison des associations "))
    moved = [meetings.get_meeting(db, i) for i in ids]
    assert [(m.date, m.start_time, m.end_time, m.place, m.sequence) for m in moved[3:]] == [
        (date(2027, 4, 8), time(14, 0), time(16, 0), "Salle du conseil", 0),
        (date(2027, 5, 13), time(9, 30), time(12, 0), "Maison des associations", 1),
        (date(2027, 6, 10), time(9, 30), time(12, 0), "Maison des associations", 1)]


def test_refused_moves_change_nothing(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id)
    meetings.create_meeting(db, MeetingFields(body_id, date(2027, 6, 17)))
    for move, field, start in (
        (SeriesMove(days=7), "days", "La réunion du 10/06/2027 serait déplacée au 17/06/2027"),
        (SeriesMove(), "days", "Rien ne change"),
        (SeriesMove(days=400), "days", "Le champ « Décaler de »"),
        (SeriesMove(times=(time(16, 0), time(9, 0))), "end_time", "Le champ « Heure de fin »"),
    ):
        with pytest.raises(CharteError) as error:
            shift_series(db, ids[0], move)
        assert error.value.field == field
        assert error.value.message.startswith(start)
    assert rows(db, ids) == [(d, MeetingState.PLANNED, 0) for d in SECOND_THURSDAYS]
    with pytest.raises(CharteError):  # all or nothing: refused on a meeting's date
        shift_series(db, ids[0], SeriesMove(days=7, place="Ailleurs"))
    assert rows(db, ids) == [(d, MeetingState.PLANNED, 0) for d in SECOND_THURSDAYS]


def test_cancelling_the_rest_leaves_held_meetings_alone(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id)
    meetings.update_meeting(db, ids[4], MeetingFields(  # held as planned: same revision
        body_id, date(2027, 5, 13), time(14, 0), time(16, 0), place="Salle du conseil",
        state=MeetingState.HELD))
    before = cancel_series_rest(db, ids[3])
    assert [m.id for m in before] == [ids[3], ids[5]]
    assert [r[1:] for r in rows(db, ids)] == [
        (MeetingState.PLANNED, 0), (MeetingState.PLANNED, 0), (MeetingState.PLANNED, 0),
        (MeetingState.CANCELLED, 1), (MeetingState.HELD, 0), (MeetingState.CANCELLED, 1)]
    with pytest.raises(CharteError) as error:  # nothing planned is left from there
        cancel_series_rest(db, ids[3])
    assert error.value.message.startswith("Il ne reste aucune réunion prévue")
    restore_series_meetings(db, before)
    assert [r[1] for r in rows(db, ids)] == [MeetingState.PLANNED] * 4 + [
        MeetingState.HELD, MeetingState.PLANNED]


def test_moving_the_rest_to_another_day_of_each_month(db: Database) -> None:
    body_id = copil(db)
    ids = second_thursdays(db, body_id)
    shift_series(db, ids[3], SeriesMove(month_day=(2, 1)))  # « le 2e mardi »
    assert rows(db, ids)[2:] == [
        (date(2027, 3, 11), MeetingState.PLANNED, 0),
        (date(2027, 4, 13), MeetingState.PLANNED, 1),
        (date(2027, 5, 11), MeetingState.PLANNED, 1),
        (date(2027, 6, 8), MeetingState.PLANNED, 1)]
    shift_series(db, ids[3], SeriesMove(month_day=(None, 4)))  # « le dernier vendredi »
    assert [r[0] for r in rows(db, ids)[3:]] == [
        date(2027, 4, 30), date(2027, 5, 28), date(2027, 6, 25)]
    for move, field in ((SeriesMove(days=1, month_day=(2, 1)), "days"),
                        (SeriesMove(month_day=(5, 1)), "month_day"),
                        (SeriesMove(month_day=(2, 7)), "month_day")):
        with pytest.raises(CharteError) as error:
            shift_series(db, ids[3], move)
        assert error.value.field == field
