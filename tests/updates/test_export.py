"""The update workbook sent to a pilot: their actions, protected, yellow cells to fill,
a drop-down of statuses, and an identity hidden away."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, Contact
from charte_desktop.errors import CharteError
from charte_desktop.exports import update_layout as layout
from charte_desktop.exports.update_workbook import (
    EDITABLE_FILL,
    write_pilot_workbooks,
    write_update_workbook,
)
from charte_desktop.services.actions import ActionFields, create_action
from tests.updates.workbooks import action_row

NOW = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)


@pytest.fixture
def workbook_path(demo_db: Database, camille: int, plan_id: int, tmp_path: Path) -> Path:
    # Sent today: the demo's dates are around today, so is lateness.
    return write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)


def codes(ws) -> list[str]:  # type: ignore[no-untyped-def]
    return [ws.cell(row, 1).value
            for row in range(layout.ACTIONS_HEADER_ROW + 1, ws.max_row + 1)]


def test_the_pilot_gets_their_actions_with_what_they_need_to_answer(
    workbook_path: Path
) -> None:
    workbook = load_workbook(workbook_path)
    assert [ws.title for ws in workbook.worksheets] == ["Actions", "Indicateurs", "Charte"]
    ws = workbook["Actions"]
    assert codes(ws) == ["1.1", "1.5", "2.5", "3.1"]
    header = [cell.value for cell in ws[layout.ACTIONS_HEADER_ROW]]
    assert header == [column.header for column in layout.ACTION_COLUMNS]
    late = action_row(ws, "2.5")
    assert ws.cell(late, 4).value == "Camille Roussel"
    assert ws.cell(late, 5).value == "En retard"  # the status the officer sees
    milestones = ws.cell(late, 8).value
    assert re.fullmatch(r"Réunion de lancement avec les trois principaux employeurs "
                        r"\(\d\d/\d\d/20\d\d, en retard\)", milestones)
    assert ws.cell(2, 1).value == "Pilote : Camille Roussel"
    assert ws.cell(3, 1).value == (f"Classeur envoyé le {clock.today():%d/%m/%Y} par "
                                   "Communauté de communes du Val d'Aubrance.")
    instructions = " ".join(str(ws.cell(row, column).value or "")
                            for row in range(5, 12) for column in (1, 2))
    for words in ("cellules jaunes", "liste déroulante", "de 0 à 100", "journal de suivi",
                  "Feuille « Indicateurs »", "format Excel (.xlsx)"):
        assert words in instructions


def test_only_the_yellow_cells_are_unlocked_and_the_sheets_are_protected(
    workbook_path: Path
) -> None:
    workbook = load_workbook(workbook_path)
    assert workbook.security.lockStructure  # no renaming, moving, unhiding of sheets
    assert workbook["Charte"].sheet_state == "hidden"
    for title, columns, header in (
        ("Actions", layout.ACTION_COLUMNS, layout.ACTIONS_HEADER_ROW),
        ("Indicateurs", layout.INDICATOR_COLUMNS, layout.INDICATORS_HEADER_ROW),
    ):
        ws = workbook[title]
        assert ws.protection.sheet and not ws.protection.password
        for row in range(header + 1, ws.max_row + 1):
            for number, column in enumerate(columns, start=1):
                cell = ws.cell(row, number)
                computed = cell.value == layout.PROGRESS_FROM_MILESTONES
                editable = column.editable and not computed
                assert cell.protection.locked is not editable, (title, cell.coordinate)
                yellow = cell.fill.fgColor.rgb.endswith(EDITABLE_FILL)
                assert yellow is editable, (title, cell.coordinate)
    assert workbook["Charte"].protection.sheet


def test_status_is_a_drop_down_of_the_french_labels_and_progress_a_whole_number(
    workbook_path: Path
) -> None:
    ws = load_workbook(workbook_path)["Actions"]
    validations = {dv.type: dv for dv in ws.data_validations.dataValidation}
    statuses = validations["list"]
    assert statuses.formula1 == '"À lancer,En cours,Réalisée,Suspendue,Abandonnée"'
    assert statuses.formula1.strip('"').split(",") == [s.label for s in ActionStatus]
    assert not statuses.showDropDown  # True would hide the arrow (inverted in the format)
    assert statuses.showErrorMessage and "En retard" in statuses.error
    first, last = layout.ACTIONS_HEADER_ROW + 1, layout.ACTIONS_HEADER_ROW + 4
    assert str(statuses.sqref) == f"I{first}:I{last}"
    whole = validations["whole"]
    assert (whole.formula1, whole.formula2, str(whole.sqref)) == ("0", "100",
                                                                  f"J{first}:J{last}")


def test_progress_following_milestones_is_not_asked(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["Actions"]
    row = action_row(ws, "3.1")
    assert ws.cell(row, 10).value == layout.PROGRESS_FROM_MILESTONES
    assert ws.cell(row, 10).protection.locked


def test_indicators_of_the_pilots_actions_with_a_date_to_confirm(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["Indicateurs"]
    header = layout.INDICATORS_HEADER_ROW
    lines = [[ws.cell(row, n).value for n in range(1, 8)]
             for row in range(header + 1, ws.max_row + 1)]
    names = [line[0] for line in lines]
    assert names == [
        "Aires de livraison réaménagées",
        "Concentration moyenne en dioxyde d'azote dans la Grande Rue",
        "Taux de vacance commerciale du centre-bourg",
        "Entreprises signataires de la charte",
    ]
    no2 = lines[1]
    assert no2[1] == "µg/m³" and no2[2] == "1.1, 1.5"  # one line, two actions
    today = datetime.combine(clock.today(), datetime.min.time())
    assert all(line[6] == today for line in lines)  # proposed date: the day it is sent
    validations = {dv.type for dv in ws.data_validations.dataValidation}
    assert validations == {"date", "decimal"}


def test_identity_is_hidden_in_the_workbook(
    workbook_path: Path, demo_db: Database, plan_id: int, camille: int
) -> None:
    ws = load_workbook(workbook_path)["Charte"]
    values = {ws.cell(row, 1).value: ws.cell(row, 2).value for row in range(1, 20)}
    assert values["format"] == layout.FORMAT_MARKER
    assert values["plan"] == plan_id and values["pilot"] == camille
    assert values["pilot_name"] == "Camille Roussel"
    assert values["file_name"] == "charte.sqlite"
    assert len(values["file"]) == len(values["export"]) == 32
    assert len(values["signature"]) == 64


def test_each_export_has_its_own_identity(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    tokens = set()
    for name in ("a.xlsx", "b.xlsx"):
        path = write_update_workbook(demo_db, tmp_path / name, plan_id=plan_id,
                                     pilot_id=camille)
        ws = load_workbook(path)["Charte"]
        tokens.add(next(ws.cell(row, 2).value for row in range(1, 20)
                        if ws.cell(row, 1).value == "export"))
    assert len(tokens) == 2


def test_one_workbook_for_all_the_actions(
    demo_db: Database, plan_id: int, tmp_path: Path
) -> None:
    path = write_update_workbook(demo_db, tmp_path / "tous.xlsx", plan_id=plan_id, now=NOW)
    ws = load_workbook(path)["Actions"]
    assert len(codes(ws)) == 15 and codes(ws)[:2] == ["1.1", "1.2"]
    assert ws.cell(2, 1).value == "Toutes les actions du plan"
    assert ws.cell(3, 1).value.startswith("Classeur envoyé le 31/03/2026 par ")


def test_user_text_never_becomes_a_formula(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    create_action(demo_db, ActionFields(plan_id=plan_id, code="9.9", title="=1+1",
                                        pilot_id=camille))
    path = write_update_workbook(demo_db, tmp_path / "f.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    ws = load_workbook(path)["Actions"]
    cell = ws.cell(action_row(ws, "9.9"), 2)
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_one_workbook_per_pilot_in_a_folder(
    demo_db: Database, plan_id: int, tmp_path: Path
) -> None:
    seen: list[tuple[int, int, str]] = []
    written = write_pilot_workbooks(
        demo_db, tmp_path, plan_id=plan_id, now=NOW,
        progress=lambda done, total, name: seen.append((done, total, name)) is None,
    )
    names = sorted(path.name for path in written)
    assert len(written) == 9 and all(path.is_file() for path in written)
    assert "Mise à jour - Camille Roussel - 2026-03-31.xlsx" in names
    assert seen[0][:2] == (0, 9) and seen[-1] == (9, 9, "")


def test_stopping_the_series_keeps_what_was_written(
    demo_db: Database, plan_id: int, tmp_path: Path
) -> None:
    written = write_pilot_workbooks(demo_db, tmp_path, plan_id=plan_id,
                                    progress=lambda done, total, name: done < 2)
    assert len(written) == 2 and len(list(tmp_path.glob("*.xlsx"))) == 2


def test_a_contact_without_actions_gets_no_workbook(
    demo_db: Database, plan_id: int, tmp_path: Path
) -> None:
    piloting = select(Action.pilot_id).where(Action.pilot_id.is_not(None))
    with demo_db.session() as session:
        idle = session.scalars(select(Contact.id).where(Contact.id.not_in(piloting))).first()
    assert idle is not None
    with pytest.raises(CharteError, match=r"Aucune action pilotée par .* dans le plan"):
        write_update_workbook(demo_db, tmp_path / "x.xlsx", plan_id=plan_id, pilot_id=idle)
    assert not (tmp_path / "x.xlsx").exists()
