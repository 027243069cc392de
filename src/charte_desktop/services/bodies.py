"""Governance bodies (instances) and their members."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, delete, func, or_, select
from sqlalchemy.orm import Session, joinedload

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MeetingState, MembershipRole, QuorumRule
from charte_desktop.db.models import (
    Action,
    ActionNote,
    Body,
    Circle,
    Contact,
    Decision,
    Meeting,
    Membership,
    Organisation,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.common import (
    assign,
    ensure_exists,
    get_or_fail,
    not_found,
    required_id,
)
from charte_desktop.services.form_fields import load_fields

_KIND_ORDER = {kind: index for index, kind in enumerate(BodyKind)}
_ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole)}


def current_membership(on: date | SQLColumnExpression[date]) -> ColumnElement[bool]:
    """SQL condition: the membership runs on `on` (a date or a date column).

    A membership without start date has always run; one without end date still runs.
    """
    return and_(
        or_(Membership.start_date.is_(None), Membership.start_date <= on),
        or_(Membership.end_date.is_(None), Membership.end_date >= on),
    )


# --- Bodies ----------------------------------------------------------------------------


@dataclass
class BodyFields:
    kind: BodyKind
    name: str
    mission: str = ""
    frequency: str = ""
    action_id: int | None = None
    quorum_rule: QuorumRule = QuorumRule.NONE
    quorum_value: int = 0


def _body_values(session: Session, fields: BodyFields) -> dict[str, Any]:
    if not isinstance(fields.kind, BodyKind):
        raise CharteError("Le champ « Type d'instance » est obligatoire.", field="kind")
    if not isinstance(fields.quorum_rule, QuorumRule):
        raise CharteError("Le champ « Règle de quorum » est obligatoire.", field="quorum_rule")
    if fields.quorum_value is None and fields.quorum_rule is not QuorumRule.NONE:
        raise CharteError("Le champ « Quorum » est obligatoire.", field="quorum_value")
    value = fields.quorum_value or 0
    if fields.quorum_rule is QuorumRule.NONE and value:
        # A number typed there would be dropped in silence: the officer chooses.
        raise CharteError(
            f"Choisissez une règle de quorum pour garder « {value} », ou remettez le "
            "champ « Quorum » à 0.", field="quorum_value")
    if fields.quorum_rule is QuorumRule.COUNT and value < 1:
        raise CharteError(
            "Le champ « Quorum » doit indiquer un nombre de membres d'au moins 1 "
            f"(saisi : {value}).",
            field="quorum_value",
        )
    if fields.quorum_rule is QuorumRule.SHARE:
        rules.integer_between(value, 1, 100, "quorum_value", "Quorum (en % des votants)")
    if fields.action_id is not None and fields.kind is not BodyKind.PROJECT_GROUP:
        raise CharteError(
            "Seul un groupe projet peut être rattaché à une action.", field="action_id"
        )
    ensure_exists(session, Action, fields.action_id, "L'action", "action_id")
    return {
        "kind": fields.kind,
        "name": rules.required_text(fields.name, "name", "Nom de l'instance", max_length=200),
        "mission": (fields.mission or "").strip(),
        "frequency": rules.limited_text(fields.frequency, "frequency", "Fréquence", max_length=120),
        "action_id": fields.action_id,
        "quorum_rule": fields.quorum_rule,
        "quorum_value": value,
    }


def create_body(db: Database, fields: BodyFields) -> Body:
    with db.session() as session:
        body = Body(**_body_values(session, fields))
        session.add(body)
        session.flush()
        return body


def update_body(db: Database, body_id: int, fields: BodyFields) -> Body:
    with db.session() as session:
        body = get_or_fail(session, Body, body_id, "L'instance")
        values = _body_values(session, fields)
        assign(body, values, list(values))
        return body


def delete_body(db: Database, body_id: int) -> None:
    """Delete a body with its memberships and meetings (and what they hold).

    Journal notes written from the decisions of its meetings go too, as when a decision
    is deleted on its own.
    """
    with db.session() as session:
        body = get_or_fail(session, Body, body_id, "L'instance")
        decision_ids = (
            select(Decision.id)
            .join(Meeting, Meeting.id == Decision.meeting_id)
            .where(Meeting.body_id == body_id)
        )
        session.execute(delete(ActionNote).where(ActionNote.decision_id.in_(decision_ids)))
        session.delete(body)


def get_body(db: Database, body_id: int) -> Body:
    """A body with its linked action loaded."""
    with db.session() as session:
        body = session.scalar(
            select(Body).options(joinedload(Body.action)).where(Body.id == body_id)
        )
        return body if body is not None else get_or_fail(session, Body, body_id, "L'instance")


def body_fields(db: Database, body_id: int) -> BodyFields:
    """The body as its form shows it."""
    return load_fields(db, Body, body_id, "L'instance", BodyFields)


def describe_body_deletion(db: Database, body_id: int) -> str:
    """The French question to confirm deleting a body, naming what goes with it."""
    with db.session() as session:
        row = session.execute(
            select(
                Body.name,
                select(func.count(Meeting.id)).where(Meeting.body_id == Body.id).scalar_subquery(),
            ).where(Body.id == body_id)
        ).first()
    if row is None:
        raise CharteError(not_found("L'instance", body_id, note="peut-être supprimée"))
    name, meetings = row
    if meetings == 0:
        return f"Supprimer l'instance « {name} » ?"
    if meetings == 1:
        return f"Supprimer l'instance « {name} » et sa réunion ?"
    return f"Supprimer l'instance « {name} » et ses {meetings} réunions ?"


@dataclass(frozen=True)
class BodyRow:
    id: int
    kind: BodyKind
    name: str
    frequency: str
    action_id: int | None
    member_count: int
    meeting_count: int
    next_meeting_date: date | None
    archived: bool = False


def list_bodies(db: Database, *, today: date | None = None,
                show_archived: bool = True) -> list[BodyRow]:
    """Every body with its current members, meetings and next planned meeting, in one query.

    Sorted by kind (COPIL first) then name. Archived bodies are left out when
    `show_archived` is False (pickers).
    """
    today = today or clock.today()
    members = (
        select(func.count(Membership.id))
        .where(Membership.body_id == Body.id, current_membership(today))
        .scalar_subquery()
    )
    meetings = select(func.count(Meeting.id)).where(Meeting.body_id == Body.id).scalar_subquery()
    next_date = (
        select(func.min(Meeting.date))
        .where(
            Meeting.body_id == Body.id,
            Meeting.state == MeetingState.PLANNED,
            Meeting.date >= today,
        )
        .scalar_subquery()
    )
    query = select(
        Body.id,
        Body.kind,
        Body.name,
        Body.frequency,
        Body.action_id,
        members,
        meetings,
        next_date,
        Body.archived,
    )
    if not show_archived:
        query = query.where(Body.archived.is_(False))
    with db.session() as session:
        rows = [BodyRow(*row) for row in session.execute(query)]
    return sorted(rows, key=lambda row: (_KIND_ORDER[row.kind], row.name.casefold(), row.id))


# --- Memberships -----------------------------------------------------------------------


@dataclass
class MembershipFields:
    body_id: int
    contact_id: int
    role: MembershipRole = MembershipRole.MEMBER
    voting: bool = True
    start_date: date | None = None
    end_date: date | None = None


def _membership_values(
    session: Session, fields: MembershipFields, membership_id: int | None
) -> dict[str, Any]:
    body = get_or_fail(session, Body, fields.body_id, "L'instance")
    contact = session.get(Contact, required_id(fields.contact_id, "contact_id", "Contact"))
    if contact is None:
        raise CharteError(not_found("Le contact", fields.contact_id), field="contact_id")
    if not isinstance(fields.role, MembershipRole):
        raise CharteError("Le champ « Rôle » est obligatoire.", field="role")
    rules.dates_in_order(
        fields.start_date, fields.end_date, "end_date", "Date d'entrée", "Date de sortie"
    )
    existing = session.scalar(
        select(Membership).where(
            Membership.body_id == fields.body_id,
            Membership.contact_id == fields.contact_id,
            Membership.id != (membership_id or -1),
        )
    )
    if existing is not None:
        message = f"{contact.full_name} est déjà membre de l'instance « {body.name} »"
        if existing.end_date is not None:
            message += " (mandat terminé) : modifiez ses dates plutôt que de l'ajouter à nouveau"
        raise CharteError(message + ".", field="contact_id")
    return {
        "body_id": fields.body_id,
        "contact_id": fields.contact_id,
        "role": fields.role,
        "voting": bool(fields.voting),
        "start_date": fields.start_date,
        "end_date": fields.end_date,
    }


def create_membership(db: Database, fields: MembershipFields) -> Membership:
    with db.session() as session:
        membership = Membership(**_membership_values(session, fields, None))
        session.add(membership)
        session.flush()
        return membership


def update_membership(db: Database, membership_id: int, fields: MembershipFields) -> Membership:
    with db.session() as session:
        membership = get_or_fail(session, Membership, membership_id, "L'appartenance")
        values = _membership_values(session, fields, membership_id)
        assign(membership, values, list(values))
        return membership


def delete_membership(db: Database, membership_id: int) -> None:
    """Remove someone from a body (to keep the history, set an end date instead)."""
    with db.session() as session:
        session.delete(get_or_fail(session, Membership, membership_id, "L'appartenance"))


def get_membership(db: Database, membership_id: int) -> Membership:
    with db.session() as session:
        membership = session.scalar(
            select(Membership)
            .options(joinedload(Membership.contact), joinedload(Membership.body))
            .where(Membership.id == membership_id)
        )
        if membership is None:
            return get_or_fail(session, Membership, membership_id, "L'appartenance")
        return membership


def membership_fields(db: Database, membership_id: int) -> MembershipFields:
    """The membership as its form shows it."""
    return load_fields(db, Membership, membership_id, "L'appartenance", MembershipFields)


def _sorted_members(memberships: list[Membership]) -> list[Membership]:
    return sorted(
        memberships,
        key=lambda m: (
            _ROLE_ORDER[m.role],
            m.contact.last_name.casefold(),
            m.contact.first_name.casefold(),
            m.id,
        ),
    )


def list_memberships(db: Database, body_id: int) -> list[Membership]:
    """Every membership of the body, past ones included, with contacts, organisations and
    circles (see `member_circle`)."""
    contact = joinedload(Membership.contact)
    query = (
        select(Membership)
        .options(contact.joinedload(Contact.organisation).joinedload(Organisation.circle),
                 contact.joinedload(Contact.circle))
        .where(Membership.body_id == body_id)
    )
    with db.session() as session:
        return _sorted_members(list(session.scalars(query)))


def current_members(db: Database, body_id: int, *, today: date | None = None) -> list[Membership]:
    """Memberships running today, chair first then by name, contacts loaded."""
    query = (
        select(Membership)
        .options(joinedload(Membership.contact).joinedload(Contact.organisation))
        .where(Membership.body_id == body_id, current_membership(today or clock.today()))
    )
    with db.session() as session:
        return _sorted_members(list(session.scalars(query)))


def bodies_by_contact(
    db: Database, *, today: date | None = None
) -> dict[int, list[tuple[str, MembershipRole]]]:
    """The bodies each contact is a current member of, with their role, in one query:
    {contact id: [(body name, role)…]}, COPIL first as in `list_bodies`."""
    query = (
        select(Membership.contact_id, Body.kind, Body.name, Membership.role)
        .join(Body, Body.id == Membership.body_id)
        .where(current_membership(today or clock.today()))
    )
    found: dict[int, list[tuple[Any, str, MembershipRole]]] = {}
    with db.session() as session:
        for contact_id, kind, name, role in session.execute(query):
            found.setdefault(contact_id, []).append((kind, name, role))
    return {
        contact_id: [(name, role) for _kind, name, role in sorted(
            bodies, key=lambda b: (_KIND_ORDER[b[0]], b[1].casefold()))]
        for contact_id, bodies in found.items()
    }


# --- Circles of the members ---------------------------------------------------------------

NO_CIRCLE = "Sans cercle"


def member_circle(membership: Membership) -> str:
    """The member's circle: their own, else their organisation's; "" for none (the
    memberships of `list_memberships` have them loaded)."""
    contact = membership.contact
    if contact.circle is not None:
        return contact.circle.name
    organisation = contact.organisation
    if organisation is not None and organisation.circle is not None:
        return organisation.circle.name
    return ""


def circle_breakdown(db: Database, body_id: int, *, today: date | None = None
                     ) -> list[tuple[str, int]]:
    """How many current members each circle has (the representativeness the charter asks
    for), in the circles' order, « Sans cercle » last; circles without members left out."""
    own = Contact.circle_id
    query = (
        select(func.coalesce(own, Organisation.circle_id), func.count(Membership.id))
        .join(Contact, Contact.id == Membership.contact_id)
        .outerjoin(Organisation, Organisation.id == Contact.organisation_id)
        .where(Membership.body_id == body_id, current_membership(today or clock.today()))
        .group_by(func.coalesce(own, Organisation.circle_id))
    )
    with db.session() as session:
        get_or_fail(session, Body, body_id, "L'instance")
        counts: dict[int | None, int] = {
            circle_id: count for circle_id, count in session.execute(query)}
        circles = session.execute(
            select(Circle.id, Circle.name).order_by(Circle.position, Circle.name)).all()
    found = [(name, counts[circle_id]) for circle_id, name in circles if circle_id in counts]
    if counts.get(None):
        found.append((NO_CIRCLE, counts[None]))
    return found


def breakdown_text(breakdown: list[tuple[str, int]]) -> str:
    """ « Partenaires publics : 8 · Entreprises : 6 · Sans cercle : 3 »; "" for none."""
    return " · ".join(f"{name}\u00a0: {count}" for name, count in breakdown)
