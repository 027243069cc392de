"""Dates and hours as an officer types them into a form, read the French way.

Dates: 14/03/2026, 14032026, 14/3/26, 1/3/2027, 14.03.2026, 14-03-2026, 140326, and 14/03
(this year). Hours: 14:30, 14h30, 14h, 1430, 9h05, 9:05, 905, 14. Empty text is "no value";
anything else that cannot be read raises TypedValueError with a French message naming what
was typed, so nothing typed is dropped in silence.
"""

import re
from datetime import date, time

DATE_EXAMPLE = "14/03/2026"
TIME_EXAMPLE = "14:30"
# Years a plan, a meeting or a measurement can fall in: "0026" is a typing slip.
FIRST_YEAR, LAST_YEAR = 1900, 2199

_SEPARATED_DATE = re.compile(r"(\d{1,2})[/.\-\s](\d{1,2})(?:[/.\-\s](\d{2}|\d{4}))?")
_DIGITS_DATE = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")
_SEPARATED_TIME = re.compile(r"(\d{1,2})\s*[:hH.]\s*(\d{2})?")
_DIGITS_TIME = re.compile(r"(\d{1,2})(\d{2})?")


class TypedValueError(ValueError):
    """What was typed is not a date (or an hour); the message is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _full_year(digits: str) -> int:
    # Two digits are this century's: a plan typed "14/3/26" runs in 2026, not 1926.
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def parse_typed_date(text: str, today: date) -> date | None:
    """The date typed in `text`, None when it is empty; `today` gives the missing year."""
    typed = text.strip()
    if not typed:
        return None
    match = _SEPARATED_DATE.fullmatch(typed) or _DIGITS_DATE.fullmatch(typed)
    if match is None:
        raise TypedValueError(
            f"« {typed} » n'est pas une date (exemple : {DATE_EXAMPLE})."
        )
    day, month, year = match.groups()
    full_year = _full_year(year) if year else today.year
    if not FIRST_YEAR <= full_year <= LAST_YEAR:
        raise TypedValueError(
            f"L'année de « {typed} » est hors de la plage {FIRST_YEAR}–{LAST_YEAR}."
        )
    try:
        return date(full_year, int(month), int(day))
    except ValueError:
        raise TypedValueError(f"La date « {typed} » n'existe pas.") from None


def parse_typed_time(text: str) -> time | None:
    """The hour typed in `text`, None when it is empty."""
    typed = text.strip()
    if not typed:
        return None
    match = _SEPARATED_TIME.fullmatch(typed) or _DIGITS_TIME.fullmatch(typed)
    if match is None:
        raise TypedValueError(f"« {typed} » n'est pas une heure (exemple : {TIME_EXAMPLE}).")
    hours, minutes = match.groups()
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise TypedValueError(f"L'heure « {typed} » n'existe pas.") from None
