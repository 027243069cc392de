"""Hostile or careless files brought into an import, through the command line.

Each case checks the exit code, the one French line (no traceback, no library text), the
Charte file left byte for byte unchanged when nothing is to be written, and the counts of
actions or contacts before and after.
"""

import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from charte_desktop.imports.table_rows import MAX_ROWS
from tests.command_line import run_cli, sha256
from tests.imports.bad_workbooks import strict_workbook

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")



def listed(capsys: pytest.CaptureFixture[str], what: str, charte: Path) -> list[dict]:
    code, out, err = run_cli(capsys, "list", what, charte, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def assert_clean(out: str, err: str) -> None:
    """Nothing but French from Charte: no traceback, no library warning or path."""
    for text in (out, err):
        for word in ("Traceback", "site-packages", "openpyxl", "Warning", "Error"):
            assert word not in text


def assert_refused(code: int, out: str, err: str, words: str) -> None:
    assert_clean(out, err)
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1, err
    assert words in err, err


def _sheet(workbook, title: str, rows: list[list[object]]):  # type: ignore[no-untyped-def]
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
    return sheet


HEADER = ["N°", "Intitulé", "Pilote", "Statut"]


def _actions(prefix: str, count: int) -> list[list[object]]:
    return [[f"{prefix}.{n}", f"Action {prefix}.{n}", "Hélène Barbier", "En cours"]
            for n in range(1, count + 1)]


# --- Which sheet --------------------------------------------------------------------------


def hidden_first_sheet(folder: Path) -> Path:
    """An old plan kept out of sight in a hidden first sheet; the officer sees « Plan 2025 »."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    old = _sheet(workbook, "Ancien plan", [HEADER, *_actions("7", 2)])
    old.sheet_state = "hidden"
    _sheet(workbook, "Plan 2025", [HEADER, *_actions("8", 3)])
    secret = _sheet(workbook, "Paramètres", [HEADER, *_actions("6", 1)])
    secret.sheet_state = "veryHidden"
    workbook.active = 1
    path = folder / "plan-masque.xlsx"
    workbook.save(path)
    return path


def test_a_hidden_first_sheet_is_never_taken(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hidden_first_sheet(tmp_path)
    before, actions = sha256(demo), len(listed(capsys, "actions", demo))
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith(
        "Aperçu de l'import de « plan-masque.xlsx » (feuille « Plan 2025 », en-tête ligne 1) "
        ": 3 actions")
    assert sha256(demo) == before
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    assert_clean(out, err)
    titles = {action["title"] for action in listed(capsys, "actions", demo)}
    assert len(titles) == actions + 3
    assert "Action 8.1" in titles and "Action 7.1" not in titles and "Action 6.1" not in titles


def test_sheet_by_name_unknown_and_hidden(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hidden_first_sheet(tmp_path)
    before, actions = sha256(demo), len(listed(capsys, "actions", demo))
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--sheet", "Plan 2024")
    assert_refused(code, out, err, "n'a pas de feuille « Plan 2024 » ; ses feuilles : "
                   "« Ancien plan » (masquée), « Plan 2025 », « Paramètres » (masquée).")
    assert sha256(demo) == before
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--sheet", "Ancien plan",
                             "--dry-run")
    assert (code, err) == (0, "")
    assert "(feuille « Ancien plan », en-tête ligne 1) : 2 actions" in out.splitlines()[0]
    assert ("  - La feuille « Ancien plan » est masquée dans le classeur : elle est lue parce "
            "qu'elle a été choisie.") in out.splitlines()
    assert sha256(demo) == before
    code, out, err = run_cli(capsys, "import", "contacts", demo, path, "--sheet", "Nulle part")
    assert_refused(code, out, err, "n'a pas de feuille « Nulle part »")
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--sheet", "Ancien plan")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("La feuille « Ancien plan » est masquée")
    assert len(listed(capsys, "actions", demo)) == actions + 2


def test_an_active_sheet_without_header_is_said_not_skipped(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Notice"
    workbook.active.append(["Ce classeur recense les actions du plan."])
    _sheet(workbook, "Actions", [HEADER, *_actions("8", 2)])
    path = tmp_path / "notice.xlsx"
    workbook.save(path)
    before = sha256(demo)
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert_refused(code, out, err, "Aucune ligne d'en-tête reconnue dans la feuille « Notice »")
    assert err.strip().endswith('La feuille « Actions » a une ligne d\'en-tête reconnue. '
                                'Pour la lire : --sheet "Actions".')
    assert sha256(demo) == before


# --- Hidden rows, ignored columns, two-row headers ----------------------------------------


def test_hidden_and_filtered_rows_are_listed_and_imported(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    for row in [HEADER, *_actions("8", 6)]:
        sheet.append(row)  # actions on rows 2 to 7
    sheet.append([])
    sheet.append(["8.9", "Action sous le tableau filtré", "", "Suspendue"])  # row 9
    sheet.auto_filter.ref = "A1:D7"
    sheet.auto_filter.add_filter_column(3, ["En cours"])
    sheet.row_dimensions[3].hidden = True  # by the filter
    sheet.row_dimensions[4].hidden = True
    sheet.row_dimensions[9].hidden = True  # by hand
    path = tmp_path / "filtre.xlsx"
    workbook.save(path)
    before, actions = sha256(demo), len(listed(capsys, "actions", demo))
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "  - Lignes masquées dans Excel, importées quand même : 9." in lines
    assert ("  - Lignes masquées par un filtre dans Excel, importées quand même : 3, 4."
            in lines)
    assert sha256(demo) == before
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    assert len(listed(capsys, "actions", demo)) == actions + 7


def test_every_column_is_recognised_or_listed_as_ignored(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("N°;Intitulé;Pilote;Statut;Commentaire;;Observations\n"
                    "8.1;Covoiturage;Hélène Barbier;En cours;à revoir;x;\n"
                    "8.2;Navette;;À lancer;;;1200\n", encoding="utf-8")
    before = sha256(demo)
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    assert ("  - Colonnes ignorées : « Commentaire » (E), colonne F sans titre, "
            "« Observations » (G).") in out.splitlines()
    assert sha256(demo) == before


def two_row_header(folder: Path) -> Path:
    """« Calendrier » merged over « Début | Fin », « Budget » over « Prévu | Réalisé »; N°
    and Intitulé merged down over both rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["N°", "Intitulé", "Calendrier", None, "Budget", None])
    sheet.append([None, None, "Début", "Fin", "Prévu", "Réalisé"])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:F1"):
        sheet.merge_cells(cells)
    sheet.append(["8.1", "Covoiturage", datetime(2025, 3, 1), datetime(2026, 6, 30), 45000,
                  12000])
    sheet.append(["8.2", "Navette", "01/09/2025", "31/12/2025", 8000, None])
    path = folder / "deux-lignes.xlsx"
    workbook.save(path)
    return path


