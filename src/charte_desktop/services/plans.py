"""The collectivité, its plans and their axes."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.enums import TerritoryKind
from charte_desktop.db.models import Action, Axis, Plan, Territory
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.common import assign, get_or_fail
from charte_desktop.services.form_fields import load_fields
from charte_desktop.services.plan_order import plan_order
from charte_desktop.services.tree_order import parents_first

MAX_LOGO_BYTES = 5 * 1024 * 1024
DEFAULT_REMINDER_MINUTES = 24 * 60  # the day before
MAX_REMINDER_MINUTES = 28 * 24 * 60
# The reminders Paramètres offers, in minutes before the meeting.
REMINDER_CHOICES: tuple[tuple[int, str], ...] = (
    (0, "Aucun"), (60, "1 heure avant"), (24 * 60, "La veille"), (2 * 24 * 60, "2 jours avant"),
)


@dataclass
class TerritoryFields:
    name: str
    kind: TerritoryKind
    address: str = ""
    logo: bytes | None = None
    logo_filename: str | None = None
    # Where letters are signed, and the officer whom partners call or write to (letters'
    # « Contact », e-mail signatures and sender).
    town: str = ""
    officer_name: str = ""
    officer_function: str = ""
    officer_phone: str = ""
    officer_email: str = ""
    reminder_minutes: int = DEFAULT_REMINDER_MINUTES  # of the .ics invitations; 0: none


@dataclass
class PlanFields:
    title: str
    period_start: date | None = None
    period_end: date | None = None
    description: str = ""


@dataclass
class AxisFields:
    plan_id: int
    title: str
    code: str = ""
    parent_id: int | None = None
    position: int = 0
    description: str = ""


def get_territory(db: Database) -> Territory | None:
    """The file's collectivité, or None before the welcome screen has been filled."""
    with db.session() as session:
        return session.scalars(select(Territory).order_by(Territory.id)).first()


def check_territory(fields: TerritoryFields) -> str:
    """The collectivité's name, once the fields are found valid (before any file exists)."""
    name = rules.required_text(fields.name, "name", "Nom de la collectivité", max_length=200)
    if not isinstance(fields.kind, TerritoryKind):
        raise CharteError("Le champ « Type de collectivité » est obligatoire.", field="kind")
    if fields.logo is not None and len(fields.logo) > MAX_LOGO_BYTES:
        raise CharteError("Le logo est trop lourd (5 Mo au plus).", field="logo")
    officer_values(fields)
    return name


def officer_values(fields: TerritoryFields) -> dict[str, Any]:
    """The town and the officer's details, checked (French error naming the field)."""
    reminder = fields.reminder_minutes
    if isinstance(reminder, bool) or not isinstance(reminder, int):
        raise CharteError("Le champ « Rappel dans l'invitation d'agenda » est obligatoire.",
                          field="reminder_minutes")
    return {
        "town": rules.limited_text(fields.town, "town", "Ville (lieu de signature des "
                                   "courriers)", max_length=120),
        "officer_name": rules.limited_text(fields.officer_name, "officer_name",
                                           "Nom de l'agent·e", max_length=200),
        "officer_function": rules.limited_text(fields.officer_function, "officer_function",
                                               "Fonction de l'agent·e", max_length=200),
        "officer_phone": rules.phone(fields.officer_phone, "officer_phone",
                                     "Téléphone de l'agent·e"),
        "officer_email": rules.email(fields.officer_email, "officer_email",
                                     "Courriel de l'agent·e"),
        "reminder_minutes": rules.integer_between(
            reminder, 0, MAX_REMINDER_MINUTES, "reminder_minutes",
            "Rappel dans l'invitation d'agenda (minutes)"),
    }


def save_territory(db: Database, fields: TerritoryFields) -> Territory:
    """Create or replace the file's one collectivité."""
    name = check_territory(fields)
    with db.session() as session:
        territory = session.scalars(select(Territory).order_by(Territory.id)).first()
        if territory is None:
            territory = Territory()
            session.add(territory)
        territory.name = name
        territory.kind = fields.kind
        territory.address = fields.address.strip()
        territory.logo = fields.logo
        territory.logo_filename = fields.logo_filename
        assign(territory, officer_values(fields), ["town", "officer_name", "officer_function",
                                                   "officer_phone", "officer_email",
                                                   "reminder_minutes"])
        session.flush()
        return territory


