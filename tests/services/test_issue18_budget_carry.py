"""The first per-year line of an action whose totals were typed (issue 18, review): the
typed amounts are carried into it, never zeroed without a word, and undoing the line
gives them back exactly."""

from datetime import date
from decimal import Decimal

import pytest

from charte_desktop.db import Database
from charte_desktop.services import budget
from charte_desktop.services.actions import ActionFields, create_action, get_action
from charte_desktop.services.budget import BudgetYearFields
from charte_desktop.services.plans import PlanFields, create_plan
from tests.fixed_day import TEST_DAY

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte")).id


def totals(db: Database, action_id: int) -> tuple[Decimal, Decimal, Decimal]:
    action = get_action(db, action_id)
    return action.budget_planned, action.budget_committed, action.budget_spent


def typed_action(db: Database, plan_id: int, code: str = "1.1", **dates: date) -> int:
    return create_action(db, ActionFields(
        plan_id, code, "Voie verte", budget_planned="45 000", budget_committed="8 000",
        budget_spent="3 600", **dates)).id  # type: ignore[arg-type]


def test_the_first_line_opens_with_the_typed_totals(db: Database, plan_id: int) -> None:
    action_id = typed_action(db, plan_id)
    fields = budget.new_line_fields(db, action_id)
    assert (fields.year, fields.planned, fields.committed, fields.spent) == (
        TEST_DAY.year, Decimal("45000.00"), Decimal("8000.00"), Decimal("3600.00"))
    budget.add_budget_year(db, fields)
    later = budget.new_line_fields(db, action_id)  # a later line opens empty
    assert (later.planned, later.committed, later.spent) == (budget.ZERO,) * 3
    assert later.year == TEST_DAY.year + 1  # the year after the last one, not a taken one


@pytest.mark.parametrize(("start", "end", "year"), [
    (date(2027, 3, 1), date(2028, 6, 30), 2027),  # not started: its first year
    (date(2023, 1, 1), date(2024, 12, 31), 2024),  # over: its last year
    (date(2025, 1, 1), date(2028, 12, 31), TEST_DAY.year),  # under way: this year
])
def test_the_first_line_year_is_within_the_action_years(
    db: Database, plan_id: int, start: date, end: date, year: int
) -> None:
    action_id = typed_action(db, plan_id, start_date=start, end_date=end)
    assert budget.new_line_fields(db, action_id).year == year


def test_amounts_carried_into_the_first_line_are_said(db: Database, plan_id: int) -> None:
    action_id = typed_action(db, plan_id)
    before = totals(db, action_id)
    added = budget.add_budget_year(db, budget.new_line_fields(db, action_id))
    assert totals(db, action_id) == before  # nothing lost
    assert added.notice == (
        f"Le budget déjà saisi (prévu 45{NNBSP}000,00{NBSP}€, engagé 8{NNBSP}000,00{NBSP}€ "
        f"et dépensé 3{NNBSP}600,00{NBSP}€) est reporté sur la ligne {TEST_DAY.year}.")


def test_a_changed_amount_is_said_with_those_carried(db: Database, plan_id: int) -> None:
    action_id = typed_action(db, plan_id)
    added = budget.add_budget_year(db, BudgetYearFields(action_id, 2027, "5 000", "8 000",
                                                        "3 600"))
    assert totals(db, action_id) == (Decimal("5000.00"), Decimal("8000.00"),
                                     Decimal("3600.00"))
    assert added.notice == (
        f"Le budget prévu (45{NNBSP}000,00{NBSP}€) est désormais la somme des lignes "
        f"annuelles (5{NNBSP}000,00{NBSP}€) ; l'engagé et le dépensé sont reportés sur la "
        "ligne 2027.")


def test_undoing_the_first_line_gives_the_typed_totals_back(db: Database,
                                                           plan_id: int) -> None:
    action_id = typed_action(db, plan_id)
    before = totals(db, action_id)
    added = budget.add_budget_year(db, BudgetYearFields(action_id, 2026, "5 000"))
    assert totals(db, action_id) == (Decimal("5000.00"), budget.ZERO, budget.ZERO)
    assert added.totals_before == dict(zip(("planned", "committed", "spent"), before,
                                           strict=True))
    budget.delete_budget_year(db, added.id, added.totals_before)
    assert totals(db, action_id) == before
    assert budget.list_budget_years(db, action_id) == []


def test_a_deletion_keeps_the_sums_of_the_last_line(db: Database, plan_id: int) -> None:
    action_id = typed_action(db, plan_id)
    added = budget.add_budget_year(db, BudgetYearFields(action_id, 2026, "5 000", 1, 2))
    budget.delete_budget_year(db, added.id)  # deleted, not undone: the line's sums stay
    assert totals(db, action_id) == (Decimal("5000.00"), Decimal("1.00"), Decimal("2.00"))


def test_the_totals_before_come_back_only_when_no_line_is_left(db: Database,
                                                               plan_id: int) -> None:
    action_id = typed_action(db, plan_id)
    first = budget.add_budget_year(db, BudgetYearFields(action_id, 2026, 100))
    budget.add_budget_year(db, BudgetYearFields(action_id, 2027, 50))
    budget.delete_budget_year(db, first.id, first.totals_before)
    assert totals(db, action_id) == (Decimal("50.00"), budget.ZERO, budget.ZERO)
