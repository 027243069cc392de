"""Importing an action plan: preview first (nothing written), then all or nothing."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import ActionStatus, Priority
from charte_desktop.db.models import Action, Axis, Contact, Plan
from charte_desktop.imports.action_plan import (
    ACTION_FIELDS,
    ActionsPreview,
    Target,
    apply_actions,
    preview_actions,
)
from charte_desktop.imports.columns import guess_header
from charte_desktop.imports.progress import ImportCancelled, Monitor
from charte_desktop.imports.table_reader import read_table
from charte_desktop.services.bulk_import import ImportRefused
from tests.imports.replace_cells import replace_cells
from tests.imports.sample_files import PLAN_TITLE, clean_plan, plan_typed_by_someone_else


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    database = open_database(demo)
    yield database
    database.close()


def _preview(db: Database, path: Path, target: Target | None = None, **kwargs: object
             ) -> ActionsPreview:
    table = read_table(path)
    return preview_actions(db, table, guess_header(table, ACTION_FIELDS), target or Target(),
                           **kwargs)  # type: ignore[arg-type]


def test_plan_typed_by_someone_else_is_previewed_right(demo_db: Database, tmp_path: Path
                                                       ) -> None:
    before = demo_db.path.read_bytes()
    preview = _preview(demo_db, plan_typed_by_someone_else(tmp_path))
    assert preview.header_line == 4
    assert preview.plan_title == PLAN_TITLE  # the merged title row above the header
    assert preview.new_axes == ["1 – Mobilité du quotidien", "2 – Logistique urbaine"]
    # Hélène Barbier is in the directory; « MARTIN Jean » and « Jean Martin » are one person.
    assert sorted(preview.new_pilots) == ["Jean Martin", "Zoé Lefèvre"]
    assert [str(problem) for problem in preview.problems] == [
        "ligne 10 : statut « En réflexion » inconnu (possibles : À lancer, En cours, "
        "Réalisée, Suspendue, Abandonnée)",
    ]
    # An unreadable date does not hold the row back: it is left empty, and said.
    assert "Ligne 7 : date « 31/02/2025 » illisible, laissée vide." in [
        str(note) for note in preview.notes]
    assert [(item.line, item.fields.code) for item in preview.actions] == [
        (6, "1.1"), (7, "1.2"), (11, "2.2")]
    first, navette, last = (item.fields for item in preview.actions)
    assert (navette.start_date, navette.end_date) == (None, date(2025, 9, 30))
    assert (first.status, first.priority, first.start_date, first.end_date,
            first.budget_planned) == (ActionStatus.IN_PROGRESS, Priority.HIGH,
                                      date(2025, 3, 1), date(2026, 6, 30), Decimal("45000.00"))
    assert first.pilot_id is not None  # the demo's Hélène Barbier
    # « mars 2025 » starts on the 1st, « déc. 2025 » ends on the 31st; « termine » is done.
    assert (last.status, last.start_date, last.end_date) == (
        ActionStatus.DONE, date(2025, 3, 1), date(2025, 12, 31))
    assert preview.counts().endswith("; 1 date illisible laissée vide ; 1 ligne a des "
                                     "problèmes")
    assert demo_db.path.read_bytes() == before
    with pytest.raises(ImportRefused, match="Import refusé : 1 problème sur 1 ligne"):
        apply_actions(demo_db, preview)
    assert demo_db.path.read_bytes() == before


def test_corrected_plan_is_imported_in_one_go(demo_db: Database, tmp_path: Path) -> None:
    path = plan_typed_by_someone_else(tmp_path)
    replace_cells(path, {"G7": "28/02/2025", "E10": "Suspendue"})
    preview = _preview(demo_db, path)
    assert preview.problems == []
    result = apply_actions(demo_db, preview)
    assert (result.new_plan, result.actions, result.axes, result.contacts) == (True, 4, 2, 2)
    with demo_db.session() as session:
        plan = session.get(Plan, result.plan_id)
        assert plan is not None and plan.title == PLAN_TITLE
        actions = {action.code: action for action in session.scalars(
            select(Action).where(Action.plan_id == plan.id))}
        assert sorted(actions) == ["1.1", "1.2", "2.1", "2.2"]
        axes = {axis.id: (axis.code, axis.title) for axis in session.scalars(
            select(Axis).where(Axis.plan_id == plan.id))}
        assert axes[actions["1.2"].axis_id] == ("1", "Mobilité du quotidien")
        assert axes[actions["2.1"].axis_id] == ("2", "Logistique urbaine")
        navette = actions["1.2"]
        assert navette.budget_planned == Decimal("12500.50")
        assert (navette.start_date, navette.end_date) == (date(2025, 2, 28), date(2025, 9, 30))
        assert navette.pilot is not None and navette.pilot.full_name == "Jean Martin"
        charter = actions["2.1"]
        assert charter.status is ActionStatus.SUSPENDED
        assert charter.end_date == date(2026, 12, 31)  # « 2026 » as a deadline
        assert charter.pilot is not None and charter.pilot.full_name == "Zoé Lefèvre"
        assert [person.full_name for person in charter.copilots] == ["Jean Martin"]
        martins = session.scalars(select(Contact).where(Contact.last_name == "Martin")).all()
        assert len(martins) == 1


def test_into_an_existing_plan_axes_are_matched_and_codes_checked(
        demo_db: Database, tmp_path: Path) -> None:
    path = clean_plan(tmp_path)
    replace_cells(path, {"C2": "Axe 2 : Développer une mobilité solidaire",
                         "C3": "développer une mobilite solidaire", "A4": "1.1",
                         "C4": "2"})
    preview = _preview(demo_db, path, Target(plan_id=1))
    assert preview.new_axes == []
    assert preview.plan_title.startswith("Charte pour une logistique urbaine")
    assert [str(problem) for problem in preview.problems] == [
        "ligne 4 : le code « 1.1 » est déjà utilisé dans le plan"]
    replace_cells(path, {"A4": "9.3"})
    result = apply_actions(demo_db, _preview(demo_db, path, Target(plan_id=1)))
    assert (result.new_plan, result.axes, result.actions) == (False, 0, 3)
    with demo_db.session() as session:
        axis_ids = set(session.scalars(select(Action.axis_id).where(Action.code.like("9.%"))))
    assert len(axis_ids) == 1 and None not in axis_ids


def test_the_use_case_rules_show_in_the_preview(demo_db: Database, tmp_path: Path) -> None:
    path = clean_plan(tmp_path)
    replace_cells(path, {"B2": "x" * 301, "G3": "01/01/2026", "H3": "31/12/2025",
                         "A4": "9.1"})
    problems = [str(problem) for problem in _preview(demo_db, path).problems]
    assert problems == [
        "ligne 2 : le champ « Intitulé » est trop long (301 caractères, 300 au plus).",
        "ligne 3 : le champ « Date de fin » (31/12/2025) doit être postérieur ou égal au "
        "champ « Date de début » (01/01/2026).",
        "ligne 4 : le code « 9.1 » est déjà celui de la ligne 2",
    ]


def test_errors_in_imported_columns_are_problems_formulas_are_not(demo_db: Database,
                                                                   tmp_path: Path) -> None:
    path = clean_plan(tmp_path)
    replace_cells(path, {"I2": "=1000*2", "G3": "#REF!", "J2": "=A1", "J3": "#N/A"})
    preview = _preview(demo_db, path)
    problems = [str(problem) for problem in preview.problems]
    # column J is not imported: its formula and its error do not matter
    assert problems == ["ligne 3 : colonne « Date de début » : cellule en erreur « #REF! »"]
    # openpyxl saves no result with a formula: the cell is read empty, and said so.
    assert ("ligne 2 : colonne « Budget prévisionnel » : formule « =1000*2 » ; le classeur "
            "n'en garde pas le résultat : cellule laissée vide (ouvrez-le et enregistrez-le "
            "dans Excel pour l'importer).") in [str(note) for note in preview.notes]


def test_rows_without_code_get_the_next_number_of_their_axis(demo_db: Database,
                                                             tmp_path: Path) -> None:
    path = clean_plan(tmp_path)
    replace_cells(path, {"A3": None, "A4": None})
    preview = _preview(demo_db, path)
    assert [item.fields.code for item in preview.actions] == ["9.1", "9.2", "9.3"]
    assert [str(note) for note in preview.notes] == [
        "2 actions sans numéro reçoivent le numéro libre suivant de son axe (par exemple "
        "« 2.4 »)."]


def test_csv_plan(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes("N°;Intitulé;Échéance;Budget\n1;Covoiturage;30/06/2026;1 500,00 €\n"
                     .encode("cp1252"))
    preview = _preview(demo_db, path)
    assert preview.problems == []
    assert preview.plan_title == "plan"
    fields = preview.actions[0].fields
    assert (fields.end_date, fields.budget_planned) == (date(2026, 6, 30), Decimal("1500.00"))


def test_cancel_while_writing_leaves_the_file_untouched(demo_db: Database, tmp_path: Path
                                                        ) -> None:
    preview = _preview(demo_db, clean_plan(tmp_path, rows=120))
    before = demo_db.path.read_bytes()
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        stages.append(stage)

    with pytest.raises(ImportCancelled, match=r"Import annulé : rien n'a été modifié\."):
        apply_actions(demo_db, preview, monitor=Monitor(
            progress=progress, cancelled=lambda: len(stages) >= 2))
    assert stages == ["Enregistrement", "Enregistrement"]
    assert demo_db.path.read_bytes() == before


def test_progress_goes_through_every_stage(demo_db: Database, tmp_path: Path) -> None:
    path = clean_plan(tmp_path, rows=120)
    seen: list[tuple[str, int, int]] = []
    monitor = Monitor(progress=lambda *report: seen.append(report))
    table = read_table(path, monitor=monitor)
    preview = preview_actions(demo_db, table, guess_header(table, ACTION_FIELDS), Target(),
                              monitor=monitor)
    apply_actions(demo_db, preview, monitor=monitor)
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == ["Lecture du fichier", "Analyse des lignes", "Vérification",
                      "Enregistrement"]
    assert seen[-1] == ("Enregistrement", 120, 120)
