"""French formats for text outside Qt (command line, documents): 14/03/2026, 1 234,50 €."""

from datetime import date, time
from decimal import Decimal

from charte_desktop.money import to_money

NARROW_NBSP = "\u202f"  # thousands separator of French typography
NBSP = "\u00a0"  # before the euro sign


def format_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")
# The usual French abbreviations (four letters at most, "mai", "juin" and "août" whole).
MONTH_ABBREVIATIONS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                       "sept.", "oct.", "nov.", "déc.")


def format_long_date(value: date | None) -> str:
    """E.g. "jeudi 14 mars 2026", "lundi 1er juin 2026" (for documents)."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{_WEEKDAYS[value.weekday()]} {day} {MONTH_NAMES[value.month - 1]} {value.year}"


def format_time(value: time | None) -> str:
    """"09h30": what the window's hour fields show and read back (their input mask)."""
    return "" if value is None else value.strftime("%Hh%M")


def format_hour(value: time | None) -> str:
    """An hour as French documents write it: "9 h 30", "14 h" (no-break spaces)."""
    if value is None:
        return ""
    if value.minute:
        return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{value.hour}{NBSP}h"


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """A number the French way; `decimals=None` keeps the digits it has."""
    if value is None:
        return ""
    number = Decimal(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + NARROW_NBSP.join(groups)
    return f"{result},{fraction}" if fraction else result


def format_money(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return f"{format_number(to_money(value), 2)}{NBSP}€"


def format_value(value: object, *, money: bool = False) -> str:
    """Any value of a listing as the officer reads it: labels, dates, French numbers."""
    if value is None:
        return ""
    if money:
        return format_money(value)  # type: ignore[arg-type]
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return format_time(value)
    if isinstance(value, Decimal | int):
        return format_number(value)
    return str(value)
