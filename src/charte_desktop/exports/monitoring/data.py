"""Everything the tableau de suivi shows, read through the services (no openpyxl here)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.services import budget as budgets
from charte_desktop.services import monitoring, plans
from charte_desktop.services.action_details import RankingRow, priority_ranking
from charte_desktop.services.actions import ActionFilter, ActionRow, list_actions
from charte_desktop.services.dashboard import BudgetTotals, budget_totals
from charte_desktop.services.indicators import IndicatorRow, list_indicators
from charte_desktop.services.late_reasons import late_reasons
from charte_desktop.services.progress_rollup import Rollup, plan_rollups
from charte_desktop.services.timeline import Timeline, build_timeline

ZERO = Decimal("0.00")
NO_AXIS = "Sans axe"


@dataclass
class AxisSummary:
    """One line of "Par axe": a top-level axis with its sub-axes."""

    label: str
    plan_id: int | None = None  # None: "Sans axe"
    actions: int = 0
    done: int = 0
    late: int = 0
    progress_sum: int = 0
    carried: int = 0  # actions not abandoned: those the progress and budget count
    planned: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    rollup: Rollup = field(default_factory=Rollup)  # the weighted progress's sums

    def add(self, row: ActionRow) -> None:
        self.actions += 1
        self.done += row.status is DisplayStatus.DONE
        self.late += row.status is DisplayStatus.LATE
        if row.stored_status is ActionStatus.ABANDONED:
            return
        self.carried += 1
        self.progress_sum += row.progress
        self.planned += row.budget_planned
        self.committed += row.budget_committed
        self.spent += row.budget_spent

    @property
    def progress(self) -> float | None:
        """Weighted progress of the actions carried, as a fraction (None without any):
        services/progress_rollup.py, as in the tree and the fiche."""
        percent = self.rollup.percent
        return float(percent) / 100 if percent is not None else None


@dataclass
class MonitoringData:
    today: date
    territory: str
    title: str  # the plan's title, or "Tous les plans"
    plan_titles: dict[int, str]  # the plans exported, by id
    actions: list[ActionRow]
    extras: dict[int, monitoring.ActionExtras]
    ranking: dict[int, RankingRow]
    axes: list[AxisSummary]
    budget: BudgetTotals
    fundings: list[monitoring.FundingTotal]
    funders: list[monitoring.FunderTotal]
    budget_by_year: list[budgets.BudgetLine]
    budget_years_total: budgets.BudgetLine  # each action counted once
    indicators: list[IndicatorRow]
    indicator_actions: dict[int, list[str]]
    measurements: list[monitoring.MeasurementRow]
    milestones: list[monitoring.MilestoneRow]
    outcomes: list[monitoring.OutcomeRow]
    status_counts: dict[DisplayStatus, int] = field(default_factory=dict)
    # Why each late action is late (« échéance dépassée le 18/10/2026 »), by id.
    late_reasons: dict[int, list[str]] = field(default_factory=dict)
    timeline: Timeline | None = None  # the sheet "Calendrier"

    @property
    def several_plans(self) -> bool:
        return len(self.plan_titles) > 1


def exported_plans(db: Database, plan_id: int | None) -> dict[int, str]:
    """The plans to export by id: the one asked for (a French error if unknown), else all."""
    if plan_id is not None:
        return {plan_id: plans.get_plan(db, plan_id).title}
    return {row.id: row.title for row in sorted(plans.list_plans(db), key=lambda r: r.id)}


def _axis_summaries(db: Database, plan_titles: dict[int, str],
                    actions: list[ActionRow]) -> list[AxisSummary]:
    """Top-level axes in each plan's order (sub-axes count in their axis), "Sans axe" last."""
    top_of: dict[int, int] = {}
    summaries: dict[int | None, AxisSummary] = {}
    for plan_id in plan_titles:
        for axis in plans.list_axes(db, plan_id):  # parents before children
            if axis.parent_id is None:
                top_of[axis.id] = axis.id
                label = f"{axis.code} {axis.title}".strip()
                summaries[axis.id] = AxisSummary(label, plan_id)
            else:
                top_of[axis.id] = top_of.get(axis.parent_id, axis.id)
    for row in actions:
        key = top_of.get(row.axis_id) if row.axis_id is not None else None
        if key not in summaries:
            summaries[key] = AxisSummary(NO_AXIS)
        summaries[key].add(row)
    rollups = plan_rollups(db, plan_titles)
    for key, summary in summaries.items():
        if key is None:
            summary.rollup = sum((r.no_axis for r in rollups.values()), Rollup())
        elif summary.plan_id is not None:
            summary.rollup = rollups[summary.plan_id].axis(key)
    ordered = [summary for key, summary in summaries.items() if key is not None]
    if None in summaries:
        ordered.append(summaries[None])
    return ordered


def _budget_by_year(db: Database, plan_ids: list[int]) -> list[budgets.BudgetLine]:
    by_year: dict[str, list[budgets.BudgetLine]] = {}
    for plan_id in plan_ids:
        for line in budgets.totals_by_year(db, plan_id):
            by_year.setdefault(line.label, []).append(line)
    return [budgets.plan_total(lines, year) for year, lines in sorted(by_year.items())]


def load_monitoring_data(db: Database, plan_id: int | None = None, *,
                         today: date | None = None) -> MonitoringData:
    today = today or clock.today()
    plan_titles = exported_plans(db, plan_id)
    territory = plans.get_territory(db)
    actions = list_actions(db, ActionFilter(plan_id=plan_id), today=today)
    ranking = {row.action_id: row for pid in plan_titles for row in priority_ranking(db, pid)}
    by_year = _budget_by_year(db, list(plan_titles))
    counts = dict.fromkeys(DisplayStatus, 0)
    for row in actions:
        counts[row.status] += 1
    return MonitoringData(
        today=today,
        territory=territory.name if territory else "",
        title=plan_titles[plan_id] if plan_id is not None else (
            next(iter(plan_titles.values())) if len(plan_titles) == 1 else "Tous les plans"),
        plan_titles=plan_titles,
        actions=actions,
        extras=monitoring.action_extras(db, plan_id),
        ranking=ranking,
        axes=_axis_summaries(db, plan_titles, actions),
        budget=budget_totals(db, plan_id),
        fundings=monitoring.funding_totals(db, plan_id),
        funders=monitoring.funder_totals(db, plan_id),
        budget_by_year=by_year,
        budget_years_total=budgets.plan_total(
            by_year, "Total", sum(budgets.detailed_action_count(db, pid) for pid in plan_titles)),
        indicators=list_indicators(db, plan_id),
        indicator_actions=monitoring.indicator_action_codes(db, plan_id),
        measurements=monitoring.plan_measurements(db, plan_id),
        milestones=monitoring.plan_milestones(db, plan_id, today=today),
        outcomes=monitoring.plan_outcomes(db, plan_id, today=today),
        status_counts=counts,
        late_reasons=late_reasons(
            db, [row.id for row in actions if row.status is DisplayStatus.LATE], today),
        timeline=build_timeline(db, ActionFilter(plan_id=plan_id), today=today),
    )
