"""Priorisation table and actions × policies matrix of a plan."""

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import Priority
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details, policy_matrix, prioritisation
from charte_desktop.services.action_details import CriterionFields, PolicyFields
from charte_desktop.services.actions import ActionFields, create_action, get_action
from charte_desktop.services.plans import PlanFields, create_plan
from tests.query_counter import count_selects


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte")).id


def test_table_ranks_by_weighted_score_with_scores_per_criterion(
    db: Database, plan_id: int
) -> None:
    easy = action_details.create_criterion(db, CriterionFields("Coût", weight=1)).id
    will = action_details.create_criterion(db, CriterionFields("Urgence", weight=3)).id
    bike = create_action(db, ActionFields(plan_id, "1.2", "Vélo")).id
    bus = create_action(db, ActionFields(plan_id, "1.10", "Bus", priority=Priority.LOW)).id
    idle = create_action(db, ActionFields(plan_id, "2", "Pas notée")).id
    action_details.set_scores(db, bike, {easy: 3, will: 1})  # 6
    action_details.set_scores(db, bus, {will: 3})  # 9
    table = prioritisation.priority_table(db, plan_id)
    assert {"Coût", "Urgence", "Facilité"} <= {c.name for c in table.criteria}
    assert [(r.action_id, r.score, r.rank, r.scores, r.priority) for r in table.rows] == [
        (bus, 9, 1, {will: 3}, Priority.LOW),
        (bike, 6, 2, {easy: 3, will: 1}, None),
        (idle, 0, 3, {}, None),
    ]


def test_setting_the_priority_level(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1", "Vélo")).id
    prioritisation.set_priority(db, action, Priority.HIGH)
    assert get_action(db, action).priority is Priority.HIGH
    prioritisation.set_priority(db, action, None)
    assert get_action(db, action).priority is None
    with pytest.raises(CharteError, match="introuvable"):
        prioritisation.set_priority(db, 9999, Priority.HIGH)


def row(action_id: int, score: int, scored: bool = True) -> prioritisation.PriorityRow:
    return prioritisation.PriorityRow(action_id, str(action_id), "", None,  # type: ignore[arg-type]
                                      {1: 1} if scored else {}, score, 0, None)


def test_suggestion_splits_scored_actions_in_thirds_ties_together() -> None:
    rows = [row(1, 9), row(2, 9), row(3, 6), row(4, 5), row(5, 3), row(6, 0), row(7, 0, False)]
    assert prioritisation.suggested_priorities(rows) == {
        1: Priority.HIGH, 2: Priority.HIGH, 3: Priority.MEDIUM, 4: Priority.MEDIUM,
        5: Priority.LOW, 6: Priority.LOW,
    }
    assert prioritisation.suggested_priorities([row(1, 0, False)]) == {}


def test_matrix_and_toggling_a_policy(db: Database, plan_id: int) -> None:
    pcaet = action_details.create_policy(db, PolicyFields("PAT")).id
    plh = action_details.create_policy(db, PolicyFields("Natura 2000")).id
    bike = create_action(db, ActionFields(plan_id, "1.10", "Vélo", policy_ids=[pcaet])).id
    house = create_action(db, ActionFields(plan_id, "1.2", "Habitat")).id
    other_plan = create_plan(db, PlanFields("Autre")).id
    create_action(db, ActionFields(other_plan, "1", "Ailleurs", policy_ids=[pcaet]))

    matrix = policy_matrix.policy_matrix(db, plan_id)
    assert [r.action_id for r in matrix.rows] == [house, bike]  # 1.2 before 1.10
    assert matrix.count(pcaet) == 1 and matrix.count(plh) == 0

    policy_matrix.set_action_policy(db, house, plh, True)
    policy_matrix.set_action_policy(db, house, plh, True)  # twice: still one tag
    policy_matrix.set_action_policy(db, bike, pcaet, False)
    matrix = policy_matrix.policy_matrix(db, plan_id)
    assert {r.action_id: r.policy_ids for r in matrix.rows} == {
        house: frozenset({plh}), bike: frozenset()}
    assert [p.code for p in get_action(db, house).policies] == ["Natura 2000"]
    with pytest.raises(CharteError, match="politique publique n° 999 est introuvable"):
        policy_matrix.set_action_policy(db, house, 999, True)


def test_views_take_the_same_few_queries_whatever_the_plan_size(
    db: Database, plan_id: int
) -> None:
    criterion = action_details.create_criterion(db, CriterionFields("Coût")).id
    policy = action_details.create_policy(db, PolicyFields("PAT")).id

    def selects() -> int:
        with count_selects(db) as queries:
            prioritisation.priority_table(db, plan_id)
            policy_matrix.policy_matrix(db, plan_id)
        return len(queries)

    def add(number: int) -> None:
        action = create_action(db, ActionFields(plan_id, str(number), "Action",
                                                policy_ids=[policy])).id
        action_details.set_scores(db, action, {criterion: number % 4})

    add(1)
    few = selects()
    for number in range(2, 40):
        add(number)
    assert selects() == few <= 8
