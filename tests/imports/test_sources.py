"""Opening a file to import: the sheet the officer sees, never another one silently."""

from pathlib import Path

import pytest

from charte_desktop.errors import CharteError
from charte_desktop.imports.action_plan import ACTION_FIELDS
from charte_desktop.imports.sources import NoHeader, open_source


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Sommaire"
    workbook.active.append(["Sommaire du document"])
    plan = workbook.create_sheet("Actions")
    plan.append(["N°", "Intitulé", "Pilote"])
    plan.append(["1", "Covoiturage", "Zoé Lefèvre"])
    workbook.save(path)
    return path


def test_the_active_sheet_is_read_and_sheets_with_a_header_are_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "plan.xlsx")
    with pytest.raises(NoHeader) as raised:
        open_source(path, ACTION_FIELDS)
    assert raised.value.message.startswith("Aucune ligne d'en-tête reconnue dans la feuille "
                                           "« Sommaire »")
    assert raised.value.message.endswith("La feuille « Actions » a une ligne d'en-tête "
                                         "reconnue.")
    assert raised.value.sheets_with_header == ["Actions"]
    opened = open_source(path, ACTION_FIELDS, "Actions")
    assert opened.sheets == ["Sommaire", "Actions"]
    assert (opened.table.sheet, opened.header.line, opened.header_problem) == ("Actions", 1, "")


def test_without_header_the_window_gets_the_first_row_and_the_reason(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "plan.xlsx")
    with pytest.raises(CharteError, match="Aucune ligne d'en-tête reconnue"):
        open_source(path, ACTION_FIELDS, "Sommaire")
    opened = open_source(path, ACTION_FIELDS, "Sommaire", strict=False)
    assert opened.header.line == 1
    assert opened.header_problem.startswith("Aucune ligne d'en-tête reconnue dans la feuille "
                                            "« Sommaire »")
    assert opened.sheets_with_header == ["Actions"]
