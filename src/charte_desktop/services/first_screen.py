"""The first screen's data read with the standard library's sqlite3 alone.

The window shows Plan d'actions while SQLAlchemy (over half a second to import) loads in
the background. The actions are read by the list's own query (action_rows); the plans and
axes by two small queries returning what `plans.list_plans` (ids and titles, same order)
and `plans.list_axes` return, which the tests compare on the demo and the large territory.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date

from charte_desktop import clock
from charte_desktop.services.action_rows import ActionRow, action_rows, actions_sql
from charte_desktop.services.action_rows import subtree_ids as action_subtree
from charte_desktop.services.plan_order import plan_order
from charte_desktop.services.tree_order import parents_first


@dataclass(frozen=True)
class PlanChoice:
    id: int
    title: str


@dataclass(frozen=True)
class AxisNode:
    id: int
    parent_id: int | None
    code: str
    title: str


def read_plans(connection: sqlite3.Connection) -> list[PlanChoice]:
    """The plans in the order of the plan selector: newest period first, then by title."""
    rows = connection.execute("SELECT id, title, period_start FROM plan").fetchall()
    rows.sort(key=lambda row: plan_order(row[2], row[1], row[0]))
    return [PlanChoice(id_, title) for id_, title, _start in rows]


def read_axes(connection: sqlite3.Connection, plan_id: int) -> list[AxisNode]:
    """The plan's axes, parents before children, each level in its order."""
    rows = connection.execute(
        "SELECT id, parent_id, code, title FROM axis WHERE plan_id = ? ORDER BY position, id",
        (plan_id,)).fetchall()
    return parents_first((AxisNode(*row) for row in rows), lambda a: a.id,
                         lambda a: a.parent_id)


def read_actions(connection: sqlite3.Connection, plan_id: int, *,
                 today: date | None = None) -> list[ActionRow]:
    """The plan's actions as the list shows them (the list's own query, see action_rows)."""
    today = today or clock.today()
    return action_rows(connection.execute(actions_sql(today, one_plan=True),
                                          {"plan_id": plan_id}))


def subtree_ids(axes: list[AxisNode], axis_id: int) -> set[int]:
    """`axis_id` and every axis below it: what choosing an axis in the tree shows."""
    return action_subtree({axis.id: axis.parent_id for axis in axes}, axis_id)
