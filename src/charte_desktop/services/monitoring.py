"""What the tableau de suivi (monitoring workbook) reads that no screen lists: everything
an action carries, every milestone, measurement, decision and follow-up of a plan.

Each function is one query (or a few), whatever the plan's size; `plan_id=None` means
every plan of the file. Rows are plain dataclasses, readable after the session.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, false, func, literal, select, true, type_coerce
from sqlalchemy.orm import aliased

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, FundingState
from charte_desktop.db.models import (
    Action,
    Body,
    Contact,
    Decision,
    FollowUp,
    Funding,
    Indicator,
    Measurement,
    Meeting,
    Milestone,
    Organisation,
    Policy,
    action_copilot,
    action_partner,
    action_policy,
    indicator_action,
)
from charte_desktop.db.types import Money
from charte_desktop.services.action_rows import milestone_overdue, natural_key
from charte_desktop.text import fold

ZERO = Decimal("0.00")


def _in_plan(plan_id: int | None) -> ColumnElement[bool]:
    return true() if plan_id is None else Action.plan_id == plan_id


def _person(first_name: str | None, last_name: str | None) -> str:
    return f"{first_name or ''} {last_name or ''}".strip()


# --- What an action carries -----------------------------------------------------------


@dataclass
class ActionExtras:
    """What an action carries beyond its row of `actions.list_actions`: description,
    people, partners, tags and co-financing."""

    copilots: list[str]
    partners: list[str]
    policies: list[str]
    description: str = ""
    project_group: str | None = None
    funding_requested: Decimal = ZERO  # sollicité
    funding_granted: Decimal = ZERO  # acquis or versé


def action_extras(db: Database, plan_id: int | None = None) -> dict[int, ActionExtras]:
    """Description, co-pilots, partners, policies, project group and fundings of every
    action of the plan, by action id. Five queries in all."""
    where = _in_plan(plan_id)
    found: dict[int, ActionExtras] = defaultdict(lambda: ActionExtras([], [], []))
    with db.session() as session:
        run = session.connection().execute
        # Names sorted here, not by SQL: a server's collation would order them its way.
        for action_id, first, last in sorted(run(
            select(action_copilot.c.action_id, Contact.first_name, Contact.last_name)
            .join(Contact, Contact.id == action_copilot.c.contact_id)
            .join(Action, Action.id == action_copilot.c.action_id).where(where)
        ), key=lambda row: (fold(row[2]), fold(row[1]))):
            found[action_id].copilots.append(_person(first, last))
        for action_id, name in sorted(run(
            select(action_partner.c.action_id, Organisation.name)
            .join(Organisation, Organisation.id == action_partner.c.organisation_id)
            .join(Action, Action.id == action_partner.c.action_id).where(where)
        ), key=lambda row: fold(row[1])):
            found[action_id].partners.append(name)
        for action_id, code in sorted(run(
            select(action_policy.c.action_id, Policy.code)
            .join(Policy, Policy.id == action_policy.c.policy_id)
            .join(Action, Action.id == action_policy.c.action_id).where(where)
        ), key=lambda row: fold(row[1])):
            found[action_id].policies.append(code)
        for action_id, description, group in run(
            select(Action.id, Action.description, Body.name)
            .outerjoin(Body, Body.id == Action.project_group_id).where(where)
        ):
            extras = found[action_id]
            extras.description, extras.project_group = description, group
        granted = Funding.state.in_((FundingState.GRANTED, FundingState.PAID))
        for action_id, requested, obtained in run(
            select(
                Funding.action_id,
                type_coerce(func.sum(case((granted, 0), else_=Funding.amount)), Money()),
                type_coerce(func.sum(case((granted, Funding.amount), else_=0)), Money()),
            ).join(Action, Action.id == Funding.action_id).where(where)
            .group_by(Funding.action_id)
        ):
            found[action_id].funding_requested = requested or ZERO
            found[action_id].funding_granted = obtained or ZERO
    return dict(found)


@dataclass(frozen=True)
class FundingTotal:
    state: FundingState
    count: int
    amount: Decimal


def funding_totals(db: Database, plan_id: int | None = None) -> list[FundingTotal]:
    """Fundings of the actions still carried (abandoned ones left out, as in the budget
    totals), summed per state; every state is listed, in the order of the enum."""
    query = (
        select(Funding.state, func.count(Funding.id),
               type_coerce(func.coalesce(func.sum(Funding.amount), 0), Money()))
        .join(Action, Action.id == Funding.action_id)
        .where(_in_plan(plan_id), Action.status != ActionStatus.ABANDONED)
        .group_by(Funding.state)
    )
    with db.session() as session:
        found = {state: (count, amount) for state, count, amount in session.execute(query)}
    return [FundingTotal(state, *found.get(state, (0, ZERO))) for state in FundingState]


@dataclass(frozen=True)
class FunderTotal:
    """One funder's co-financing: sollicité (asked, not yet granted) kept apart from
    acquis (granted) and versé (paid), which are money the plan can count on."""

    funder: str
    requested: Decimal
    granted: Decimal
    paid: Decimal

    @property
    def secured(self) -> Decimal:
        """Acquis ou versé: what is certain (sollicité is never added in)."""
        return self.granted + self.paid


def funder_totals(db: Database, plan_id: int | None = None) -> list[FunderTotal]:
    """Per funder and per state, for the actions still carried; funders by name."""
    query = (
        select(Organisation.id, Organisation.name, Funding.state,
               type_coerce(func.coalesce(func.sum(Funding.amount), 0), Money()))
        .join(Funding, Funding.funder_id == Organisation.id)
        .join(Action, Action.id == Funding.action_id)
        .where(_in_plan(plan_id), Action.status != ActionStatus.ABANDONED)
        .group_by(Organisation.id, Organisation.name, Funding.state)
    )
    names: dict[int, str] = {}
    amounts: dict[int, dict[FundingState, Decimal]] = defaultdict(
        lambda: dict.fromkeys(FundingState, ZERO))
    with db.session() as session:
        for funder_id, name, state, amount in session.connection().execute(query):
            names[funder_id] = name
            amounts[funder_id][state] = amount or ZERO
    ordered = sorted(names, key=lambda funder_id: (fold(names[funder_id]), funder_id))
    return [FunderTotal(names[i], amounts[i][FundingState.REQUESTED],
                        amounts[i][FundingState.GRANTED], amounts[i][FundingState.PAID])
            for i in ordered]


# --- Milestones --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    id: int
    plan_id: int
    action_id: int
    action_code: str
    action_title: str
    title: str
    due_date: date | None
    done: bool
    done_date: date | None
    late: bool  # not done, due before today, on an action still to do (milestone_overdue)


def plan_milestones(
    db: Database, plan_id: int | None = None, *, today: date | None = None
) -> list[MilestoneRow]:
    """Every milestone of the plan's actions: by plan, action code, due date (undated last)."""
    today = today or clock.today()
    query = (
        select(Milestone.id, Action.plan_id, Action.id, Action.code, Action.title,
               Milestone.title, Milestone.due_date, Milestone.done, Milestone.done_date,
               Action.status)
        .join(Action, Action.id == Milestone.action_id)
        .where(_in_plan(plan_id))
    )
    with db.session() as session:
        rows = [MilestoneRow(*record[:9], milestone_overdue(record[9], record[6],
                                                            bool(record[7]), today))
                for record in session.connection().execute(query).all()]
    rows.sort(key=lambda r: (r.plan_id, natural_key(r.action_code), r.action_id,
                             r.due_date is None, r.due_date or today, r.id))
    return rows


