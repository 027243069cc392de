"""What meetings produce: decisions (written into the actions' journals) and follow-ups
(suites à donner), and the follow-ups that are due."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, delete, select
from sqlalchemy.orm import Session, aliased

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Body,
    Contact,
    Decision,
    FollowUp,
    Meeting,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.common import assign, ensure_exists, get_or_fail, not_found
from charte_desktop.services.form_fields import load_fields
from charte_desktop.services.meeting_positions import next_position, renumber, same_meeting

# --- Decisions -------------------------------------------------------------------------


@dataclass
class DecisionFields:
    meeting_id: int
    text: str
    agenda_item_id: int | None = None
    action_id: int | None = None
    # A vote: unanimity, or the counts (all three None: no vote recorded).
    unanimous: bool = False
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None


def vote_text(unanimous: bool, votes_for: int | None, votes_against: int | None,
              abstentions: int | None) -> str:
    """The vote as minutes print it: « Adoptée à l'unanimité », « Pour : 12, contre : 2,
    abstentions : 1 », or "" when no vote was recorded."""
    if unanimous:
        return "Adoptée à l'unanimité"
    if votes_for is None and votes_against is None and abstentions is None:
        return ""
    return (f"Pour : {votes_for or 0}, contre : {votes_against or 0}, "
            f"abstentions : {abstentions or 0}")


def _votes(fields: DecisionFields) -> dict[str, Any]:
    counts = {
        name: rules.integer_between(value, 0, 10_000, name, label) if value is not None
        else None
        for name, label, value in (("votes_for", "Pour", fields.votes_for),
                                   ("votes_against", "Contre", fields.votes_against),
                                   ("abstentions", "Abstentions", fields.abstentions))
    }
    if fields.unanimous:
        if counts["votes_against"]:
            raise CharteError("Une décision prise à l'unanimité n'a pas de voix contre : "
                              "décochez « Unanimité » ou videz « Contre ».",
                              field="votes_against")
        counts = dict.fromkeys(counts)
    elif not any(counts.values()):  # the form's spin boxes say 0 where nothing was typed
        counts = dict.fromkeys(counts)
    return {"unanimous": bool(fields.unanimous), **counts}


def _check_agenda_item(session: Session, meeting_id: int, item_id: int | None) -> None:
    if item_id is None:
        return
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise CharteError(
            not_found("Le point de l'ordre du jour", item_id), field="agenda_item_id"
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
        **_votes(fields),
    }


def decision_note_text(body_name: str, meeting_date: date, text: str) -> str:
    """The journal entry a decision writes on its action."""
    return f"Décision en {body_name} du {meeting_date:%d/%m/%Y} : {text}"


def sync_decision_note(session: Session, decision: Decision) -> None:
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
        decision = Decision(**values, position=next_position(session, Decision, fields.meeting_id))
        session.add(decision)
        session.flush()
        sync_decision_note(session, decision)
        return decision


def update_decision(db: Database, decision_id: int, fields: DecisionFields) -> Decision:
    with db.session() as session:
        decision = get_or_fail(session, Decision, decision_id, "La décision")
        same_meeting(decision.meeting_id, fields.meeting_id, "Une décision")
        values = _decision_values(session, fields)
        assign(decision, values, list(values))
        sync_decision_note(session, decision)
        return decision


def decision_fields(db: Database, decision_id: int) -> DecisionFields:
    """The decision as its form shows it."""
    return load_fields(db, Decision, decision_id, "La décision", DecisionFields)


def delete_decision(db: Database, decision_id: int) -> None:
    """Delete a decision and the journal note it wrote."""
    with db.session() as session:
        decision = get_or_fail(session, Decision, decision_id, "La décision")
        meeting_id = decision.meeting_id
        session.execute(delete(ActionNote).where(ActionNote.decision_id == decision_id))
        session.delete(decision)
        session.flush()
        renumber(
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
        follow_up.done_date = today or clock.today()
    elif not done:
        follow_up.done_date = None
    follow_up.done = done


def create_follow_up(
    db: Database, fields: FollowUpFields, *, today: date | None = None
) -> FollowUp:
    with db.session() as session:
        values = _follow_up_values(session, fields)
        follow_up = FollowUp(**values, position=next_position(session, FollowUp, fields.meeting_id))
        _tick(follow_up, fields.done, today)
        session.add(follow_up)
        session.flush()
        return follow_up


def update_follow_up(
    db: Database, follow_up_id: int, fields: FollowUpFields, *, today: date | None = None
) -> FollowUp:
    with db.session() as session:
        follow_up = get_or_fail(session, FollowUp, follow_up_id, "La suite à donner")
        same_meeting(follow_up.meeting_id, fields.meeting_id, "Une suite à donner")
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


def follow_up_fields(db: Database, follow_up_id: int) -> FollowUpFields:
    """The follow-up as its form shows it."""
    return load_fields(db, FollowUp, follow_up_id, "La suite à donner", FollowUpFields)


def delete_follow_up(db: Database, follow_up_id: int) -> None:
    with db.session() as session:
        follow_up = get_or_fail(session, FollowUp, follow_up_id, "La suite à donner")
        meeting_id = follow_up.meeting_id
        session.delete(follow_up)
        session.flush()
        renumber(
            list(
                session.scalars(
                    select(FollowUp)
                    .where(FollowUp.meeting_id == meeting_id)
                    .order_by(FollowUp.position, FollowUp.id)
                )
            )
        )


class FollowUpRow(NamedTuple):  # a named tuple: cheap to build by the hundred
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
    overdue: bool = False  # open and due before today (set by the readers that say so)


def _follow_up_rows(session: Session, query: Select[Any]) -> list[FollowUpRow]:
    # Core execution: plain rows; the ORM's would only add cost.
    rows = session.connection().execute(
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
    ).all()
    return [
        FollowUpRow(id_, meeting_id, meeting_date, body, text, owner_id,
                    f"{first or ''} {last or ''}".strip(), due, done, action_id)
        for (id_, meeting_id, meeting_date, body, text, owner_id, first, last, due, done,
             action_id) in rows
    ]


def follow_ups_due(
    db: Database, *, today: date | None = None, within_days: int = 14
) -> list[FollowUpRow]:
    """Open follow-ups due by `today + within_days` (late ones included), oldest first."""
    limit = (today or clock.today()) + timedelta(days=within_days)
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


def carried_follow_ups(
    db: Database, meeting_id: int, *, today: date | None = None
) -> list[FollowUpRow]:
    """Every open follow-up a meeting must review, oldest first: those of its body's earlier
    meetings (not only the last one: an October follow-up still open comes back in
    January), and those of earlier meetings of other bodies about the actions the body
    carries (a groupe projet's action). Overdue ones are marked against `today`."""
    today = today or clock.today()
    with db.session() as session:
        current = session.get(Meeting, meeting_id)
        if current is None:
            raise CharteError(not_found("La réunion", meeting_id, note="peut-être supprimée"))
        body = session.get_one(Body, current.body_id)
        carried_actions = select(Action.id).where(Action.project_group_id == body.id)
        about_its_actions: ColumnElement[bool] = FollowUp.action_id.in_(carried_actions)
        if body.action_id is not None:
            about_its_actions = about_its_actions | (FollowUp.action_id == body.action_id)
        query = (
            select()
            .select_from(FollowUp)
            .where(
                FollowUp.done.is_(False),
                FollowUp.meeting_id != meeting_id,
                (Meeting.body_id == current.body_id) | about_its_actions,
                (Meeting.date < current.date)
                | ((Meeting.date == current.date) & (Meeting.id < meeting_id)),
            )
            .order_by(Meeting.date, Meeting.id, FollowUp.position, FollowUp.id)
        )
        rows = _follow_up_rows(session, query)
    return [row._replace(overdue=row.due_date is not None and row.due_date < today)
            for row in rows]
