"""What one line of the actions list holds, and the order of action codes.

Kept apart from `services.actions` (which needs SQLAlchemy) because the window's first
screen builds these rows with the standard library alone (see `first_screen`).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from charte_desktop.db.enums import ActionStatus, DisplayStatus, Priority
from charte_desktop.text import fold

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
    text: str | None = None  # in code, title or description; ignores case and accents


@dataclass(frozen=True)
class ActionRow:
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