# --- Indicators ---------------------------------------------------------------------------


def _indicator_plan(plan_id: int | None) -> ColumnElement[bool]:
    return true() if plan_id is None else Indicator.plan_id == plan_id


def indicator_action_codes(db: Database, plan_id: int | None = None) -> dict[int, list[str]]:
    """The codes of the actions each indicator follows ("1.2", "2.10"…, in code order)."""
    query = (
        select(indicator_action.c.indicator_id, Action.code)
        .join(Action, Action.id == indicator_action.c.action_id)
        .join(Indicator, Indicator.id == indicator_action.c.indicator_id)
        .where(_indicator_plan(plan_id))
    )
    codes: dict[int, list[str]] = defaultdict(list)
    with db.session() as session:
        for indicator_id, code in session.connection().execute(query):
            codes[indicator_id].append(code)
    for values in codes.values():
        values.sort(key=natural_key)
    return dict(codes)


@dataclass(frozen=True, slots=True)
class MeasurementRow:
    id: int
    indicator_id: int
    indicator: str
    unit: str
    date: date
    value: Decimal
    comment: str


def plan_measurements(db: Database, plan_id: int | None = None) -> list[MeasurementRow]:
    """Every measurement of the plan's indicators, by indicator name then date."""
    query = (
        select(Measurement.id, Indicator.id, Indicator.name, Indicator.unit, Measurement.date,
               Measurement.value, Measurement.comment)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(_indicator_plan(plan_id))
    )
    with db.session() as session:
        rows = [MeasurementRow(*record)
                for record in session.connection().execute(query).all()]
    folded: dict[int, str] = {}
    for row in rows:  # once per indicator, not per measurement
        if row.indicator_id not in folded:
            folded[row.indicator_id] = fold(row.indicator)
    rows.sort(key=lambda r: (folded[r.indicator_id], r.indicator_id, r.date))
    return rows


