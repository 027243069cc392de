"""Planning series of meetings, and agendas longer than their meeting."""

from datetime import date, time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MeetingState
from charte_desktop.db.models import Attendance, Meeting
from charte_desktop.errors import CharteError
from charte_desktop.services import meetings
from charte_desktop.services.bodies import BodyFields, MembershipFields, create_body
from charte_desktop.services.bodies import create_membership as add_member
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.meeting_planning import (
    MAX_SERIES_MEETINGS,
    PlannedDate,
    RecurrenceFields,
    agenda_overrun,
    format_duration,
    plan_recurring_meetings,
    planned_dates,
    planned_dates_preview,
)
from charte_desktop.services.meetings import AgendaItemFields, MeetingFields
from charte_desktop.services.recurrence import RecurrenceRule

MONTHS = RecurrenceRule.MONTHS
WEEKS = RecurrenceRule.WEEKS


def copil(db: Database, members: int = 2) -> int:
    body_id = create_body(db, BodyFields(BodyKind.COPIL, "COPIL de la charte")).id
    for n in range(members):
        contact_id = create_contact(db, ContactFields(f"Membre{n}", "Anne")).id
        add_member(db, MembershipFields(body_id, contact_id))
    return body_id


def series(body_id: int, first: date, until: date, every: int = 3,
           unit: RecurrenceRule = MONTHS, **extra: object) -> RecurrenceFields:
    return RecurrenceFields(body_id, first, every, unit, until=until,
                            **extra)  # type: ignore[arg-type]


def meeting_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count(Meeting.id))) or 0


# --- dates ---------------------------------------------------------------------------


def test_rule_labels_are_french() -> None:
    assert [u.label for u in RecurrenceRule] == [
        "Toutes les N semaines", "Tous les N mois, à la même date",
        "Le Ne jour du mois (2e jeudi…)", "Le dernier jour du mois (dernier vendredi…)"]
    assert RecurrenceRule.from_label("tous les n mois, à la même date") is MONTHS


def test_monthly_steps_keep_the_day_clamped_to_the_month_end() -> None:
    dates = planned_dates(series(1, date(2026, 1, 31), date(2026, 5, 31), every=1))
    assert dates == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31),
                     date(2026, 4, 30), date(2026, 5, 31)]
    leap = planned_dates(series(1, date(2027, 11, 30), date(2028, 3, 1), every=3))
    assert leap == [date(2027, 11, 30), date(2028, 2, 29)]


def test_quarterly_until_is_inclusive_and_crosses_years() -> None:
    dates = planned_dates(series(1, date(2026, 3, 14), date(2027, 12, 14)))
    assert dates == [date(2026, 3, 14), date(2026, 6, 14), date(2026, 9, 14),
                     date(2026, 12, 14), date(2027, 3, 14), date(2027, 6, 14),
                     date(2027, 9, 14), date(2027, 12, 14)]
    assert planned_dates(series(1, date(2026, 3, 14), date(2027, 12, 13)))[-1] == date(
        2027, 9, 14)
    assert planned_dates(series(1, date(2026, 3, 14), date(2026, 3, 14))) == [date(2026, 3, 14)]


def test_weekly_steps() -> None:
    dates = planned_dates(series(1, date(2026, 12, 17), date(2027, 1, 28), every=2, unit=WEEKS))
    assert dates == [date(2026, 12, 17), date(2026, 12, 31), date(2027, 1, 14),
                     date(2027, 1, 28)]


def test_series_near_the_last_possible_date_ends_cleanly() -> None:
    dates = planned_dates(series(1, date(9999, 10, 31), date(9999, 12, 31), every=1))
    assert dates == [date(9999, 10, 31), date(9999, 11, 30), date(9999, 12, 31)]
    assert planned_dates(series(1, date(9999, 12, 20), date(9999, 12, 31), unit=WEEKS,
                                every=1)) == [date(9999, 12, 20), date(9999, 12, 27)]


def test_every_must_be_at_least_one() -> None:
    with pytest.raises(CharteError) as error:
        planned_dates(series(1, date(2026, 1, 1), date(2026, 12, 31), every=0))
    assert error.value.field == "every"
    assert "« Répéter tous les »" in error.value.message


