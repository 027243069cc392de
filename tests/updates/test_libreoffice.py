"""A pilot working in LibreOffice: the workbook re-saved by LibreOffice keeps its drop-down,
its protection and its identity, and comes back with the same answers."""

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from charte_desktop.db import Database
from charte_desktop.exports import update_layout as layout
from charte_desktop.exports.update_workbook import write_update_workbook
from charte_desktop.imports.updates import load_update, read_update_workbook
from charte_desktop.services.update_merge import apply_update
from tests.exports.libreoffice import SOFFICE, convert
from tests.updates.workbooks import fill

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run l'installe)")


def test_a_workbook_resaved_by_libreoffice_is_recognised_with_the_same_answers(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    sent = write_update_workbook(demo_db, tmp_path / "envoye.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    filled = fill(sent, tmp_path / "rempli.xlsx",
                  actions={"1.5": {"new_status": "En cours", "new_progress": 35,
                                   "comment": "Opérateur retenu ; « lancement » en octobre."}},
                  indicators={"Concentration": {"value": 24.5,
                                                "measure_date": datetime(2026, 9, 30)}})
    resaved = convert(filled, "xlsx", tmp_path)

    workbook = load_workbook(resaved)
    assert workbook["Charte"].sheet_state == "hidden"
    ws = workbook[layout.ACTIONS_SHEET]
    assert ws.protection.sheet
    statuses = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert statuses.formula1 == '"À lancer,En cours,Réalisée,Suspendue,Abandonnée"'
    assert not statuses.showDropDown
    assert not ws.cell(layout.ACTIONS_HEADER_ROW + 1, 9).protection.locked

    assert read_update_workbook(resaved).actions == read_update_workbook(filled).actions
    assert (read_update_workbook(resaved).measurements
            == read_update_workbook(filled).measurements)
    review = load_update(demo_db, resaved)
    assert [c.describe() for c in review.changes] == [
        "Indicateur « Concentration moyenne en dioxyde d'azote dans la Grande Rue » au "
        "30/09/2026 : (aucune valeur) → 24,5 µg/m³ (dernière valeur : 25,9 µg/m³ au "
        f"{review.changes[0].hint.rsplit(' au ', 1)[1]})",
        "Statut : Suspendue → En cours",
        "Avancement : 20 % → 35 %",
        "Journal de suivi : + « Opérateur retenu ; « lancement » en octobre. »",
    ]
    applied = apply_update(demo_db, review, [c.key for c in review.changes])
    assert applied.accepted == 4
