"""The agenda as the meeting runs: each point's start time, the total against the meeting's
length, the minutes typed point by point, and the points postponed from the last meeting.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.db.models import AgendaItem, Meeting
from charte_desktop.errors import CharteError
from charte_desktop.services.common import get_or_fail
from charte_desktop.services.meeting_planning import format_duration, meeting_length_minutes
from charte_desktop.services.meeting_positions import next_position

MAX_MINUTES_LENGTH = 200_000  # a long meeting typed in full fits; a pasted book does not


def item_starts(start: time | None, durations: list[int | None]) -> list[time | None]:
    """Each point's start: the meeting's start plus the planned durations before it. After a
    point of unknown duration the next starts are unknown (None), as is every start when the
    meeting has no start time."""
    starts: list[time | None] = []
    moment = None if start is None else datetime.combine(date(2000, 1, 1), start)
    for duration in durations:
        starts.append(None if moment is None or moment.day != 1 else moment.time())
        moment = None if moment is None or duration is None else moment + timedelta(
            minutes=duration)
    return starts


def agenda_total_text(start: time | None, end: time | None, durations: list[int | None]) -> str:
    """« Ordre du jour : 2 h 15 sur 2 h 30 (reste 15 min) », « … : 20 min de trop », or
    the planned total alone when the meeting's length is unknown; "" with no duration."""
    planned = sum(d for d in durations if d)
    if not planned:
        return ""
    length = meeting_length_minutes(start, end)
    text = f"Ordre du jour : {format_duration(planned)}"
    if length is None:
        return text
    text += f" sur {format_duration(length)}"
    if planned > length:
        return f"{text} : {format_duration(planned - length)} de trop"
    if planned < length:
        return f"{text} (reste {format_duration(length - planned)})"
    return f"{text} (complet)"


def set_item_minutes(db: Database, item_id: int, text: str) -> None:
    """Save the minutes of one point as typed (the Compte rendu page saves as one types)."""
    if len(text) > MAX_MINUTES_LENGTH:
        raise CharteError(
            f"Le compte rendu d'un point ne peut pas dépasser {MAX_MINUTES_LENGTH:,} "
            "caractères : découpez-le en plusieurs points.".replace(",", "\u202f"),
            field="minutes_text")
    with db.session() as session:
        item = get_or_fail(session, AgendaItem, item_id, "Le point de l'ordre du jour")
        if item.minutes_text != text:
            item.minutes_text = text


@dataclass(frozen=True)
class PostponedItem:
    id: int
    title: str
    presenter_id: int | None
    duration_minutes: int | None
    meeting_date: date  # the meeting that postponed it


def postponed_offers(db: Database, meeting_id: int) -> list[PostponedItem]:
    """The points postponed (« reporté ») by the body's previous meeting (held, before this
    one) that this meeting's agenda does not hold yet (same title)."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        previous = session.scalar(
            select(Meeting)
            .where(Meeting.body_id == meeting.body_id, Meeting.id != meeting.id,
                   Meeting.state != MeetingState.CANCELLED,
                   (Meeting.date < meeting.date)
                   | ((Meeting.date == meeting.date) & (Meeting.id < meeting.id)))
            .order_by(Meeting.date.desc(), Meeting.id.desc())
            .limit(1))
        if previous is None:
            return []
        taken = {item.title.casefold() for item in meeting.agenda_items}
        return [PostponedItem(item.id, item.title, item.presenter_id, item.duration_minutes,
                              previous.date)
                for item in previous.agenda_items
                if item.postponed and item.title.casefold() not in taken]


def take_up_postponed(db: Database, meeting_id: int, item_ids: list[int]) -> list[int]:
    """Add the postponed points to this meeting's agenda, at its end; their new ids."""
    offered = {item.id: item for item in postponed_offers(db, meeting_id)}
    with db.session() as session:
        get_or_fail(session, Meeting, meeting_id, "La réunion")
        created = []
        for item_id in item_ids:
            source = offered.get(item_id)
            if source is None:
                raise CharteError("Ce point n'est plus à reprendre : la liste a changé, "
                                  "rouvrez la réunion.")
            item = AgendaItem(meeting_id=meeting_id, title=source.title,
                              presenter_id=source.presenter_id,
                              duration_minutes=source.duration_minutes,
                              position=next_position(session, AgendaItem, meeting_id))
            session.add(item)
            session.flush()
            created.append(item.id)
        return created
