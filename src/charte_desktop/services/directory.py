"""The directory (annuaire): circles of actors, organisations and contacts."""

from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session, joinedload

from charte_desktop.db import Database
from charte_desktop.db.enums import Civility, MeetingState
from charte_desktop.db.models import Attendance, Circle, Contact, Funding, Meeting, Organisation
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.common import assign, ensure_exists, get_or_fail, not_found
from charte_desktop.services.form_fields import load_fields
from charte_desktop.text import clean_line, fold

# --- Circles ---------------------------------------------------------------------------


@dataclass
class CircleFields:
    name: str
    position: int = 0


def circle_values(session: Session, fields: CircleFields, circle_id: int | None) -> dict[str, Any]:
    name = rules.required_text(fields.name, "name", "Nom du cercle", max_length=120)
    wanted = fold(name)
    for other_id, other_name in session.execute(select(Circle.id, Circle.name)):
        if other_id != circle_id and fold(other_name) == wanted:
            raise CharteError(f"Le cercle « {other_name} » existe déjà.", field="name")
    return {"name": name, "position": fields.position}


def create_circle(db: Database, fields: CircleFields) -> Circle:
    with db.session() as session:
        circle = Circle(**circle_values(session, fields, None))
        session.add(circle)
        session.flush()
        return circle


def update_circle(db: Database, circle_id: int, fields: CircleFields) -> Circle:
    with db.session() as session:
        circle = get_or_fail(session, Circle, circle_id, "Le cercle")
        values = circle_values(session, fields, circle_id)
        assign(circle, values, list(values))
        return circle


def delete_circle(db: Database, circle_id: int) -> None:
    """Delete a circle; its organisations and contacts stay, without circle."""
    with db.session() as session:
        session.delete(get_or_fail(session, Circle, circle_id, "Le cercle"))


def circle_fields(db: Database, circle_id: int) -> CircleFields:
    return load_fields(db, Circle, circle_id, "Le cercle", CircleFields)


def get_circle(db: Database, circle_id: int) -> Circle:
    with db.session() as session:
        return get_or_fail(session, Circle, circle_id, "Le cercle")


def list_circles(db: Database) -> list[Circle]:
    """Circles in the officer's order, then by name."""
    with db.session() as session:
        return list(session.scalars(select(Circle).order_by(Circle.position, Circle.name)))


# --- Organisations ---------------------------------------------------------------------


@dataclass
class OrganisationFields:
    name: str
    circle_id: int | None = None
    address: str = ""
    notes: str = ""


def organisation_values(session: Session, fields: OrganisationFields) -> dict[str, Any]:
    ensure_exists(session, Circle, fields.circle_id, "Le cercle", "circle_id")
    return {
        "name": rules.required_text(fields.name, "name", "Nom de la structure"),
        "circle_id": fields.circle_id,
        "address": (fields.address or "").strip(),
        "notes": (fields.notes or "").strip(),
    }


def create_organisation(db: Database, fields: OrganisationFields) -> Organisation:
    with db.session() as session:
        organisation = Organisation(**organisation_values(session, fields))
        session.add(organisation)
        session.flush()
        return organisation


def update_organisation(
    db: Database, organisation_id: int, fields: OrganisationFields
) -> Organisation:
    with db.session() as session:
        organisation = get_or_fail(session, Organisation, organisation_id, "La structure")
        values = organisation_values(session, fields)
        assign(organisation, values, list(values))
        return organisation


def delete_organisation(db: Database, organisation_id: int) -> None:
    """Delete an organisation; its contacts stay, without organisation.

    Refused while it funds actions: the fundings would otherwise lose their funder.
    """
    with db.session() as session:
        organisation = get_or_fail(session, Organisation, organisation_id, "La structure")
        funded = session.scalar(
            select(func.count(func.distinct(Funding.action_id))).where(
                Funding.funder_id == organisation_id
            )
        )
        if funded:
            actions = "1 action" if funded == 1 else f"{funded} actions"
            raise CharteError(
                f"La structure « {organisation.name} » finance {actions} : "
                "retirez d'abord ces financements."
            )
        session.delete(organisation)


def get_organisation(db: Database, organisation_id: int) -> Organisation:
    with db.session() as session:
        return get_or_fail(session, Organisation, organisation_id, "La structure")


