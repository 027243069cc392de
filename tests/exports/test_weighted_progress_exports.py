"""The weighted progress in the documents: the Synthèse of the tableau de suivi (read back
with openpyxl) and the fiche action (read back with python-docx)."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.exports.action_sheet import write_action_sheet
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.services import actions, plans
from charte_desktop.services.actions import ActionFields
from charte_desktop.services.plans import AxisFields, PlanFields
from tests.exports.docx_reading import open_docx
from tests.exports.xlsx_reading import open_xlsx
from tests.fixed_day import TEST_DAY

AXIS_TABLE = "Par axe (avancement et budget : actions abandonnées exclues)"
WEIGHTED = "Avancement pondéré"


@pytest.fixture
def two_plans(db: Database) -> dict[str, int]:
    """Two plans; in the first, an axis with a sub-axis, weights with decimals, an action
    of weight 0, an abandoned one and one without axis; the second has an empty axis."""
    first = plans.create_plan(db, PlanFields("Charte logistique")).id
    second = plans.create_plan(db, PlanFields("Contrat local de santé")).id
    mobility = plans.create_axis(db, AxisFields(first, "Mobilité", "1")).id
    bikes = plans.create_axis(db, AxisFields(first, "Vélo", "1.2", mobility)).id
    energy = plans.create_axis(db, AxisFields(first, "Énergie", "2", position=1)).id
    empty = plans.create_axis(db, AxisFields(second, "Prévention", "1")).id

    def action(plan: int, code: str, axis: int | None, progress: int, weight: str,
               status: ActionStatus = ActionStatus.IN_PROGRESS) -> int:
        return actions.create_action(db, ActionFields(
            plan_id=plan, code=code, title=f"Action {code}", axis_id=axis,
            progress=progress, weight=weight, status=status)).id

    ids = {
        "bike": action(first, "1.2.1", bikes, 60, "1,5"),
        "walk": action(first, "1.1", mobility, 10, "0,5"),
        "idle": action(first, "1.3", mobility, 0, "0"),
        "gone": action(first, "1.4", mobility, 0, "3", ActionStatus.ABANDONED),
        "heat": action(first, "2.1", energy, 20, "2"),
        "loose": action(first, "9", None, 80, "1"),
    }
    return {"first": first, "second": second, "mobility": mobility, "bikes": bikes,
            "energy": energy, "empty": empty, **ids}


def axis_rows(path: Path) -> list[tuple[Any, ...]]:
    ws = open_xlsx(path)["Synthèse"]
    values = [tuple(cell.value for cell in row) for row in ws.iter_rows()]
    start = next(i for i, row in enumerate(values) if row[0] == AXIS_TABLE)
    assert values[start + 1][4] == WEIGHTED
    block = []
    for row in values[start + 2:]:
        if row[0] is None:
            break
        block.append(row)
    return block


def test_the_synthese_of_one_plan_weighs_each_axis(db: Database, two_plans: dict[str, int],
                                                   tmp_path: Path) -> None:
    path = write_monitoring_workbook(db, tmp_path / "suivi.xlsx",
                                     plan_id=two_plans["first"], today=TEST_DAY)
    progress = {row[0]: row[4] for row in axis_rows(path)}
    # Mobilité: (1,5 × 60 + 0,5 × 10) / 2 (weight 0 and abandoned left out).
    assert progress["1 Mobilité"] == pytest.approx(0.475)
    assert progress["2 Énergie"] == pytest.approx(0.20)
    assert progress["Sans axe"] == pytest.approx(0.80)
    # The plan: (90 + 5 + 40 + 80) / 5.
    assert progress["Total"] == pytest.approx(0.43)


def test_the_synthese_of_every_plan_has_a_weighted_subtotal_per_plan(
    db: Database, two_plans: dict[str, int], tmp_path: Path
) -> None:
    path = write_monitoring_workbook(db, tmp_path / "suivi.xlsx", today=TEST_DAY)
    progress = {row[0]: row[4] for row in axis_rows(path)}
    # The subtotal counts the plan's axes, as the other columns of its line.
    assert progress["Sous-total Charte logistique"] == pytest.approx(0.3375)  # (95 + 40) / 4
    assert progress["1 Prévention"] in (None, "")  # no action: no figure, not 0 %
    assert progress["Sous-total Contrat local de santé"] in (None, "")
    assert progress["Total"] == pytest.approx(0.43)


def fiche_fields(db: Database, action_id: int, tmp_path: Path) -> dict[str, str]:
    path = write_action_sheet(db, action_id, tmp_path / "fiche.docx", today=TEST_DAY)
    for table in open_docx(path).tables:
        if table.rows[0].cells[0].text == "Plan":
            return {row.cells[0].text: row.cells[1].text for row in table.rows}
    raise AssertionError("no identification table")


def test_the_fiche_says_the_weight_and_the_weighted_progress_of_axis_and_plan(
    db: Database, two_plans: dict[str, int], tmp_path: Path
) -> None:
    fields = fiche_fields(db, two_plans["bike"], tmp_path)
    assert fields["Poids"] == "1,5"
    assert fields["Avancement"].split("\n") == [
        "60\u00a0%",
        "Avancement de l'axe 1.2\u00a0: 60\u00a0% (pondéré)",
        "Avancement du plan\u00a0: 43\u00a0% (pondéré)",
    ]
    assert actions.get_action(db, two_plans["bike"]).weight == Decimal("1.5")


def test_the_fiche_of_an_action_left_out_says_why(
    db: Database, two_plans: dict[str, int], tmp_path: Path
) -> None:
    idle = fiche_fields(db, two_plans["idle"], tmp_path)
    assert idle["Poids"].startswith("0 (l'action ne compte pas")
    assert "Avancement de l'axe 1\u00a0: 48\u00a0% (pondéré)" in idle["Avancement"]
    loose = fiche_fields(db, two_plans["loose"], tmp_path)
    assert loose["Avancement"].split("\n")[1:] == [
        "Avancement du plan\u00a0: 43\u00a0% (pondéré)"]


def test_a_decimal_score_keeps_its_decimals_on_the_actions_sheet() -> None:
    from decimal import Decimal

    from charte_desktop.exports.monitoring.actions_sheet import score_cell

    assert score_cell(Decimal("10.50")).decimals == 1
    assert score_cell(Decimal("10.25")).decimals == 2
    assert score_cell(Decimal("12.00")).decimals == 0 and score_cell(7).decimals == 0
