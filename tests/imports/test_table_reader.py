"""Reading a sheet or a CSV file into numbered rows; formulas and errors are problems."""

from datetime import datetime
from pathlib import Path

import pytest

from charte_desktop.errors import CharteError
from charte_desktop.imports.progress import CANCELLED_MESSAGE, ImportCancelled, Monitor
from charte_desktop.imports.table_reader import read_table, sheet_names
from charte_desktop.imports.table_rows import column_letter


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sommaire"
    sheet["A1"] = "Voir l'onglet Plan"
    plan = workbook.create_sheet("Plan")
    plan["A1"] = "Plan d'actions 2025-2030"
    plan.merge_cells("A1:D1")
    plan.append([])
    plan.append(["N°", "Intitulé", "Échéance", "Budget"])
    plan.append(["1.1", "  Covoiturage  ", datetime(2025, 6, 30), 12500.5])
    plan.append([])
    plan.append(["1.2", "Vélos", "31/02/2025", "=SUM(D4:D4)"])
    plan.append(["1.3", "Navette", "#REF!", "#DIV/0!"])
    workbook.save(path)
    return path


def test_rows_keep_excel_numbers_skip_blank_rows_and_flag_formulas(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "plan.xlsx")
    assert sheet_names(path) == ["Sommaire", "Plan"]
    table = read_table(path, "Plan")
    assert table.sheet == "Plan"
    assert [row.number for row in table.rows] == [1, 3, 4, 6, 7]
    title, header, first, second, third = table.rows
    assert title.values[0] == "Plan d'actions 2025-2030"
    assert header.values == ("N°", "Intitulé", "Échéance", "Budget")
    assert first.values == ("1.1", "Covoiturage", datetime(2025, 6, 30), 12500.5)
    assert first.problems == {}
    assert second.values[2] == "31/02/2025"
    assert second.values[3] is None
    assert second.problems[3].startswith("formule « =SUM(D4:D4) »")
    assert third.values[2:] == (None, None)
    assert third.problems == {2: "cellule en erreur « #REF! »", 3: "cellule en erreur « #DIV/0! »"}


def test_default_sheet_is_the_first_and_unknown_sheet_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "plan.xlsx")
    assert read_table(path).sheet == "Sommaire"
    with pytest.raises(CharteError, match="n'a pas de feuille « Actions »"):
        read_table(path, "Actions")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("cp1252", "\t")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    lines = [
        ["Nom", "Prénom", "Structure", "Budget"],
        ["Lefèvre", "Zoé", "Mairie d'Aubrance", "12 500,50 €"],
        [],
        ["Durand", "Élise", "Vélo, Pédales et Cie", "3"],
    ]
    text = "\r\n".join(
        delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in line)
        for line in lines
    )
    path = tmp_path / "contacts.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.sheet == ""
    assert sheet_names(path) == []
    assert [row.number for row in table.rows] == [1, 2, 4]
    assert table.rows[1].values == ("Lefèvre", "Zoé", "Mairie d'Aubrance", "12 500,50 €")
    assert table.rows[2].values[2] == "Vélo, Pédales et Cie"


def test_csv_line_numbers_count_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('Code;Description\n1.1;"deux\nlignes"\n1.2;simple\n', encoding="utf-8")
    rows = read_table(path).rows
    assert [(row.number, row.values[0]) for row in rows] == [(1, "Code"), (2, "1.1"), (4, "1.2")]
    assert rows[1].values[1] == "deux\nlignes"


