"""The rest of a series of meetings, moved or cancelled at once.

« La suite de la série » is the planned meetings of the series from the chosen one on (that
one included when it is planned): meetings already held, or cancelled, are never touched.
Every meeting changed gets its iCalendar SEQUENCE raised by one, so calendars that received
the invitation replace it.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.db.models import Decision, Meeting, MeetingSeries
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import rules
from charte_desktop.services.common import get_or_fail
from charte_desktop.services.recurrence import MONTH_DAYS, MonthDay, month_day_date

MAX_SHIFT_DAYS = 366


@dataclass(frozen=True)
class SeriesMeeting:
    """One meeting of the rest of a series, as the confirmation names it; also what undo
    puts back."""

    id: int
    date: date
    start_time: time | None
    end_time: time | None
    place: str
    state: MeetingState


@dataclass(frozen=True)
class SeriesMove:
    """How to move the rest of a series: by `days` (negative: earlier) or to another day of
    each meeting's month; new times and place when given (None: each keeps its own)."""

    days: int = 0
    times: tuple[time | None, time | None] | None = None
    place: str | None = None
    # Instead of days: each meeting to that day of its own month (« le 2e mardi »).
    month_day: MonthDay | None = None


def _snapshot(meeting: Meeting) -> SeriesMeeting:
    return SeriesMeeting(meeting.id, meeting.date, meeting.start_time, meeting.end_time,
                         meeting.place, meeting.state)


def _rest(session: Session, meeting_id: int) -> list[Meeting]:
    meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
    if meeting.series_id is None:
        raise CharteError("Cette réunion ne fait partie d'aucune série.")
    rest = list(session.scalars(
        select(Meeting)
        .where(Meeting.series_id == meeting.series_id, Meeting.date >= meeting.date,
               Meeting.state == MeetingState.PLANNED)
        .order_by(Meeting.date, Meeting.id)
    ))
    if not rest:
        raise CharteError("Il ne reste aucune réunion prévue dans cette série à partir du "
                          f"{format_date(meeting.date)}.")
    return rest


def meeting_series_description(db: Database, meeting_id: int) -> str:
    """The description of the meeting's series (« Le 2e jeudi du mois… »); "" if none."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        if meeting.series_id is None:
            return ""
        series = session.get(MeetingSeries, meeting.series_id)
        return series.description if series is not None else ""


def meeting_series_id(db: Database, meeting_id: int) -> int | None:
    """The meeting's series, or None (also for a meeting deleted meanwhile)."""
    with db.session() as session:
        return session.scalar(select(Meeting.series_id).where(Meeting.id == meeting_id))


def series_rest(db: Database, meeting_id: int) -> list[SeriesMeeting]:
    """The planned meetings of the meeting's series from its date on, by date; a French
    CharteError when the meeting belongs to no series or nothing planned is left."""
    with db.session() as session:
        return [_snapshot(m) for m in _rest(session, meeting_id)]


def _touch(session: Session, meeting: Meeting) -> None:
    """A changed meeting: a new SEQUENCE, and its decisions' journal notes follow it."""
    meeting.sequence = (meeting.sequence or 0) + 1
    from charte_desktop.services.meeting_outcomes import sync_decision_note

    for decision in session.scalars(select(Decision).where(Decision.meeting_id == meeting.id)):
        sync_decision_note(session, decision)


def _check_move(move: SeriesMove) -> None:
    if isinstance(move.days, bool) or not isinstance(move.days, int):
        raise CharteError("Le champ « Décaler de » est obligatoire.", field="days")
    rules.integer_between(move.days, -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS, "days", "Décaler de")
    if move.times is not None:
        start, end = move.times
        if start is not None and end is not None and end < start:
            raise CharteError(
                f"Le champ « Heure de fin » ({end:%H:%M}) doit être postérieur ou égal au "
                f"champ « Heure de début » ({start:%H:%M}).", field="end_time")
    if move.month_day is not None:
        if move.month_day not in MONTH_DAYS:
            raise CharteError("Le champ « Nouveau jour du mois » est à choisir dans la liste.",
                              field="month_day")
        if move.days:
            raise CharteError("Choisissez soit un décalage en jours, soit un nouveau jour du "
                              "mois, pas les deux.", field="days")
    if not move.days and move.times is None and move.place is None and move.month_day is None:
        raise CharteError("Rien ne change : indiquez un décalage en jours, d'autres "
                          "heures ou un autre lieu.", field="days")


