"""What an update workbook sends to a pilot: their actions of one plan, with what they need
to answer (status, progress, end date, milestones due), and the indicators those actions
follow with their latest value."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.db.models import Action, Contact, FileIdentity, Indicator, Plan, Territory
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services.action_rows import natural_key
from charte_desktop.services.common import get_or_fail
from charte_desktop.services.status import display_statuses
from charte_desktop.text import fold


@dataclass(frozen=True)
class ActionLine:
    action_id: int
    code: str
    title: str
    axis: str
    pilot: str
    status: DisplayStatus  # as the officer sees it: "en retard" included
    progress: int
    progress_from_milestones: bool  # then progress is computed, not asked
    end_date: date | None
    milestones_due: tuple[str, ...]  # "Titre (30/06/2026)", oldest first


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: int
    name: str
    unit: str
    action_codes: tuple[str, ...]  # the workbook's actions that follow it
    latest_value: Decimal | None
    latest_date: date | None
    target_value: Decimal | None
    target_date: date | None


@dataclass(frozen=True)
class UpdateContent:
    """Everything one workbook holds, read in one session."""

    file_token: str
    file_name: str
    territory: str
    plan_id: int
    plan_title: str
    plan_created_at: datetime  # tells a plan from a later one that reused its number
    pilot_id: int | None  # None: every action of the plan
    pilot_name: str
    actions: tuple[ActionLine, ...]
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class PilotRow:
    id: int
    name: str
    action_count: int


def file_token(session: Session) -> str:
    """This file's identity (drawn by migration 0003 when the file was created or upgraded)."""
    identity = session.get(FileIdentity, 1)
    if identity is None:  # only a file damaged by hand: say so rather than guess
        raise CharteError("Ce fichier Charte n'a pas d'identité : vérifiez-le (commande check).")
    return identity.token


def _milestones_due(action: Action, today: date) -> tuple[str, ...]:
    due = [m for m in action.milestones if not m.done]
    due.sort(key=lambda m: (m.due_date is None, m.due_date or today))
    texts = []
    for milestone in due:
        if milestone.due_date is None:
            texts.append(milestone.title)
        else:
            late = ", en retard" if milestone.due_date < today else ""
            texts.append(f"{milestone.title} ({format_date(milestone.due_date)}{late})")
    return tuple(texts)


def _indicator_lines(actions: list[Action]) -> tuple[IndicatorLine, ...]:
    """One line per indicator, however many of the workbook's actions follow it."""
    codes: dict[int, list[str]] = {}
    indicators: dict[int, Indicator] = {}
    for action in actions:
        for indicator in action.indicators:
            indicators[indicator.id] = indicator
            codes.setdefault(indicator.id, []).append(action.code)
    lines = []
    for indicator in indicators.values():
        latest = indicator.measurements[-1] if indicator.measurements else None
        lines.append(IndicatorLine(
            indicator.id, indicator.name, indicator.unit, tuple(codes[indicator.id]),
            latest.value if latest else None, latest.date if latest else None,
            indicator.target_value, indicator.target_date,
        ))
    lines.sort(key=lambda line: (natural_key(line.action_codes[0]), fold(line.name)))
    return tuple(lines)


def update_content(
    db: Database, plan_id: int, pilot_id: int | None = None, *, today: date | None = None
) -> UpdateContent:
    """The actions of `plan_id` piloted by `pilot_id` (all of them when None)."""
    today = today or clock.today()
    with db.session() as session:
        plan = get_or_fail(session, Plan, plan_id, "Le plan")
        pilot_name = ""
        query = (
            select(Action)
            .where(Action.plan_id == plan_id)
            .options(
                selectinload(Action.axis), selectinload(Action.pilot),
                selectinload(Action.milestones),
                selectinload(Action.indicators).selectinload(Indicator.measurements),
            )
        )
        if pilot_id is not None:
            pilot = get_or_fail(session, Contact, pilot_id, "Le contact")
            pilot_name = pilot.full_name
            query = query.where(Action.pilot_id == pilot_id)
        actions = sorted(session.scalars(query), key=lambda a: (natural_key(a.code), a.id))
        if not actions:
            whose = f"pilotée par {pilot_name} " if pilot_id is not None else ""
            raise CharteError(
                f"Aucune action {whose}dans le plan « {plan.title} » : "
                "il n'y a rien à mettre à jour."
            )
        territory = session.scalars(select(Territory.name).limit(1)).first() or ""
        statuses = display_statuses(session, (action.id for action in actions), today=today)
        lines = tuple(
            ActionLine(
                action.id, action.code, action.title,
                " ".join(p for p in (action.axis.code, action.axis.title) if p)
                if action.axis else "",
                action.pilot.full_name if action.pilot else "",
                statuses[action.id], action.progress,
                action.progress_from_milestones, action.end_date,
                _milestones_due(action, today),
            )
            for action in actions
        )
        return UpdateContent(
            file_token(session), db.path.name, territory, plan.id, plan.title,
            plan.created_at, pilot_id, pilot_name, lines, _indicator_lines(actions),
        )


def plan_pilots(db: Database, plan_id: int) -> list[PilotRow]:
    """The contacts piloting actions of the plan, by name, with their number of actions."""
    query = (
        select(Contact, Action.id)
        .join(Action, Action.pilot_id == Contact.id)
        .where(Action.plan_id == plan_id)
    )
    counts: dict[int, int] = {}
    names: dict[int, str] = {}
    with db.session() as session:
        for contact, _action_id in session.execute(query):
            counts[contact.id] = counts.get(contact.id, 0) + 1
            names[contact.id] = contact.full_name
    rows = [PilotRow(i, names[i], counts[i]) for i in counts]
    rows.sort(key=lambda row: (fold(row.name), row.id))
    return rows


def actions_without_pilot(db: Database, plan_id: int) -> int:
    """How many actions of the plan no per-pilot workbook will carry."""
    query = select(func.count()).select_from(Action).where(
        Action.plan_id == plan_id, Action.pilot_id.is_(None))
    with db.session() as session:
        return int(session.scalar(query) or 0)


def plan_for_workbook(db: Database, pilot_id: int | None) -> int:
    """The plan a workbook is made for when none is named: the only plan of the file, or
    the only plan in which the pilot has actions."""
    with db.session() as session:
        query = select(Plan.id, Plan.title).order_by(Plan.id)
        if pilot_id is not None:
            get_or_fail(session, Contact, pilot_id, "Le contact")
            query = query.where(
                Plan.id.in_(select(Action.plan_id).where(Action.pilot_id == pilot_id))
            )
        plans = session.execute(query).all()
    if len(plans) == 1:
        return int(plans[0].id)
    if not plans:
        if pilot_id is not None:
            raise CharteError(f"Le contact n° {pilot_id} ne pilote aucune action.")
        raise CharteError("Ce fichier ne contient aucun plan.")
    listed = ", ".join(f"{row.id} (« {row.title} »)" for row in plans)
    raise CharteError(f"Précisez le plan avec --plan : {listed}.")
