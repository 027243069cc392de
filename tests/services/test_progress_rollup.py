"""Weighted progress rolled up to axes and plans; weights typed the French way."""

from decimal import Decimal

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details, actions, plans
from charte_desktop.services.action_details import CriterionFields
from charte_desktop.services.actions import ActionFields
from charte_desktop.services.plans import AxisFields, PlanFields
from charte_desktop.services.progress_rollup import (
    Rollup,
    plan_rollup,
    plan_rollups,
    progress_text,
)
from charte_desktop.services.weights import NOT_A_WEIGHT, checked_weight, weight_text


@pytest.fixture
def plan_id(db: Database) -> int:
    return plans.create_plan(db, PlanFields("Projet de territoire")).id


def axis(db: Database, plan_id: int, code: str, parent_id: int | None = None) -> int:
    return plans.create_axis(db, AxisFields(plan_id, f"Axe {code}", code, parent_id)).id


def action(db: Database, plan_id: int, code: str, axis_id: int | None, progress: int,
           weight: Decimal | int | str = 1,
           status: ActionStatus = ActionStatus.IN_PROGRESS) -> int:
    return actions.create_action(db, ActionFields(
        plan_id=plan_id, code=code, title=f"Action {code}", axis_id=axis_id,
        progress=progress, weight=weight, status=status)).id


def percent(rollup: Rollup) -> Decimal | None:
    value = rollup.percent
    return None if value is None else value.quantize(Decimal("0.01"))


def test_an_axis_weighs_its_actions(db: Database, plan_id: int) -> None:
    mobility = axis(db, plan_id, "1")
    action(db, plan_id, "1.1", mobility, 50, weight=2)
    action(db, plan_id, "1.2", mobility, 20)  # weight 1 by default
    rollup = plan_rollup(db, plan_id)
    assert percent(rollup.axis(mobility)) == Decimal("40.00")  # (2×50 + 20) / 3
    assert progress_text(rollup.axis(mobility)) == "40\u00a0%"
    assert percent(rollup.plan) == Decimal("40.00")


def test_decimal_weights_count_as_typed(db: Database, plan_id: int) -> None:
    energy = axis(db, plan_id, "2")
    action(db, plan_id, "2.1", energy, 100, weight="1,5")
    action(db, plan_id, "2.2", energy, 0, weight="0,5")
    assert actions.get_action(db, action(db, plan_id, "2.3", None, 0, "0,25")).weight \
        == Decimal("0.25")
    assert percent(plan_rollup(db, plan_id).axis(energy)) == Decimal("75.00")  # 1,5 / 2


def test_weight_zero_and_abandoned_actions_are_left_out(db: Database, plan_id: int) -> None:
    health = axis(db, plan_id, "3")
    action(db, plan_id, "3.1", health, 80)
    action(db, plan_id, "3.2", health, 0, weight=0)
    action(db, plan_id, "3.3", health, 0, weight=5, status=ActionStatus.ABANDONED)
    assert percent(plan_rollup(db, plan_id).axis(health)) == Decimal("80.00")


def test_sub_axes_roll_up_into_their_parents(db: Database, plan_id: int) -> None:
    top = axis(db, plan_id, "1")
    middle = axis(db, plan_id, "1.1", top)
    leaf = axis(db, plan_id, "1.1.1", middle)
    sibling = axis(db, plan_id, "1.2", top)
    action(db, plan_id, "A", leaf, 100, weight=3)
    action(db, plan_id, "B", middle, 0)
    action(db, plan_id, "C", top, 50)
    action(db, plan_id, "D", None, 10)  # no axis: the plan only
    rollup = plan_rollup(db, plan_id)
    assert percent(rollup.axis(leaf)) == Decimal("100.00")
    assert percent(rollup.axis(middle)) == Decimal("75.00")  # (300 + 0) / 4
    assert percent(rollup.axis(top)) == Decimal("70.00")  # (300 + 0 + 50) / 5
    assert percent(rollup.no_axis) == Decimal("10.00")
    assert percent(rollup.plan) == Decimal("60.00")  # (300 + 50 + 10) / 6
    assert rollup.axis(sibling).percent is None  # no action: no figure, not 0 %