def test_progress_is_reported_and_cancel_stops_reading(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("\n".join(f"{n};Action {n}" for n in range(500)), encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    read_table(path, monitor=Monitor(progress=lambda *report: seen.append(report)))
    assert seen[0] == ("Lecture du fichier", 0, 500)
    assert seen[-1] == ("Lecture du fichier", 500, 500)
    assert len(seen) > 5
    with pytest.raises(ImportCancelled, match=CANCELLED_MESSAGE):
        read_table(path, monitor=Monitor(cancelled=lambda: True))


def test_column_letters() -> None:
    assert [column_letter(n) for n in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA"
    ]


# --- Which sheet, hidden rows, text, limits ---------------------------------------------


def _hidden_sheets(path: Path, active: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Archives"
    workbook.active.append(["ancien"])
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Plan").append(["nouveau"])
    workbook.create_sheet("Réglages").append(["caché"])
    workbook["Réglages"].sheet_state = "veryHidden"
    workbook.create_sheet("Notes").append(["notes"])
    workbook.active = active  # an index, as a crafted file may point at a hidden sheet
    workbook.save(path)
    return path


@pytest.mark.parametrize(("active", "read"), [(0, "Plan"), (1, "Plan"), (2, "Plan"),
                                              (3, "Notes")])
def test_the_sheet_read_is_the_active_visible_one(tmp_path: Path, active: int, read: str
                                                  ) -> None:
    path = _hidden_sheets(tmp_path / "plan.xlsx", active)
    table = read_table(path)
    assert (table.sheet, table.sheet_hidden) == (read, False)
    assert table.visible_sheets == ["Plan", "Notes"]
    assert sheet_names(path) == ["Archives", "Plan", "Réglages", "Notes"]


def test_a_hidden_sheet_is_read_when_named_and_names_are_forgiving(tmp_path: Path) -> None:
    path = _hidden_sheets(tmp_path / "plan.xlsx", 1)
    table = read_table(path, "Réglages")
    assert (table.sheet, table.sheet_hidden, table.rows[0].values) == ("Réglages", True,
                                                                        ("caché",))
    assert read_table(path, "reglages ").sheet == "Réglages"  # case, accents, spaces
    with pytest.raises(CharteError) as raised:
        read_table(path, "Plan 2024")
    assert raised.value.message == (
        "Le classeur « plan.xlsx » n'a pas de feuille « Plan 2024 » ; ses feuilles : "
        "« Archives » (masquée), « Plan », « Réglages » (masquée), « Notes ».")


def test_hidden_rows_are_read_and_listed(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for number in range(1, 8):
        sheet.append([f"ligne {number}"])
    sheet.row_dimensions[2].hidden = True
    sheet.row_dimensions[6].hidden = True
    sheet.row_dimensions[7].height = 30  # other row attributes mean nothing here
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert len(table.rows) == 7
    assert (table.hidden_rows, table.filtered_rows) == ((2, 6), ())


def test_text_is_cleaned_and_excel_escapes_decoded(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Titre_x001B_ rouge", "A_x005F_x000B_B", "_x0001__x0002_", "Ok"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    assert read_table(path).rows[0].values == ("Titre rouge", "A_x000B_B", None, "Ok")


def test_utf16_text_files_are_read(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom"], ["Lefèvre", "Zoé"]]
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        path = tmp_path / f"contacts-{encoding}.txt"
        path.write_bytes("\r\n".join("\t".join(row) for row in rows).encode(encoding))
        assert [row.values for row in read_table(path).rows] == [("Nom", "Prénom"),
                                                                 ("Lefèvre", "Zoé")]


def test_more_rows_than_the_limit_are_refused_before_the_end(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("\n".join(f"{n};Action {n}" for n in range(30)), encoding="utf-8")
    assert len(read_table(path, max_rows=30).rows) == 30
    seen: list[int] = []
    with pytest.raises(CharteError, match="compte plus de 5\u202f000 lignes"):
        read_table(path, max_rows=20, monitor=Monitor(progress=lambda _s, done, _t:
                                                      seen.append(done)))
    assert seen[-1] < 30  # stopped at the 21st row, never reported done


def test_too_many_shared_texts_are_refused_before_opening(tmp_path: Path) -> None:
    """Excel keeps texts in a shared table openpyxl reads whole: its declared count (or its
    size) refuses a huge sheet before that."""
    from tests.imports.bad_workbooks import replace_part

    path = _workbook(tmp_path / "plan.xlsx")
    replace_part(path, "xl/sharedStrings.xml",
                 b'<?xml version="1.0"?><sst count="9999999" uniqueCount="9999999"></sst>')
    with pytest.raises(CharteError, match="plus de 250\u202f000 textes différents"):
        read_table(path, "Plan")


def test_a_nul_character_deep_in_a_csv_file_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"Code;Titre\n" + b"1;ok\n" * 20 + b"2;mal\x00form\xc3\xa9\n")
    assert read_table(path).rows[-1].values == ("2", "malformé")