def organisation_fields(db: Database, organisation_id: int) -> OrganisationFields:
    """The organisation as its form shows it."""
    return load_fields(db, Organisation, organisation_id, "La structure", OrganisationFields)


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    circle_id: int | None
    circle: str
    address: str
    contact_count: int


def list_organisations(db: Database) -> list[OrganisationRow]:
    """Every organisation with its circle and number of contacts, by name."""
    counts = (
        select(Contact.organisation_id, func.count().label("n"))
        .group_by(Contact.organisation_id)
        .subquery()
    )
    query = (
        select(Organisation, Circle.name, func.coalesce(counts.c.n, 0))
        .outerjoin(Circle, Circle.id == Organisation.circle_id)
        .outerjoin(counts, counts.c.organisation_id == Organisation.id)
    )
    with db.session() as session:
        rows = [
            OrganisationRow(org.id, org.name, org.circle_id, circle or "", org.address, count)
            for org, circle, count in session.execute(query)
        ]
    return sorted(rows, key=lambda row: (fold(row.name), row.id))


# --- Contacts --------------------------------------------------------------------------


@dataclass
class ContactFields:
    last_name: str
    first_name: str = ""
    function: str = ""
    organisation_id: int | None = None
    circle_id: int | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""
    civility: Civility = Civility.NONE
    # An elected member's title as letters address them (« Président », « Vice-présidente »).
    title: str = ""


def contact_values(session: Session, fields: ContactFields) -> dict[str, Any]:
    ensure_exists(session, Organisation, fields.organisation_id, "La structure", "organisation_id")
    ensure_exists(session, Circle, fields.circle_id, "Le cercle", "circle_id")
    if not isinstance(fields.civility, Civility):
        raise CharteError("Le champ « Civilité » doit valoir « Madame », « Monsieur » ou "
                          "rester vide.", field="civility")
    return {
        "civility": fields.civility,
        "title": rules.limited_text(fields.title, "title", "Titre (élu·e)", max_length=120),
        "last_name": rules.required_text(fields.last_name, "last_name", "Nom", max_length=120),
        "first_name": rules.limited_text(fields.first_name, "first_name", "Prénom", max_length=120),
        "function": rules.limited_text(fields.function, "function", "Fonction", max_length=200),
        "organisation_id": fields.organisation_id,
        "circle_id": fields.circle_id,
        "email": rules.email(fields.email, "email", "Courriel"),
        "phone": rules.phone(fields.phone, "phone", "Téléphone"),
        "notes": (fields.notes or "").strip(),
    }


def create_contact(db: Database, fields: ContactFields) -> Contact:
    with db.session() as session:
        contact = Contact(**contact_values(session, fields))
        session.add(contact)
        session.flush()
        return contact


def update_contact(db: Database, contact_id: int, fields: ContactFields) -> Contact:
    with db.session() as session:
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        values = contact_values(session, fields)
        assign(contact, values, list(values))
        return contact


def delete_contact(db: Database, contact_id: int) -> None:
    """Delete a person with their memberships and invitations to meetings not yet held.

    Refused while they appear in the attendance of a held meeting: deleting them would
    erase their name from minutes already sent to partners.
    """
    with db.session() as session:
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        held = session.scalar(
            select(func.count(Attendance.id))
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(
                Meeting.state == MeetingState.HELD,
                or_(Attendance.contact_id == contact_id,
                    Attendance.represented_by_id == contact_id),
            )
        )
        if held:
            raise CharteError(
                f"{contact.full_name} figure dans les présences de {held} réunion"
                f"{'s' if held > 1 else ''} tenue{'s' if held > 1 else ''} : le supprimer "
                "effacerait son nom des comptes rendus. Retirez-le plutôt des instances "
                "(date de fin de mandat)."
            )
        session.delete(contact)


def get_contact(db: Database, contact_id: int) -> Contact:
    """A contact with its organisation and circle loaded."""
    with db.session() as session:
        contact = session.scalar(
            select(Contact)
            .options(joinedload(Contact.organisation), joinedload(Contact.circle))
            .where(Contact.id == contact_id)
        )
        if contact is None:
            return get_or_fail(session, Contact, contact_id, "Le contact")
        return contact


def contact_fields(db: Database, contact_id: int) -> ContactFields:
    """The contact as its form shows it."""
    return load_fields(db, Contact, contact_id, "Le contact", ContactFields)


