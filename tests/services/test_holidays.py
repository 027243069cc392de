"""French public holidays, computed for any year, and the warning on a meeting's day."""

from datetime import date

import pytest

from charte_desktop.services.holidays import (
    day_warning,
    day_warning_sentence,
    easter,
    holiday_name,
    public_holidays,
)


@pytest.mark.parametrize(("year", "sunday"), [
    (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
    (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22)), (1900, date(1900, 4, 15)),
    (2000, date(2000, 4, 23)), (2008, date(2008, 3, 23)), (2011, date(2011, 4, 24)),
    (2100, date(2100, 3, 28)),
])
def test_easter_by_the_gregorian_computus(year: int, sunday: date) -> None:
    assert easter(year) == sunday
    assert sunday.weekday() == 6


def test_easter_always_falls_between_22_march_and_25_april() -> None:
    for year in range(1583, 10000):
        assert date(year, 3, 22) <= easter(year) <= date(year, 4, 25)


def test_the_eleven_holidays_of_2026() -> None:
    assert public_holidays(2026) == {
        date(2026, 1, 1): "1er janvier — Jour de l'an",
        date(2026, 4, 6): "lundi de Pâques",
        date(2026, 5, 1): "1er mai — Fête du Travail",
        date(2026, 5, 8): "8 mai — Victoire 1945",
        date(2026, 5, 14): "Ascension",
        date(2026, 5, 25): "lundi de Pentecôte",
        date(2026, 7, 14): "14 juillet — Fête nationale",
        date(2026, 8, 15): "15 août — Assomption",
        date(2026, 11, 1): "1er novembre — Toussaint",
        date(2026, 11, 11): "11 novembre — Armistice 1918",
        date(2026, 12, 25): "25 décembre — Noël",
    }


def test_easter_based_holidays_move_with_easter() -> None:
    assert holiday_name(date(2027, 3, 29)) == "lundi de Pâques"
    assert holiday_name(date(2027, 5, 6)) == "Ascension"
    assert holiday_name(date(2027, 5, 17)) == "lundi de Pentecôte"
    assert holiday_name(date(2038, 4, 26)) == "lundi de Pâques"
    assert holiday_name(date(2038, 6, 3)) == "Ascension"
    assert holiday_name(date(2038, 6, 14)) == "lundi de Pentecôte"
    assert holiday_name(date(2026, 3, 30)) == ""  # 2027's Easter Monday, not 2026's


def test_day_warnings() -> None:
    assert day_warning(date(2027, 1, 14)) == ""  # a Thursday
    assert day_warning(date(2027, 1, 16)) == "samedi"
    assert day_warning(date(2027, 1, 17)) == "dimanche"
    assert day_warning(date(2027, 3, 29)) == "lundi de Pâques"
    assert day_warning(date(2027, 7, 14)) == "14 juillet — Fête nationale"
    assert day_warning(date(2027, 5, 1)) == "samedi, 1er mai — Fête du Travail"
    assert day_warning(date(9999, 12, 31)) == ""  # a Friday, the last day a date can hold
    assert day_warning(None) == ""


def test_the_meeting_forms_sentence() -> None:
    assert day_warning_sentence(date(2027, 1, 14)) == ""
    assert day_warning_sentence(date(2027, 1, 17)) == "Attention : le 17/01/2027 est un dimanche."
    assert day_warning_sentence(date(2027, 7, 14)) == (
        "Attention : le 14/07/2027 est un jour férié (14 juillet — Fête nationale).")
    assert day_warning_sentence(date(2027, 5, 1)) == (
        "Attention : le 01/05/2027 est un jour férié (1er mai — Fête du Travail), un samedi.")
    assert day_warning_sentence(None) == ""
