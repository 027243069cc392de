"""Meetings of the bodies: planning, agenda and attendance (decisions and follow-ups are in
meeting_outcomes)."""

from dataclasses import dataclass
from datetime import date, time
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState
from charte_desktop.db.models import (
    ActionNote,
    AgendaItem,
    Attendance,
    Body,
    Contact,
    Decision,
    FollowUp,
    Meeting,
    Membership,
    Organisation,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import attendance, rules
from charte_desktop.services.bodies import current_membership
from charte_desktop.services.common import assign, ensure_exists, get_or_fail
from charte_desktop.services.form_fields import load_fields
from charte_desktop.services.meeting_positions import next_position, renumber, same_meeting

# --- Meetings --------------------------------------------------------------------------


@dataclass
class MeetingFields:
    body_id: int
    date: date
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    state: MeetingState = MeetingState.PLANNED
    secretary_id: int | None = None
    notes: str = ""


def meeting_values(session: Session, fields: MeetingFields) -> dict[str, Any]:
    get_or_fail(session, Body, fields.body_id, "L'instance", field="body_id", label="Instance")
    if not isinstance(fields.date, date):
        raise CharteError("Le champ « Date de la réunion » est obligatoire.", field="date")
    if fields.start_time and fields.end_time and fields.end_time < fields.start_time:
        raise CharteError(
            f"Le champ « Heure de fin » ({fields.end_time:%H:%M}) doit être postérieur ou "
            f"égal au champ « Heure de début » ({fields.start_time:%H:%M}).",
            field="end_time",
        )
    if not isinstance(fields.state, MeetingState):
        raise CharteError("Le champ « État de la réunion » est obligatoire.", field="state")
    ensure_exists(session, Contact, fields.secretary_id, "Le contact", "secretary_id")
    return {
        "body_id": fields.body_id,
        "date": fields.date,
        "start_time": fields.start_time,
        "end_time": fields.end_time,
        "place": rules.limited_text(fields.place, "place", "Lieu", max_length=300),
        "state": fields.state,
        "secretary_id": fields.secretary_id,
        "notes": (fields.notes or "").strip(),
    }


def invite_body_members(session: Session, meeting: Meeting) -> int:
    """Invite the members running on the meeting's date who are not invited yet."""
    invited = select(Attendance.contact_id).where(Attendance.meeting_id == meeting.id)
    contact_ids = session.scalars(
        select(Membership.contact_id).where(
            Membership.body_id == meeting.body_id,
            current_membership(meeting.date),
            Membership.contact_id.not_in(invited),
        )
    ).all()
    session.add_all(Attendance(meeting_id=meeting.id, contact_id=i) for i in contact_ids)
    return len(contact_ids)


def create_meeting(db: Database, fields: MeetingFields, *, invite_members: bool = True) -> Meeting:
    """Plan a meeting; the members of the body on that date are invited unless told not to."""
    with db.session() as session:
        meeting = Meeting(**meeting_values(session, fields))
        session.add(meeting)
        session.flush()
        if invite_members:
            invite_body_members(session, meeting)
        return meeting


def update_meeting(db: Database, meeting_id: int, fields: MeetingFields, *,
                   invited_now: AttendanceState | None = None) -> Meeting:
    """Change a meeting; journal notes of its decisions follow a new date or body.
    `invited_now`: what those still « Convoqué·e » become when it is held (same transaction)."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        values = meeting_values(session, fields)
        # What a calendar shows changed (when, where, cancelled or not): a new iCalendar
        # SEQUENCE makes the next .ics update the event already in the partners' agendas.
        cancelled = MeetingState.CANCELLED
        if any(getattr(meeting, name) != values[name]
               for name in ("date", "start_time", "end_time", "place")) or (
                (meeting.state is cancelled) != (values["state"] is cancelled)):
            meeting.sequence = (meeting.sequence or 0) + 1
        assign(meeting, values, list(values))
        session.flush()
        if invited_now is not None and fields.state is MeetingState.HELD:
            attendance.settle_invited(session, meeting_id, invited_now)
        from charte_desktop.services.meeting_outcomes import sync_decision_note

        for decision in session.scalars(select(Decision).where(Decision.meeting_id == meeting_id)):
            sync_decision_note(session, decision)
        return meeting


def invite_current_members(db: Database, meeting_id: int) -> int:
    """Invite the body's members (on the meeting's date) not invited yet; how many were."""
    with db.session() as session:
        return invite_body_members(session, get_or_fail(session, Meeting, meeting_id, "La réunion"))


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Delete a meeting with all it holds, and the journal notes of its decisions."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        decision_ids = select(Decision.id).where(Decision.meeting_id == meeting_id)
        session.execute(delete(ActionNote).where(ActionNote.decision_id.in_(decision_ids)))
        session.delete(meeting)


def meeting_fields(db: Database, meeting_id: int) -> MeetingFields:
    """The meeting as its form shows it."""
    return load_fields(db, Meeting, meeting_id, "La réunion", MeetingFields)


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    """A meeting with everything the minutes need loaded."""
    with db.session() as session:
        return load_meeting(session, meeting_id)


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting with its body, people, agenda, attendance and outcomes, in one session's
    few queries; attendance by name. French CharteError if it is unknown."""
    query = (
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            joinedload(Meeting.body),
            # Every person the documents name comes with their organisation.
            joinedload(Meeting.secretary).joinedload(Contact.organisation),
            joinedload(Meeting.signatory).joinedload(Contact.organisation),
            selectinload(Meeting.agenda_items).options(
                joinedload(AgendaItem.presenter).joinedload(Contact.organisation)
            ),
            selectinload(Meeting.attendances).options(
                joinedload(Attendance.contact).options(
                    joinedload(Contact.organisation).joinedload(Organisation.circle),
                    joinedload(Contact.circle)),
                joinedload(Attendance.represented_by).joinedload(Contact.organisation),
            ),
            selectinload(Meeting.decisions).options(
                joinedload(Decision.agenda_item), joinedload(Decision.action)
            ),
            selectinload(Meeting.follow_ups).options(
                joinedload(FollowUp.owner).joinedload(Contact.organisation),
                joinedload(FollowUp.action),
                joinedload(FollowUp.agenda_item),
            ),
        )
    )
    meeting = session.scalar(query)
    if meeting is None:
        return get_or_fail(session, Meeting, meeting_id, "La réunion")
    meeting.attendances.sort(
        key=lambda a: (a.contact.last_name.casefold(), a.contact.first_name.casefold())
    )
    return meeting


