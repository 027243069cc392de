"""The demo's larger actions show their budget per year, as officers detail multi-year
investments; the yearly lines add up exactly to the action's totals."""

from datetime import date
from decimal import Decimal

from charte_desktop.db.models import Action, BudgetYear

DETAILED_FROM = Decimal("100000")  # planned euros from which the demo details the years


def yearly_lines(start: date, end: date, planned: Decimal, committed: Decimal,
                 spent: Decimal) -> list[BudgetYear]:
    """Planned split evenly over the years from start to end (whole euros, the rest on the
    last year); committed and spent fill the earliest years first, as money is spent."""
    years = list(range(start.year, end.year + 1))
    share = (planned / len(years)).quantize(Decimal(1), "ROUND_DOWN")
    plans = [share] * (len(years) - 1) + [planned - share * (len(years) - 1)]
    lines = []
    left_committed, left_spent = committed, spent
    for index, (year, year_planned) in enumerate(zip(years, plans, strict=True)):
        last = index == len(years) - 1
        year_committed = left_committed if last else min(left_committed, year_planned)
        year_spent = left_spent if last else min(left_spent, year_planned)
        left_committed -= year_committed
        left_spent -= year_spent
        lines.append(BudgetYear(year=year, planned=year_planned, committed=year_committed,
                                spent=year_spent))
    return lines


def detail_budget_years(action: Action) -> None:
    if (action.budget_planned >= DETAILED_FROM and action.start_date and action.end_date
            and action.end_date.year > action.start_date.year):
        action.budget_years = yearly_lines(action.start_date, action.end_date,
                                           action.budget_planned, action.budget_committed,
                                           action.budget_spent)
