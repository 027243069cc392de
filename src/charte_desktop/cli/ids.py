"""Record numbers given on the command line (--meeting N°, --plan N°, --action N°…).

SQLite stores ids as signed 64-bit integers; a Python int beyond that range makes the
sqlite3 driver raise OverflowError when the id is bound to a query. `record_id` parses the
number in the argparse layer: a number too large for SQLite becomes a `BeyondSqliteId`,
which every query binds as +infinity, so that no row matches and the use case says its own
French « … n° N est introuvable. » (exit 1), with the number as typed.
"""

import re

SQLITE_MAX_ID = 2**63 - 1
_NUMBER = re.compile(r"[+-]?[0-9]+")


class BeyondSqliteId(int):
    """An id above SQLite's range: shown as typed, never equal to any stored id."""

    def __conform__(self, protocol: object) -> float:
        # sqlite3 asks an object it cannot bind natively how to bind itself: a REAL above
        # every 64-bit integer compares unequal to every id (and is not a valid id to store).
        return float("inf")


def record_id(text: str) -> int:
    """An integer id (ASCII digits, optionally signed); beyond SQLite's range, not found."""
    value = text.strip()
    if not _NUMBER.fullmatch(value):
        raise ValueError(text)  # argparse: « argument --plan : valeur invalide 'x' », exit 2
    digits = value.lstrip("+-").lstrip("0") or "0"
    if value.startswith("-"):
        # Ids below 1 are absent for every use case (« … est introuvable. »), whatever
        # their size: they are never bound to a query.
        return -1 if len(digits) > 19 else int(value)
    if len(digits) > 19 or int(digits) > SQLITE_MAX_ID:
        # int() refuses more than 4300 digits: such a number is shown cut to 4000.
        return BeyondSqliteId(int(digits[:4000]))
    return int(digits)