@dataclass(frozen=True)
class MeetingFilter:
    body_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    state: MeetingState | None = None


class MeetingRow(NamedTuple):  # a named tuple: 1,500 are built at each refresh
    id: int
    body_id: int
    body: str
    body_kind: BodyKind
    date: date
    start_time: time | None
    end_time: time | None
    place: str
    state: MeetingState
    agenda_count: int
    invitee_count: int


NO_MEETING_FILTER = MeetingFilter()


@cache
def _meeting_rows_query() -> Select[Any]:
    """Built once: statements are immutable, and building this one costs more than
    running it for the dashboard's ten rows."""
    agenda = (
        select(func.count(AgendaItem.id))
        .where(AgendaItem.meeting_id == Meeting.id)
        .scalar_subquery()
    )
    invitees = (
        select(func.count(Attendance.id))
        .where(Attendance.meeting_id == Meeting.id)
        .scalar_subquery()
    )
    return (
        select(
            Meeting.id,
            Meeting.body_id,
            Body.name,
            Body.kind,
            Meeting.date,
            Meeting.start_time,
            Meeting.end_time,
            Meeting.place,
            Meeting.state,
            agenda,
            invitees,
        )
        .join(Body, Body.id == Meeting.body_id)
        .order_by(Meeting.date, Meeting.start_time.is_(None), Meeting.start_time, Meeting.id)
    )


def list_meetings(db: Database, filters: MeetingFilter = NO_MEETING_FILTER) -> list[MeetingRow]:
    """Meetings matching `filters`, by date then start time, in one query."""
    query = _meeting_rows_query()
    if filters.body_id is not None:
        query = query.where(Meeting.body_id == filters.body_id)
    if filters.date_from is not None:
        query = query.where(Meeting.date >= filters.date_from)
    if filters.date_to is not None:
        query = query.where(Meeting.date <= filters.date_to)
    if filters.state is not None:
        query = query.where(Meeting.state == filters.state)
    with db.session() as session:  # Core: plain rows, one fetch
        return [MeetingRow(*row) for row in session.connection().execute(query).all()]


