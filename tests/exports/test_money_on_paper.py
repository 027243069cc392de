"""The tableau de suivi as a financial officer reads it (issue 18): the Actions sheet of
every plan carries a subtotal per plan, formulas over our own cells that follow the
filters (and a sort); the Synthèse's funder total is the window's; years read « 2026 »."""

import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.services import budget, plans
from charte_desktop.services.actions import ActionFields, create_action, list_actions
from charte_desktop.services.monitoring import funder_totals
from tests.exports.libreoffice import SOFFICE, convert
from tests.exports.xlsx_reading import open_xlsx

PDFTOTEXT = shutil.which("pdftotext")
HOSTILE = '=HYPERLINK("http://exemple.invalid";"Plan") "vélo"'  # a title, never a formula


@pytest.fixture
def writable(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def _second_plan(db: Database, title: str = HOSTILE) -> int:
    other = plans.create_plan(db, plans.PlanFields(title=title))
    for code, amount in (("1.1", "1 000"), ("1.2", "2 500,50")):
        create_action(db, ActionFields(plan_id=other.id, code=code, title=f"Action {code}",
                                       budget_planned=amount))
    return other.id


def _rows(ws: Any) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def test_every_plan_has_its_subtotal_under_the_actions(writable: Database, tmp_path: Path
                                                       ) -> None:
    _second_plan(writable)
    ws = open_xlsx(write_monitoring_workbook(writable, tmp_path / "s.xlsx"))["Actions"]
    values = _rows(ws)
    headers = values[2]
    plan_col, label_col = headers.index("Plan"), headers.index("Intitulé")
    money = [headers.index(h) for h in ("Budget prévu", "Budget engagé", "Budget dépensé",
                                        "Cofinancements sollicités",
                                        "Cofinancements acquis ou versés")]
    last = 3 + len(list_actions(writable))
    total = values[last + 1]
    assert total[0] == "Total des lignes affichées"
    # The demo has an abandoned action: its line comes right under the total.
    assert values[last + 2][0] == "dont actions abandonnées (exclues de la Synthèse)"
    subtotals = [row for row in values[last + 3:] if any(v is not None for v in row)]
    titles = [row.title for row in plans.list_plans(writable)]
    assert sorted(row[plan_col] for row in subtotals) == sorted(titles)
    for number, row in enumerate(subtotals, start=last + 5):
        assert row[label_col] == f"Sous-total {row[plan_col]}"
        plan = chr(ord("A") + plan_col)
        for index in money:
            letter = chr(ord("A") + index)
            # Only column letters and row numbers: the plan is named by its own cell.
            assert row[index] == (
                f"=SUMPRODUCT(SUBTOTAL(109,OFFSET({letter}4,ROW({letter}4:{letter}{last})"
                f"-ROW({letter}4),0)),--(${plan}$4:${plan}${last}=${plan}{number}))")
    hostile = next(row for row in subtotals if row[plan_col] == HOSTILE)
    cell = ws.cell(row=values.index(hostile) + 1, column=plan_col + 1)
    assert cell.data_type == "s"  # the title stays text


def test_one_plan_has_no_subtotal(demo_db: Database, tmp_path: Path) -> None:
    plan_id = plans.list_plans(demo_db)[0].id
    ws = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx",
                                             plan_id=plan_id))["Actions"]
    labels = [str(row[1]) for row in _rows(ws)]
    assert not any(label.startswith("Sous-total") for label in labels)


def test_the_synthese_funder_total_is_the_window_total(demo_db: Database, tmp_path: Path
                                                       ) -> None:
    ws = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx"))["Synthèse"]
    values = _rows(ws)
    labels = [row[0] for row in values]
    start = labels.index("Cofinancements par financeur (actions abandonnées exclues)")
    funders = funder_totals(demo_db)
    line = values[start + 2 + len(funders)]
    total = budget.funders_total(funders)
    assert line[0] == "Total"
    assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in line[1:5]] == [
        total.requested, total.granted, total.paid, total.secured]


def test_years_are_labels_never_grouped_numbers(writable: Database, tmp_path: Path) -> None:
    action = list_actions(writable)[0]
    for year in (2026, 2027):
        budget.create_budget_year(writable, budget.BudgetYearFields(action.id, year, 100))
    ws = open_xlsx(write_monitoring_workbook(writable, tmp_path / "s.xlsx"))["Synthèse"]
    values = _rows(ws)
    labels = [row[0] for row in values]
    start = labels.index("Budget par année (actions détaillées par année)")
    years = []
    for row in values[start + 2:]:
        if row[0] in (None, "Total"):
            break
        years.append(row[0])
    assert "2026" in years and "2027" in years, years
    assert all(isinstance(y, str) and re.fullmatch(r"\d{4}", y) for y in years), years


@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                    reason="LibreOffice or pdftotext absent")
def test_libreoffice_computes_the_subtotals_per_plan(writable: Database, tmp_path: Path
                                                     ) -> None:
    _second_plan(writable, "Plan de mobilité")
    pdf = convert(write_monitoring_workbook(writable, tmp_path / "s.xlsx"), "pdf", tmp_path)
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    # The Actions sheet's line: the label, then the plan's title in the « Plan » column.
    line = next(line for line in text.splitlines()
                if "Sous-total Plan de mobilité" in line and line.count("Plan de mobilité") == 2
                and "€" in line)
    # 1 000 + 2 500,50 planned, whatever the separators of LibreOffice's own language.
    assert "350050" in re.sub(r"\D", "", line), line
