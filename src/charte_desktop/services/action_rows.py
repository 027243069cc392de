"""The actions list's one reader: its SQL, its rows, its filters, the order of codes.

The lateness rule is written here once, as SQL (`late_sql`): the list, its filters, the
timeline, the dashboard's counts and a fiche all ask the file through it.

No SQLAlchemy here: the window's first screen reads these rows with the standard
library's sqlite3 while SQLAlchemy loads (see `first_screen`); `actions.list_actions` runs
the same SQL through SQLAlchemy. The SQL is plain (no SQLite-only function), so that a
server database reads it too.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from charte_desktop.db.enums import ActionStatus, DisplayStatus, Priority
from charte_desktop.text import clean_line, fold

# Stored statuses for which lateness can apply.
ACTIVE_STATUSES: tuple[ActionStatus, ...] = (ActionStatus.TO_START, ActionStatus.IN_PROGRESS)

_NUMBERS = re.compile(r"(\d+)")


@lru_cache(maxsize=16384)  # codes repeat from one listing to the next
def natural_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key putting "2.10" after "2.9" (numbers compared as numbers)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, fold(part))
        for part in _NUMBERS.split(code)
        if part
    )


@dataclass(frozen=True)
class ActionFilter:
    """What the plan's table is filtered on; None means "any"."""

    plan_id: int | None = None
    axis_id: int | None = None  # the axis and all its sub-axes
    status: DisplayStatus | None = None
    pilot_id: int | None = None
    policy_id: int | None = None


class ActionRow(NamedTuple):
    """One line of the list. A named tuple: 2,000 are built at each refresh, five times
    faster than a frozen dataclass."""

    id: int
    plan_id: int
    code: str
    title: str
    status: DisplayStatus  # computed: "en retard" when it applies
    stored_status: ActionStatus
    priority: Priority | None
    axis_id: int | None
    axis_code: str | None
    axis_title: str | None
    pilot_id: int | None
    pilot_name: str | None  # "Prénom Nom"
    start_date: date | None
    end_date: date | None
    progress: int
    budget_planned: Decimal
    budget_committed: Decimal
    budget_spent: Decimal




def late_sql(today: date, action: str = "action") -> str:
    """The lateness rule, as a SQL condition on the table (or alias) `action`.

    An action is late when its stored status is « à lancer » or « en cours » and either
    its end date is before today, or one of its milestones is not done although its due
    date is before today. A date equal to today is not late yet. Done, suspended and
    abandoned actions are never late. Today is written as a date literal: the condition
    then goes anywhere a column does, with nothing to bind.
    """
    day = f"'{today.isoformat()}'"  # digits and hyphens only: nothing to escape
    active = ", ".join(f"'{status.value}'" for status in ACTIVE_STATUSES)
    return (
        f"({action}.status IN ({active}) AND ("
        f"({action}.end_date IS NOT NULL AND {action}.end_date < {day}) OR EXISTS ("
        f"SELECT 1 FROM milestone WHERE milestone.action_id = {action}.id "
        f"AND NOT milestone.done AND milestone.due_date IS NOT NULL "
        f"AND milestone.due_date < {day})))"
    )


def milestone_overdue(stored_status: ActionStatus, due_date: date | None, done: bool,
                      today: date) -> bool:
    """Whether a milestone in hand makes its action late (the EXISTS of `late_sql`)."""
    return (not done and due_date is not None and due_date < today
            and stored_status in ACTIVE_STATUSES)


def actions_sql(today: date, *, one_plan: bool) -> str:
    """The list's query; with `one_plan`, the parameter :plan_id chooses the plan."""
    where = "WHERE action.plan_id = :plan_id" if one_plan else ""
    return f"""
SELECT action.id, action.plan_id, action.code, action.title, action.status,
       {late_sql(today)} AS late, action.priority, action.axis_id, axis.code, axis.title,
       action.pilot_id, contact.first_name, contact.last_name, action.start_date,
       action.end_date, action.progress, action.budget_planned, action.budget_committed,
       action.budget_spent
FROM action
LEFT OUTER JOIN axis ON axis.id = action.axis_id
LEFT OUTER JOIN contact ON contact.id = action.pilot_id
{where}"""


def read_day(value: date | str | None) -> date | None:
    """A date as a driver returns it: a date, or ISO text (SQLite stores dates as text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


_STATUSES = {status.value: status for status in ActionStatus}  # a dict is faster than
_SHOWN = {status.value: status for status in DisplayStatus}  # calling the enum, 2,000 times
_PRIORITIES = {priority.value: priority for priority in Priority}
_EUROS: dict[int, Decimal] = {}  # the same amounts come back at every refresh


def _euros(cents: int) -> Decimal:
    """Amounts are stored in cents."""
    euros = _EUROS.get(cents)
    if euros is None:
        if len(_EUROS) > 50_000:
            _EUROS.clear()
        euros = _EUROS[cents] = Decimal(int(cents)).scaleb(-2)
    return euros


def action_rows(records: Iterable[Sequence[Any]], *,
                status: DisplayStatus | None = None) -> list[ActionRow]:
    """The rows of `actions_sql` (only those showing `status`, if given), as the list shows
    them, by plan then code ("2.9" before "2.10"). Rows are unpacked by position, and left
    out before being built: 2,000 rows cost more to build than to read."""
    rows: list[ActionRow] = []
    for (id_, plan, code, title, stored, late, priority, axis_id, axis_code, axis_title,
         pilot_id, first_name, last_name, start, end, progress, planned, committed,
         spent) in records:
        shown = DisplayStatus.LATE if late else _SHOWN[stored]
        if status is not None and shown is not status:
            continue
        # Read past the column types: cleaned as they would (see db.types.CleanString).
        rows.append(ActionRow(
            id_, plan, clean_line(code), clean_line(title), shown, _STATUSES[stored],
            None if priority is None else _PRIORITIES[priority],
            axis_id, None if axis_code is None else clean_line(axis_code),
            None if axis_title is None else clean_line(axis_title), pilot_id,
            None if pilot_id is None
            else clean_line(f"{first_name or ''} {last_name or ''}".strip()),
            read_day(start), read_day(end), progress,
            _euros(planned), _euros(committed), _euros(spent),
        ))
    rows.sort(key=lambda row: (row.plan_id, natural_key(row.code), row.id))
    return rows


def subtree_ids(parents: Mapping[int, int | None], axis_id: int) -> set[int]:
    """`axis_id` and every axis below it (`parents`: each axis's parent): what choosing an
    axis shows."""
    children: dict[int | None, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found, pending = set(), [axis_id]
    while pending:
        current = pending.pop()
        found.add(current)
        pending.extend(children.get(current, []))
    return found


def filter_rows(rows: Iterable[ActionRow], filters: ActionFilter, *,
                axis_parents: Mapping[int, int | None] | None = None,
                policy_actions: set[int] | None = None) -> list[ActionRow]:
    """The rows matching `filters` (its plan aside, chosen by the query). The axis filter
    needs `axis_parents`, the policy filter `policy_actions` (the ids serving it)."""
    axes = (subtree_ids(axis_parents or {}, filters.axis_id)
            if filters.axis_id is not None else None)
    return [
        row for row in rows
        if (axes is None or row.axis_id in axes)
        and (filters.status is None or row.status is filters.status)
        and (filters.pilot_id is None or row.pilot_id == filters.pilot_id)
        and (policy_actions is None or row.id in policy_actions)
    ]
