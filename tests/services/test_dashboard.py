"""Dashboard figures: budget totals of the actions still carried, in one query."""

from decimal import Decimal

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.services.actions import ActionFields, create_action
from charte_desktop.services.dashboard import BudgetTotals, budget_totals
from charte_desktop.services.plans import PlanFields, create_plan
from tests.query_counter import count_selects


def action(plan_id: int, code: str, planned: str, committed: str, spent: str,
           status: ActionStatus = ActionStatus.IN_PROGRESS) -> ActionFields:
    return ActionFields(plan_id=plan_id, code=code, title=f"Action {code}", status=status,
                        budget_planned=planned, budget_committed=committed, budget_spent=spent)


def test_empty_file_has_zero_totals(db: Database) -> None:
    totals = budget_totals(db)
    assert totals == BudgetTotals(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), 0)
    assert totals.spent_percent == 0 and totals.committed_percent == 0


def test_sums_to_the_cent_and_leaves_abandoned_actions_out(db: Database) -> None:
    first = create_plan(db, PlanFields(title="Charte 2025-2028")).id
    second = create_plan(db, PlanFields(title="Plan vélo")).id
    create_action(db, action(first, "1.1", "1000.10", "500.05", "250.01"))
    create_action(db, action(first, "1.2", "2000.20", "0", "0", ActionStatus.DONE))
    create_action(db, action(first, "1.3", "9999", "9999", "9999", ActionStatus.ABANDONED))
    create_action(db, action(second, "1.1", "0.01", "0.01", "0.01"))

    with count_selects(db) as selects:
        totals = budget_totals(db)
    assert len(selects) == 1
    assert totals == BudgetTotals(Decimal("3000.31"), Decimal("500.06"), Decimal("250.02"), 3)
    assert isinstance(totals.planned, Decimal)

    only_first = budget_totals(db, plan_id=first)
    assert only_first.planned == Decimal("3000.30") and only_first.action_count == 2


def test_percentages_round_half_up() -> None:
    totals = BudgetTotals(Decimal("200.00"), Decimal("101.00"), Decimal("1.00"), 1)
    assert totals.spent_percent == 1  # 0.5 % rounds up
    assert totals.committed_percent == 51  # 50.5 % rounds up


def test_shares_round_half_up_like_an_officer() -> None:
    from decimal import Decimal

    from charte_desktop.services.dashboard import share_percent

    assert share_percent(Decimal("1"), Decimal("8")) == 13  # 12.5 % → 13, not 12
    assert share_percent(Decimal("5"), Decimal("200")) == 3  # 2.5 % → 3
    assert share_percent(Decimal("1"), Decimal("0")) is None


def test_each_plan_has_its_own_budget_never_their_sum(db: Database) -> None:
    from datetime import date

    from charte_desktop.services.dashboard import budgets_by_plan

    older = create_plan(db, PlanFields(title="Charte 2020-2024",
                                       period_start=date(2020, 1, 1))).id
    newer = create_plan(db, PlanFields(title="Charte 2025-2028",
                                       period_start=date(2025, 1, 1))).id
    empty = create_plan(db, PlanFields(title="Plan vélo")).id
    create_action(db, action(older, "1.1", "100", "50", "25"))
    create_action(db, action(older, "1.2", "9999", "0", "0", ActionStatus.ABANDONED))
    create_action(db, action(newer, "1.1", "1000", "400", "100"))
    create_action(db, action(newer, "1.2", "500.50", "0", "0"))

    with count_selects(db) as selects:
        budgets = budgets_by_plan(db)
    assert len(selects) == 1
    # Latest period first, as the plan lists; a plan without actions shows zeros.
    assert [(b.plan_id, b.plan_title) for b in budgets] == [
        (newer, "Charte 2025-2028"), (older, "Charte 2020-2024"), (empty, "Plan vélo")]
    assert budgets[0].totals == BudgetTotals(Decimal("1500.50"), Decimal("400.00"),
                                             Decimal("100.00"), 2)
    assert budgets[1].totals == BudgetTotals(Decimal("100.00"), Decimal("50.00"),
                                             Decimal("25.00"), 1)
    assert budgets[2].totals == BudgetTotals(Decimal("0.00"), Decimal("0.00"),
                                             Decimal("0.00"), 0)
    assert [b.totals for b in budgets_by_plan(db, older)] == [budget_totals(db, older)]
