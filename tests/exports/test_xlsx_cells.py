"""The shared spreadsheet helpers: text stays text, dates and euros are real numbers."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from charte_desktop.exports.xlsx_cells import (
    DATE_FORMAT,
    HEADER,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    WRAPPED,
    Column,
    Highlight,
    Kind,
    SheetCells,
    add_table,
    clean_text,
    fitted_width,
    header_row,
    highlight_rows,
    highlight_values,
    new_workbook,
    prepare_sheet,
    row_height,
    save_workbook,
    table_name,
    write_header,
    write_rows,
)
from charte_desktop.exports.xlsx_cells.values import LINE_HEIGHT, MAX_CELL_TEXT, lines_needed
from tests.exports.xlsx_reading import open_xlsx, sheet_xml

# What an officer or an imported file may put in a title or a comment.
FORMULA_LIKE = [
    "=1+1",
    '=HYPERLINK("http://exemple.invalid","cliquez")',
    "=cmd|' /C calc'!A0",
    "+33 6 12 34 56 78",
    "-5 % sur le budget",
    "@SOMME(A1:A3)",
    "#N/A",
    "#DIV/0!",
    "\t=1+1",
    "=",
]


def write_texts(path: Path, texts: list[str], *, write_only: bool) -> Path:
    workbook = new_workbook("essai", write_only=write_only)
    ws = workbook.create_sheet("Textes")
    cells = SheetCells(ws)
    for text in texts:
        ws.append([cells.text(text), cells.text(text, WRAPPED)])
    return save_workbook(workbook, path)


@pytest.mark.parametrize("write_only", [True, False])
def test_formula_like_text_stays_text(tmp_path: Path, write_only: bool) -> None:
    path = write_texts(tmp_path / "textes.xlsx", FORMULA_LIKE, write_only=write_only)
    assert "<f>" not in sheet_xml(path) and "<f " not in sheet_xml(path)
    ws = open_xlsx(path)["Textes"]
    for row, text in enumerate(FORMULA_LIKE, start=1):
        for column in (1, 2):
            cell = ws.cell(row, column)
            assert (cell.value, cell.data_type) == (text, "s")
            assert cell.quotePrefix, text  # Excel keeps it text even when edited


def test_ordinary_text_is_plain_and_accents_kept(tmp_path: Path) -> None:
    texts = ["Créer une aire de covoiturage « Les Prés »", "2.3", "1 234,50 €", "a-b", "x=y"]
    path = write_texts(tmp_path / "textes.xlsx", texts, write_only=True)
    ws = open_xlsx(path)["Textes"]
    for row, text in enumerate(texts, start=1):
        cell = ws.cell(row, 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", False)
        assert ws.cell(row, 2).alignment.wrap_text


def test_text_the_file_format_forbids_is_cleaned_not_refused() -> None:
    assert clean_text("a\x00b\x07c\td\ne") == "abc\td\ne"
    long = clean_text("x" * (MAX_CELL_TEXT + 10))
    assert len(long) == MAX_CELL_TEXT and long.endswith("[…]")
    assert clean_text(12) == "12"


def test_formula_like_text_is_text_in_libreoffice(tmp_path: Path) -> None:
    """LibreOffice itself reads the cells as the texts typed, not as computed formulas."""
    from tests.exports.libreoffice import SOFFICE, convert

    if SOFFICE is None:
        pytest.skip("LibreOffice absent (.ci/run l'installe)")
    path = write_texts(tmp_path / "textes.xlsx", ["=1+1", "+2+3", "=SUM(1;2)"], write_only=True)
    csv = convert(path, "csv", tmp_path).read_text(encoding="utf-8")
    assert csv.splitlines() == ["=1+1,=1+1", "+2+3,+2+3", "=SUM(1;2),=SUM(1;2)"]


def test_dates_amounts_integers_percentages_are_numbers_with_formats(tmp_path: Path) -> None:
    workbook = new_workbook()
    ws = workbook.create_sheet("Nombres")
    cells = SheetCells(ws)
    ws.append([cells.date(date(2026, 3, 14)), cells.money(Decimal("1234.50")),
               cells.integer(1234), cells.percent(Decimal("0.45")), cells.number(Decimal("12.5")),
               cells.yes_no(True), cells.date(None), cells.money(None)])
    ws.append([cells.date(datetime(2026, 3, 14, 9, 30, tzinfo=UTC)), cells.money(0)])
    path = save_workbook(workbook, tmp_path / "nombres.xlsx")
    sheet = open_xlsx(path)["Nombres"]
    day, euros, count, share, measured, yes, empty_day, empty_money = (
        sheet.cell(1, column) for column in range(1, 9))
    assert day.is_date and day.value == datetime(2026, 3, 14) and day.number_format == DATE_FORMAT
    assert (euros.value, euros.data_type, euros.number_format) == (1234.5, "n", MONEY_FORMAT)
    assert (count.value, count.number_format) == (1234, "#,##0")
    assert cells.integer(12) == 12  # below 1,000 the format shows nothing more
    assert (share.value, share.number_format) == (0.45, PERCENT_FORMAT)
    assert measured.value == 12.5
    assert yes.value == "Oui"
    assert empty_day.value is None and empty_money.value is None
    assert sheet["A2"].is_date and sheet["A2"].value.date() == date(2026, 3, 14)
    assert sheet["B2"].value == 0 and sheet["B2"].number_format == MONEY_FORMAT


def test_a_bool_or_text_is_not_taken_for_a_number() -> None:
    cells = SheetCells(new_workbook().create_sheet("x"))
    with pytest.raises(TypeError):
        cells.money("12")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cells.integer(True)


def test_looks_are_built_once_per_workbook() -> None:
    workbook = new_workbook()
    ws = workbook.create_sheet("x")
    cells = SheetCells(ws)
    first, second = cells.money(1), cells.money(2)
    assert first._style is second._style and first.style_id == second.style_id
    assert workbook._cell_styles[first.style_id] == first._style
    assert len(cells.looks._arrays) == 1


COLUMNS = [
    Column("Code", width=8),
    Column("Intitulé", width=40, look=WRAPPED),
    Column("Échéance", Kind.DATE, 12),
    Column("Budget prévu", Kind.MONEY, 15),
    Column("Avancement", Kind.PERCENT, 12),
    Column("Jalons", Kind.INTEGER, 10),
    Column("Fait", Kind.YES_NO, 8),
]
ROWS = [
    ("1.1", "=Créer une aire de covoiturage à l'entrée du bourg, près du collège et de la "
     "salle des fêtes", date(2026, 6, 30), Decimal("15000.00"), 0.5, 3, True),
    ("1.2", "Vélos", None, Decimal("0.00"), 0, 0, False),
]


def write_table_sheet(path: Path, rows: list[tuple], *, sheet: str = "Actions") -> Path:
    workbook = new_workbook("Tableau")
    ws = workbook.create_sheet(sheet)
    cells = SheetCells(ws)
    prepare_sheet(ws, [c.width for c in COLUMNS], freeze="B3", title_rows="2:2",
                  footer="Tableau de suivi & co")
    ws.append([cells.text("Actions du plan", HEADER)])
    write_header(ws, cells, COLUMNS, row=2)
    count = write_rows(ws, cells, COLUMNS, rows, first_row=3)
    add_table(ws, "Actions", [c.header for c in COLUMNS], first_row=2, row_count=count)
    last = 2 + max(count, 1)
    highlight_values(ws, f"G3:G{last}", {"Oui": Highlight("C6EFCE", "006100")})
    highlight_rows(ws, f"A3:G{last}", '$G3="Non"', Highlight("FFC7CE"))
    second = workbook.create_sheet("Autres")
    second.append(header_row(SheetCells(second), ["Actions"]))
    add_table(second, "Actions", ["Actions"], first_row=1, row_count=0)
    return save_workbook(workbook, path)


def test_table_sheet_reads_back_as_an_excel_table(tmp_path: Path) -> None:
    path = write_table_sheet(tmp_path / "tableau.xlsx", ROWS)
    workbook = open_xlsx(path)
    ws = workbook["Actions"]
    assert [c.value for c in ws[2]] == [c.header for c in COLUMNS]
    table = ws.tables["Actions"]
    assert table.ref == "A2:G4" and table.autoFilter.ref == "A2:G4"
    assert [c.name for c in table.tableColumns] == [c.header for c in COLUMNS]
    assert ws.freeze_panes == "B3"
    assert ws.column_dimensions["B"].width == 40
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.right.text == "Page &P sur &N"
    assert ws.oddFooter.left.text == "Tableau de suivi && co"
    assert ws["B3"].value.startswith("=Créer une aire") and ws["B3"].data_type == "s"
    # Rows are as tall as their wrapped text (LibreOffice would cut the second line).
    assert ws.row_dimensions[3].height == 2 * LINE_HEIGHT
    assert ws.row_dimensions[4].height is None
    assert ws["C3"].is_date and ws["C4"].value is None
    assert ws["D3"].number_format == MONEY_FORMAT and ws["E3"].value == 0.5
    assert ws["G3"].value == "Oui" and ws["G4"].value == "Non"
    rules = {str(cf.sqref): [r.formula for r in cf.rules] for cf in ws.conditional_formatting}
    assert rules == {"G3:G4": [['"Oui"']], "A3:G4": [['$G3="Non"']]}
    # Same wanted name on another sheet: made unique; an empty table keeps a blank row.
    assert workbook["Autres"].tables["Actions_2"].ref == "A1:A2"


def test_empty_table_is_valid(tmp_path: Path) -> None:
    path = write_table_sheet(tmp_path / "vide.xlsx", [])
    assert open_xlsx(path)["Actions"].tables["Actions"].ref == "A2:G3"


@pytest.mark.parametrize(("wanted", "expected"), [
    ("Décisions et suites", "Decisions_et_suites"),
    ("A1", "T_A1"),
    ("R1C1", "T_R1C1"),
    ("c", "T_c"),
    ("2026 budget", "T_2026_budget"),
    ("«»", "Tableau"),
])
def test_table_names_are_valid(wanted: str, expected: str) -> None:
    assert table_name(new_workbook(), wanted) == expected


def test_fitted_width() -> None:
    assert fitted_width("Code", ["1.1", "10.12"]) == 8  # the minimum
    assert fitted_width("Intitulé", ["x" * 30, None]) == 32
    assert fitted_width("Intitulé", ["x" * 300]) == 60  # the maximum
    assert fitted_width("Budget engagé (€)", []) == 11  # header on two lines
    assert fitted_width("Note", ["court\n" + "y" * 20]) == 22  # longest line


def test_wrapped_lines_are_estimated_on_the_safe_side() -> None:
    assert lines_needed("Court", 10) == 1
    assert lines_needed("Trois mots longs", 10) == 2  # « longs » does not fit after
    assert lines_needed("1.B Véhicules, transporteurs et planification", 26) == 2
    assert lines_needed("un\ndeux\ntrois", 40) == 3
    assert lines_needed("x" * 55, 10) == 6  # a long word is cut, about ten « x » a line
    assert row_height([("Court", 10), (None, 10)]) is None
    assert row_height([("mot " * 40, 20)]) == 6 * LINE_HEIGHT  # at most six lines
    assert row_height([("Avancement", 13)], bold=True) is None


def test_plain_values_keep_openpyxl_meaning_on_a_prepared_sheet(tmp_path: Path) -> None:
    """The fast row path changes nothing to what a plain value means: a formula the
    program writes on purpose stays one, texts and numbers stay what they are."""
    workbook = new_workbook()
    ws = workbook.create_sheet("x")
    cells = SheetCells(ws)
    ws.append(["=SUM(1,2)", "texte", "ligne\nsuivante", 5, 2.5, "#N/A", cells.text("=1")])
    ws = open_xlsx(save_workbook(workbook, tmp_path / "x.xlsx"))["x"]
    assert [c.data_type for c in ws[1]] == ["f", "s", "s", "n", "n", "e", "s"]
    assert [c.value for c in ws[1]][1:5] == ["texte", "ligne\nsuivante", 5, 2.5]
