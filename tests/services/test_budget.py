"""An action's budget per year keeps its totals; totals per axis, per year and per plan."""

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.demo.budget_years import yearly_lines
from charte_desktop.errors import CharteError
from charte_desktop.services import budget
from charte_desktop.services.actions import (
    ActionFields,
    create_action,
    duplicate_action,
    get_action,
    list_actions,
    update_action,
)
from charte_desktop.services.budget import BudgetYearFields
from charte_desktop.services.plans import AxisFields, PlanFields, create_axis, create_plan


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte")).id


def totals(db: Database, action_id: int) -> tuple[Decimal, Decimal, Decimal]:
    action = get_action(db, action_id)
    return action.budget_planned, action.budget_committed, action.budget_spent


def test_year_lines_make_the_action_totals(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte",
                                            budget_planned="99 000"))
    first = budget.create_budget_year(db, BudgetYearFields(action.id, 2026, "12 500,50",
                                                           "10 000", "2 000"))
    budget.create_budget_year(db, BudgetYearFields(action.id, 2027, 30000))
    assert totals(db, action.id) == (Decimal("42500.50"), Decimal("10000.00"),
                                     Decimal("2000.00"))
    budget.update_budget_year(db, first.id, BudgetYearFields(action.id, 2025, 500))
    assert [line.year for line in budget.list_budget_years(db, action.id)] == [2025, 2027]
    assert totals(db, action.id)[0] == Decimal("30500.00")
    budget.delete_budget_year(db, first.id)
    assert totals(db, action.id) == (Decimal("30000.00"), Decimal("0.00"), Decimal("0.00"))


def test_without_lines_the_typed_totals_stay(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte",
                                            budget_planned="1 234,50"))
    line = budget.create_budget_year(db, BudgetYearFields(action.id, 2026, 100))
    budget.delete_budget_year(db, line.id)  # the last line's sums stay: nothing is lost
    assert totals(db, action.id)[0] == Decimal("100.00")
    fields = ActionFields(plan_id, "1.1", "Voie verte", budget_planned="2 000")
    update_action(db, action.id, fields)
    assert totals(db, action.id)[0] == Decimal("2000.00")


