"""French public holidays (jours fériés) and the days a meeting should not fall on.

Computed for any year, never listed: the eight fixed holidays, and the three that follow
Easter, itself found by the Gregorian computus (the anonymous algorithm of 1876, also
called Meeus/Jones/Butcher). Alsace-Moselle's two extra days are not counted.
"""

from datetime import date, timedelta
from functools import cache

from charte_desktop.formatting import MONTH_NAMES

WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# (month, day) → its name; the label reads « 14 juillet — Fête nationale ».
FIXED_HOLIDAYS = {
    (1, 1): "Jour de l'an",
    (5, 1): "Fête du Travail",
    (5, 8): "Victoire 1945",
    (7, 14): "Fête nationale",
    (8, 15): "Assomption",
    (11, 1): "Toussaint",
    (11, 11): "Armistice 1918",
    (12, 25): "Noël",
}
# Days after Easter Sunday → the holiday's own name.
EASTER_HOLIDAYS = {1: "lundi de Pâques", 39: "Ascension", 50: "lundi de Pentecôte"}


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (2025 → 20/04/2025)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _day_and_month(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]}"


@cache
def public_holidays(year: int) -> dict[date, str]:
    """Every French public holiday of the year, with its label (« 1er mai — Fête du
    Travail », « lundi de Pâques »)."""
    days = {}
    for (month, number), name in FIXED_HOLIDAYS.items():
        day = date(year, month, number)
        days[day] = f"{_day_and_month(day)} — {name}"
    sunday = easter(year)
    for offset, name in EASTER_HOLIDAYS.items():
        try:
            days[sunday + timedelta(days=offset)] = name
        except OverflowError:  # past 31/12/9999
            continue
    return days


def holiday_name(day: date) -> str:
    """The holiday's label, or "" on a working day."""
    return public_holidays(day.year).get(day, "")


def day_warning(day: date | None) -> str:
    """Why a meeting on this day may be a mistake: « dimanche », « lundi de Pâques »,
    « 14 juillet — Fête nationale », « samedi, 1er mai — Fête du Travail »; "" when fine."""
    if not isinstance(day, date):
        return ""
    reasons = []
    if day.weekday() >= 5:
        reasons.append(WEEKDAY_NAMES[day.weekday()])
    holiday = holiday_name(day)
    if holiday:
        reasons.append(holiday)
    return ", ".join(reasons)


def day_warning_sentence(day: date | None) -> str:
    """The meeting form's notice: « Attention : le 14/07/2027 est un jour férié (14 juillet
    — Fête nationale). »; "" when the day is fine."""
    if not isinstance(day, date):
        return ""
    holiday = holiday_name(day)
    shown = day.strftime("%d/%m/%Y")
    if holiday:
        weekend = f", un {WEEKDAY_NAMES[day.weekday()]}" if day.weekday() >= 5 else ""
        return f"Attention : le {shown} est un jour férié ({holiday}){weekend}."
    if day.weekday() >= 5:
        return f"Attention : le {shown} est un {WEEKDAY_NAMES[day.weekday()]}."
    return ""
