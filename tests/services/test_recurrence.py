"""The rules of a series as a secretary states them, and their French descriptions."""

import calendar
from datetime import date

import pytest

from charte_desktop.errors import CharteError
from charte_desktop.services.meeting_planning import (
    RecurrenceFields,
    planned_dates,
    series_description,
)
from charte_desktop.services.recurrence import (
    RecurrenceRule,
    describe_series,
    last_weekday,
    month_span,
    nth_weekday,
    rule_dates,
)

WEEKS, MONTHS = RecurrenceRule.WEEKS, RecurrenceRule.MONTHS
NTH, LAST = RecurrenceRule.NTH_WEEKDAY, RecurrenceRule.LAST_WEEKDAY
MONDAY, THURSDAY, FRIDAY = 0, 3, 4


def rule(kind: RecurrenceRule, first: date, until: date, every: int = 1, rank: int = 2,
         weekday: int = THURSDAY) -> RecurrenceFields:
    return RecurrenceFields(1, first, every, kind, until=until, rank=rank, weekday=weekday)


def test_second_thursday_of_each_month() -> None:
    dates = planned_dates(rule(NTH, date(2027, 1, 1), date(2027, 6, 30)))
    assert dates == [date(2027, 1, 14), date(2027, 2, 11), date(2027, 3, 11),
                     date(2027, 4, 8), date(2027, 5, 13), date(2027, 6, 10)]
    assert series_description(rule(NTH, date(2027, 1, 1), date(2027, 6, 30))) == (
        "Le 2e jeudi du mois, de janvier à juin 2027")


def test_a_start_after_the_months_day_begins_next_month() -> None:
    dates = planned_dates(rule(NTH, date(2027, 1, 15), date(2027, 12, 31), every=3))
    assert dates == [date(2027, 2, 11), date(2027, 5, 13), date(2027, 8, 12),
                     date(2027, 11, 11)]
    assert planned_dates(rule(NTH, date(2027, 1, 14), date(2027, 2, 10))) == [
        date(2027, 1, 14)]  # the start day itself counts; `until` is included, or not past


def test_last_friday_in_months_of_four_and_five_fridays() -> None:
    dates = planned_dates(rule(LAST, date(2027, 1, 1), date(2027, 4, 30), weekday=FRIDAY))
    # January and April have five Fridays, February and March four.
    assert dates == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26),
                     date(2027, 4, 30)]
    assert series_description(rule(LAST, date(2027, 1, 1), date(2027, 4, 30),
                                   weekday=FRIDAY)) == (
        "Le dernier vendredi du mois, de janvier à avril 2027")
    leap = planned_dates(rule(LAST, date(2028, 2, 1), date(2028, 2, 29), weekday=2))
    assert leap == [date(2028, 2, 23)]  # 29/02/2028 is a Tuesday


@pytest.mark.parametrize("rank", [1, 2, 3, 4])
@pytest.mark.parametrize("weekday", range(7))
def test_weekday_rules_never_drift_over_five_years(rank: int, weekday: int) -> None:
    nth = planned_dates(rule(NTH, date(2026, 1, 1), date(2030, 12, 31), rank=rank,
                             weekday=weekday))
    last = planned_dates(rule(LAST, date(2026, 1, 1), date(2030, 12, 31), weekday=weekday))
    assert len(nth) == len(last) == 60
    for day, end in zip(nth, last, strict=True):
        weeks = [w[weekday] for w in calendar.monthcalendar(day.year, day.month)
                 if w[weekday]]
        assert day == date(day.year, day.month, weeks[rank - 1])
        assert end == date(day.year, day.month, weeks[-1])


def test_quarterly_weekday_rule_keeps_the_first_months_rhythm() -> None:
    dates = planned_dates(rule(NTH, date(2026, 12, 1), date(2028, 3, 31), every=3, rank=1,
                               weekday=MONDAY))
    assert dates == [date(2026, 12, 7), date(2027, 3, 1), date(2027, 6, 7),
                     date(2027, 9, 6), date(2027, 12, 6), date(2028, 3, 6)]
    assert series_description(rule(NTH, date(2026, 12, 1), date(2028, 3, 31), every=3,
                                   rank=1, weekday=MONDAY)) == (
        "Le 1er lundi du mois, tous les 3 mois, de décembre 2026 à mars 2028")


def test_weekday_rules_near_the_last_possible_date() -> None:
    assert list(rule_dates(LAST, date(9999, 11, 1), 1, date(9999, 12, 31), weekday=FRIDAY)) == [
        date(9999, 11, 26), date(9999, 12, 31)]
    assert nth_weekday(9999, 12, THURSDAY, 4) == date(9999, 12, 23)
    assert last_weekday(2027, 12, FRIDAY) == date(2027, 12, 31)


def test_weekday_rules_need_their_rank_and_day() -> None:
    with pytest.raises(CharteError) as error:
        planned_dates(rule(NTH, date(2027, 1, 1), date(2027, 6, 30), rank=5))
    assert error.value.field == "rank"
    with pytest.raises(CharteError) as error:  # a yes/no is no rank
        planned_dates(rule(NTH, date(2027, 1, 1), date(2027, 6, 30), rank=True))
    assert error.value.field == "rank"
    with pytest.raises(CharteError) as error:
        planned_dates(rule(LAST, date(2027, 1, 1), date(2027, 6, 30), weekday=None))  # type: ignore[arg-type]
    assert error.value.field == "weekday"
    # Weekly and same-date rules need neither.
    assert planned_dates(rule(WEEKS, date(2027, 1, 5), date(2027, 1, 12), rank=None,  # type: ignore[arg-type]
                              weekday=None)) == [date(2027, 1, 5), date(2027, 1, 12)]  # type: ignore[arg-type]


def test_descriptions_in_french() -> None:
    assert series_description(rule(WEEKS, date(2027, 1, 5), date(2027, 3, 30), every=2)) == (
        "Toutes les 2 semaines, le mardi, du 05/01/2027 au 30/03/2027")
    assert series_description(rule(WEEKS, date(2027, 1, 5), date(2027, 1, 5))) == (
        "Chaque semaine, le mardi, le 05/01/2027")
    assert series_description(rule(MONTHS, date(2027, 4, 1), date(2027, 8, 31))) == (
        "Le 1er de chaque mois, d'avril à août 2027")
    assert series_description(rule(MONTHS, date(2026, 3, 14), date(2027, 12, 31),
                                   every=3)) == (
        "Le 14, tous les 3 mois, de mars 2026 à décembre 2027")
    assert series_description(rule(MONTHS, date(2027, 1, 31), date(2027, 3, 31))) == (
        "Le 31 (ou le dernier jour) de chaque mois, de janvier à mars 2027")
    assert describe_series(NTH, 1, [date(2027, 10, 14)], 2, THURSDAY) == (
        "Le 2e jeudi du mois, en octobre 2027")
    assert describe_series(NTH, 1, []) == ""
    assert month_span(date(2027, 8, 1), date(2028, 10, 1)) == "d'août 2027 à octobre 2028"
    assert month_span(date(2027, 10, 1), date(2027, 11, 1)) == "d'octobre à novembre 2027"
