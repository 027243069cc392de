"""The Priorisation view: every action of a plan with its scores per criterion, weighted
score and rank, and the priority level the officer decides from them."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, Priority
from charte_desktop.db.models import Action, PriorityCriterion, PriorityScore
from charte_desktop.errors import CharteError
from charte_desktop.services.action_details import list_criteria, priority_ranking
from charte_desktop.services.common import get_or_fail


@dataclass(frozen=True)
class PriorityRow:
    action_id: int
    code: str
    title: str
    status: ActionStatus
    scores: dict[int, int]  # criterion id → 0..3; criteria not scored are absent
    score: Decimal  # sum of weight × score: weights have decimals (1,5)
    rank: int
    priority: Priority | None

    @property
    def scored_count(self) -> int:
        return len(self.scores)


@dataclass(frozen=True)
class PriorityTable:
    criteria: list[PriorityCriterion]
    rows: list[PriorityRow]  # best score first


def priority_table(db: Database, plan_id: int) -> PriorityTable:
    """Three queries whatever the plan's size: ranking, scores, priorities."""
    ranking = priority_ranking(db, plan_id)
    scores: dict[int, dict[int, int]] = {}
    with db.session() as session:
        for action_id, criterion_id, score in session.execute(
            select(PriorityScore.action_id, PriorityScore.criterion_id, PriorityScore.score)
            .join(Action, Action.id == PriorityScore.action_id)
            .where(Action.plan_id == plan_id)
        ):
            scores.setdefault(action_id, {})[criterion_id] = score
        priorities: dict[int, Priority | None] = {
            action_id: priority for action_id, priority in session.execute(
                select(Action.id, Action.priority).where(Action.plan_id == plan_id))}
    rows = [PriorityRow(r.action_id, r.code, r.title, r.status, scores.get(r.action_id, {}),
                        r.score, r.rank, priorities.get(r.action_id)) for r in ranking]
    return PriorityTable(list_criteria(db), rows)


def set_priority(db: Database, action_id: int, priority: Priority | None) -> None:
    """The officer's decision for one action (None: not decided yet)."""
    if priority is not None and not isinstance(priority, Priority):
        raise CharteError("La priorité choisie n'est pas valide.", field="priority")
    with db.session() as session:
        get_or_fail(session, Action, action_id, "L'action").priority = priority


def suggested_priorities(rows: list[PriorityRow]) -> dict[int, Priority]:
    """A starting point the officer can accept: the best third of the scored actions
    "haute", the next third "moyenne", the rest "basse". Ties share the better level;
    actions scored on no criterion get no suggestion."""
    scored = [row for row in rows if row.scored_count]
    if not scored:
        return {}
    suggestion: dict[int, Priority] = {}
    size = len(scored)
    for row in scored:
        better = sum(1 for other in scored if other.score > row.score)  # rank - 1
        if better < size / 3:
            suggestion[row.action_id] = Priority.HIGH
        elif better < 2 * size / 3:
            suggestion[row.action_id] = Priority.MEDIUM
        else:
            suggestion[row.action_id] = Priority.LOW
    return suggestion
