"""What the Instances screen shows of a body and of its members: plain rows, read in one
query, so that nothing it paints reaches for a relationship after its session."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MembershipRole, QuorumRule
from charte_desktop.db.models import Action, Body, Circle, Contact, Membership, Organisation
from charte_desktop.errors import CharteError
from charte_desktop.services.common import not_found
from charte_desktop.text import fold

_ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole)}


@dataclass(frozen=True)
class MemberRow:
    """A membership of a body, past ones included."""

    id: int
    body_id: int
    body_name: str
    contact_id: int
    name: str  # "Prénom Nom"
    sort_name: str  # "Nom Prénom"
    organisation: str  # "" without one
    circle: str  # the person's circle, else their organisation's; "" for none
    role: MembershipRole
    voting: bool
    start_date: date | None
    end_date: date | None


def _members_query() -> Select[*tuple[Any, ...]]:
    own = aliased(Circle)
    organisation_circle = aliased(Circle)
    return (
        select(
            Membership.id, Membership.body_id, Body.name, Membership.contact_id,
            Contact.first_name, Contact.last_name, Organisation.name, own.name,
            organisation_circle.name, Membership.role, Membership.voting,
            Membership.start_date, Membership.end_date,
        )
        .join(Body, Body.id == Membership.body_id)
        .join(Contact, Contact.id == Membership.contact_id)
        .outerjoin(Organisation, Organisation.id == Contact.organisation_id)
        .outerjoin(own, own.id == Contact.circle_id)
        .outerjoin(organisation_circle, organisation_circle.id == Organisation.circle_id)
    )


def _rows(db: Database, query: Select[*tuple[Any, ...]]) -> list[MemberRow]:
    with db.session() as session:
        found = list(session.execute(query))
    # Chair first, then by role, last name and first name (as `bodies.list_memberships`).
    found.sort(key=lambda r: (_ROLE_ORDER[r[9]], r[5].casefold(), r[4].casefold(), r[0]))
    return [
        MemberRow(
            membership_id, body_id, body_name, contact_id,
            f"{first} {last}".strip(), f"{last} {first}", organisation or "",
            own or organisation_circle or "", role, bool(voting), start, end)
        for (membership_id, body_id, body_name, contact_id, first, last, organisation, own,
             organisation_circle, role, voting, start, end) in found
    ]


def member_rows(db: Database, body_id: int) -> list[MemberRow]:
    """Every membership of the body, past ones included: chair first, then by role and
    name, in one query."""
    return _rows(db, _members_query().where(Membership.body_id == body_id))


def member_row(db: Database, membership_id: int) -> MemberRow:
    """One membership (French CharteError if it is gone)."""
    rows = _rows(db, _members_query().where(Membership.id == membership_id))
    if not rows:
        raise CharteError(not_found("L'appartenance", membership_id))
    return rows[0]


@dataclass(frozen=True)
class BodySummary:
    """What the screen says of the selected body, above its members."""

    id: int
    kind: BodyKind
    name: str
    mission: str
    action: str  # "1.2 Intitulé" of the action a project group follows, or ""
    quorum_rule: QuorumRule
    quorum_value: int

    @property
    def heading(self) -> str:
        """« Comité de pilotage « Charte » », or the name alone when it already says its
        kind (« Groupe projet « Plateforme » » is not prefixed a second time)."""
        if fold(self.name).startswith(fold(self.kind.label)):
            return self.name
        return f"{self.kind.label} « {self.name} »"


def body_summary(db: Database, body_id: int) -> BodySummary:
    """French CharteError if the body is gone."""
    query = (
        select(Body.id, Body.kind, Body.name, Body.mission, Action.code, Action.title,
               Body.quorum_rule, Body.quorum_value)
        .outerjoin(Action, Action.id == Body.action_id)
        .where(Body.id == body_id)
    )
    with db.session() as session:
        row = session.execute(query).first()
    if row is None:
        raise CharteError(not_found("L'instance", body_id))
    found, kind, name, mission, code, title, rule, value = row
    action = f"{code} {title}" if title is not None else ""
    return BodySummary(found, kind, name, mission or "", action, rule, value or 0)
