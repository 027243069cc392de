"""Money as a financial officer reads it (issue 18): a typed total replaced by the first
per-year line is said, co-financing per funder keeps « sollicité » apart, in one reader
for the window and the Synthèse."""

from decimal import Decimal

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, FundingState
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details as details
from charte_desktop.services import budget, monitoring
from charte_desktop.services.actions import ActionFields, create_action, get_action
from charte_desktop.services.budget import BudgetYearFields
from charte_desktop.services.directory import OrganisationFields, create_organisation
from charte_desktop.services.plans import PlanFields, create_plan

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte")).id


def test_the_first_line_says_which_typed_total_it_replaced(db: Database, plan_id: int
                                                           ) -> None:
    action = create_action(db, ActionFields(plan_id, "1.1", "Voie verte",
                                            budget_planned="12 000"))
    added = budget.add_budget_year(db, BudgetYearFields(action.id, 2026, "5 000"))
    assert added.notice == (f"Le budget prévu (12{NNBSP}000,00{NBSP}€) est désormais la "
                            f"somme des lignes annuelles (5{NNBSP}000,00{NBSP}€).")
    assert get_action(db, action.id).budget_planned == Decimal("5000.00")
    assert [line.id for line in budget.list_budget_years(db, action.id)] == [added.id]
    # The second line replaces nothing typed: nothing to say.
    assert budget.add_budget_year(db, BudgetYearFields(action.id, 2027, 100)).notice is None


def test_nothing_is_said_when_no_total_was_typed_or_the_line_matches_it(
    db: Database, plan_id: int
) -> None:
    blank = create_action(db, ActionFields(plan_id, "1", "A"))
    assert budget.add_budget_year(db, BudgetYearFields(blank.id, 2026, 500)).notice is None
    same = create_action(db, ActionFields(plan_id, "2", "B", budget_planned="500"))
    # Carried into the line, not replaced: said so (tests/services/test_issue18_budget_*).
    assert budget.add_budget_year(db, BudgetYearFields(same.id, 2026, 500)).notice == (
        f"Le budget déjà saisi (prévu 500,00{NBSP}€) est reporté sur la ligne 2026.")


def test_several_typed_totals_replaced_are_all_named(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1", "A", budget_planned="1 000",
                                            budget_committed="800", budget_spent="100"))
    added = budget.add_budget_year(db, BudgetYearFields(action.id, 2026, 1000, 300, 100))
    assert added.notice == (f"Le budget engagé (800,00{NBSP}€) est désormais la somme des "
                            f"lignes annuelles (300,00{NBSP}€) ; le prévu et le dépensé "
                            "sont reportés sur la ligne 2026.")  # the others matched
    other = create_action(db, ActionFields(plan_id, "2", "B", budget_planned="1 000",
                                           budget_committed="800"))
    added = budget.add_budget_year(db, BudgetYearFields(other.id, 2026, 10))
    assert added.notice == (
        f"Les budgets prévu (1{NNBSP}000,00{NBSP}€) et engagé (800,00{NBSP}€) sont "
        f"désormais les sommes des lignes annuelles (10,00{NBSP}€ et 0,00{NBSP}€).")


def test_a_refused_line_adds_nothing(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1", "A", budget_planned="1 000"))
    budget.add_budget_year(db, BudgetYearFields(action.id, 2026, 10))
    with pytest.raises(CharteError, match="déjà une ligne de budget pour 2026"):
        budget.add_budget_year(db, BudgetYearFields(action.id, 2026, 20))
    assert get_action(db, action.id).budget_planned == Decimal("10.00")


def test_co_financing_per_funder_keeps_requested_apart(db: Database, plan_id: int) -> None:
    region = create_organisation(db, OrganisationFields(name="Région")).id
    ademe = create_organisation(db, OrganisationFields(name="ADEME")).id
    first = create_action(db, ActionFields(plan_id, "1", "A")).id
    second = create_action(db, ActionFields(plan_id, "2", "B")).id
    dropped = create_action(db, ActionFields(plan_id, "3", "C",
                                             status=ActionStatus.ABANDONED)).id
    for action_id, funder, amount, state in (
        (first, region, "10 000", FundingState.REQUESTED),
        (first, region, "4 000", FundingState.GRANTED),
        (second, region, "1 000,50", FundingState.PAID),
        (second, ademe, "2 500", FundingState.GRANTED),
        (dropped, ademe, "99 999", FundingState.PAID),  # abandoned: left out
    ):
        details.create_funding(db, details.FundingFields(action_id, funder, amount, state))
    funders = monitoring.funder_totals(db, plan_id)
    assert [(f.funder, f.requested, f.granted, f.paid, f.secured) for f in funders] == [
        ("ADEME", Decimal("0.00"), Decimal("2500.00"), Decimal("0.00"), Decimal("2500.00")),
        ("Région", Decimal("10000.00"), Decimal("4000.00"), Decimal("1000.50"),
         Decimal("5000.50")),
    ]
    total = budget.funders_total(funders)
    assert (total.funder, total.requested, total.granted, total.paid, total.secured) == (
        "Total", Decimal("10000.00"), Decimal("6500.00"), Decimal("1000.50"),
        Decimal("7500.50"))
    assert budget.funders_total([]).secured == Decimal("0.00")