def test_an_empty_axis_or_plan_has_no_figure(db: Database, plan_id: int) -> None:
    empty = axis(db, plan_id, "9")
    other = plans.create_plan(db, PlanFields("Contrat local de santé")).id
    only_zero = axis(db, other, "1")
    action(db, other, "1.1", only_zero, 40, weight=0)
    rollups = plan_rollups(db, [plan_id, other])
    assert rollups[plan_id].axis(empty).percent is None
    assert rollups[plan_id].plan.percent is None
    assert progress_text(rollups[plan_id].plan) == "—"
    assert rollups[other].axis(only_zero).percent is None
    assert rollups[other].plan.percent is None


def test_the_weight_is_edited_and_copied(db: Database, plan_id: int) -> None:
    action_id = action(db, plan_id, "1", None, 0, weight="2,25")
    fields = ActionFields(plan_id=plan_id, code="1", title="Action 1", weight="3")
    assert actions.update_action(db, action_id, fields).weight == Decimal(3)
    assert actions.duplicate_action(db, action_id).weight == Decimal(3)


@pytest.mark.parametrize("typed", ["abc", "-1", "", " ", None, "1,5,2", "NaN", "inf"])
def test_a_bad_weight_is_refused_in_french(db: Database, plan_id: int,
                                           typed: str | None) -> None:
    with pytest.raises(CharteError) as info:
        action(db, plan_id, "1", None, 0, weight=typed)  # type: ignore[arg-type]
    assert (info.value.field, info.value.message) == ("weight", NOT_A_WEIGHT)
    assert NOT_A_WEIGHT == "Le poids doit être 0 ou plus, par exemple 1,5."
    assert actions.list_actions(db) == []


def test_weights_have_two_decimals_at_most_and_a_maximum() -> None:
    assert checked_weight("1,5") == Decimal("1.5")
    assert checked_weight(" 2 ") == Decimal(2)
    assert checked_weight("1,50") == Decimal("1.5")
    assert checked_weight(Decimal("20.00")) == Decimal(20)
    with pytest.raises(CharteError, match=r"deux décimales au plus.*1,255"):
        checked_weight("1,255")
    with pytest.raises(CharteError, match="au plus 100 \\(saisi : 150\\)"):
        checked_weight("150")
    assert [weight_text(Decimal(v)) for v in ("1.5", "2", "0.25", "20", "1.50")] == [
        "1,5", "2", "0,25", "20", "1,5"]


def test_criteria_weights_have_decimals_in_the_ranking(db: Database, plan_id: int) -> None:
    for existing in action_details.list_criteria(db):
        action_details.delete_criterion(db, existing.id)
    ease = action_details.create_criterion(db, CriterionFields("Facilité", "1,5")).id
    will = action_details.create_criterion(db, CriterionFields("Volonté", "0,25")).id
    first = action(db, plan_id, "1", None, 0)
    second = action(db, plan_id, "2", None, 0)
    action_details.set_scores(db, first, {ease: 3, will: 1})  # 4,5 + 0,25
    action_details.set_scores(db, second, {ease: 1, will: 3})  # 1,5 + 0,75
    ranking = action_details.priority_ranking(db, plan_id)
    assert [(r.action_id, r.score, r.rank) for r in ranking] == [
        (first, Decimal("4.75"), 1), (second, Decimal("2.25"), 2)]
    assert [c.weight for c in action_details.list_criteria(db)] == [
        Decimal("1.5"), Decimal("0.25")]
    with pytest.raises(CharteError, match="Le poids doit être supérieur à 0"):
        action_details.update_criterion(db, ease, CriterionFields("Facilité", "abc"))
    assert action_details.list_criteria(db)[0].weight == Decimal("1.5")
