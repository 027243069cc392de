"""The tableau de suivi and the fiche action as a financial officer and the COPIL read
them on paper: values with their unit, every column printed, no table cut across pages,
subtotals per plan, co-financing per funder with « sollicité » apart (issue 18)."""

import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import FundingState
from charte_desktop.exports.action_sheet import write_action_sheet
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.exports.xlsx_cells import decimals_of, quantity_format
from charte_desktop.services import plans
from charte_desktop.services.actions import ActionFields, create_action, get_action, list_actions
from charte_desktop.services.indicators import list_indicators
from charte_desktop.services.monitoring import funder_totals, funding_totals
from tests.exports.docx_reading import open_docx
from tests.exports.libreoffice import SOFFICE, convert
from tests.exports.xlsx_reading import open_xlsx
from tests.fixed_day import TEST_DAY

PDFTOTEXT = shutil.which("pdftotext")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                                       reason="LibreOffice or pdftotext absent")


@pytest.fixture
def writable(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def _second_plan(db: Database) -> None:
    other = plans.create_plan(db, plans.PlanFields(title="Plan de mobilité"))
    axis = plans.create_axis(db, plans.AxisFields(plan_id=other.id, code="1",
                                                  title="Vélo au quotidien"))
    for code in ("1.1", "1.2"):
        create_action(db, ActionFields(plan_id=other.id, axis_id=axis.id, code=code,
                                       title=f"Action {code}", budget_planned="1000"))


def _rows(ws: Any) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in ws.iter_rows()]


# --- Number formats -----------------------------------------------------------------------


def test_quantity_formats_are_french_and_keep_user_units_inert() -> None:
    assert quantity_format(0, "t") == '#,##0\\ "t"'
    assert quantity_format(2, "km") == '#,##0.00\\ "km"'
    assert quantity_format(0, "") == "#,##0"
    # A unit is user text: a quote or a backslash could end the literal; dropped.
    assert quantity_format(1, 'm" 0;@\\') == '#,##0.0\\ "m 0;@"'
    assert quantity_format(0, "x" * 41) == "#,##0"  # too long: left in its column
    assert decimals_of([Decimal("18400.00"), Decimal("15600")]) == 0
    assert decimals_of([Decimal("12.50"), None, 3]) == 1
    assert decimals_of([Decimal("0.123456")]) == 3


def test_indicator_values_and_measurements_carry_format_and_unit(
    demo_db: Database, tmp_path: Path
) -> None:
    workbook = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx"))
    indicators = {row.name: row for row in list_indicators(demo_db)}
    ws = workbook["Indicateurs"]
    header = [cell.value for cell in ws[3]]
    seen_unit = False
    for row in ws.iter_rows(min_row=4):
        name = row[0].value
        if name not in indicators:
            continue
        expected = indicators[name]
        for title in ("Valeur de référence", "Valeur cible", "Dernière valeur"):
            cell = row[header.index(title)]
            if cell.value is None:
                continue
            assert cell.number_format.startswith("#,##0"), (name, cell.number_format)
            if expected.unit and '"' not in expected.unit:
                assert cell.number_format.endswith(f'\\ "{expected.unit}"')
                seen_unit = True
    assert seen_unit
    # No unit is cut: the column is as wide as the longest unit (up to 24 characters,
    # wrapped beyond).
    unit_letter = "D"
    longest = max(len(row.unit) for row in indicators.values())
    assert ws.column_dimensions[unit_letter].width >= min(longest + 2, 24)
    measures = workbook["Mesures"]
    values = [row[3] for row in measures.iter_rows(min_row=4) if row[3].value is not None]
    assert values and all(cell.number_format.startswith("#,##0") for cell in values)
    ghg = [cell for cell in values if "CO₂e" in cell.number_format]  # « CO₂e », never CO2e
    assert ghg and all(cell.number_format == '#,##0\\ "t CO₂e/an"' for cell in ghg)


# --- Print layout -------------------------------------------------------------------------


def test_several_plans_have_subtotals_page_breaks_and_a_budget_per_plan(
    writable: Database, tmp_path: Path
) -> None:
    _second_plan(writable)
    path = write_monitoring_workbook(writable, tmp_path / "s.xlsx")
    ws = open_xlsx(path)["Synthèse"]
    values = _rows(ws)
    titles = {row.id: row.title for row in plans.list_plans(writable)}
    labels = [row[0] for row in values]
    for title in titles.values():
        assert title in labels  # the plan's heading row
        at = labels.index(f"Sous-total {title}")
        heading = labels.index(title)
        subtotal = values[at]
        # Our own references: the rows of that plan, nothing typed by anyone.
        assert subtotal[1] == f"=SUBTOTAL(109,B{heading + 1}:B{at})"
        assert subtotal[5] == f"=SUBTOTAL(109,F{heading + 1}:F{at})"
    total_at = labels.index("Total", labels.index("Par axe (avancement et budget : "
                                                  "actions abandonnées exclues)"))
    assert values[total_at][1].startswith("=SUBTOTAL(109,B")
    assert "Budget par plan (actions abandonnées exclues)" in labels
    # A block that would not fit in what is left of a page starts on the next one:
    # every manual break falls just before a block's title, never inside a table.
    breaks = [brk.id for brk in ws.row_breaks.brk]
    assert breaks
    sections = {row[0] for row in values if isinstance(row[0], str)
                and ("(" in row[0] or row[0].startswith("Budget"))}
    for row in breaks:  # row numbers are 1-based: values[row] is the next row
        nxt = values[row][0] if row < len(values) else None
        assert nxt is None or nxt in sections, (row, nxt)
    import zipfile

    with zipfile.ZipFile(path) as archive:
        charts = " ".join(archive.read(n).decode() for n in archive.namelist()
                          if n.startswith("xl/charts/chart"))
    assert "Budget par plan" in charts