def test_the_form_refuses_totals_contradicting_the_lines(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte"))
    budget.create_budget_year(db, BudgetYearFields(action.id, 2026, 100, 50))
    same = ActionFields(plan_id, "1.1", "Voie verte (tracé)", budget_planned="100",
                        budget_committed="50")
    update_action(db, action.id, same)  # matching totals: other fields save normally
    with pytest.raises(CharteError) as error:
        update_action(db, action.id, dataclasses.replace(same, budget_planned="900"))
    assert error.value.field == "budget_planned"
    assert "Budget par année" in error.value.message
    assert get_action(db, action.id).title == "Voie verte (tracé)"
    assert totals(db, action.id)[0] == Decimal("100.00")


@pytest.mark.parametrize(("year", "words"), [
    (None, "obligatoire"), (1850, "entre 1900 et 2200"), (2026, "déjà une ligne"),
])
def test_year_rules(db: Database, plan_id: int, year: int | None, words: str) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte"))
    budget.create_budget_year(db, BudgetYearFields(action.id, 2026, 10))
    with pytest.raises(CharteError) as error:
        budget.create_budget_year(db, BudgetYearFields(action.id, year, 5))
    assert error.value.field == "year" and words in error.value.message
    assert len(budget.list_budget_years(db, action.id)) == 1


def test_negative_amount_is_refused(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte"))
    with pytest.raises(CharteError) as error:
        budget.create_budget_year(db, BudgetYearFields(action.id, 2026, "-5"))
    assert error.value.field == "planned" and "négatif" in error.value.message
    assert budget.list_budget_years(db, action.id) == []


def test_duplicate_copies_the_planned_years_only(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte"))
    budget.create_budget_year(db, BudgetYearFields(action.id, 2026, 100, 80, 60))
    copy = duplicate_action(db, action.id)
    (line,) = budget.list_budget_years(db, copy.id)
    assert (line.year, line.planned, line.committed, line.spent) == (
        2026, Decimal("100.00"), Decimal("0.00"), Decimal("0.00"))
    assert totals(db, copy.id) == (Decimal("100.00"), Decimal("0.00"), Decimal("0.00"))


def test_totals_by_axis_count_sub_axes_in_their_axis(db: Database, plan_id: int) -> None:
    mobility = create_axis(db, AxisFields(plan_id, "Mobilités", code="1"))
    cycling = create_axis(db, AxisFields(plan_id, "Vélo", code="1.1", parent_id=mobility.id))
    housing = create_axis(db, AxisFields(plan_id, "Habitat", code="2", position=1))
    create_action(db, ActionFields(plan_id, "1", "Plan vélo", axis_id=cycling.id,
                                   budget_planned=1000, budget_spent=250))
    create_action(db, ActionFields(plan_id, "2", "Autopartage", axis_id=mobility.id,
                                   budget_planned=500))
    create_action(db, ActionFields(plan_id, "3", "OPAH", axis_id=housing.id,
                                   budget_planned=4000, status=ActionStatus.ABANDONED))
    create_action(db, ActionFields(plan_id, "4", "Sans axe", budget_committed=10))
    lines = budget.totals_by_axis(db, plan_id)
    assert [(line.label, line.planned, line.spent, line.action_count) for line in lines] == [
        ("1 Mobilités", Decimal("1500.00"), Decimal("250.00"), 2),
        ("Sans axe", Decimal("0.00"), Decimal("0.00"), 1),
    ]
    total = budget.plan_total(lines)
    assert (total.planned, total.committed, total.remaining) == (
        Decimal("1500.00"), Decimal("10.00"), Decimal("1250.00"))


def test_totals_by_year(db: Database, plan_id: int) -> None:
    first = create_action(db, ActionFields(plan_id, "1", "A"))
    second = create_action(db, ActionFields(plan_id, "2", "B"))
    budget.create_budget_year(db, BudgetYearFields(first.id, 2027, 10, 1, 0))
    budget.create_budget_year(db, BudgetYearFields(first.id, 2026, 20))
    budget.create_budget_year(db, BudgetYearFields(second.id, 2026, 5, 0, 5))
    lines = budget.totals_by_year(db, plan_id)
    assert [(line.label, line.planned, line.spent, line.action_count) for line in lines] == [
        ("2026", Decimal("25.00"), Decimal("5.00"), 2), ("2027", Decimal("10.00"),
                                                         Decimal("0.00"), 1)]
    # Two actions detailed, one of them over two years: the total counts each once.
    assert budget.detailed_action_count(db, plan_id) == 2
    assert budget.plan_total(lines, "Total", 2).action_count == 2


def test_demo_year_lines_add_up_to_the_totals() -> None:
    lines = yearly_lines(date(2025, 9, 1), date(2028, 3, 1), Decimal("180000.50"),
                         Decimal("70000"), Decimal("45000.25"))
    assert [line.year for line in lines] == [2025, 2026, 2027, 2028]
    assert sum(line.planned for line in lines) == Decimal("180000.50")
    assert sum(line.committed for line in lines) == Decimal("70000")
    assert sum(line.spent for line in lines) == Decimal("45000.25")
    assert [line.spent for line in lines] == [Decimal(45000), Decimal("0.25"), 0, 0]


def test_small_demo_details_its_larger_actions_per_year(demo: Path) -> None:
    with open_database(demo, read_only=True) as db:
        detailed = [a for a in list_actions(db) if budget.list_budget_years(db, a.id)]
        assert detailed
        for row in detailed:
            lines = budget.list_budget_years(db, row.id)
            assert sum(line.planned for line in lines) == row.budget_planned
            assert sum(line.spent for line in lines) == row.budget_spent
