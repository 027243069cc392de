"""Figures for the dashboard that no other use case gives: the plans' budget totals, and
what concerns one plan (its meetings, follow-ups, indicators and calls)."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, exists, func, or_, select, type_coerce

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import (
    Action,
    Body,
    Decision,
    FollowUp,
    FundingCall,
    Indicator,
    Meeting,
    Plan,
    funding_call_action,
    indicator_action,
)
from charte_desktop.db.types import Money
from charte_desktop.services.plan_order import plan_order

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetTotals:
    """Budget of the actions still carried (abandoned ones are left out), in euros."""

    planned: Decimal
    committed: Decimal
    spent: Decimal
    action_count: int

    @property
    def spent_percent(self) -> int:
        """Spent against planned, in whole % (half up); 0 when nothing is planned."""
        return share_percent(self.spent, self.planned) or 0

    @property
    def committed_percent(self) -> int:
        return share_percent(self.committed, self.planned) or 0


def share_percent(part: Decimal, whole: Decimal) -> int | None:
    """`part` of `whole` in whole % (half up, as officers round); None when whole is 0."""
    if whole <= 0:
        return None
    return int((part * 100 / whole).quantize(Decimal(1), "ROUND_HALF_UP"))


def budget_totals(db: Database, plan_id: int | None = None) -> BudgetTotals:
    """Planned, committed and spent budget of every plan (or one), in one query."""
    query = select(
        type_coerce(func.coalesce(func.sum(Action.budget_planned), 0), Money()),
        type_coerce(func.coalesce(func.sum(Action.budget_committed), 0), Money()),
        type_coerce(func.coalesce(func.sum(Action.budget_spent), 0), Money()),
        func.count(Action.id),
    ).where(Action.status != ActionStatus.ABANDONED)
    if plan_id is not None:
        query = query.where(Action.plan_id == plan_id)
    with db.session() as session:
        planned, committed, spent, count = session.execute(query).one()
    return BudgetTotals(planned or ZERO, committed or ZERO, spent or ZERO, count)


@dataclass(frozen=True)
class PlanBudget:
    """One plan's budget: with several plans, the dashboard shows one each, never a sum
    of budgets voted apart."""

    plan_id: int
    plan_title: str
    totals: BudgetTotals


def budgets_by_plan(db: Database, plan_id: int | None = None) -> list[PlanBudget]:
    """Each plan's budget totals (or one plan's), in one query, plans in the order of
    the plan lists (latest period first). A plan without actions has zero totals."""
    carried = and_(Action.plan_id == Plan.id, Action.status != ActionStatus.ABANDONED)
    query = (
        select(
            Plan.id, Plan.title,
            type_coerce(func.coalesce(func.sum(Action.budget_planned), 0), Money()),
            type_coerce(func.coalesce(func.sum(Action.budget_committed), 0), Money()),
            type_coerce(func.coalesce(func.sum(Action.budget_spent), 0), Money()),
            func.count(Action.id),
        )
        .outerjoin(Action, carried)
        .group_by(Plan.id, Plan.title, Plan.period_start)
    )
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    with db.session() as session:
        rows = list(session.execute(query.add_columns(Plan.period_start)))
    rows.sort(key=lambda row: plan_order(row[6], row[1], row[0]))
    return [
        PlanBudget(id_, title, BudgetTotals(planned or ZERO, committed or ZERO,
                                            spent or ZERO, count))
        for id_, title, planned, committed, spent, count, _start in rows
    ]


@dataclass(frozen=True)
class PlanScope:
    """What concerns one plan, by id, as the dashboard filters its cards.

    A body is the plan's when it is the groupe projet of one of its actions, or when its
    meetings decided or assigned something about its actions; a body that never did (a new
    COPIL) concerns every plan. A follow-up is the plan's when it names one of its actions,
    or names none and was decided by one of its bodies. An indicator is the plan's when it
    belongs to it or follows one of its actions; one of no plan and no action concerns every
    plan, as does a call linked to no action."""

    body_ids: frozenset[int]
    follow_up_ids: frozenset[int]  # open ones only: the dashboard shows no other
    indicator_ids: frozenset[int]
    call_ids: frozenset[int]


def plan_scope(db: Database, plan_id: int) -> PlanScope:
    """The bodies, open follow-ups, indicators and calls of one plan (see PlanScope)."""
    of_plan = select(Action.id).where(Action.plan_id == plan_id)
    named: dict[int, set[int]] = {}  # body → plans its meetings' outcomes named
    with db.session() as session:
        for model in (Decision, FollowUp):
            rows = session.execute(
                select(Meeting.body_id, Action.plan_id).distinct()
                .join(model, model.meeting_id == Meeting.id)
                .join(Action, Action.id == model.action_id)).all()
            for body_id, plan in rows:
                named.setdefault(body_id, set()).add(plan)
        # A groupe projet is its action's plan's (named on either side of the link).
        groups: dict[int | None, int] = dict(session.execute(
            select(Body.id, Action.plan_id).join(Action, Action.id == Body.action_id)).all())
        groups.update(session.execute(
            select(Action.project_group_id, Action.plan_id)
            .where(Action.project_group_id.is_not(None))).all())
        bodies = frozenset(
            body_id for body_id in session.scalars(select(Body.id))
            if (groups[body_id] == plan_id if body_id in groups
                else plan_id in named[body_id] if body_id in named else True))
        follow_ups = frozenset(
            follow_up_id for follow_up_id, action_plan, body_id in session.execute(
                select(FollowUp.id, Action.plan_id, Meeting.body_id)
                .join(Meeting, Meeting.id == FollowUp.meeting_id)
                .outerjoin(Action, Action.id == FollowUp.action_id)
                .where(FollowUp.done.is_(False)))
            if (action_plan == plan_id if action_plan is not None else body_id in bodies))
        followed = select(indicator_action.c.indicator_id).where(
            indicator_action.c.action_id.in_(of_plan))
        unlinked = ~exists().where(indicator_action.c.indicator_id == Indicator.id)
        indicators = frozenset(session.scalars(select(Indicator.id).where(or_(
            Indicator.plan_id == plan_id, Indicator.id.in_(followed),
            and_(Indicator.plan_id.is_(None), unlinked)))))
        call_linked = exists().where(funding_call_action.c.call_id == FundingCall.id)
        calls = frozenset(session.scalars(select(FundingCall.id).where(or_(
            ~call_linked,
            FundingCall.id.in_(select(funding_call_action.c.call_id).where(
                funding_call_action.c.action_id.in_(of_plan)))))))
    return PlanScope(bodies, follow_ups, indicators, calls)
