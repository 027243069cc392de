"""Meetings of the bodies: agenda, attendance, decisions, follow-ups, and what is due."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState, QuorumRule
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Attendance,
    Body,
    Contact,
    Decision,
    FollowUp,
    Meeting,
    Membership,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.bodies import current_membership
from charte_desktop.services.common import assign, ensure_exists, get_or_fail

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
    get_or_fail(session, Body, fields.body_id, "L'instance")
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


def update_meeting(db: Database, meeting_id: int, fields: MeetingFields) -> Meeting:
    """Change a meeting; journal notes of its decisions follow a new date or body."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        values = meeting_values(session, fields)
        assign(meeting, values, list(values))
        session.flush()
        for decision in session.scalars(select(Decision).where(Decision.meeting_id == meeting_id)):
            _sync_decision_note(session, decision)
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


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    """A meeting with everything the minutes need loaded."""
    query = (
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            joinedload(Meeting.body),
            # Every person the documents name comes with their organisation.
            joinedload(Meeting.secretary).joinedload(Contact.organisation),
            selectinload(Meeting.agenda_items).options(
                joinedload(AgendaItem.presenter).joinedload(Contact.organisation)
            ),
            selectinload(Meeting.attendances).options(
                joinedload(Attendance.contact).joinedload(Contact.organisation),
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
    with db.session() as session:
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


@dataclass(frozen=True)
class MeetingRow:
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
    with db.session() as session:
        return [MeetingRow(*row) for row in session.execute(query)]


@cache
def _next_meetings_query() -> Select[Any]:
    return (
        _meeting_rows_query()
        .where(Meeting.state == MeetingState.PLANNED, Meeting.date >= bindparam("today"))
        .limit(bindparam("limit"))
    )


def next_meetings(db: Database, *, today: date | None = None, limit: int = 10) -> list[MeetingRow]:
    """The planned meetings from `today` on, soonest first."""
    params = {"today": today or date.today(), "limit": limit}
    with db.session() as session:
        return [MeetingRow(*row) for row in session.execute(_next_meetings_query(), params)]


# --- Agenda ----------------------------------------------------------------------------


@dataclass
class AgendaItemFields:
    meeting_id: int
    title: str
    presenter_id: int | None = None
    duration_minutes: int | None = None
    minutes_text: str = ""


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
    }


def _ordered_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    return list(items)


def _renumber(items: list[Any]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def _next_position(session: Session, model: Any, meeting_id: int) -> int:
    highest = session.scalar(select(func.max(model.position)).where(model.meeting_id == meeting_id))
    return 0 if highest is None else highest + 1


def _same_meeting(current: int, wanted: int, what: str) -> None:
    if current != wanted:
        raise CharteError(f"{what} ne peut pas changer de réunion.", field="meeting_id")


def create_agenda_item(db: Database, fields: AgendaItemFields) -> AgendaItem:
    """Add a point at the end of the agenda."""
    with db.session() as session:
        values = _agenda_values(session, fields)
        item = AgendaItem(**values, position=_next_position(session, AgendaItem, fields.meeting_id))
        session.add(item)
        session.flush()
        return item


def update_agenda_item(db: Database, item_id: int, fields: AgendaItemFields) -> AgendaItem:
    with db.session() as session:
        item = get_or_fail(session, AgendaItem, item_id, "Le point de l'ordre du jour")
        _same_meeting(item.meeting_id, fields.meeting_id, "Un point de l'ordre du jour")
        values = _agenda_values(session, fields)
        assign(item, values, list(values))
        return item


def delete_agenda_item(db: Database, item_id: int) -> None:
    """Delete a point; its decisions and follow-ups stay, attached to no point."""
    with db.session() as session:
        item = get_or_fail(session, AgendaItem, item_id, "Le point de l'ordre du jour")
        meeting_id = item.meeting_id
        session.delete(item)
        session.flush()
        _renumber(_ordered_items(session, meeting_id))


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
        _renumber(items)
        return items


# --- Attendance ------------------------------------------------------------------------


def _attendance(session: Session, meeting_id: int, contact_id: int) -> Attendance | None:
    return session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.contact_id == contact_id
        )
    )


