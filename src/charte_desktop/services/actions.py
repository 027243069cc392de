"""The fiches action of a plan: create, edit, duplicate, delete, find and list them."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session, selectinload

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus, Priority
from charte_desktop.db.models import (
    Action,
    ActionNote,
    Axis,
    Body,
    BudgetYear,
    Contact,
    Funding,
    Milestone,
    Organisation,
    Plan,
    Policy,
    PriorityScore,
    action_policy,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.action_rows import (
    ActionFilter,
    ActionRow,
    action_rows,
    actions_sql,
    filter_rows,
)
from charte_desktop.services.budget import check_totals_match_lines
from charte_desktop.services.common import (
    assign,
    ensure_exists,
    fetch_all,
    get_or_fail,
    not_found,
)
from charte_desktop.services.form_fields import fields_of
from charte_desktop.services.weights import checked_weight

CODE_MAX_LENGTH = 20
_COPY_SUFFIX = " (copie)"


@dataclass
class ActionFields:
    """Every editable field of a fiche action, relations given by ids."""

    plan_id: int
    code: str
    title: str
    description: str = ""
    axis_id: int | None = None
    status: ActionStatus = ActionStatus.TO_START
    priority: Priority | None = None
    pilot_id: int | None = None
    copilot_ids: list[int] = field(default_factory=list)
    partner_ids: list[int] = field(default_factory=list)  # organisations
    policy_ids: list[int] = field(default_factory=list)
    project_group_id: int | None = None  # a Body
    start_date: date | None = None
    end_date: date | None = None
    progress: int = 0
    progress_from_milestones: bool = False
    budget_planned: Decimal | int | str | None = Decimal("0.00")
    budget_committed: Decimal | int | str | None = Decimal("0.00")
    budget_spent: Decimal | int | str | None = Decimal("0.00")
    # In the weighted progress of its axis and plan (0: left out), typed « 1,5 ».
    weight: Decimal | int | str | None = Decimal(1)


def milestone_progress(done: int, total: int) -> int:
    """Progress in % from milestones, rounded half up; 0 when there is no milestone."""
    if total <= 0:
        return 0
    return (200 * done + total) // (2 * total)


def recompute_progress(session: Session, action: Action) -> None:
    """Set the progress of an action that follows its milestones, from the database rows."""
    if not action.progress_from_milestones or action.id is None:
        return
    session.flush()
    total, done = session.execute(
        select(func.count(), func.coalesce(func.sum(case((Milestone.done, 1), else_=0)), 0)).where(
            Milestone.action_id == action.id
        )
    ).one()
    action.progress = milestone_progress(int(done), int(total))


def check_code_free(session: Session, plan_id: int, code: str, action_id: int | None,
                    plan_codes: dict[str, str] | None = None) -> None:
    """Refuse a code another action of the plan has. `plan_codes` (code → title of the
    plan's actions) lets a batch check many codes without one query each."""
    if plan_codes is not None:
        other = plan_codes.get(code)
    else:
        query = select(Action.title).where(Action.plan_id == plan_id, Action.code == code)
        if action_id is not None:
            query = query.where(Action.id != action_id)
        other = session.scalars(query).first()
    if other is not None:
        raise CharteError(
            f"Le champ « Code » doit être unique dans le plan : « {code} » est déjà "
            f"utilisé par l'action « {other} ».",
            field="code",
        )


def action_field_values(fields: ActionFields) -> dict[str, Any]:
    """The checks of a fiche action needing no database (texts, lists, dates, amounts),
    as column values; raises CharteError. `action_values` adds the references' checks; a
    batch (an import) checks its references once for all its rows."""
    code = rules.required_text(fields.code, "code", "Code", max_length=CODE_MAX_LENGTH)
    title = rules.required_text(fields.title, "title", "Intitulé")
    if not isinstance(fields.status, ActionStatus):
        raise CharteError(
            "Le champ « Statut » doit être l'un des statuts proposés (« En retard » est "
            "calculé, il ne se choisit pas).",
            field="status",
        )
    if fields.priority is not None and not isinstance(fields.priority, Priority):
        raise CharteError("Le champ « Priorité » n'est pas valide.", field="priority")
    rules.dates_in_order(
        fields.start_date, fields.end_date, "end_date", "Date de début", "Date de fin"
    )
    progress = 0 if fields.progress_from_milestones else fields.progress
    return {
        "plan_id": fields.plan_id,
        "code": code,
        "title": title,
        "description": (fields.description or "").strip(),
        "axis_id": fields.axis_id,
        "status": fields.status,
        "priority": fields.priority,
        "pilot_id": fields.pilot_id,
        "project_group_id": fields.project_group_id,
        "start_date": fields.start_date,
        "end_date": fields.end_date,
        "progress": rules.percentage(progress, "progress", "Avancement"),
        "progress_from_milestones": bool(fields.progress_from_milestones),
        "budget_planned": rules.amount(fields.budget_planned, "budget_planned", "Budget prévu"),
        "budget_committed": rules.amount(
            fields.budget_committed, "budget_committed", "Budget engagé"
        ),
        "budget_spent": rules.amount(fields.budget_spent, "budget_spent", "Budget dépensé"),
        "weight": checked_weight(fields.weight),
    }


def action_values(session: Session, fields: ActionFields, action_id: int | None
                  ) -> dict[str, Any]:
    """Validated values for an Action, relations as ORM lists; raises CharteError."""
    values = action_field_values(fields)
    code = values["code"]
    get_or_fail(session, Plan, fields.plan_id, "Le plan")
    check_code_free(session, fields.plan_id, code, action_id)
    if fields.axis_id is not None:
        axis = session.get(Axis, fields.axis_id)
        if axis is None:
            raise CharteError(not_found("L'axe", fields.axis_id), field="axis_id")
        if axis.plan_id != fields.plan_id:
            raise CharteError(
                f"L'axe « {axis.title} » appartient à un autre plan que l'action.",
                field="axis_id",
            )
    ensure_exists(session, Contact, fields.pilot_id, "Le contact", "pilot_id")
    ensure_exists(session, Body, fields.project_group_id, "L'instance", "project_group_id")
    values["copilots"] = fetch_all(
        session, Contact, fields.copilot_ids, "Le contact", "copilot_ids"
    )
    values["partners"] = fetch_all(
        session, Organisation, fields.partner_ids, "La structure", "partner_ids"
    )
    values["policies"] = fetch_all(
        session, Policy, fields.policy_ids, "La politique publique", "policy_ids"
    )
    return values


def create_action(db: Database, fields: ActionFields) -> Action:
    with db.session() as session:
        values = action_values(session, fields, None)
        action = Action(**values)
        session.add(action)
        session.flush()
        recompute_progress(session, action)
        return action


def update_action(db: Database, action_id: int, fields: ActionFields) -> Action:
    with db.session() as session:
        action = get_or_fail(session, Action, action_id, "L'action")
        values = action_values(session, fields, action_id)
        check_totals_match_lines(session, action_id, values)
        if fields.plan_id != action.plan_id:
            _check_movable(action)
        assign(action, values, list(values))
        recompute_progress(session, action)
        return action


def _check_movable(action: Action) -> None:
    """An action changing plan must not keep indicators of its former plan."""
    foreign = [i.name for i in action.indicators if i.plan_id == action.plan_id]
    if foreign:
        names = ", ".join(f"« {name} »" for name in foreign)
        raise CharteError(
            f"L'action suit des indicateurs de son plan actuel ({names}) : retirez ces liens "
            "avant de la changer de plan.",
            field="plan_id",
        )


def delete_action(db: Database, action_id: int) -> None:
    """Delete an action with its milestones, fundings, journal and scores.

    Decisions, follow-ups and groupes projet that referred to it are kept, unlinked.
    """
    with db.session() as session:
        session.delete(get_or_fail(session, Action, action_id, "L'action"))


def _free_copy_code(session: Session, plan_id: int, code: str) -> str:
    taken = set(session.scalars(select(Action.code).where(Action.plan_id == plan_id)))
    number = 1
    while True:
        suffix = _COPY_SUFFIX if number == 1 else f" (copie {number})"
        candidate = code[: CODE_MAX_LENGTH - len(suffix)].rstrip() + suffix
        if candidate not in taken:
            return candidate
        number += 1


def duplicate_action(db: Database, action_id: int) -> Action:
    """A new action of the same plan pre-filled from another, with a free code "2.3 (copie)".

    Copied: what describes the fiche (title, description, axis, priority, pilot, co-pilots,
    partners, policies, project group, dates, planned budget (per year too), linked
    indicators, priority scores, milestones and the "progress from milestones" choice).
    Not copied: what records the original's follow-up (the journal, fundings, committed and
    spent budget); the copy
    starts "à lancer", at 0 % progress, with its milestones not done.
    """
    with db.session() as session:
        source = session.get(
            Action,
            action_id,
            options=[
                selectinload(Action.copilots),
                selectinload(Action.partners),
                selectinload(Action.policies),
                selectinload(Action.indicators),
                selectinload(Action.milestones),
                selectinload(Action.scores),
                selectinload(Action.budget_years),
            ],
        )
        if source is None:
            raise _missing(action_id)
        copy = Action(
            plan_id=source.plan_id,
            code=_free_copy_code(session, source.plan_id, source.code),
            title=source.title,
            description=source.description,
            axis_id=source.axis_id,
            status=ActionStatus.TO_START,
            priority=source.priority,
            pilot_id=source.pilot_id,
            project_group_id=source.project_group_id,
            start_date=source.start_date,
            end_date=source.end_date,
            progress=0,
            progress_from_milestones=source.progress_from_milestones,
            budget_planned=source.budget_planned,
            budget_committed=Decimal("0.00"),
            budget_spent=Decimal("0.00"),
            weight=source.weight,
            copilots=list(source.copilots),
            partners=list(source.partners),
            policies=list(source.policies),
            indicators=list(source.indicators),
            milestones=[
                Milestone(title=m.title, due_date=m.due_date, done=False) for m in source.milestones
            ],
            scores=[
                PriorityScore(criterion_id=s.criterion_id, score=s.score) for s in source.scores
            ],
            budget_years=[BudgetYear(year=line.year, planned=line.planned,
                                     committed=Decimal("0.00"), spent=Decimal("0.00"))
                          for line in source.budget_years],
        )
        session.add(copy)
        session.flush()
        return copy


def _missing(action_id: int) -> CharteError:
    return CharteError(not_found("L'action", action_id, note="peut-être supprimée"))


def get_action_for_form(db: Database, action_id: int) -> Action:
    """The action with only what its form edits besides its columns: co-pilots, partners,
    policies (a third of the queries of `get_action`, on every opening of the form)."""
    with db.session() as session:
        action = session.get(Action, action_id, options=[
            selectinload(Action.copilots), selectinload(Action.partners),
            selectinload(Action.policies)])
        if action is None:
            raise _missing(action_id)
        return action


def action_form_fields(db: Database, action_id: int) -> ActionFields:
    """What the action's form shows: its columns and the ids of its co-pilots, partners
    and policies, read in one session."""
    action = get_action_for_form(db, action_id)
    return fields_of(action, ActionFields,
                     copilot_ids=[c.id for c in action.copilots],
                     partner_ids=[o.id for o in action.partners],
                     policy_ids=[p.id for p in action.policies])


def get_action(db: Database, action_id: int) -> Action:
    """The action with everything a form or a fiche shows, readable after the session."""
    with db.session() as session:
        action = session.get(
            Action,
            action_id,
            options=[
                selectinload(Action.plan),
                selectinload(Action.axis),
                selectinload(Action.pilot).selectinload(Contact.organisation),
                selectinload(Action.project_group),
                selectinload(Action.copilots).selectinload(Contact.organisation),
                selectinload(Action.partners),
                selectinload(Action.policies),
                selectinload(Action.milestones),
                selectinload(Action.fundings).selectinload(Funding.funder),
                selectinload(Action.notes).selectinload(ActionNote.decision),
                selectinload(Action.scores).selectinload(PriorityScore.criterion),
                selectinload(Action.indicators),
                selectinload(Action.budget_years),
            ],
        )
        if action is None:
            raise _missing(action_id)
        axis = action.axis
        while axis is not None:  # the parent axes a fiche names ("2 – Mobilité › 2.1 …")
            axis = axis.parent
        return action


# --- Listing and filtering -------------------------------------------------------------


def list_actions(
    db: Database, filters: ActionFilter = ActionFilter(), *, today: date | None = None
) -> list[ActionRow]:
    """The actions matching `filters`, by plan then code ("2.9" before "2.10"): the list's
    one query (action_rows.actions_sql), its filters applied to the rows."""
    today = today or clock.today()
    one_plan = filters.plan_id is not None
    with db.session() as session:
        records = session.connection().execute(
            text(actions_sql(today, one_plan=one_plan)),
            {"plan_id": filters.plan_id} if one_plan else {}).all()
        rows = action_rows(records, status=filters.status)
        parents = None
        if filters.axis_id is not None:
            parents = {axis_id: parent for axis_id, parent in session.execute(
                select(Axis.id, Axis.parent_id))}
        serving = None
        if filters.policy_id is not None:
            serving = set(session.scalars(select(action_policy.c.action_id).where(
                action_policy.c.policy_id == filters.policy_id)))
    return filter_rows(rows, filters, axis_parents=parents, policy_actions=serving)


def late_actions(db: Database, *, today: date | None = None) -> list[ActionRow]:
    """Every late action of every plan, for the dashboard."""
    return list_actions(db, ActionFilter(status=DisplayStatus.LATE), today=today)