# --- planning ------------------------------------------------------------------------


def test_plans_the_whole_series_with_members_invited(db: Database) -> None:
    body_id = copil(db, members=3)
    fields = series(body_id, date(2026, 3, 14), date(2027, 12, 31),
                    start_time=time(14, 0), end_time=time(16, 0), place="  Salle du conseil ")
    created = plan_recurring_meetings(db, fields)
    assert [m.date for m in created] == planned_dates(fields)
    rows = meetings.list_meetings(db)
    assert len(rows) == 8
    assert {(r.state, r.start_time, r.end_time, r.place, r.invitee_count) for r in rows} == {
        (MeetingState.PLANNED, time(14, 0), time(16, 0), "Salle du conseil", 3)}


def test_until_before_first_date_is_refused(db: Database) -> None:
    body_id = copil(db)
    with pytest.raises(CharteError) as error:
        plan_recurring_meetings(db, series(body_id, date(2026, 3, 14), date(2026, 3, 13)))
    assert error.value.field == "until"
    assert error.value.message.startswith(
        "Le champ « Jusqu'au » (13/03/2026) doit être postérieur ou égal au champ "
        "« À partir du » (14/03/2026)")
    assert meeting_count(db) == 0


def test_missing_dates_and_unknown_body_name_their_field(db: Database) -> None:
    body_id = copil(db)
    for fields, field in (
        (series(body_id, None, date(2026, 3, 13)), "first_date"),  # type: ignore[arg-type]
        (series(body_id, date(2026, 3, 13), None), "until"),  # type: ignore[arg-type]
        (series(body_id + 99, date(2026, 3, 13), date(2027, 3, 13)), "body_id"),
        (series(body_id, date(2026, 3, 13), date(2027, 3, 13), start_time=time(18, 0),
                end_time=time(9, 0)), "end_time"),
    ):
        with pytest.raises(CharteError) as error:
            plan_recurring_meetings(db, fields)
        assert error.value.field == field
    assert meeting_count(db) == 0


def test_at_most_sixty_meetings(db: Database) -> None:
    body_id = copil(db)
    first = date(2026, 1, 5)
    sixty = planned_dates(series(body_id, first, date(2027, 2, 22), every=1, unit=WEEKS))
    assert len(sixty) == MAX_SERIES_MEETINGS
    assert len(plan_recurring_meetings(
        db, series(body_id, first, sixty[-1], every=1, unit=WEEKS))) == 60

    other = copil(db, members=0)
    with pytest.raises(CharteError) as error:
        plan_recurring_meetings(db, series(other, first, date(2027, 3, 1), every=1, unit=WEEKS))
    assert error.value.field == "until"
    assert error.value.message.startswith("Une série compte au plus 60 réunions")
    assert "au plus tard le 22/02/2027" in error.value.message
    with pytest.raises(CharteError):  # a century of weekly meetings is refused quickly too
        planned_dates_preview(db, series(other, first, date(2126, 1, 1), every=1, unit=WEEKS))
    assert meeting_count(db) == 60


def test_dates_already_holding_a_meeting_are_skipped_and_reported(db: Database) -> None:
    body_id = copil(db)
    other = copil(db)
    kept = meetings.create_meeting(db, MeetingFields(body_id, date(2026, 9, 14), place="Mairie"))
    meetings.create_meeting(db, MeetingFields(other, date(2026, 6, 14)))  # another body
    meetings.create_meeting(db, MeetingFields(body_id, date(2026, 12, 14),
                                              state=MeetingState.CANCELLED))
    fields = series(body_id, date(2026, 3, 14), date(2027, 3, 14))
    assert planned_dates_preview(db, fields) == [
        PlannedDate(date(2026, 3, 14), False, "samedi"),
        PlannedDate(date(2026, 6, 14), False, "dimanche"),
        PlannedDate(date(2026, 9, 14), True, ""),
        PlannedDate(date(2026, 12, 14), False, ""),
        PlannedDate(date(2027, 3, 14), False, "dimanche")]
    created = plan_recurring_meetings(db, fields)
    assert [m.date for m in created] == [date(2026, 3, 14), date(2026, 6, 14),
                                         date(2026, 12, 14), date(2027, 3, 14)]
    assert meetings.get_meeting(db, kept.id).place == "Mairie"
    mine = [r.date for r in meetings.list_meetings(db, meetings.MeetingFilter(body_id=body_id))]
    assert mine.count(date(2026, 9, 14)) == 1

    with pytest.raises(CharteError) as error:  # planned twice: nothing left to create
        plan_recurring_meetings(db, fields)
    assert "aucune réunion à créer" in error.value.message