def shift_series(db: Database, meeting_id: int, move: SeriesMove) -> list[SeriesMeeting]:
    """Move the rest of the series (see `series_rest`): dates by `move.days` or to
    `move.month_day` of their month, times and place when given; each moved meeting's
    SEQUENCE grows by one. All or nothing: a date on which the body already has another
    meeting is refused. Returns the meetings as they were (for undo)."""
    _check_move(move)
    place = (None if move.place is None
             else rules.limited_text(move.place, "place", "Lieu", max_length=300))
    with db.session() as session:
        rest = _rest(session, meeting_id)
        before = [_snapshot(m) for m in rest]
        moved_ids = {m.id for m in rest}
        for meeting in rest:
            new_date = (_shifted(meeting.date, move.days) if move.month_day is None else
                        month_day_date(meeting.date.year, meeting.date.month, move.month_day))
            if new_date != meeting.date:
                _refuse_taken_date(session, meeting, new_date, moved_ids)
            start, end = move.times if move.times is not None else (
                meeting.start_time, meeting.end_time)
            if start is not None and end is not None and end < start:
                raise CharteError(
                    f"La réunion du {format_date(meeting.date)} finirait ({end:%H:%M}) "
                    f"avant de commencer ({start:%H:%M}).", field="end_time")
            changed = (new_date, start, end, place if place is not None else meeting.place)
            if changed == (meeting.date, meeting.start_time, meeting.end_time, meeting.place):
                continue
            meeting.date, meeting.start_time, meeting.end_time, meeting.place = changed
            _touch(session, meeting)
        session.flush()
        return before


def _shifted(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise CharteError(f"Le {format_date(day)} décalé de {days} jours n'est pas une "
                          "date possible.", field="days") from None


def _refuse_taken_date(session: Session, meeting: Meeting, new_date: date,
                       moved_ids: set[int]) -> None:
    other = session.scalar(select(Meeting.id).where(
        Meeting.body_id == meeting.body_id, Meeting.date == new_date,
        Meeting.state != MeetingState.CANCELLED, Meeting.id.not_in(moved_ids)))
    if other is not None:
        raise CharteError(
            f"La réunion du {format_date(meeting.date)} serait déplacée au "
            f"{format_date(new_date)}, où l'instance a déjà une réunion.", field="days")


def cancel_series_rest(db: Database, meeting_id: int) -> list[SeriesMeeting]:
    """Cancel the rest of the series (see `series_rest`): state « Annulée », SEQUENCE + 1
    (the calendars' copies are cancelled too). Returns the meetings as they were."""
    with db.session() as session:
        rest = _rest(session, meeting_id)
        before = [_snapshot(m) for m in rest]
        for meeting in rest:
            meeting.state = MeetingState.CANCELLED
            _touch(session, meeting)
        session.flush()
        return before


def restore_series_meetings(db: Database, saved: list[SeriesMeeting]) -> None:
    """Put meetings back as `saved` (undo of a move or a cancellation): a change again
    for calendars, so SEQUENCE grows too. Meetings deleted since are left aside."""
    with db.session() as session:
        for snapshot in saved:
            meeting = session.get(Meeting, snapshot.id)
            if meeting is None:
                continue
            meeting.date, meeting.start_time, meeting.end_time = (
                snapshot.date, snapshot.start_time, snapshot.end_time)
            meeting.place, meeting.state = snapshot.place, snapshot.state
            _touch(session, meeting)
