"""The tableau de suivi as the COPIL partners read it on paper (issue 18, review): no value
shows « ### » (each quantity and money column is as wide as its widest value with its
unit), no wrapped text is cut (each Actions row as tall as its longest text, partners and
description included), and the Synthèse's budget reconciles with the Actions total (the
abandoned actions said on both sheets)."""

import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus, Dimension, DisplayStatus, IndicatorKind
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.exports.monitoring.actions_sheet import ABANDONED_LABEL
from charte_desktop.exports.monitoring.paging import page_height
from charte_desktop.exports.xlsx_cells.table_sheet import TOTAL_LABEL
from charte_desktop.exports.xlsx_cells.values import LINE_HEIGHT, MAX_LINES, lines_needed
from charte_desktop.formatting import NBSP, format_money
from charte_desktop.services import plans
from charte_desktop.services.actions import action_form_fields, list_actions, update_action
from charte_desktop.services.dashboard import budget_totals
from charte_desktop.services.indicators import (
    IndicatorFields,
    MeasurementFields,
    create_indicator,
    create_measurement,
)
from tests.exports.libreoffice import SOFFICE, convert
from tests.exports.xlsx_reading import open_xlsx
from tests.fixed_day import TEST_DAY

PDFTOTEXT = shutil.which("pdftotext")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                                       reason="LibreOffice or pdftotext absent")
_QUANTITY = re.compile(r'^#,##0(?:\.(0+))?(?:\\ "(.*)")?$')
# (unit, values): long units, big numbers, a minus sign; the last unit is too long to be
# put in the number format (it stays in its own column).
WIDE_VALUES = (
    ("tCO₂e", ["1234.5", "12345678.25"]),
    ("m²", ["12345", "987654321"]),
    ("trajets par trimestre", ["1234567.5", "-250"]),
    ("kilomètres parcourus par semaine et par habitant", ["123456789"]),
)


WRAPPED = ("Intitulé", "Axe", "Pilote", "Copilotes", "Partenaires", "Groupe projet",
           "Politiques publiques", "Description")