@cache
def _next_meetings_query() -> Select[Any]:
    return (
        _meeting_rows_query()
        .where(Meeting.state == MeetingState.PLANNED, Meeting.date >= bindparam("today"))
        .limit(bindparam("limit"))
    )


def next_meetings(db: Database, *, today: date | None = None, limit: int = 10) -> list[MeetingRow]:
    """The planned meetings from `today` on, soonest first."""
    params = {"today": today or clock.today(), "limit": limit}
    with db.session() as session:
        return [MeetingRow(*row) for row in
                session.connection().execute(_next_meetings_query(), params).all()]


# --- Agenda ----------------------------------------------------------------------------


@dataclass
class AgendaItemFields:
    meeting_id: int
    title: str
    presenter_id: int | None = None
    duration_minutes: int | None = None
    minutes_text: str = ""
    postponed: bool = False  # « reporté »: offered on the body's next meeting


def _agenda_values(session: Session, fields: AgendaItemFields) -> dict[str, Any]:
    get_or_fail(session, Meeting, fields.meeting_id, "La réunion")
    ensure_exists(session, Contact, fields.presenter_id, "Le contact", "presenter_id")
    if fields.duration_minutes is not None:
        rules.integer_between(
            fields.duration_minutes, 0, 24 * 60, "duration_minutes", "Durée prévue (minutes)"
        )
    return {
        "meeting_id": fields.meeting_id,
        "title": rules.required_text(fields.title, "title", "Intitulé du point"),
        "presenter_id": fields.presenter_id,
        "duration_minutes": fields.duration_minutes,
        # The discussion is kept as typed: leading spaces and blank lines may be intended.
        "minutes_text": fields.minutes_text or "",
        "postponed": bool(fields.postponed),
    }


def _ordered_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    return list(items)


def create_agenda_item(db: Database, fields: AgendaItemFields) -> AgendaItem:
    """Add a point at the end of the agenda."""
    with db.session() as session:
        values = _agenda_values(session, fields)
        item = AgendaItem(**values, position=next_position(session, AgendaItem, fields.meeting_id))
        session.add(item)
        session.flush()
        return item


def update_agenda_item(db: Database, item_id: int, fields: AgendaItemFields) -> AgendaItem:
    with db.session() as session:
        item = get_or_fail(session, AgendaItem, item_id, "Le point de l'ordre du jour")
        same_meeting(item.meeting_id, fields.meeting_id, "Un point de l'ordre du jour")
        values = _agenda_values(session, fields)
        assign(item, values, list(values))
        return item


def agenda_item_fields(db: Database, item_id: int) -> AgendaItemFields:
    """The point as its form shows it."""
    return load_fields(db, AgendaItem, item_id, "Le point de l'ordre du jour", AgendaItemFields)


def delete_agenda_item(db: Database, item_id: int) -> None:
    """Delete a point; its decisions and follow-ups stay, attached to no point."""
    with db.session() as session:
        item = get_or_fail(session, AgendaItem, item_id, "Le point de l'ordre du jour")
        meeting_id = item.meeting_id
        session.delete(item)
        session.flush()
        renumber(_ordered_items(session, meeting_id))


def move_agenda_item(db: Database, item_id: int, offset: int) -> list[AgendaItem]:
    """Move a point up (-1) or down (+1); returns the agenda in its new order."""
    if offset not in (-1, 1):
        raise ValueError(f"offset must be -1 or +1, not {offset}")
    with db.session() as session:
        item = get_or_fail(session, AgendaItem, item_id, "Le point de l'ordre du jour")
        items = _ordered_items(session, item.meeting_id)
        index = items.index(item)
        target = index + offset
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        renumber(items)
        return items


# --- Attendance ------------------------------------------------------------------------
# In services/attendance.py; named here too, where the rest of the code looks for them.
QuorumStatus = attendance.QuorumStatus
add_invitee = attendance.add_invitee
mark_all_present = attendance.mark_all_present
proxy_problem = attendance.proxy_problem
quorum_status = attendance.quorum_status
remove_invitee = attendance.remove_invitee
set_attendance = attendance.set_attendance
set_attendances = attendance.set_attendances
