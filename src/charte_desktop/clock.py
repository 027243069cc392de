"""The one place Charte reads the date and time from.

Every "today" of the core and of the windows comes from `today()`, every timestamp from
`now()`; nothing else asks the standard library for the date or the time. So a test, a
demo or a screenshot can set the day once and see the whole program agree on it:

- `fixed(day)`, a context manager, fixes the day inside this process (tests);
- the environment variable `CHARTE_TODAY=YYYY-MM-DD` fixes it for a whole process and
  the programs it starts (the tests' command-line subprocesses, demos dated on purpose).
  `fixed()` wins over the variable.

With a fixed day, `now()` keeps the computer's time of day on that day: timestamps still
move forward within a run, and their local date is `today()`.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

ENVIRONMENT_VARIABLE = "CHARTE_TODAY"

_fixed: date | None = None


def _environment_day() -> date | None:
    text = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{ENVIRONMENT_VARIABLE}={text!r}: expected a date written YYYY-MM-DD"
        ) from None


def fixed_day() -> date | None:
    """The day the clock is fixed to, or None when it follows the computer's."""
    return _fixed if _fixed is not None else _environment_day()


def today() -> date:
    """Today's date (the computer's local day, unless fixed)."""
    day = fixed_day()
    return day if day is not None else date.fromtimestamp(time.time())


def now() -> datetime:
    """The current moment, aware, in UTC (on the fixed day, if any, at the current time)."""
    day = fixed_day()
    moment = time.time()
    if day is None:
        return datetime.fromtimestamp(moment, UTC)
    wall = datetime.fromtimestamp(moment)  # local time of day, carried over to the fixed day
    return datetime.combine(day, wall.time()).astimezone(UTC)


@contextmanager
def fixed(day: date) -> Iterator[date]:
    """Fix `today()` to `day` (and `now()` to that day) until the block ends."""
    global _fixed
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"fixed() takes a date, not {type(day).__name__}")
    previous, _fixed = _fixed, day
    try:
        yield day
    finally:
        _fixed = previous