@dataclass(frozen=True)
class ContactName:
    """Who a contact is, as a question names them."""

    id: int
    full_name: str  # "Prénom Nom"
    organisation: str  # "" without one


def contact_name(db: Database, contact_id: int) -> ContactName:
    query = (
        select(Contact.id, Contact.first_name, Contact.last_name, Organisation.name)
        .outerjoin(Organisation, Organisation.id == Contact.organisation_id)
        .where(Contact.id == contact_id)
    )
    with db.session() as session:
        row = session.execute(query).first()
    if row is None:
        raise CharteError(not_found("Le contact", contact_id))
    found, first, last, organisation = row
    return ContactName(found, f"{first} {last}".strip(), organisation or "")


@dataclass(frozen=True)
class ContactFilter:
    """What the directory shows; empty fields do not filter.

    `circle_id` matches the contact's own circle, or else its organisation's. `text` must
    find each of its words in the names, function, organisation or e-mail, ignoring case
    and accents.
    """

    circle_id: int | None = None
    organisation_id: int | None = None
    text: str = ""
    # Archived contacts (kept for history) are listed unless False: pickers leave them out.
    show_archived: bool = True


class ContactRow(NamedTuple):  # a named tuple: 3,000 are built at each refresh
    id: int
    name: str
    first_name: str
    last_name: str
    function: str
    organisation_id: int | None
    organisation: str
    circle_id: int | None
    circle: str
    email: str
    phone: str
    archived: bool = False


NO_CONTACT_FILTER = ContactFilter()


# The directory's one query, plain SQL run through Core: no type processing per value (the
# texts are cleaned below, as CleanString would), 3,000 contacts read at each refresh.
# CAST: a server must know a parameter's type even when it is only compared with NULL.
_CONTACTS_SQL = """
SELECT contact.id, contact.first_name, contact.last_name, contact.function,
       contact.organisation_id, organisation.name,
       coalesce(contact.circle_id, organisation.circle_id), circle.name,
       contact.email, contact.phone, contact.archived
FROM contact
LEFT OUTER JOIN organisation ON organisation.id = contact.organisation_id
LEFT OUTER JOIN circle ON circle.id = coalesce(contact.circle_id, organisation.circle_id)
WHERE (CAST(:circle_id AS INTEGER) IS NULL
       OR coalesce(contact.circle_id, organisation.circle_id) = :circle_id)
  AND (CAST(:organisation_id AS INTEGER) IS NULL OR contact.organisation_id = :organisation_id)
  AND (:show_archived OR NOT contact.archived)
"""


def civilities_and_titles(db: Database) -> dict[int, tuple[Civility, str]]:
    """Each contact's civilité and elected title, by contact id, for those who have one
    (the list's rows leave them out: 3,000 rows are built at each refresh)."""
    query = select(Contact.id, Contact.civility, Contact.title).where(
        or_(Contact.civility != Civility.NONE, Contact.title != ""))
    with db.session() as session:
        return {contact_id: (civility, title)
                for contact_id, civility, title in session.execute(query)}


def list_contacts(db: Database, filters: ContactFilter = NO_CONTACT_FILTER) -> list[ContactRow]:
    """Contacts matching `filters`, by last name then first name, in one query."""
    words = fold(filters.text).split()
    rows: list[ContactRow] = []
    parameters = {"circle_id": filters.circle_id, "organisation_id": filters.organisation_id,
                  "show_archived": bool(filters.show_archived)}
    with db.session() as session:
        records = session.connection().execute(sql_text(_CONTACTS_SQL), parameters).all()
    for (contact_id, first, last, function, org_id, org, circle_id, circle_name, email,
         phone, archived) in records:
        first, last, function = clean_line(first), clean_line(last), clean_line(function)
        org = clean_line(org) if org else ""
        email = clean_line(email)
        if words:
            haystack = fold(" ".join((first, last, function, org, email)))
            if not all(word in haystack for word in words):
                continue
        rows.append(ContactRow(
            contact_id, f"{first} {last}".strip(), first, last, function, org_id, org,
            circle_id, clean_line(circle_name) if circle_name else "", email,
            clean_line(phone), bool(archived)))
    return sorted(
        rows, key=lambda row: (fold(row.last_name), fold(row.first_name), row.id)
    )