def test_funder_table_keeps_sollicite_apart(demo_db: Database, tmp_path: Path) -> None:
    ws = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx"))["Synthèse"]
    values = _rows(ws)
    labels = [row[0] for row in values]
    start = labels.index("Cofinancements par financeur (actions abandonnées exclues)")
    assert values[start + 1][:5] == ["Financeur", "Sollicité", "Acquis", "Versé",
                                     "Acquis ou versé"]
    expected = funder_totals(demo_db)
    assert expected
    # Per funder, the same money as per state (both leave abandoned actions out).
    by_state = {total.state: total.amount for total in funding_totals(demo_db)}
    assert sum((f.requested for f in expected), Decimal(0)) == by_state[
        FundingState.REQUESTED]
    assert sum((f.secured for f in expected), Decimal(0)) == (
        by_state[FundingState.GRANTED] + by_state[FundingState.PAID])
    lines = values[start + 2:start + 2 + len(expected)]
    for line, funder in zip(lines, expected, strict=True):
        assert line[0] == funder.funder
        assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in line[1:5]] == [
            funder.requested, funder.granted, funder.paid, funder.granted + funder.paid]
    states = labels.index("Cofinancements par état (actions abandonnées exclues)")
    block = {row[0]: row for row in values[states + 2:states + 6]}
    secured = Decimal(str(block["Acquis"][2])) + Decimal(str(block["Versé"][2]))
    assert Decimal(str(block["Acquis ou versé"][2])) == secured  # sollicité not added
    assert "Total" not in block


def test_actions_sheet_prints_every_column(demo_db: Database, tmp_path: Path) -> None:
    ws = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx"))["Actions"]
    assert not ws.print_area
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$3" and ws.print_title_cols == "$A:$B"
    assert [brk.id for brk in ws.col_breaks.brk] == [14]
    headers = [cell.value for cell in ws[3]]
    assert {"Score", "Partenaires", "Description"} <= set(headers)


# --- Fiche action -------------------------------------------------------------------------


def _fiche_action(db: Database) -> int:
    for row in list_actions(db):
        action = get_action(db, row.id)
        if action.fundings and len({f.state for f in action.fundings}) > 1:
            return row.id
    raise AssertionError("no demo action with fundings in several states")


def test_fiche_title_ordinal_and_tables_kept_together(
    demo_db: Database, tmp_path: Path
) -> None:
    action_id = _fiche_action(demo_db)
    action = get_action(demo_db, action_id)
    document = open_docx(write_action_sheet(demo_db, action_id, tmp_path / "f.docx",
                                            today=TEST_DAY))
    assert document.core_properties.title == f"Fiche action {action.code} – {action.title}"
    fields = next(t for t in document.tables if t.rows[0].cells[0].text == "Plan")
    ranking = fields.rows[4].cells[1].paragraphs[0]
    raised = [run.text for run in ranking.runs if run.font.superscript]
    assert raised in (["e"], ["re"])
    count = next(p for p in document.paragraphs if " jalon" in p.text and " sur " in p.text)
    assert count.paragraph_format.keep_with_next  # the count stays with its table
    headings = [p for p in document.paragraphs if p.style is not None
                and p.style.name.startswith("Heading")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    budget = next(t for t in document.tables if t.rows[0].cells[0].text == "Budget")
    for row in budget.rows[:-1]:  # each row kept with the next: never split
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
    per_funder = next(t for t in document.tables
                      if [c.text for c in t.rows[0].cells][:2] == ["Financeur", "Sollicité"])
    total = [cell.text for cell in per_funder.rows[-1].cells]
    assert total[0] == "Total"
    requested = sum((f.amount for f in action.fundings
                     if f.state is FundingState.REQUESTED), Decimal(0))
    assert total[1].replace("\u202f", "").replace("\xa0€", "").replace(",", ".") == str(
        requested.quantize(Decimal("0.01")))


@needs_libreoffice
def test_fiche_on_paper_keeps_its_budget_table_on_one_page(
    demo_db: Database, tmp_path: Path
) -> None:
    action_id = _fiche_action(demo_db)
    fiche = write_action_sheet(demo_db, action_id, tmp_path / "fiche.docx", today=TEST_DAY)
    pdf = convert(fiche, "pdf", tmp_path)
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for page in text.split("\f"):
        if "Part du prévu" in page:  # the budget table's header…
            assert "Dépensé" in page  # …and its last row on the same page
            break
    else:
        raise AssertionError("no budget table on paper")


@needs_libreoffice
def test_several_plans_workbook_on_paper(writable: Database, tmp_path: Path) -> None:
    _second_plan(writable)
    workbook = write_monitoring_workbook(writable, tmp_path / "suivi.xlsx")
    pdf = convert(workbook, "pdf", tmp_path)
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    axis = [i for i, page in enumerate(pages) if "Par axe (avancement" in page]
    assert axis
    first = pages[axis[0]]
    # The subtotal of the first plan computed by LibreOffice from our formulas.
    assert "Sous-total" in first and "Total" in first
    assert any("Cofinancements par financeur" in page for page in pages)
    assert any("Partenaires" in page for page in pages)  # the details columns print
