"""Workbooks that must not be merged are recognised, explained in French, and leave the
file byte-identical: untrusted files, other workbooks, other files or plans, altered
structures, newer formats."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from charte_desktop.db import Database, create_database
from charte_desktop.errors import CharteError
from charte_desktop.exports import update_layout as layout
from charte_desktop.exports.update_workbook import write_update_workbook
from charte_desktop.imports.updates import load_update
from charte_desktop.services import plans
from tests.imports.bad_workbooks import BAD_WORKBOOKS, good_workbook
from tests.updates.workbooks import fill


@pytest.fixture
def sent(demo_db: Database, plan_id: int, camille: int, tmp_path: Path) -> Path:
    path = write_update_workbook(demo_db, tmp_path / "envoye.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    return fill(path, actions={"1.5": {"new_status": "En cours"}})


def refused(db: Database, path: Path, match: str) -> None:
    """The import is refused with `match` in its message and the file is untouched."""
    before = db.path.read_bytes()
    with pytest.raises(CharteError, match=match):
        load_update(db, path)
    assert db.path.read_bytes() == before
    assert not db.path.with_name(db.path.name + "-journal").exists()


@pytest.mark.parametrize("kind", sorted(BAD_WORKBOOKS))
def test_untrusted_files_are_refused(demo_db: Database, tmp_path: Path, kind: str) -> None:
    build, words = BAD_WORKBOOKS[kind]
    refused(demo_db, build(tmp_path), re.escape(words))


def test_another_workbook_is_not_an_update_workbook(demo_db: Database, tmp_path: Path) -> None:
    refused(demo_db, good_workbook(tmp_path),
            "« plan.xlsx » n'est pas un classeur de mise à jour envoyé par Charte")


def test_a_workbook_from_another_file_is_refused(
    demo_db: Database, tmp_path: Path
) -> None:
    from charte_desktop.demo import fill_small_demo

    other_path = tmp_path / "autre" / "voisins.sqlite"
    other_path.parent.mkdir()
    with create_database(other_path, fill=fill_small_demo) as other:
        path = write_update_workbook(other, tmp_path / "voisins.xlsx", plan_id=1)
    refused(demo_db, path, "préparé à partir d'un autre fichier Charte "
                           r"\(« voisins.sqlite »\) : importez-le dans ce fichier-là")


def test_a_workbook_of_a_deleted_plan_is_refused(
    demo_db: Database, plan_id: int, sent: Path
) -> None:
    plans.delete_plan(demo_db, plan_id)
    refused(demo_db, sent, "concerne le plan « Charte pour une logistique urbaine durable "
                           "et une mobilité solidaire 2025-2028 », qui n'existe plus")


def test_a_new_plan_that_reused_the_number_is_another_plan(
    demo_db: Database, plan_id: int, sent: Path
) -> None:
    plans.delete_plan(demo_db, plan_id)
    again = plans.create_plan(demo_db, plans.PlanFields(title="Nouvelle charte"))
    assert again.id == plan_id  # SQLite reuses the number of the last row deleted
    refused(demo_db, sent, "qui n'existe plus dans ce fichier")


def alter(path: Path, change: Callable[[Any], None]) -> Path:
    """Change the workbook as openpyxl allows (it ignores the protection)."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def _set(sheet: str, cell: str, value: Any) -> Callable[[Any], None]:
    def change(workbook: Any) -> None:
        workbook[sheet][cell] = value
    return change


def _swap_rows(workbook: Any) -> None:
    ws = workbook["Actions"]
    first, second = layout.ACTIONS_HEADER_ROW + 1, layout.ACTIONS_HEADER_ROW + 2
    for column in range(1, len(layout.ACTION_COLUMNS) + 1):
        a, b = ws.cell(first, column), ws.cell(second, column)
        a.value, b.value = b.value, a.value


ALTERATIONS: dict[str, tuple[Callable[[Any], None], str]] = {
    "renamed sheet": (lambda wb: setattr(wb["Actions"], "title", "Mes actions"),
                      "la feuille « Actions » a été renommée ou supprimée"),
    "deleted sheet": (lambda wb: wb.remove(wb["Indicateurs"]),
                      "la feuille « Indicateurs » a été renommée ou supprimée"),
    "deleted row": (lambda wb: wb["Actions"].delete_rows(layout.ACTIONS_HEADER_ROW + 2),
                    "la ligne 14 devait porter « 1.5 » et porte « 2.5 »"),
    "inserted row": (lambda wb: wb["Actions"].insert_rows(layout.ACTIONS_HEADER_ROW + 1),
                     "la ligne 13 devait porter « 1.1 » et porte rien"),
    "moved rows": (_swap_rows, "la ligne 13 devait porter « 1.1 » et porte « 1.5 »"),
    "added row": (_set("Actions", "A17", "9.9"), "la ligne 17 a été ajoutée sous le tableau"),
    "deleted column": (lambda wb: wb["Actions"].delete_cols(3),
                       "la colonne « Axe » n'est plus en C12 : on y lit « Pilote »"),
    "inserted column": (lambda wb: wb["Indicateurs"].insert_cols(2),
                        "feuille « Indicateurs », la colonne « Unité » n'est plus en B6 : "
                        "elle est vide"),
    "added column": (_set("Actions", "L12", "Remarques"),
                     "une colonne « Remarques » a été ajoutée"),
    "renamed header": (_set("Actions", "I12", "Statut"),
                       "la colonne « Nouveau statut » n'est plus en I12"),
    "identity edited": (_set("Charte", "D16", 999),  # another action behind row 14
                        "sa feuille d'identification ne correspond plus à ses feuilles"),
    "identity emptied": (_set("Charte", "B6", None),
                         "sa feuille d'identification est incomplète"),
}


@pytest.mark.parametrize("what", sorted(ALTERATIONS))
def test_an_altered_structure_is_recognised(demo_db: Database, sent: Path, what: str) -> None:
    change, detail = ALTERATIONS[what]
    refused(demo_db, alter(sent, change), "La structure du classeur « envoye.xlsx » a été "
                                          rf"modifiée \(.*{detail}.*\) : Charte ne peut pas")


def test_a_workbook_of_a_newer_charte_is_refused(demo_db: Database, sent: Path) -> None:
    alter(sent, _set("Charte", "B3", layout.FORMAT_VERSION + 1))
    refused(demo_db, sent, "préparé par une version plus récente de Charte")


def test_a_workbook_whose_identity_sheet_lost_its_marker_is_not_ours(
    demo_db: Database, sent: Path
) -> None:
    alter(sent, _set("Charte", "B2", "autre chose"))
    refused(demo_db, sent, "n'est pas un classeur de mise à jour")
