"""The rules of a series of meetings, as a secretary states them: « toutes les 2 semaines »,
« tous les 3 mois, le 14 », « le 2e jeudi du mois », « le dernier vendredi du mois ».

Every date is computed from the rule and the series' start, never from the previous date,
so a series never drifts (31/01 gives 28/02 then 31/03; the 2nd Thursday stays the 2nd).
"""

import calendar
from collections.abc import Iterator
from datetime import MAXYEAR, date, timedelta

from charte_desktop.db.enums import _LABELS, LabelledEnum
from charte_desktop.formatting import MONTH_NAMES, format_date
from charte_desktop.services.holidays import WEEKDAY_NAMES


class RecurrenceRule(LabelledEnum):
    WEEKS = "weeks"
    MONTHS = "months"
    NTH_WEEKDAY = "nth_weekday"
    LAST_WEEKDAY = "last_weekday"

    @property
    def uses_weekday(self) -> bool:
        return self in (RecurrenceRule.NTH_WEEKDAY, RecurrenceRule.LAST_WEEKDAY)


_LABELS[RecurrenceRule] = {
    RecurrenceRule.WEEKS.value: "Toutes les N semaines",
    RecurrenceRule.MONTHS.value: "Tous les N mois, à la même date",
    RecurrenceRule.NTH_WEEKDAY.value: "Le Ne jour du mois (2e jeudi…)",
    RecurrenceRule.LAST_WEEKDAY.value: "Le dernier jour du mois (dernier vendredi…)",
}

RANKS = {1: "1er", 2: "2e", 3: "3e", 4: "4e"}


def _month(index: int) -> tuple[int, int] | None:
    """(year, month) of a month counted from year 0; None past the last year."""
    year, month = divmod(index, 12)
    return None if year > MAXYEAR or year < 1 else (year, month + 1)


def nth_weekday(year: int, month: int, weekday: int, rank: int) -> date:
    """The `rank`-th (1–4) `weekday` (0 = Monday) of the month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (rank - 1))


def last_weekday(year: int, month: int, weekday: int) -> date:
    """The month's last `weekday` (0 = Monday)."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# « le 2e mardi » is (2, 1); « le dernier vendredi » is (None, 4).
MonthDay = tuple[int | None, int]


def month_day_date(year: int, month: int, month_day: MonthDay) -> date:
    rank, weekday = month_day
    return (last_weekday(year, month, weekday) if rank is None
            else nth_weekday(year, month, weekday, rank))


def month_day_label(month_day: MonthDay) -> str:
    """« 2e mardi », « dernier vendredi »."""
    rank, weekday = month_day
    return f"{'dernier' if rank is None else RANKS[rank]} {WEEKDAY_NAMES[weekday]}"


MONTH_DAYS: list[MonthDay] = [(rank, weekday) for rank in (1, 2, 3, 4, None)
                              for weekday in range(7)]


def same_date(year: int, month: int, day: int) -> date:
    """The `day` of the month, clamped to its last day (31 → 28/02)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def rule_dates(rule: RecurrenceRule, start: date, every: int, until: date,
               rank: int = 1, weekday: int = 0) -> Iterator[date]:
    """The series' dates from `start` to `until` included. Weekly and monthly series start
    on `start`; the weekday rules on the first day of the rule on or after `start`, then
    every `every` months from that one."""
    if rule is RecurrenceRule.WEEKS:
        for index in range(0, (until - start).days // 7 // every + 1):
            yield start + timedelta(weeks=index * every)
        return

    def in_month(year: int, month: int) -> date:
        if rule is RecurrenceRule.NTH_WEEKDAY:
            return nth_weekday(year, month, weekday, rank)
        if rule is RecurrenceRule.LAST_WEEKDAY:
            return last_weekday(year, month, weekday)
        return same_date(year, month, start.day)

    first_month = start.year * 12 + start.month - 1
    if in_month(start.year, start.month) < start:  # this month's is already past
        first_month += 1
    count = 0
    while (found := _month(first_month + count * every)) is not None:
        day = in_month(*found)
        if day > until:
            return
        yield day
        count += 1


# --- Description --------------------------------------------------------------------------


def _month_year(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _from(word: str) -> str:
    """« de janvier », « d'avril », « d'août »."""
    return f"d'{word}" if word[:1] in "aeiou" else f"de {word}"


def month_span(first: date, last: date) -> str:
    """« en mars 2027 », « de janvier à juin 2027 », « d'avril 2027 à mars 2028 »."""
    if (first.year, first.month) == (last.year, last.month):
        return f"en {_month_year(first)}"
    if first.year == last.year:
        return f"{_from(MONTH_NAMES[first.month - 1])} à {_month_year(last)}"
    return f"{_from(_month_year(first))} à {_month_year(last)}"


def describe_rule(rule: RecurrenceRule, every: int, start: date, rank: int = 1,
                  weekday: int = 0) -> str:
    """The rule alone: « Le 2e jeudi du mois, tous les 3 mois », « Chaque semaine, le
    mardi », « Le 31 (ou le dernier jour) de chaque mois »."""
    months = "" if every == 1 else f", tous les {every} mois"
    if rule is RecurrenceRule.WEEKS:
        often = "Chaque semaine" if every == 1 else f"Toutes les {every} semaines"
        return f"{often}, le {WEEKDAY_NAMES[start.weekday()]}"
    if rule is RecurrenceRule.NTH_WEEKDAY:
        return f"Le {RANKS.get(rank, rank)} {WEEKDAY_NAMES[weekday]} du mois{months}"
    if rule is RecurrenceRule.LAST_WEEKDAY:
        return f"Le dernier {WEEKDAY_NAMES[weekday]} du mois{months}"
    day = "1er" if start.day == 1 else str(start.day)
    if start.day > 28:
        day += " (ou le dernier jour)"
    return f"Le {day} de chaque mois" if every == 1 else f"Le {day}, tous les {every} mois"


def describe_series(rule: RecurrenceRule, every: int, dates: list[date], rank: int = 1,
                    weekday: int = 0) -> str:
    """What MeetingSeries.description keeps: « Le 2e jeudi du mois, de janvier à juin
    2027 », « Toutes les 2 semaines, le mardi, du 05/01/2027 au 30/03/2027 »."""
    if not dates:
        return ""
    text = describe_rule(rule, every, dates[0], rank, weekday)
    first, last = dates[0], dates[-1]
    if rule is RecurrenceRule.WEEKS:
        span = (f"le {format_date(first)}" if first == last
                else f"du {format_date(first)} au {format_date(last)}")
    else:
        span = month_span(first, last)
    return f"{text}, {span}"
