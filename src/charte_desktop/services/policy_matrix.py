"""Actions × public policies: which actions of a plan contribute to which policy (seed 000:
integrating the charter into the territory's other plans)."""

from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from charte_desktop.db import Database
from charte_desktop.db.history import CHANGED, record_plain_writes
from charte_desktop.db.models import Action, Policy, action_policy
from charte_desktop.services.action_details import list_policies
from charte_desktop.services.action_rows import natural_key
from charte_desktop.services.common import get_or_fail


@dataclass(frozen=True)
class MatrixRow:
    action_id: int
    code: str
    title: str
    policy_ids: frozenset[int]


@dataclass(frozen=True)
class PolicyMatrix:
    policies: list[Policy]
    rows: list[MatrixRow]  # in the plan's code order

    def count(self, policy_id: int) -> int:
        """How many actions of the plan contribute to the policy."""
        return sum(1 for row in self.rows if policy_id in row.policy_ids)


def policy_matrix(db: Database, plan_id: int) -> PolicyMatrix:
    with db.session() as session:
        actions = session.execute(
            select(Action.id, Action.code, Action.title).where(Action.plan_id == plan_id)).all()
        tags: dict[int, set[int]] = {}
        for action_id, policy_id in session.execute(
            select(action_policy.c.action_id, action_policy.c.policy_id)
            .join(Action, Action.id == action_policy.c.action_id)
            .where(Action.plan_id == plan_id)
        ):
            tags.setdefault(action_id, set()).add(policy_id)
    rows = [MatrixRow(a.id, a.code, a.title, frozenset(tags.get(a.id, ()))) for a in actions]
    rows.sort(key=lambda row: (natural_key(row.code), row.action_id))
    return PolicyMatrix(list_policies(db), rows)


def set_action_policy(db: Database, action_id: int, policy_id: int, tagged: bool) -> None:
    """Tag (or untag) one action with one policy; doing it twice changes nothing."""
    with db.session() as session:
        get_or_fail(session, Action, action_id, "L'action")
        get_or_fail(session, Policy, policy_id, "La politique publique")
        link = (action_policy.c.action_id == action_id) & (
            action_policy.c.policy_id == policy_id)
        present = session.execute(select(action_policy).where(link)).first() is not None
        if tagged and not present:
            session.execute(insert(action_policy).values(action_id=action_id,
                                                         policy_id=policy_id))
        elif not tagged and present:
            session.execute(delete(action_policy).where(link))
        else:
            return
        record_plain_writes(session, "action", CHANGED, [action_id], ("policies",))
