"""Everything a Charte file holds about one person (RGPD, droit d'accès), as plain rows:
identity, memberships, meetings, follow-ups, actions, mentions in free text. Read along the
map of `person_data`, so that what is exported is what anonymising removes."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from charte_desktop.db import Database
from charte_desktop.db.models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Circle,
    Contact,
    FollowUp,
    Meeting,
    Membership,
    Organisation,
    Plan,
    UpdateImport,
)
from charte_desktop.db.models.plan import action_copilot
from charte_desktop.services.action_rows import natural_key
from charte_desktop.services.common import get_or_fail
from charte_desktop.services.person_data import IDENTITY, is_anonymous
from charte_desktop.services.person_mentions import Mention, find_mentions, needles
from charte_desktop.services.plan_order import name_order


@dataclass(frozen=True)
class MembershipLine:
    body: str
    kind: str
    role: str
    voting: bool
    start: date | None
    end: date | None


@dataclass(frozen=True)
class MeetingLine:
    day: date
    body: str
    meeting_state: str
    role: str  # « Présent·e », « Secrétaire de séance », « Porteur·se du pouvoir de … »
    detail: str = ""


@dataclass(frozen=True)
class FollowUpLine:
    day: date
    body: str
    text: str
    due: date | None
    done: bool
    done_on: date | None


@dataclass(frozen=True)
class ActionLine:
    plan: str
    code: str
    title: str
    role: str  # « Pilote », « Copilote », « Classeur de mise à jour rapporté »
    detail: str = ""


@dataclass
class PersonRecord:
    contact_id: int
    full_name: str
    identity: list[tuple[str, str]]
    memberships: list[MembershipLine] = field(default_factory=list)
    meetings: list[MeetingLine] = field(default_factory=list)
    follow_ups: list[FollowUpLine] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def _moment(value: datetime | None) -> str:
    from charte_desktop.formatting import format_date

    return format_date(value.date()) if value else ""


def _identity(session: Session, contact: Contact) -> list[tuple[str, str]]:
    organisation = session.get(Organisation, contact.organisation_id) \
        if contact.organisation_id else None
    circle = session.get(Circle, contact.circle_id) if contact.circle_id else None
    values = {
        "civility": "" if contact.civility.value == "none" else contact.civility.label,
        "organisation_id": organisation.name if organisation else "",
        "circle_id": circle.name if circle else "",
    }
    lines = [("N° du contact", str(contact.id))]
    for column, (label, _blank) in IDENTITY.items():
        lines.append((label, values.get(column, getattr(contact, column) or "")))
    lines.append(("Enregistré le", _moment(contact.created_at)))
    lines.append(("Modifié le", _moment(contact.updated_at)))
    if getattr(contact, "archived", False):
        lines.append(("Archivé", "Oui"))
    return lines


def _memberships(session: Session, contact_id: int) -> list[MembershipLine]:
    rows = sorted(session.execute(
        select(Membership, Body).join(Body, Body.id == Membership.body_id)
        .where(Membership.contact_id == contact_id)),
        key=lambda row: name_order(row[1].name, row[1].id))
    return [MembershipLine(body.name, body.kind.label, membership.role.label,
                           membership.voting, membership.start_date, membership.end_date)
            for membership, body in rows]


def _meetings(session: Session, contact_id: int) -> list[MeetingLine]:
    lines: list[MeetingLine] = []
    other = aliased(Contact)
    base = select(Meeting, Body).join(Body, Body.id == Meeting.body_id)
    for attendance, meeting, body, holder in session.execute(
        select(Attendance, Meeting, Body, other)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .outerjoin(other, other.id == Attendance.represented_by_id)
        .where(Attendance.contact_id == contact_id)):
        detail = f"Pouvoir donné à {holder.full_name}" if holder is not None else ""
        lines.append(MeetingLine(meeting.date, body.name, meeting.state.label,
                                 attendance.state.label, detail))
    for _attendance, meeting, body, giver in session.execute(
        select(Attendance, Meeting, Body, other)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .join(other, other.id == Attendance.contact_id)
        .where(Attendance.represented_by_id == contact_id)):
        lines.append(MeetingLine(meeting.date, body.name, meeting.state.label,
                                 "Porteur·se d'un pouvoir", f"Représente {giver.full_name}"))
    for meeting, body in session.execute(base.where(Meeting.secretary_id == contact_id)):
        lines.append(MeetingLine(meeting.date, body.name, meeting.state.label,
                                 "Secrétaire de séance"))
    for meeting, body in session.execute(base.where(Meeting.signatory_id == contact_id)):
        lines.append(MeetingLine(meeting.date, body.name, meeting.state.label,
                                 "Signataire de la convocation"))
    for item, meeting, body in session.execute(
        select(AgendaItem, Meeting, Body).join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Body, Body.id == Meeting.body_id).where(AgendaItem.presenter_id == contact_id)):
        lines.append(MeetingLine(meeting.date, body.name, meeting.state.label,
                                 "Présente un point", f"« {item.title} »"))
    return sorted(lines, key=lambda line: (line.day, line.body, line.role))


def _follow_ups(session: Session, contact_id: int) -> list[FollowUpLine]:
    rows = session.execute(
        select(FollowUp, Meeting, Body).join(Meeting, Meeting.id == FollowUp.meeting_id)
        .join(Body, Body.id == Meeting.body_id).where(FollowUp.owner_id == contact_id)
        .order_by(Meeting.date, FollowUp.position)).all()
    return [FollowUpLine(meeting.date, body.name, follow_up.text, follow_up.due_date,
                         follow_up.done, follow_up.done_date)
            for follow_up, meeting, body in rows]


def _actions(session: Session, contact_id: int) -> list[ActionLine]:
    lines: list[ActionLine] = []
    copiloted = select(action_copilot.c.action_id).where(
        action_copilot.c.contact_id == contact_id)
    for action, plan in sorted(session.execute(
        select(Action, Plan).join(Plan, Plan.id == Action.plan_id)
        .where(or_(Action.pilot_id == contact_id, Action.id.in_(copiloted)))),
            key=lambda row: (*name_order(row[1].title, row[1].id), natural_key(row[0].code))):
        role = "Pilote" if action.pilot_id == contact_id else "Copilote"
        lines.append(ActionLine(plan.title, action.code, action.title, role,
                                action.status.label))
    for imported, plan in session.execute(
        select(UpdateImport, Plan).join(Plan, Plan.id == UpdateImport.plan_id)
        .where(UpdateImport.pilot_id == contact_id).order_by(UpdateImport.imported_at)):
        lines.append(ActionLine(plan.title, "", imported.file_name,
                                "Classeur de mise à jour rapporté",
                                f"Importé le {_moment(imported.imported_at)}"))
    return lines


def person_record(db: Database, contact_id: int) -> PersonRecord:
    """What the file holds about contact `contact_id`; a French error if unknown."""
    with db.session() as session:
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        # An anonymised person's name is everyone's: their mentions are gone.
        anonymous = is_anonymous(contact.first_name, contact.last_name, contact.email)
        return PersonRecord(
            contact.id, contact.full_name, _identity(session, contact),
            _memberships(session, contact_id), _meetings(session, contact_id),
            _follow_ups(session, contact_id), _actions(session, contact_id),
            [] if anonymous else find_mentions(
                session, contact_id,
                needles(contact.first_name, contact.last_name, contact.email)),
        )
