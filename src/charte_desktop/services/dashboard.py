"""Figures for the dashboard that no other use case gives: the plans' budget totals."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, select, type_coerce

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, Plan
from charte_desktop.db.types import Money

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
        .order_by(Plan.period_start.desc(), Plan.title)
    )
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    with db.session() as session:
        return [
            PlanBudget(id_, title, BudgetTotals(planned or ZERO, committed or ZERO,
                                                spent or ZERO, count))
            for id_, title, planned, committed, spent, count in session.execute(query)
        ]