@pytest.fixture
def writable(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def _wide_indicators(db: Database) -> None:
    plan_id = plans.list_plans(db)[0].id
    for number, (unit, values) in enumerate(WIDE_VALUES):
        indicator = create_indicator(db, IndicatorFields(
            plan_id=plan_id, name=f"Indicateur large {number}", kind=IndicatorKind.OUTCOME,
            dimension=Dimension.ENVIRONMENTAL, unit=unit, baseline_value=values[0],
            baseline_date=TEST_DAY.replace(year=TEST_DAY.year - 2), target_value=values[-1],
            target_date=TEST_DAY.replace(year=TEST_DAY.year + 2)))
        for months, value in enumerate(values, start=1):
            create_measurement(db, MeasurementFields(
                indicator.id, TEST_DAY.replace(day=1, month=months), value))


def shown(cell: Any) -> str:
    """The text Excel shows for a quantity cell, from its value and number format:
    French grouping and decimal comma, the unit after a space."""
    match = _QUANTITY.match(cell.number_format)
    assert match, cell.number_format
    decimals, unit = len(match.group(1) or ""), match.group(2)
    number = f"{float(cell.value):,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return f"{number} {unit}" if unit else number


def _column_cells(ws: Any, header: str) -> tuple[str, list[Any]]:
    headers = [cell.value for cell in ws[3]]
    index = headers.index(header)
    (table,) = ws.tables.values()
    last = int(re.sub(r"^.*:[A-Z]+", "", table.ref))
    cells = [row[index] for row in ws.iter_rows(min_row=4, max_row=last)
             if row[index].value is not None]
    return ws.cell(3, index + 1).column_letter, cells


# --- Widths: no « ### » ----------------------------------------------------------------


def test_value_columns_fit_their_widest_value_with_its_unit(
    writable: Database, tmp_path: Path
) -> None:
    _wide_indicators(writable)
    workbook = open_xlsx(write_monitoring_workbook(writable, tmp_path / "s.xlsx",
                                                  today=TEST_DAY))
    every: list[str] = []
    for sheet, headers in (("Indicateurs", ("Valeur de référence", "Valeur cible",
                                            "Dernière valeur")),
                           ("Mesures", ("Valeur",))):
        ws = workbook[sheet]
        for header in headers:
            letter, cells = _column_cells(ws, header)
            assert cells, (sheet, header)
            texts = [shown(cell) for cell in cells]
            widest = max(texts, key=len)
            width = ws.column_dimensions[letter].width
            # One character of margin at least (two asked for): a digit is the unit.
            assert width >= len(widest) + 1, (sheet, header, widest, width)
            every += texts
    assert "12\u202f345\u202f678,25 tCO₂e" in every
    assert "987\u202f654\u202f321 m²" in every
    assert "1\u202f234\u202f567,5 trajets par trimestre" in every
    assert "-250,0 trajets par trimestre" in every
    # A unit too long for the format is left to its column: the number alone.
    assert "123\u202f456\u202f789" in every


def test_money_columns_of_actions_fit_their_total(demo_db: Database, tmp_path: Path) -> None:
    ws = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx"))["Actions"]
    actions = list_actions(demo_db)
    headers = [cell.value for cell in ws[3]]
    for header, field in (("Budget prévu", "budget_planned"),
                          ("Budget engagé", "budget_committed"),
                          ("Budget dépensé", "budget_spent")):
        total = sum((getattr(action, field) for action in actions), Decimal(0))
        text = format_money(total)
        letter = ws.cell(3, headers.index(header) + 1).column_letter
        assert ws.column_dimensions[letter].width >= len(text) + 1, (header, text)


# --- Heights: no cut text -------------------------------------------------------------


def test_estimated_lines_match_what_libreoffice_draws() -> None:
    # Partners' lists as LibreOffice wrapped them in a 36-wide column of the demo's
    # Actions sheet (DejaVu Sans): 4 and 5 lines; the old estimate said 3 and 4.
    assert lines_needed("Commune de Villers-sur-Aubrance, Commune des Granges-Vernier, "
                        "Mobil'Aubrance — association de transport solidaire", 36) >= 4
    assert lines_needed("Collectif des usagers du transport à la demande, Département du "
                        "Doubs, Mission locale du Val d'Aubrance, Mobil'Aubrance — "
                        "association de transport solidaire, Région "
                        "Bourgogne-Franche-Comté", 36) >= 5
    assert lines_needed("Commune de Villers-sur-Aubrance, Commune des Granges-Vernier",
                        36) == 2


def test_every_actions_row_is_as_tall_as_its_longest_text(
    writable: Database, tmp_path: Path
) -> None:
    long_one = list_actions(writable)[0]
    fields = action_form_fields(writable, long_one.id)
    fields.description = " ".join(["Une description très longue, lue au COPIL."] * 60)
    update_action(writable, long_one.id, fields)
    ws = open_xlsx(write_monitoring_workbook(writable, tmp_path / "s.xlsx"))["Actions"]
    headers = [cell.value for cell in ws[3]]
    widths = [ws.column_dimensions[ws.cell(3, i + 1).column_letter].width
              for i in range(len(headers))]
    wrapped = [headers.index(header) for header in WRAPPED]
    # A row may be as tall as a printed page holds under the header, never taller.
    printed = headers.index("Budget dépensé") + 1
    pages = (widths[:printed], widths[:2] + widths[printed:])
    most = page_height(max(pages, key=sum)) - 3 * LINE_HEIGHT
    last = 3 + len(list_actions(writable))
    driven_by_details = 0
    for row in range(4, last + 1):
        height = ws.row_dimensions[row].height or LINE_HEIGHT
        assert height <= most, row
        texts = {headers[i]: (str(ws.cell(row, i + 1).value), widths[i]) for i in wrapped
                 if ws.cell(row, i + 1).value}
        # A text with fewer characters than its column is wide stays on one line.
        needs = {header: lines_needed(text, width) if len(text) >= width else 1
                 for header, (text, width) in texts.items()}
        for header, lines in needs.items():
            wanted = min(lines * LINE_HEIGHT, most // LINE_HEIGHT * LINE_HEIGHT)
            assert height >= wanted, (row, header, lines, height)
        title_only = needs.get("Intitulé", 1) * LINE_HEIGHT
        driven_by_details += height > title_only
    assert driven_by_details >= 3  # partners and descriptions make rows taller
    long_row = next(r for r in range(4, last + 1) if ws.cell(r, 1).value == long_one.code)
    assert ws.row_dimensions[long_row].height > MAX_LINES * LINE_HEIGHT


# --- The Synthèse's total and the Actions' total reconcile ------------------------------


def _abandoned(db: Database) -> list[Any]:
    return [a for a in list_actions(db) if a.status is DisplayStatus.ABANDONED]


def test_synthese_and_actions_say_the_abandoned_actions(
    demo_db: Database, tmp_path: Path
) -> None:
    workbook = open_xlsx(write_monitoring_workbook(demo_db, tmp_path / "s.xlsx"))
    abandoned = _abandoned(demo_db)
    assert abandoned  # the demo has one
    planned = sum((a.budget_planned for a in abandoned), Decimal(0))
    every = sum((a.budget_planned for a in list_actions(demo_db)), Decimal(0))
    assert every - planned == budget_totals(demo_db).planned  # what the note reconciles
    summary = [row[0] for row in workbook["Synthèse"].iter_rows(values_only=True)]
    note = (f"Hors actions abandonnées ({len(abandoned)}{NBSP}: {format_money(planned)} "
            f"prévus), que la feuille «{NBSP}Actions{NBSP}» compte dans son total.")
    assert note in summary
    # Right under the budget figures.
    assert summary.index(note) == summary.index("Reste à dépenser") + 1
    ws = workbook["Actions"]
    values = [[cell.value for cell in row] for row in ws.iter_rows()]
    last = 3 + len(list_actions(demo_db))
    assert values[last + 1][0] == TOTAL_LABEL
    line = values[last + 2]
    assert line[0] == ABANDONED_LABEL
    headers = values[2]
    status = chr(ord("A") + headers.index("Statut"))
    for header in ("Budget prévu", "Budget engagé", "Budget dépensé",
                   "Cofinancements sollicités", "Cofinancements acquis ou versés"):
        letter = chr(ord("A") + headers.index(header))
        # Our own label in the formula, never text typed by a user.
        assert line[headers.index(header)] == (
            f"=SUMPRODUCT(SUBTOTAL(109,OFFSET({letter}4,ROW({letter}4:{letter}{last})"
            f"-ROW({letter}4),0)),--(${status}$4:${status}${last}=\"Abandonnée\"))")


def test_without_abandoned_actions_there_is_no_note(writable: Database, tmp_path: Path
                                                    ) -> None:
    for action in _abandoned(writable):
        fields = action_form_fields(writable, action.id)
        fields.status = ActionStatus.SUSPENDED
        update_action(writable, action.id, fields)
    workbook = open_xlsx(write_monitoring_workbook(writable, tmp_path / "s.xlsx"))
    summary = [str(row[0]) for row in workbook["Synthèse"].iter_rows(values_only=True)]
    assert not any(text.startswith("Hors actions abandonnées") for text in summary)
    actions = [str(row[0]) for row in workbook["Actions"].iter_rows(values_only=True)]
    assert TOTAL_LABEL in actions and ABANDONED_LABEL not in actions


@needs_libreoffice
def test_on_paper_no_hash_marks_and_the_totals_reconcile(
    writable: Database, tmp_path: Path
) -> None:
    _wide_indicators(writable)
    abandoned = sum((a.budget_planned for a in _abandoned(writable)), Decimal(0))
    pdf = convert(write_monitoring_workbook(writable, tmp_path / "suivi.xlsx"), "pdf",
                  tmp_path)
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "###" not in text
    assert "Hors actions abandonnées (1" in text
    line = next(line for line in text.splitlines() if ABANDONED_LABEL in line)
    # LibreOffice computed the abandoned actions' planned budget from our formula
    # (whatever the separators of its own language).
    digits = re.sub(r"\D", "", line)
    assert digits.startswith(re.sub(r"\D", "", f"{abandoned:.2f}")), line