def plan_values(fields: PlanFields) -> dict[str, Any]:
    rules.dates_in_order(
        fields.period_start, fields.period_end, "period_end", "Début de la période",
        "Fin de la période",
    )
    return {
        "title": rules.required_text(fields.title, "title", "Intitulé du plan"),
        "period_start": fields.period_start,
        "period_end": fields.period_end,
        "description": fields.description.strip(),
    }


def create_plan(db: Database, fields: PlanFields) -> Plan:
    values = plan_values(fields)
    with db.session() as session:
        plan = Plan(**values)
        session.add(plan)
        session.flush()
        return plan


def update_plan(db: Database, plan_id: int, fields: PlanFields) -> Plan:
    values = plan_values(fields)
    with db.session() as session:
        plan = get_or_fail(session, Plan, plan_id, "Le plan")
        assign(plan, values, list(values))
        return plan


def delete_plan(db: Database, plan_id: int) -> None:
    """Delete a plan with its axes, actions and indicators."""
    with db.session() as session:
        session.delete(get_or_fail(session, Plan, plan_id, "Le plan"))


def plan_fields(db: Database, plan_id: int) -> PlanFields:
    return load_fields(db, Plan, plan_id, "Le plan", PlanFields)


def axis_fields(db: Database, axis_id: int) -> AxisFields:
    return load_fields(db, Axis, axis_id, "L'axe", AxisFields)


def get_plan(db: Database, plan_id: int) -> Plan:
    with db.session() as session:
        return get_or_fail(session, Plan, plan_id, "Le plan")


@dataclass(frozen=True)
class PlanRow:
    id: int
    title: str
    period_start: date | None
    period_end: date | None
    action_count: int


def list_plans(db: Database) -> list[PlanRow]:
    counts = (
        select(Action.plan_id, func.count().label("n")).group_by(Action.plan_id).subquery()
    )
    query = (
        select(Plan, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.plan_id == Plan.id)
    )
    with db.session() as session:
        rows = [PlanRow(plan.id, plan.title, plan.period_start, plan.period_end, count)
                for plan, count in session.execute(query)]
    rows.sort(key=lambda row: plan_order(row.period_start, row.title, row.id))
    return rows


def axis_values(session: Any, fields: AxisFields, axis_id: int | None) -> dict[str, Any]:
    get_or_fail(session, Plan, fields.plan_id, "Le plan")
    if axis_id is not None:
        current = get_or_fail(session, Axis, axis_id, "L'axe")
        if current.plan_id != fields.plan_id:
            # Its sub-axes and actions would be left in the old plan, under an axis of another.
            raise CharteError(
                "Un axe ne peut pas changer de plan : créez-le dans l'autre plan et déplacez-y "
                "ses actions.",
                field="plan_id",
            )
    if fields.parent_id is not None:
        parent = get_or_fail(session, Axis, fields.parent_id, "L'axe parent")
        if parent.plan_id != fields.plan_id:
            raise CharteError("L'axe parent appartient à un autre plan.", field="parent_id")
        ancestor: Axis | None = parent
        while ancestor is not None:
            if ancestor.id == axis_id:
                raise CharteError(
                    "Un axe ne peut pas être placé sous lui-même ou sous l'un de ses sous-axes.",
                    field="parent_id",
                )
            ancestor = ancestor.parent
    return {
        "plan_id": fields.plan_id,
        "parent_id": fields.parent_id,
        "title": rules.required_text(fields.title, "title", "Intitulé de l'axe"),
        "code": rules.limited_text(fields.code, "code", "Numéro de l'axe", max_length=20),
        "position": fields.position,
        "description": fields.description.strip(),
    }


def create_axis(db: Database, fields: AxisFields) -> Axis:
    with db.session() as session:
        axis = Axis(**axis_values(session, fields, None))
        session.add(axis)
        session.flush()
        return axis


def update_axis(db: Database, axis_id: int, fields: AxisFields) -> Axis:
    with db.session() as session:
        axis = get_or_fail(session, Axis, axis_id, "L'axe")
        values = axis_values(session, fields, axis_id)
        assign(axis, values, list(values))
        return axis


def delete_axis(db: Database, axis_id: int) -> None:
    """Delete an axis and its sub-axes; their actions stay in the plan, without axis."""
    with db.session() as session:
        session.delete(get_or_fail(session, Axis, axis_id, "L'axe"))


def list_axes(db: Database, plan_id: int) -> list[Axis]:
    """The plan's axes, parents before children, each level in its order."""
    with db.session() as session:
        axes = list(
            session.scalars(
                select(Axis).where(Axis.plan_id == plan_id).order_by(Axis.position, Axis.id)
            )
        )
    return parents_first(axes, lambda axis: axis.id, lambda axis: axis.parent_id)