# --- Decisions and follow-ups -----------------------------------------------------------

DECISION, FOLLOW_UP = "decision", "follow_up"


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    """A decision or a follow-up (suite à donner) of a meeting."""

    kind: str  # DECISION or FOLLOW_UP
    id: int
    meeting_id: int
    meeting_date: date
    body: str
    text: str
    action_code: str | None
    action_title: str | None
    owner: str  # follow-ups only
    due_date: date | None
    done: bool | None  # None for a decision
    done_date: date | None
    late: bool  # an open follow-up past its due date


def _outcomes(model: Any, kind: str, plan_id: int | None, today: date) -> Select[Any]:
    owner = aliased(Contact)
    is_follow_up = model is FollowUp
    columns: list[Any] = [
        literal(kind), model.id, Meeting.id, Meeting.date, Body.name, model.text, Action.code,
        Action.title, model.position,
    ]
    if is_follow_up:
        columns += [owner.first_name, owner.last_name, model.due_date, model.done,
                    model.done_date,
                    (model.done == false()) & model.due_date.is_not(None)
                    & (model.due_date < today)]
    query = (
        select(*columns)
        .join(Meeting, Meeting.id == model.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .outerjoin(Action, Action.id == model.action_id)
    )
    if is_follow_up:
        query = query.outerjoin(owner, owner.id == model.owner_id)
    if plan_id is not None:  # what concerns no action concerns every plan
        query = query.where(model.action_id.is_(None) | (Action.plan_id == plan_id))
    return query


def plan_outcomes(
    db: Database, plan_id: int | None = None, *, today: date | None = None
) -> list[OutcomeRow]:
    """Decisions and follow-ups of every meeting that concern the plan's actions or no
    action in particular: latest meeting first, its decisions then its follow-ups."""
    today = today or clock.today()
    rows: list[tuple[Any, OutcomeRow]] = []
    with db.session() as session:
        run = session.connection().execute
        for record in run(_outcomes(Decision, DECISION, plan_id, today)):
            kind, id_, meeting_id, day, body, text, code, title, position = record
            rows.append(((day, meeting_id, 0, position, id_), OutcomeRow(
                kind, id_, meeting_id, day, body, text, code, title, "", None, None, None,
                False)))
        for record in run(_outcomes(FollowUp, FOLLOW_UP, plan_id, today)):
            (kind, id_, meeting_id, day, body, text, code, title, position, first, last, due,
             done, done_date, late) = record
            rows.append(((day, meeting_id, 1, position, id_), OutcomeRow(
                kind, id_, meeting_id, day, body, text, code, title, _person(first, last), due,
                bool(done), done_date, bool(late))))
    # Latest meeting first; within a meeting, decisions then follow-ups in their order.
    rows.sort(key=lambda pair: (-pair[0][0].toordinal(), -pair[0][1], *pair[0][2:]))
    return [row for _key, row in rows]
