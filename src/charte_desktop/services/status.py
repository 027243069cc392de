"""The computed "en retard" status of an action, for SQLAlchemy queries.

The rule itself is written once, as SQL, in `action_rows.late_sql`; this module makes it
a SQLAlchemy condition (filters, counts) and reads the displayed status of actions by id
(a fiche, an update workbook), so that what the officer sees on a fiche, in the list and
behind a filter on « En retard » always agree.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Boolean, ColumnElement, String, case, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from charte_desktop import clock
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.models import Action
from charte_desktop.services.action_rows import ACTIVE_STATUSES, late_sql

__all__ = ["ACTIVE_STATUSES", "display_status", "display_status_expression",
           "display_statuses", "late_condition"]


def display_status(status: ActionStatus, late: bool) -> DisplayStatus:
    """What the officer sees for a stored status, given whether the action is late."""
    return DisplayStatus.LATE if late else DisplayStatus(status.value)


def late_condition(today: date | None = None) -> ColumnElement[bool]:
    """The rule as a SQL condition on `Action`, for WHERE clauses and selected columns.

    The milestone part is a correlated EXISTS: a query listing actions stays one query.
    """
    return literal_column(late_sql(today or clock.today()), type_=Boolean())


def display_status_expression(today: date | None = None) -> ColumnElement[str]:
    """The displayed status's key as a SQL expression (e.g. to count actions per status).

    Its values are DisplayStatus values: wrap a result with `DisplayStatus(value)`.
    """
    return case(
        (late_condition(today), DisplayStatus.LATE.value),
        else_=type_coerce(Action.status, String),
    )


def display_statuses(session: Session, action_ids: Iterable[int], *,
                     today: date | None = None) -> dict[int, DisplayStatus]:
    """The status the officer sees for each of these actions, in one query."""
    ids = list(action_ids)
    if not ids:
        return {}
    query = select(Action.id, display_status_expression(today)).where(Action.id.in_(ids))
    return {action_id: DisplayStatus(value) for action_id, value in session.execute(query)}
