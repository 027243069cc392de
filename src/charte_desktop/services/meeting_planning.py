"""Planning a body's meetings ahead: recurring series, and agendas too long for the meeting.

"Tous les 3 mois jusqu'au 31/12/2027" creates every planned meeting of the series at once,
in one transaction; dates on which the body already meets are skipped.
"""

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, time, timedelta
from itertools import islice

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charte_desktop.db import Database
from charte_desktop.db.enums import _LABELS, LabelledEnum, MeetingState
from charte_desktop.db.models import AgendaItem, Body, Meeting
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meetings, rules
from charte_desktop.services.common import get_or_fail, not_found

MAX_SERIES_MEETINGS = 60
MAX_EVERY = 99


class RecurrenceUnit(LabelledEnum):
    WEEKS = "weeks"
    MONTHS = "months"


_LABELS[RecurrenceUnit] = {
    RecurrenceUnit.WEEKS.value: "semaines",
    RecurrenceUnit.MONTHS.value: "mois",
}


@dataclass
class RecurrenceFields:
    """A series: the first meeting's date, then every `every` weeks or months until `until`
    (included). Times and place are those of every meeting of the series."""

    body_id: int
    first_date: date
    every: int = 1
    unit: RecurrenceUnit = RecurrenceUnit.MONTHS
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    until: date | None = None


# --- Dates ------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date | None:
    """`day` moved by whole months, the day clamped to the month's last (31/01 → 28/02);
    None past the last year a date can hold."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    if year > MAXYEAR:
        return None
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_weeks(day: date, weeks: int) -> date | None:
    try:
        return day + timedelta(weeks=weeks)
    except OverflowError:
        return None


def _check_step(fields: RecurrenceFields) -> None:
    if isinstance(fields.every, bool) or not isinstance(fields.every, int):
        raise CharteError("Le champ « Répéter tous les » est obligatoire.", field="every")
    rules.integer_between(fields.every, 1, MAX_EVERY, "every", "Répéter tous les")
    if not isinstance(fields.unit, RecurrenceUnit):
        raise CharteError("Le champ « Unité » est obligatoire (semaines ou mois).", field="unit")


def _iter_dates(fields: RecurrenceFields) -> Iterator[date]:
    """The series' dates, each computed from the first one (never from the previous one,
    so 31/01 gives 28/02 then 31/03, not 28/03)."""
    _check_step(fields)
    if not isinstance(fields.first_date, date) or not isinstance(fields.until, date):
        return
    step = _add_months if fields.unit is RecurrenceUnit.MONTHS else _add_weeks
    index = 0
    while True:
        day = step(fields.first_date, index * fields.every)
        if day is None or day > fields.until:
            return
        yield day
        index += 1


def planned_dates(fields: RecurrenceFields) -> list[date]:
    """Every date of the series, from the first date to `until` included."""
    return list(_iter_dates(fields))


# --- Checks -----------------------------------------------------------------------------


def _series_dates(session: Session, fields: RecurrenceFields) -> list[date]:
    """The checked series' dates; raises a French CharteError naming the field at fault."""
    if fields.body_id is None:
        raise CharteError("Le champ « Instance » est obligatoire.", field="body_id")
    body = session.get(Body, fields.body_id)
    if body is None:
        raise CharteError(not_found("L'instance", fields.body_id), field="body_id")
    if not isinstance(fields.first_date, date):
        raise CharteError("Le champ « Première réunion le » est obligatoire.",
                          field="first_date")
    if not isinstance(fields.until, date):
        raise CharteError("Le champ « Jusqu'au » est obligatoire.", field="until")
    rules.dates_in_order(fields.first_date, fields.until, "until", "Première réunion le",
                         "Jusqu'au")
    dates = list(islice(_iter_dates(fields), MAX_SERIES_MEETINGS + 1))
    if len(dates) > MAX_SERIES_MEETINGS:
        last = dates[MAX_SERIES_MEETINGS - 1]
        raise CharteError(
            f"Une série compte au plus {MAX_SERIES_MEETINGS} réunions : celle-ci en compterait "
            f"davantage. Choisissez une date « Jusqu'au » au plus tard le {format_date(last)} "
            "ou espacez les réunions.",
            field="until",
        )
    return dates