def test_a_two_row_header_is_understood(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = two_row_header(tmp_path)
    before, actions = sha256(demo), len(listed(capsys, "actions", demo))
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "(feuille « Plan », en-tête ligne 2) : 2 actions" in lines[0]
    assert ("  - En-tête sur deux lignes (1 et 2) : « Calendrier Début », « Calendrier Fin », "
            "« Budget Prévu », « Budget Réalisé ».") in lines  # « Réalisé »: what was spent
    assert sha256(demo) == before
    code, _, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    found = {action["code"]: action for action in listed(capsys, "actions", demo)}
    assert len(found) == actions + 2
    new = found["8.1"] if found["8.1"]["title"] == "Covoiturage" else None
    assert new is not None
    assert (new["start_date"], new["end_date"], new["budget_planned"], new["budget_spent"]) == (
        "2025-03-01", "2026-06-30", "45000.00", "12000.00")


# --- Too big -------------------------------------------------------------------------------


def test_a_csv_of_too_many_rows_is_refused(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "enorme.csv"
    lines = ["N°;Intitulé;Pilote"] + [f"{n};Action {n};Hélène Barbier"
                                      for n in range(1, MAX_ROWS + 2)]
    path.write_text("\n".join(lines), encoding="utf-8")
    before, actions = sha256(demo), len(listed(capsys, "actions", demo))
    for extra in ((), ("--dry-run",)):
        code, out, err = run_cli(capsys, "import", "actions", demo, path, *extra)
        assert_refused(code, out, err, "Le fichier « enorme.csv » compte plus de 5\u202f000 "
                                       "lignes")
    assert sha256(demo) == before
    assert len(listed(capsys, "actions", demo)) == actions


def test_a_workbook_of_too_many_rows_is_refused(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Annuaire")
    sheet.append(["Nom", "Prénom", "Structure"])
    for n in range(MAX_ROWS + 1):
        sheet.append([f"Nom {n}", "Zoé", "Mairie"])
    path = tmp_path / "enorme.xlsx"
    workbook.save(path)
    before, contacts = sha256(demo), len(listed(capsys, "contacts", demo))
    code, out, err = run_cli(capsys, "import", "contacts", demo, path)
    assert_refused(code, out, err, "Le fichier « enorme.xlsx » compte plus de 5\u202f000 "
                                   "lignes (feuille « Annuaire »)")
    assert sha256(demo) == before
    assert len(listed(capsys, "contacts", demo)) == contacts


# --- Formats Excel writes that openpyxl does not read as such -----------------------------


def test_a_strict_open_xml_workbook_gets_what_to_do(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = strict_workbook(tmp_path)
    before = sha256(demo)
    for kind in ("actions", "contacts"):
        code, out, err = run_cli(capsys, "import", kind, demo, path, "--dry-run")
        assert_refused(code, out, err, "« Classeur Open XML strict »")
        assert "enregistrez-le au format « Classeur Excel (.xlsx) »" in err
    code, out, err = run_cli(capsys, "import", "updates", demo, path)
    assert_refused(code, out, err, "« Classeur Open XML strict »")
    assert sha256(demo) == before


@pytest.mark.filterwarnings("error")  # a warning let through would fail the import
def test_library_warnings_never_reach_the_officer(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sheet carrying an extension openpyxl does not support (Excel's data validation
    lists): openpyxl warns while reading the rows; the officer sees only Charte's lines."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Plan"
    for row in [HEADER, *_actions("8", 2)]:
        workbook.active.append(row)
    path = tmp_path / "extensions.xlsx"
    workbook.save(path)
    extension = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
                 b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                 b"<x14:dataValidations count=\"0\"/></ext></extLst></worksheet>")
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", extension)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    assert_clean(out, err)
    assert "2 actions" in out.splitlines()[0]


def test_a_utf16_unicode_text_file_from_excel_is_read(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"  # Excel: Enregistrer sous › « Texte Unicode (*.txt) »
    rows = [HEADER, *_actions("8", 2), ["8.3", "Zone à faibles émissions", "", "À lancer"]]
    path.write_bytes("\r\n".join("\t".join(row) for row in rows).encode("utf-16"))
    assert path.read_bytes().startswith(b"\xff\xfe")
    actions = len(listed(capsys, "actions", demo))
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, ""), err
    assert out.startswith("3 actions importées")
    titles = {action["title"] for action in listed(capsys, "actions", demo)}
    assert len(titles) == actions + 3
    assert "Zone à faibles émissions" in titles


# --- Text --------------------------------------------------------------------------------


def test_control_characters_in_a_title_are_cleaned_at_the_boundary(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("N°;Intitulé;Pilote\n"
                    "8.1;Covoiturage\x1b[31m rouge;Hélène Barbier\n"
                    "8.2;Navette\x0bestivale\x01;\n"
                    "8.3;\ufeffVélos\uffff partagés\ufffe;\n", encoding="utf-8")
    actions = len(listed(capsys, "actions", demo))
    code, _, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    found = {action["code"]: action["title"] for action in listed(capsys, "actions", demo)}
    assert len(found) == actions + 3
    assert found["8.1"] == "Covoiturage[31m rouge"
    assert found["8.2"].startswith("Navette") and found["8.2"].endswith("estivale")
    assert not any(CONTROLS.search(title) for title in found.values())
    assert found["8.3"] == "\ufeffVélos partagés"  # a stray BOM is text, not a control


def test_control_characters_in_workbook_cells_are_cleaned(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["N°", "Intitulé", "Description"])
    workbook.active.append(["8.1", "Covoiturage", "Deux lignes\r\nsuite"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    title_with_escape = b"<t>Covoiturage_x001B_ rouge</t>"  # how Excel stores ESC in XML
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, data in parts.items():
        if b"<t>Covoiturage</t>" in data:
            parts[name] = data.replace(b"<t>Covoiturage</t>", title_with_escape)
        elif b">Covoiturage<" in data:
            parts[name] = data.replace(b">Covoiturage<", b">Covoiturage_x001B_ rouge<")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    code, _, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    found = {action["code"]: action["title"] for action in listed(capsys, "actions", demo)}
    assert found["8.1"] == "Covoiturage rouge"
