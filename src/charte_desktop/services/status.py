"""The computed "en retard" status of an action, in Python and in SQL.

An action is late (DisplayStatus.LATE) when its stored status is "à lancer" or "en cours"
and either its end date is before today, or one of its milestones is not done although its
due date is before today. A date equal to today is not late yet. Done, suspended and
abandoned actions are never late.

The Python functions and the SQL expression implement the same rule, so that what the
officer sees on a fiche and what a filter on "En retard" returns always agree.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, String, and_, case, exists, false, or_, type_coerce

from charte_desktop import clock
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.models import Action, Milestone

# Stored statuses for which lateness can apply.
ACTIVE_STATUSES: tuple[ActionStatus, ...] = (ActionStatus.TO_START, ActionStatus.IN_PROGRESS)


def is_late(
    status: ActionStatus,
    end_date: date | None,
    milestones: Iterable[tuple[date | None, bool]] = (),
    *,
    today: date | None = None,
) -> bool:
    """The rule on plain values; `milestones` are (due_date, done) pairs."""
    today = today or clock.today()
    if status not in ACTIVE_STATUSES:
        return False
    if end_date is not None and end_date < today:
        return True
    return any(
        not done and due_date is not None and due_date < today for due_date, done in milestones
    )


def display_status(status: ActionStatus, late: bool) -> DisplayStatus:
    """What the officer sees for a stored status, given whether the action is late."""
    return DisplayStatus.LATE if late else DisplayStatus(status.value)


def action_is_late(action: Action, *, today: date | None = None) -> bool:
    """The rule on one action; its milestones must be loaded (see actions.get_action)."""
    return is_late(
        action.status,
        action.end_date,
        ((milestone.due_date, milestone.done) for milestone in action.milestones),
        today=today,
    )


def action_display_status(action: Action, *, today: date | None = None) -> DisplayStatus:
    """The status shown for one action; its milestones must be loaded."""
    return display_status(action.status, action_is_late(action, today=today))


def late_condition(today: date | None = None) -> ColumnElement[bool]:
    """The rule as a SQL condition on `Action`, for WHERE clauses and selected columns.

    The milestone part is a correlated EXISTS: a query listing actions stays one query.
    """
    today = today or clock.today()
    overdue_milestone = exists().where(
        Milestone.action_id == Action.id,
        Milestone.done == false(),
        Milestone.due_date.is_not(None),
        Milestone.due_date < today,
    )
    return and_(
        Action.status.in_(ACTIVE_STATUSES),
        or_(and_(Action.end_date.is_not(None), Action.end_date < today), overdue_milestone),
    )


def display_status_expression(today: date | None = None) -> ColumnElement[str]:
    """The displayed status's key as a SQL expression (e.g. to count actions per status).

    Its values are DisplayStatus values: wrap a result with `DisplayStatus(value)`.
    """
    return case(
        (late_condition(today), DisplayStatus.LATE.value),
        else_=type_coerce(Action.status, String),
    )