def _taken_dates(session: Session, body_id: int, dates: list[date]) -> set[date]:
    """Dates of `dates` on which the body already has a meeting (cancelled ones aside)."""
    if not dates:
        return set()
    return set(session.scalars(
        select(Meeting.date).where(
            Meeting.body_id == body_id,
            Meeting.date.between(dates[0], dates[-1]),
            Meeting.state != MeetingState.CANCELLED,
        )
    ))


def planned_dates_preview(db: Database, fields: RecurrenceFields) -> list[tuple[date, bool]]:
    """The series' dates, each with whether the body already meets that day (then skipped)."""
    with db.session() as session:
        dates = _series_dates(session, fields)
        taken = _taken_dates(session, fields.body_id, dates)
        return [(day, day in taken) for day in dates]


def plan_recurring_meetings(db: Database, fields: RecurrenceFields) -> list[Meeting]:
    """Create the series' planned meetings, the body's members invited to each, all in one
    transaction (all or nothing). Dates on which the body already meets are skipped (see
    `planned_dates_preview`); returns the meetings created, by date."""
    with db.session() as session:
        dates = _series_dates(session, fields)
        taken = _taken_dates(session, fields.body_id, dates)
        wanted = [day for day in dates if day not in taken]
        if not wanted:
            raise CharteError(
                "L'instance a déjà une réunion à chacune des dates de la série : "
                "aucune réunion à créer.",
                field="first_date",
            )
        created: list[Meeting] = []
        for day in wanted:
            values = meetings.meeting_values(session, meetings.MeetingFields(
                body_id=fields.body_id, date=day, start_time=fields.start_time,
                end_time=fields.end_time, place=fields.place, state=MeetingState.PLANNED,
            ))
            meeting = Meeting(**values)
            session.add(meeting)
            session.flush()
            meetings.invite_body_members(session, meeting)
            created.append(meeting)
        session.flush()
        return created


# --- Agenda length ----------------------------------------------------------------------


def format_duration(minutes: int) -> str:
    """45 → "45 min", 120 → "2 h", 135 → "2 h 15", 65 → "1 h 05" (units never take an s)."""
    hours_part, rest = divmod(minutes, 60)
    if not hours_part:
        return f"{rest} min"
    return f"{hours_part} h" if not rest else f"{hours_part} h {rest:02d}"


@dataclass(frozen=True)
class AgendaOverrun:
    """The agenda's planned durations add up to more than the meeting lasts."""

    planned_minutes: int
    meeting_minutes: int

    @property
    def excess_minutes(self) -> int:
        return self.planned_minutes - self.meeting_minutes

    @property
    def message(self) -> str:
        return (
            f"L'ordre du jour prévoit {format_duration(self.planned_minutes)} pour une "
            f"réunion de {format_duration(self.meeting_minutes)} : "
            f"{format_duration(self.excess_minutes)} de trop."
        )


def meeting_length_minutes(start: time | None, end: time | None) -> int | None:
    """Minutes from start to end; None when either is unknown or they are equal."""
    if start is None or end is None:
        return None
    day = date(2000, 1, 1)
    minutes = int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds()
                  // 60)
    return minutes if minutes > 0 else None


def agenda_overrun(db: Database, meeting_id: int) -> AgendaOverrun | None:
    """The overrun of the meeting's agenda, or None if it fits or the times are unknown."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        length = meeting_length_minutes(meeting.start_time, meeting.end_time)
        if length is None:
            return None
        planned = session.scalar(
            select(func.coalesce(func.sum(AgendaItem.duration_minutes), 0))
            .where(AgendaItem.meeting_id == meeting_id)
        )
        planned = int(planned or 0)
        return AgendaOverrun(planned, length) if planned > length else None