def set_attendance(
    db: Database,
    meeting_id: int,
    contact_id: int,
    state: AttendanceState,
    represented_by_id: int | None = None,
) -> Attendance:
    """Record whether someone came; someone not invited is added (an unexpected attendee).

    REPRESENTED needs the representative, another contact; other states clear it.
    """
    if not isinstance(state, AttendanceState):
        raise CharteError("Le champ « Présence » est obligatoire.", field="state")
    with db.session() as session:
        get_or_fail(session, Meeting, meeting_id, "La réunion")
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        if state is AttendanceState.REPRESENTED:
            if represented_by_id is None:
                raise CharteError(
                    f"Indiquez qui représente {contact.full_name}.", field="represented_by_id"
                )
            if represented_by_id == contact_id:
                raise CharteError(
                    f"{contact.full_name} ne peut pas se représenter soi-même : "
                    "choisissez une autre personne.",
                    field="represented_by_id",
                )
            ensure_exists(session, Contact, represented_by_id, "Le contact", "represented_by_id")
        else:
            represented_by_id = None
        attendance = _attendance(session, meeting_id, contact_id)
        if attendance is None:
            attendance = Attendance(meeting_id=meeting_id, contact_id=contact_id)
            session.add(attendance)
        attendance.state = state
        attendance.represented_by_id = represented_by_id
        session.flush()
        return attendance