@pytest.mark.file_only  # a SQLite trigger makes one meeting fail
def test_all_or_nothing_when_one_meeting_fails(db: Database) -> None:
    body_id = copil(db)
    with db.session() as session:  # the file refuses one of the dates
        session.execute(text(
            "CREATE TRIGGER refuse_one BEFORE INSERT ON meeting "
            "WHEN NEW.date = '2026-09-14' BEGIN SELECT RAISE(ABORT, 'refusée'); END"))
    with pytest.raises(IntegrityError):
        plan_recurring_meetings(db, series(body_id, date(2026, 3, 14), date(2027, 3, 14)))
    assert meeting_count(db) == 0
    with db.session() as session:
        assert session.scalar(select(func.count(Attendance.id))) == 0


def test_dry_run_keeps_nothing(db: Database) -> None:
    body_id = copil(db)
    with db.dry_run():
        created = plan_recurring_meetings(db, series(body_id, date(2026, 3, 14),
                                                     date(2027, 3, 14)))
    assert len(created) == 5
    assert meeting_count(db) == 0


# --- agenda length -------------------------------------------------------------------


def agenda(db: Database, body_id: int, start: time | None, end: time | None,
           *durations: int | None) -> int:
    meeting_id = meetings.create_meeting(
        db, MeetingFields(body_id, date(2026, 3, 14), start, end)).id
    for n, minutes in enumerate(durations, 1):
        meetings.create_agenda_item(db, AgendaItemFields(meeting_id, f"Point {n}",
                                                         duration_minutes=minutes))
    return meeting_id


def test_overrun_message(db: Database) -> None:
    body_id = copil(db)
    meeting_id = agenda(db, body_id, time(14, 0), time(16, 0), 60, 45, None, 30)
    overrun = agenda_overrun(db, meeting_id)
    assert overrun is not None
    assert (overrun.planned_minutes, overrun.meeting_minutes, overrun.excess_minutes) == (
        135, 120, 15)
    assert overrun.message == (
        "L'ordre du jour prévoit 2 h 15 pour une réunion de 2 h : 15 min de trop.")

    short = agenda(db, body_id, time(9, 30), time(10, 15), 46)
    assert agenda_overrun(db, short).message == (  # type: ignore[union-attr]
        "L'ordre du jour prévoit 46 min pour une réunion de 45 min : 1 min de trop.")
    long = agenda(db, body_id, time(9, 0), time(10, 0), 120, 5)
    assert agenda_overrun(db, long).message == (  # type: ignore[union-attr]
        "L'ordre du jour prévoit 2 h 05 pour une réunion de 1 h : 1 h 05 de trop.")


def test_no_overrun_when_it_fits_or_times_are_unknown(db: Database) -> None:
    body_id = copil(db)
    assert agenda_overrun(db, agenda(db, body_id, time(14, 0), time(16, 0), 60, 60)) is None
    assert agenda_overrun(db, agenda(db, body_id, time(14, 0), None, 600)) is None
    assert agenda_overrun(db, agenda(db, body_id, None, time(16, 0), 600)) is None
    assert agenda_overrun(db, agenda(db, body_id, time(14, 0), time(14, 0), 30)) is None
    assert agenda_overrun(db, agenda(db, body_id, time(14, 0), time(15, 0))) is None
    with pytest.raises(CharteError):
        agenda_overrun(db, 9999)


@pytest.mark.parametrize(("minutes", "expected"), [
    (0, "0 min"), (1, "1 min"), (2, "2 min"), (59, "59 min"), (60, "1 h"), (61, "1 h 01"),
    (120, "2 h"), (135, "2 h 15"), (600, "10 h"),
])
def test_durations_in_french(minutes: int, expected: str) -> None:
    assert format_duration(minutes) == expected
