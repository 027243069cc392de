"""Archiving a contact or a body: kept in the history (meetings, memberships, documents
still show them), gone from every picker and, unless asked, from the lists."""

from sqlalchemy import func, or_, select, update

from charte_desktop.db import Database
from charte_desktop.db.enums import Civility, MeetingState
from charte_desktop.db.models import Attendance, Body, Contact, Meeting
from charte_desktop.services.common import get_or_fail


def held_meetings_attended(db: Database, contact_id: int) -> int:
    """How many held meetings list the person in their attendance (or as a proxy's
    holder): their minutes are sent, the person cannot be deleted."""
    with db.session() as session:
        return session.scalar(
            select(func.count(func.distinct(Attendance.meeting_id)))
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.state == MeetingState.HELD,
                   or_(Attendance.contact_id == contact_id,
                       Attendance.represented_by_id == contact_id))) or 0


def archive_instead_question(db: Database, contact_id: int) -> str | None:
    """The question asked instead of « Supprimer ? » for someone in held minutes:
    « Marie Dupont a assisté à 3 réunions tenues : elle ne peut pas être supprimée.
    L'archiver ? »; None when the person may be deleted."""
    held = held_meetings_attended(db, contact_id)
    if not held:
        return None
    with db.session() as session:
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        name, civility = contact.full_name, contact.civility
    meetings = f"{held} réunion{'s' if held > 1 else ''} tenue{'s' if held > 1 else ''}"
    if civility is Civility.MADAME:
        who = "elle ne peut pas être supprimée"
    elif civility is Civility.MONSIEUR:
        who = "il ne peut pas être supprimé"
    else:
        who = "ce contact ne peut pas être supprimé"
    return (f"{name} a assisté à {meetings} : {who} (les comptes rendus gardent son nom). "
            "L'archiver ? Sa fiche reste dans l'historique et disparaît des listes de choix.")


def set_contact_archived(db: Database, contact_id: int, archived: bool = True) -> None:
    with db.session() as session:
        # Through the object: its version moves and the history records it.
        get_or_fail(session, Contact, contact_id, "Le contact").archived = archived


def set_body_archived(db: Database, body_id: int, archived: bool = True) -> None:
    with db.session() as session:
        get_or_fail(session, Body, body_id, "L'instance")
        session.execute(update(Body).where(Body.id == body_id).values(archived=archived))


def is_contact_archived(db: Database, contact_id: int) -> bool:
    with db.session() as session:
        return bool(get_or_fail(session, Contact, contact_id, "Le contact").archived)


def is_body_archived(db: Database, body_id: int) -> bool:
    with db.session() as session:
        return bool(get_or_fail(session, Body, body_id, "L'instance").archived)