def add_invitee(db: Database, meeting_id: int, contact_id: int) -> Attendance:
    """Invite someone to a meeting (a member or a guest)."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        if _attendance(session, meeting_id, contact_id) is not None:
            raise CharteError(
                f"{contact.full_name} est déjà convoqué·e à la réunion du {meeting.date:%d/%m/%Y}.",
                field="contact_id",
            )
        attendance = Attendance(
            meeting_id=meeting_id, contact_id=contact_id, state=AttendanceState.INVITED
        )
        session.add(attendance)
        session.flush()
        return attendance


def remove_invitee(db: Database, meeting_id: int, contact_id: int) -> None:
    with db.session() as session:
        attendance = _attendance(session, meeting_id, contact_id)
        if attendance is None:
            contact = get_or_fail(session, Contact, contact_id, "Le contact")
            raise CharteError(
                f"{contact.full_name} n'est pas convoqué·e à cette réunion.", field="contact_id"
            )
        session.delete(attendance)


@dataclass(frozen=True)
class QuorumStatus:
    rule: QuorumRule
    required: int
    present_or_represented: int
    voting_members: int
    reached: bool

    @property
    def label(self) -> str:
        """E.g. "Quorum atteint : 5 membres votants présents ou représentés, 4 requis"."""
        if self.rule is QuorumRule.NONE:
            return "Pas de quorum requis"
        verdict = "Quorum atteint" if self.reached else "Quorum non atteint"
        return (
            f"{verdict} : {self.present_or_represented} membre(s) votant(s) présent(s) "
            f"ou représenté(s), {self.required} requis"
        )


def quorum_status(db: Database, meeting_id: int) -> QuorumStatus:
    """Whether enough voting members (on the meeting's date) are present or represented.

    COUNT needs `quorum_value` of them; SHARE needs that percentage of the voting members,
    rounded up (half of 7 is 4) and at least 1; NONE is always reached.
    """
    voting_now = (
        Membership.body_id == Meeting.body_id,
        Membership.voting.is_(True),
        current_membership(Meeting.date),
    )
    voting_count = select(func.count(Membership.id)).where(*voting_now).scalar_subquery()
    present_count = (
        select(func.count(Attendance.id))
        .join(Membership, Membership.contact_id == Attendance.contact_id)
        .where(
            Attendance.meeting_id == Meeting.id,
            Attendance.state.in_([AttendanceState.PRESENT, AttendanceState.REPRESENTED]),
            *voting_now,
        )
        .scalar_subquery()
    )
    query = (
        select(Body.quorum_rule, Body.quorum_value, voting_count, present_count)
        .join(Meeting, Meeting.body_id == Body.id)
        .where(Meeting.id == meeting_id)
    )
    with db.session() as session:
        row = session.execute(query).first()
    if row is None:
        raise CharteError(f"La réunion n° {meeting_id} est introuvable (peut-être supprimée).")
    rule, value, voting_members, present = row
    if rule is QuorumRule.NONE:
        required = 0
    elif rule is QuorumRule.COUNT:
        required = value
    else:
        required = max(1, -(-voting_members * value // 100))
    return QuorumStatus(rule, required, present, voting_members, present >= required)


# --- Decisions -------------------------------------------------------------------------


@dataclass
class DecisionFields:
    meeting_id: int
    text: str
    agenda_item_id: int | None = None
    action_id: int | None = None


def _check_agenda_item(session: Session, meeting_id: int, item_id: int | None) -> None:
    if item_id is None:
        return
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise CharteError(
            f"Le point de l'ordre du jour n° {item_id} est introuvable.", field="agenda_item_id"
        )
    if item.meeting_id != meeting_id:
        raise CharteError(
            f"Le point « {item.title} » appartient à l'ordre du jour d'une autre réunion.",
            field="agenda_item_id",
        )


def _decision_values(session: Session, fields: DecisionFields) -> dict[str, Any]:
    get_or_fail(session, Meeting, fields.meeting_id, "La réunion")
    _check_agenda_item(session, fields.meeting_id, fields.agenda_item_id)
    ensure_exists(session, Action, fields.action_id, "L'action", "action_id")
    return {
        "meeting_id": fields.meeting_id,
        "text": rules.required_text(fields.text, "text", "Décision", max_length=10_000),
        "agenda_item_id": fields.agenda_item_id,
        "action_id": fields.action_id,
    }


def decision_note_text(body_name: str, meeting_date: date, text: str) -> str:
    """The journal entry a decision writes on its action."""
    return f"Décision en {body_name} du {meeting_date:%d/%m/%Y} : {text}"


def _sync_decision_note(session: Session, decision: Decision) -> None:
    """Make the action's journal carry exactly one note for this decision, or none."""
    notes = list(session.scalars(select(ActionNote).where(ActionNote.decision_id == decision.id)))
    if decision.action_id is None:
        for note in notes:
            session.delete(note)
        return
    meeting = session.get_one(Meeting, decision.meeting_id)
    body_name = session.get_one(Body, meeting.body_id).name
    note = notes.pop(0) if notes else ActionNote(decision_id=decision.id)
    for extra in notes:
        session.delete(extra)
    note.action_id = decision.action_id
    note.note_date = meeting.date
    note.text = decision_note_text(body_name, meeting.date, decision.text)
    session.add(note)


def create_decision(db: Database, fields: DecisionFields) -> Decision:
    """Record a decision; when it concerns an action, it is noted in that action's journal."""
    with db.session() as session:
        values = _decision_values(session, fields)
        decision = Decision(**values, position=_next_position(session, Decision, fields.meeting_id))
        session.add(decision)
        session.flush()
        _sync_decision_note(session, decision)
        return decision


def update_decision(db: Database, decision_id: int, fields: DecisionFields) -> Decision:
    with db.session() as session:
        decision = get_or_fail(session, Decision, decision_id, "La décision")
        _same_meeting(decision.meeting_id, fields.meeting_id, "Une décision")
        values = _decision_values(session, fields)
        assign(decision, values, list(values))
        _sync_decision_note(session, decision)
        return decision


def delete_decision(db: Database, decision_id: int) -> None:
    """Delete a decision and the journal note it wrote."""
    with db.session() as session:
        decision = get_or_fail(session, Decision, decision_id, "La décision")
        meeting_id = decision.meeting_id
        session.execute(delete(ActionNote).where(ActionNote.decision_id == decision_id))
        session.delete(decision)
        session.flush()
        _renumber(
            list(
                session.scalars(
                    select(Decision)
                    .where(Decision.meeting_id == meeting_id)
                    .order_by(Decision.position, Decision.id)
                )
            )
        )


# --- Follow-ups ------------------------------------------------------------------------


@dataclass
class FollowUpFields:
    meeting_id: int
    text: str
    agenda_item_id: int | None = None
    owner_id: int | None = None
    due_date: date | None = None
    done: bool = False
    action_id: int | None = None


def _follow_up_values(session: Session, fields: FollowUpFields) -> dict[str, Any]:
    get_or_fail(session, Meeting, fields.meeting_id, "La réunion")
    _check_agenda_item(session, fields.meeting_id, fields.agenda_item_id)
    ensure_exists(session, Contact, fields.owner_id, "Le contact", "owner_id")
    ensure_exists(session, Action, fields.action_id, "L'action", "action_id")
    return {
        "meeting_id": fields.meeting_id,
        "text": rules.required_text(fields.text, "text", "Suite à donner", max_length=10_000),
        "agenda_item_id": fields.agenda_item_id,
        "owner_id": fields.owner_id,
        "due_date": fields.due_date,
        "action_id": fields.action_id,
    }


def _tick(follow_up: FollowUp, done: bool, today: date | None) -> None:
    """Done today when ticked; a follow-up already done keeps its date; unticking clears it."""
    if done and not follow_up.done_date:
        follow_up.done_date = today or date.today()
    elif not done:
        follow_up.done_date = None
    follow_up.done = done


def create_follow_up(
    db: Database, fields: FollowUpFields, *, today: date | None = None
) -> FollowUp:
    with db.session() as session:
        values = _follow_up_values(session, fields)
        follow_up = FollowUp(
            **values, position=_next_position(session, FollowUp, fields.meeting_id)
        )
        _tick(follow_up, fields.done, today)
        session.add(follow_up)
        session.flush()
        return follow_up


def update_follow_up(
    db: Database, follow_up_id: int, fields: FollowUpFields, *, today: date | None = None
) -> FollowUp:
    with db.session() as session:
        follow_up = get_or_fail(session, FollowUp, follow_up_id, "La suite à donner")
        _same_meeting(follow_up.meeting_id, fields.meeting_id, "Une suite à donner")
        values = _follow_up_values(session, fields)
        assign(follow_up, values, list(values))
        _tick(follow_up, fields.done, today)
        return follow_up


def set_follow_up_done(
    db: Database, follow_up_id: int, done: bool, *, today: date | None = None
) -> FollowUp:
    with db.session() as session:
        follow_up = get_or_fail(session, FollowUp, follow_up_id, "La suite à donner")
        _tick(follow_up, done, today)
        return follow_up


def delete_follow_up(db: Database, follow_up_id: int) -> None:
    with db.session() as session:
        follow_up = get_or_fail(session, FollowUp, follow_up_id, "La suite à donner")
        meeting_id = follow_up.meeting_id
        session.delete(follow_up)
        session.flush()
        _renumber(
            list(
                session.scalars(
                    select(FollowUp)
                    .where(FollowUp.meeting_id == meeting_id)
                    .order_by(FollowUp.position, FollowUp.id)
                )
            )
        )


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    meeting_id: int
    meeting_date: date
    body: str
    text: str
    owner_id: int | None
    owner_name: str
    due_date: date | None
    done: bool
    action_id: int | None


def _follow_up_rows(session: Session, query: Select[Any]) -> list[FollowUpRow]:
    rows = session.execute(
        query.add_columns(
            FollowUp.id,
            FollowUp.meeting_id,
            Meeting.date,
            Body.name,
            FollowUp.text,
            FollowUp.owner_id,
            Contact.first_name,
            Contact.last_name,
            FollowUp.due_date,
            FollowUp.done,
            FollowUp.action_id,
        )
        .join(Meeting, Meeting.id == FollowUp.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .outerjoin(Contact, Contact.id == FollowUp.owner_id)
    )
    return [
        FollowUpRow(
            id=row[0],
            meeting_id=row[1],
            meeting_date=row[2],
            body=row[3],
            text=row[4],
            owner_id=row[5],
            owner_name=f"{row[6] or ''} {row[7] or ''}".strip(),
            due_date=row[8],
            done=row[9],
            action_id=row[10],
        )
        for row in rows
    ]


def follow_ups_due(
    db: Database, *, today: date | None = None, within_days: int = 14
) -> list[FollowUpRow]:
    """Open follow-ups due by `today + within_days` (late ones included), oldest first."""
    limit = (today or date.today()) + timedelta(days=within_days)
    query = (
        select()
        .select_from(FollowUp)
        .where(FollowUp.done.is_(False), FollowUp.due_date.is_not(None), FollowUp.due_date <= limit)
        .order_by(FollowUp.due_date, FollowUp.id)
    )
    with db.session() as session:
        return _follow_up_rows(session, query)


def open_follow_ups_of_previous_meeting(db: Database, meeting_id: int) -> list[FollowUpRow]:
    """The open follow-ups of the same body's previous (not cancelled) meeting, in one query.

    What the officer reviews first when preparing or holding a meeting.
    """
    current = aliased(Meeting)
    previous = aliased(Meeting)
    previous_id = (
        select(previous.id)
        .join(current, current.body_id == previous.body_id)
        .where(
            current.id == meeting_id,
            previous.id != meeting_id,
            previous.state != MeetingState.CANCELLED,
            (previous.date < current.date)
            | ((previous.date == current.date) & (previous.id < current.id)),
        )
        .order_by(previous.date.desc(), previous.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select()
        .select_from(FollowUp)
        .where(FollowUp.meeting_id == previous_id, FollowUp.done.is_(False))
        .order_by(FollowUp.position, FollowUp.id)
    )
    with db.session() as session:
        return _follow_up_rows(session, query)
