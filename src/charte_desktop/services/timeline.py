"""The plan's calendar (a Gantt chart): the filtered actions grouped by axis, with their
dates, milestones, progress and lateness.

How an action is placed depends on the dates it has (`Dating`):
- start and end: a bar from the start to the end date (both days included);
- only a start, or only an end date: a single mark on that day, never an invented bar —
  the window says which date is missing;
- no date: the action is still listed (under its axis) with nothing drawn but its dated
  milestones, so that the officer sees what remains to be scheduled.

The actions are the list's own rows (`actions.list_actions`, same filters, same lateness),
so the calendar and the list always agree. A milestone is overdue when it is not done, its
due date is before today and its action is « à lancer » or « en cours » (the milestones
that make an action late: `action_rows.milestone_overdue`).

Three queries whatever the size of the plan: the plan's period with its axes, the list's
rows, the milestones.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy import text as sql_text

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.db.models import Axis, Plan
from charte_desktop.services.action_rows import (
    ACTIVE_STATUSES,
    ActionRow,
    natural_key,
    read_day,
)
from charte_desktop.services.actions import ActionFilter, list_actions
from charte_desktop.text import clean_line

NO_AXIS_TITLE = "Sans axe"


class Dating(Enum):
    """Which of its dates an action has, hence how the calendar draws it."""

    SPAN = "span"  # start and end: a bar
    START_ONLY = "start_only"  # a mark on the start day
    END_ONLY = "end_only"  # a mark on the end day
    UNDATED = "undated"  # nothing to place but its milestones


class TimelineMilestone(NamedTuple):  # named tuples: thousands are built at each refresh
    id: int
    title: str
    due_date: date | None  # a milestone without a date is listed, not drawn
    done: bool
    overdue: bool


class TimelineAction(NamedTuple):
    id: int
    plan_id: int
    code: str
    title: str
    status: DisplayStatus  # computed: "en retard" when it applies
    late: bool
    pilot_name: str | None
    start_date: date | None
    end_date: date | None
    progress: int  # 0 to 100
    milestones: tuple[TimelineMilestone, ...]

    @property
    def dating(self) -> Dating:
        if self.start_date is not None and self.end_date is not None:
            return Dating.SPAN
        if self.start_date is not None:
            return Dating.START_ONLY
        if self.end_date is not None:
            return Dating.END_ONLY
        return Dating.UNDATED

    def dates(self) -> list[date]:
        """Every date of the action that the calendar places."""
        found = [d for d in (self.start_date, self.end_date) if d is not None]
        found.extend(m.due_date for m in self.milestones if m.due_date is not None)
        return found


@dataclass(frozen=True)
class TimelineGroup:
    """An axis heading and the matching actions placed directly under it."""

    axis_id: int | None  # None: the actions without axis
    code: str
    title: str
    depth: int  # 0 for an axis of the plan, 1 for a sub-axis…
    actions: tuple[TimelineAction, ...]
    plan_id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(frozen=True)
class Timeline:
    today: date
    period_start: date | None  # the plan's period, when only one plan is read
    period_end: date | None
    first: date  # the days the calendar must cover: the period and every placed date
    last: date
    groups: tuple[TimelineGroup, ...]  # plan by plan, each with its "Sans axe" last
    plans: dict[int, str] = field(default_factory=dict)  # titles of the plans read, by id

    @property
    def actions(self) -> list[TimelineAction]:
        return [action for group in self.groups for action in group.actions]


@dataclass(frozen=True)
class _AxisNode:
    id: int
    plan_id: int
    parent_id: int | None
    code: str
    title: str


def build_timeline(
    db: Database, filters: ActionFilter | None = None, *, today: date | None = None
) -> Timeline:
    """The actions matching `filters` (as in the plan's list), grouped by axis in the plan's
    order (sub-axes under their axis, "Sans axe" last), by code within an axis."""
    filters = filters or ActionFilter()
    today = today or clock.today()
    with db.session() as session:
        period, plans, axes = _plan_axes(session.connection(), filters.plan_id)
    actions, days = _actions(db, filters, today)
    by_axis: dict[int | None, list[TimelineAction]] = {}
    for action_axis, action in actions:  # in the list's order: by plan, then code
        by_axis.setdefault(action_axis, []).append(action)
    groups = _groups(list(plans), axes, by_axis)
    first, last = _bounds(period, days, today)
    return Timeline(today, period[0], period[1], first, last, tuple(groups), plans)


def _plan_axes(
    connection: Any, plan_id: int | None
) -> tuple[tuple[date | None, date | None], dict[int, str], list[_AxisNode]]:
    """The plan's period (None, None for several plans), the plans' titles by id and
    their axes, each level in order."""
    query = (
        select(Plan.id, Plan.title, Plan.period_start, Plan.period_end, Axis.id,
               Axis.parent_id, Axis.code, Axis.title)
        .outerjoin(Axis, Axis.plan_id == Plan.id)
        .order_by(Plan.id, Axis.position, Axis.id)
    )
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    periods: dict[int, tuple[date | None, date | None]] = {}
    plans: dict[int, str] = {}
    axes: list[_AxisNode] = []
    for plan, plan_title, start, end, axis_id, parent_id, code, title in connection.execute(
        query
    ):
        plans[plan] = plan_title
        periods[plan] = (start, end)
        if axis_id is not None:
            axes.append(_AxisNode(axis_id, plan, parent_id, code or "", title))
    # A file holding a single plan: "every plan" is that plan, with its period.
    period = next(iter(periods.values())) if len(periods) == 1 else (None, None)
    return period, plans, axes


_MILESTONES_SQL = """
SELECT milestone.action_id, milestone.id, milestone.title, milestone.due_date, milestone.done
FROM milestone JOIN action ON action.id = milestone.action_id
{where}
ORDER BY milestone.due_date IS NULL, milestone.due_date, milestone.id"""  # undated last


def _actions(
    db: Database, filters: ActionFilter, today: date
) -> tuple[list[tuple[int | None, TimelineAction]], set[date]]:
    """(axis id, action) for every action of the list's filtered rows, with its
    milestones, and every day they place. Thousands of milestones: the loop is kept free
    of calls it can avoid (a due date read once per distinct day)."""
    rows = list_actions(db, filters, today=today)
    days = {d for row in rows for d in (row.start_date, row.end_date) if d is not None}
    read: dict[object, date | None] = {None: None}
    milestones: dict[int, list[TimelineMilestone]] = {row.id: [] for row in rows}
    # Only an active action's milestones can be overdue (`action_rows.milestone_overdue`).
    active = {row.id for row in rows if row.stored_status in ACTIVE_STATUSES}
    one_plan = filters.plan_id is not None
    with db.session() as session:
        records = session.connection().execute(
            sql_text(_MILESTONES_SQL.format(
                where="WHERE action.plan_id = :plan_id" if one_plan else "")),
            {"plan_id": filters.plan_id} if one_plan else {}).all()
    for action_id, milestone_id, title, due_text, done in records:
        bucket = milestones.get(action_id)
        if bucket is not None:
            # Read past the column types, as the list's rows are (see action_rows).
            if due_text in read:
                due = read[due_text]
            else:
                due = read[due_text] = read_day(due_text)
                if due is not None:
                    days.add(due)
            done = bool(done)
            overdue = (not done and due is not None and due < today
                       and action_id in active)
            bucket.append(TimelineMilestone(milestone_id, clean_line(title), due, done,
                                            overdue))
    return [(row.axis_id, _action(row, milestones[row.id])) for row in rows], days


def _action(row: ActionRow, milestones: list[TimelineMilestone]) -> TimelineAction:
    late = row.status is DisplayStatus.LATE
    return TimelineAction(
        row.id, row.plan_id, row.code, row.title, row.status, late, row.pilot_name,
        row.start_date, row.end_date, row.progress, tuple(milestones),
    )


def _groups(
    plans: list[int], axes: list[_AxisNode], by_axis: dict[int | None, list[TimelineAction]]
) -> list[TimelineGroup]:
    """Plan by plan, axis headings in tree order (an axis appears when it or a sub-axis has
    actions), then the plan's actions without axis."""
    children: dict[tuple[int, int | None], list[_AxisNode]] = {}
    for axis in axes:
        children.setdefault((axis.plan_id, axis.parent_id), []).append(axis)
    groups: list[TimelineGroup] = []
    placed: set[int] = set()

    def walk(plan_id: int, parent_id: int | None, depth: int) -> bool:
        """Add the headings under `parent_id`; whether any of them holds an action."""
        any_action = False
        for axis in children.get((plan_id, parent_id), []):
            if axis.id in placed:  # a damaged file with a cycle of axes
                continue
            placed.add(axis.id)
            heading = len(groups)
            members = by_axis.get(axis.id, [])
            groups.append(TimelineGroup(axis.id, axis.code, axis.title, depth, tuple(members),
                                        plan_id))
            below = walk(plan_id, axis.id, depth + 1)
            if not members and not below:
                del groups[heading:]
            any_action |= bool(members) or below
        return any_action

    by_plan: dict[int, list[TimelineGroup]] = {}
    for plan_id in plans:
        walk(plan_id, None, 0)
        by_plan[plan_id], groups[:] = list(groups), []
    # Actions of no axis, or of an axis the walk did not reach (a damaged tree).
    unplaced: dict[int, list[TimelineAction]] = {}
    for axis_id, members in by_axis.items():
        if axis_id not in placed:
            for action in members:
                unplaced.setdefault(action.plan_id, []).append(action)
    ordered: list[TimelineGroup] = []
    for plan_id in plans:
        ordered.extend(by_plan[plan_id])
        leftovers = unplaced.get(plan_id)
        if leftovers:
            leftovers.sort(key=lambda a: (natural_key(a.code), a.id))
            ordered.append(TimelineGroup(None, "", NO_AXIS_TITLE, 0, tuple(leftovers), plan_id))
    return ordered


def _bounds(
    period: tuple[date | None, date | None], dates: Iterable[date], today: date
) -> tuple[date, date]:
    """The first and last day to show: the plan's period widened to every placed date; the
    current year when there is nothing to place."""
    known = [d for d in (*period, *dates) if d is not None]
    if not known:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return min(known), max(known)
