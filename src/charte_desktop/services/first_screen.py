"""The first screen's data read with the standard library's sqlite3 alone.

The window shows Plan d'actions while SQLAlchemy (over half a second to import) loads in
the background. These reads return exactly what `plans.list_plans` (ids and titles, same
order), `plans.list_axes` and `actions.list_actions` on one plan return; the tests compare
them on the demo and on the large territory, so the two can never drift apart silently.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from charte_desktop import clock
from charte_desktop.db.enums import ActionStatus, DisplayStatus, Priority
from charte_desktop.services.action_rows import ActionRow, natural_key
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


# The lateness rule of services/status.py (late_condition), on the stored values: enums by
# value, dates as ISO text (which compare as dates), booleans as 0/1, money as cents.
_LATE = """
    a.status IN ('to_start', 'in_progress') AND (
        (a.end_date IS NOT NULL AND a.end_date < :today)
        OR EXISTS (SELECT 1 FROM milestone m WHERE m.action_id = a.id AND m.done = 0
                   AND m.due_date IS NOT NULL AND m.due_date < :today))
"""

_ACTIONS = f"""
SELECT a.id, a.plan_id, a.code, a.title, a.status, {_LATE} AS late, a.priority, a.axis_id,
       x.code, x.title, a.pilot_id, c.first_name, c.last_name, a.start_date, a.end_date,
       a.progress, a.budget_planned, a.budget_committed, a.budget_spent
FROM action a
LEFT OUTER JOIN axis x ON x.id = a.axis_id
LEFT OUTER JOIN contact c ON c.id = a.pilot_id
WHERE a.plan_id = :plan_id
"""


def read_plans(connection: sqlite3.Connection) -> list[PlanChoice]:
    """The plans in the order of the plan selector: newest period first, then by title."""
    rows = connection.execute(
        "SELECT id, title FROM plan ORDER BY period_start DESC, title").fetchall()
    return [PlanChoice(id_, title) for id_, title in rows]


def read_axes(connection: sqlite3.Connection, plan_id: int) -> list[AxisNode]:
    """The plan's axes, parents before children, each level in its order."""
    rows = connection.execute(
        "SELECT id, parent_id, code, title FROM axis WHERE plan_id = ? ORDER BY position, id",
        (plan_id,)).fetchall()
    return parents_first((AxisNode(*row) for row in rows), lambda a: a.id,
                         lambda a: a.parent_id)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _euros(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def read_actions(connection: sqlite3.Connection, plan_id: int, *,
                 today: date | None = None) -> list[ActionRow]:
    """The plan's actions as the list shows them, ordered by code ("2.9" before "2.10")."""
    parameters = {"plan_id": plan_id, "today": (today or clock.today()).isoformat()}
    rows: list[ActionRow] = []
    for (id_, plan, code, title, status, late, priority, axis_id, axis_code, axis_title,
         pilot_id, first_name, last_name, start, end, progress, planned, committed,
         spent) in connection.execute(_ACTIONS, parameters):
        stored = ActionStatus(status)
        rows.append(ActionRow(
            id_, plan, code, title,
            DisplayStatus.LATE if late else DisplayStatus(status), stored,
            None if priority is None else Priority(priority),
            axis_id, axis_code, axis_title, pilot_id,
            None if pilot_id is None else f"{first_name or ''} {last_name or ''}".strip(),
            _day(start), _day(end), progress,
            _euros(planned), _euros(committed), _euros(spent),
        ))
    rows.sort(key=lambda row: (row.plan_id, natural_key(row.code), row.id))
    return rows


def subtree_ids(axes: list[AxisNode], axis_id: int) -> set[int]:
    """`axis_id` and every axis below it: what choosing an axis in the tree shows."""
    children: dict[int | None, list[int]] = {}
    for axis in axes:
        children.setdefault(axis.parent_id, []).append(axis.id)
    found, pending = set(), [axis_id]
    while pending:
        current = pending.pop()
        found.add(current)
        pending.extend(children.get(current, []))
    return found
