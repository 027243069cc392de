"""Planning a body's meetings ahead: recurring series, and agendas too long for the meeting.

« Le 2e jeudi du mois jusqu'au 30/06/2027 » creates every planned meeting of the series at
once, in one transaction, with the series itself (MeetingSeries) and its description in
French; dates on which the body already meets are skipped, and so are those the officer
unticked in the preview, where weekends and public holidays are pointed out.
"""

from collections.abc import Container, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.db.models import AgendaItem, Body, Meeting, MeetingSeries
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meetings, rules
from charte_desktop.services.common import get_or_fail, not_found
from charte_desktop.services.holidays import day_warning
from charte_desktop.services.recurrence import (
    RANKS,
    RecurrenceRule,
    describe_series,
    rule_dates,
)

MAX_SERIES_MEETINGS = 60
MAX_EVERY = 99
START_LABEL = "À partir du"


@dataclass
class RecurrenceFields:
    """A series: from `first_date`, by `rule` every `every` weeks or months, until `until`
    (included). `rank` (1–4) and `weekday` (0 = lundi) serve the « Ne jour » and « dernier
    jour » rules. Times and place are those of every meeting; `skipped` holds the dates
    the officer unticked."""

    body_id: int
    first_date: date
    every: int = 1
    rule: RecurrenceRule = RecurrenceRule.MONTHS
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    until: date | None = None
    rank: int | None = 1
    weekday: int | None = 0
    skipped: frozenset[date] = frozenset()


class PlannedDate(NamedTuple):
    """One date of the preview: whether the body already meets then (skipped), and why the
    day may be a mistake (« dimanche », « lundi de Pâques »; "" when fine)."""

    day: date
    exists: bool
    warning: str


# --- Dates ------------------------------------------------------------------------------


def _whole_in(value: object, allowed: Container[int]) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed


def _check_rule(fields: RecurrenceFields) -> None:
    if isinstance(fields.every, bool) or not isinstance(fields.every, int):
        raise CharteError("Le champ « Répéter tous les » est obligatoire.", field="every")
    rules.integer_between(fields.every, 1, MAX_EVERY, "every", "Répéter tous les")
    if not isinstance(fields.rule, RecurrenceRule):
        raise CharteError("Le champ « Règle » est obligatoire.", field="rule")
    if fields.rule is RecurrenceRule.NTH_WEEKDAY and not _whole_in(fields.rank, RANKS):
        raise CharteError("Le champ « Rang » est obligatoire (1er, 2e, 3e ou 4e).",
                          field="rank")
    if fields.rule.uses_weekday and not _whole_in(fields.weekday, range(7)):
        raise CharteError("Le champ « Jour » est obligatoire (lundi… dimanche).",
                          field="weekday")


def _iter_dates(fields: RecurrenceFields) -> Iterator[date]:
    _check_rule(fields)
    if not isinstance(fields.first_date, date) or not isinstance(fields.until, date):
        return iter(())
    return rule_dates(fields.rule, fields.first_date, fields.every, fields.until,
                      fields.rank or 1, fields.weekday or 0)


def planned_dates(fields: RecurrenceFields) -> list[date]:
    """Every date of the series' rule, from its start to `until` included."""
    return list(_iter_dates(fields))


def series_description(fields: RecurrenceFields) -> str:
    """« Le 2e jeudi du mois, de janvier à juin 2027 » (the rule's dates, unticked too)."""
    return describe_series(fields.rule, fields.every, planned_dates(fields),
                           fields.rank or 1, fields.weekday or 0)


# --- Checks -----------------------------------------------------------------------------


def _series_dates(session: Session, fields: RecurrenceFields) -> list[date]:
    """The checked series' dates; raises a French CharteError naming the field at fault."""
    if fields.body_id is None:
        raise CharteError("Le champ « Instance » est obligatoire.", field="body_id")
    body = session.get(Body, fields.body_id)
    if body is None:
        raise CharteError(not_found("L'instance", fields.body_id), field="body_id")
    if not isinstance(fields.first_date, date):
        raise CharteError(f"Le champ « {START_LABEL} » est obligatoire.", field="first_date")
    if not isinstance(fields.until, date):
        raise CharteError("Le champ « Jusqu'au » est obligatoire.", field="until")
    rules.dates_in_order(fields.first_date, fields.until, "until", START_LABEL, "Jusqu'au")
    dates = list(islice(_iter_dates(fields), MAX_SERIES_MEETINGS + 1))
    if len(dates) > MAX_SERIES_MEETINGS:
        last = dates[MAX_SERIES_MEETINGS - 1]
        raise CharteError(
            f"Une série compte au plus {MAX_SERIES_MEETINGS} réunions : celle-ci en compterait "
            f"davantage. Choisissez une date « Jusqu'au » au plus tard le {format_date(last)} "
            "ou espacez les réunions.",
            field="until",
        )
    if not dates:
        raise CharteError(
            "Aucune date de la série ne tombe entre le "
            f"{format_date(fields.first_date)} et le {format_date(fields.until)} : "
            "choisissez une date « Jusqu'au » plus tardive.",
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


def planned_dates_preview(db: Database, fields: RecurrenceFields) -> list[PlannedDate]:
    """The series' dates, each with whether the body already meets that day (then skipped)
    and the day's warning (weekend, public holiday)."""
    with db.session() as session:
        dates = _series_dates(session, fields)
        taken = _taken_dates(session, fields.body_id, dates)
        return [PlannedDate(day, day in taken, day_warning(day)) for day in dates]


def plan_recurring_meetings(db: Database, fields: RecurrenceFields) -> list[Meeting]:
    """Create the series (its French description kept) and its planned meetings, the
    body's members invited to each, all in one transaction (all or nothing). Dates on which
    the body already meets and unticked dates are skipped; returns the meetings created,
    by date."""
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
        wanted = [day for day in wanted if day not in (fields.skipped or ())]
        if not wanted:
            raise CharteError("Toutes les dates de la série sont décochées : "
                              "aucune réunion à créer.")
        series = MeetingSeries(body_id=fields.body_id, description=describe_series(
            fields.rule, fields.every, dates, fields.rank or 1, fields.weekday or 0))
        session.add(series)
        session.flush()
        created: list[Meeting] = []
        for day in wanted:
            values = meetings.meeting_values(session, meetings.MeetingFields(
                body_id=fields.body_id, date=day, start_time=fields.start_time,
                end_time=fields.end_time, place=fields.place, state=MeetingState.PLANNED,
            ))
            meeting = Meeting(**values, series_id=series.id)
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
