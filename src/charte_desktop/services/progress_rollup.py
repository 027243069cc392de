"""The weighted progress of each axis (its actions and its sub-axes' actions) and of each
plan: sum(weight × progress) / sum(weight), read once for the tree of Plan d'actions,
the fiche action and the Synthèse of the tableau de suivi.

Actions weighing 0 and abandoned actions (which will not progress any more, as the
Synthèse has always counted) are left out; an axis or plan with no action counted has no
figure (None), never 0 %.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, Axis
from charte_desktop.formatting import NBSP, format_number

ZERO = Decimal(0)


@dataclass(frozen=True)
class Rollup:
    """Sums for a weighted mean; two rollups add up (an axis and its sub-axes)."""

    weighted: Decimal = ZERO  # sum of weight × progress (progress in %)
    weight: Decimal = ZERO  # sum of the weights counted

    def __add__(self, other: "Rollup") -> "Rollup":
        return Rollup(self.weighted + other.weighted, self.weight + other.weight)

    @property
    def percent(self) -> Decimal | None:
        """The weighted progress in % (45.5), None when no action counts."""
        return self.weighted / self.weight if self.weight > 0 else None


def contribution(weight: Decimal, progress: int, status: ActionStatus) -> Rollup:
    """What one action brings to its axis and plan (nothing if abandoned or weighing 0)."""
    if status is ActionStatus.ABANDONED or weight <= 0:
        return Rollup()
    return Rollup(weight * progress, weight)


def rollup_of(actions: Iterable[tuple[Decimal, int, ActionStatus]]) -> Rollup:
    total = Rollup()
    for weight, progress, status in actions:
        total += contribution(weight, progress, status)
    return total


@dataclass
class PlanRollup:
    plan: Rollup = field(default_factory=Rollup)
    axes: dict[int, Rollup] = field(default_factory=dict)  # each axis with its sub-axes
    no_axis: Rollup = field(default_factory=Rollup)  # the plan's actions without axis

    def axis(self, axis_id: int | None) -> Rollup:
        return self.no_axis if axis_id is None else self.axes.get(axis_id, Rollup())


def plan_rollups(db: Database, plan_ids: Iterable[int]) -> dict[int, PlanRollup]:
    """Every axis's and plan's rollup for the plans given, in two queries."""
    wanted = list(plan_ids)
    result = {plan_id: PlanRollup() for plan_id in wanted}
    if not wanted:
        return result
    with db.session() as session:
        axes = session.execute(select(Axis.id, Axis.parent_id, Axis.plan_id)
                               .where(Axis.plan_id.in_(wanted))).all()
        actions = session.execute(
            select(Action.plan_id, Action.axis_id, Action.weight, Action.progress,
                   Action.status).where(Action.plan_id.in_(wanted))).all()
    parent_of = {axis_id: parent_id for axis_id, parent_id, _ in axes}
    for axis_id, _, axis_plan in axes:
        result[axis_plan].axes[axis_id] = Rollup()
    for plan_id, action_axis, weight, progress, status in actions:
        part = contribution(weight, progress, status)
        plan = result[plan_id]
        plan.plan += part
        if action_axis is None or action_axis not in plan.axes:
            plan.no_axis += part
            continue
        seen: set[int] = set()
        current: int | None = action_axis
        while current is not None and current not in seen and current in plan.axes:
            seen.add(current)  # a loop of parents (another program's writing) ends here
            plan.axes[current] += part
            current = parent_of.get(current)
    return result


def plan_rollup(db: Database, plan_id: int) -> PlanRollup:
    return plan_rollups(db, [plan_id])[plan_id]


def progress_text(rollup: Rollup) -> str:
    """« 45 % » (rounded half up), or « — » when no action counts."""
    percent = rollup.percent
    if percent is None:
        return "—"
    return f"{format_number(percent.quantize(Decimal(1), ROUND_HALF_UP))}{NBSP}%"
