"""The forms of Indicateurs, typed: an indicator and its measurements, opened with the
keyboard, filled key by key, saved with Ctrl+S, then read back from the file."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import Dimension, Direction, IndicatorKind
from charte_desktop.services import indicators
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.indicators_page import IndicatorsPage
from tests.ui.keyboard import (
    CTRL,
    field,
    filter_then_tick,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    replace_text,
    when_form_opens,
)

PLAN_ID = 1
NO2 = 5  # « Concentration moyenne en dioxyde d'azote dans la Grande Rue », 4 measurements
CYCLE_ACTION = 5  # « 1.5 Développer la cyclologistique pour le dernier kilomètre »


def open_indicators(qtbot: QtBot, db: Database, item_id: int | None = None
                    ) -> tuple[MainWindow, IndicatorsPage]:
    window, page = open_screen(qtbot, db, "indicators", "indicators", item_id)
    assert isinstance(page, IndicatorsPage)
    return window, page


def indicator_named(db: Database, name: str) -> indicators.IndicatorRow | None:
    return next((r for r in indicators.list_indicators(db) if r.name == name), None)


# --- indicator -----------------------------------------------------------------------------
def test_a_new_indicator_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_indicators(qtbot, demo_db)

    def fill(dialog: Any) -> None:
        for label, text in {
            "Plan": "logistique urbaine",
            "Nom de l'indicateur": "Tonnes de CO₂ évitées par la cyclologistique",
            "Description": "Estimation d'après les kilomètres livrés à vélo",
            "Type d'indicateur": "resultat",  # « Résultat », without accents
            "Dimension": "economique",
            "Unité": "t CO2e",
            "Sens souhaité": "baisse",
            "Valeur de référence": "1 234,5",
            "Date de référence": "1/1/25",
            "Valeur cible": "900",
            "Date cible": "31122028",
            "Source": "Observatoire régional",
            "Fréquence de mesure": "Annuelle",
        }.items():
            replace_text(field(dialog, label), text)
        filter_then_tick(field(dialog, "Actions suivies"), "cyclologistique")
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(fill)
    press(window, Qt.Key.Key_N, CTRL)
    row = indicator_named(demo_db, "Tonnes de CO₂ évitées par la cyclologistique")
    assert row is not None
    indicator = indicators.get_indicator(demo_db, row.id)
    assert indicator.plan_id == PLAN_ID
    assert indicator.description == "Estimation d'après les kilomètres livrés à vélo"
    assert (indicator.kind, indicator.dimension, indicator.direction) == (
        IndicatorKind.OUTCOME, Dimension.ECONOMIC, Direction.DECREASE)
    assert indicator.unit == "t CO2e"
    assert (indicator.baseline_value, indicator.baseline_date) == (Decimal("1234.5"),
                                                                   date(2025, 1, 1))
    assert (indicator.target_value, indicator.target_date) == (Decimal("900"),
                                                               date(2028, 12, 31))
    assert (indicator.source, indicator.frequency) == ("Observatoire régional", "Annuelle")
    assert [a.id for a in indicator.actions] == [CYCLE_ACTION]


@pytest.mark.parametrize(("typed", "problem_field"), [
    ({"Date cible": "31/02/2028"}, "target_date"),
    ({"Valeur cible": "beaucoup"}, "target_value"),
    ({"Nom de l'indicateur": ""}, "name"),
    ({"Type d'indicateur": "realisation ou resultat"}, "kind"),
])
def test_a_hurried_indicator_is_not_saved(qtbot: QtBot, demo_db: Database,
                                          typed: dict[str, str], problem_field: str) -> None:
    window, _page = open_indicators(qtbot, demo_db)
    before = len(indicators.list_indicators(demo_db))
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom de l'indicateur": "Essai", **typed}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert list(seen["problems"]) == [problem_field]
    if problem_field == "target_date":
        assert seen["problems"][problem_field] == "La date « 31/02/2028 » n'existe pas."
    assert len(indicators.list_indicators(demo_db)) == before


def test_editing_an_indicator_types_over_a_date_and_empties_another(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_indicators(qtbot, demo_db, NO2)
    before = indicators.get_indicator(demo_db, NO2)
    assert before.baseline_date is not None and before.target_date is not None
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date cible": "30/6/28", "Date de référence": "",
                                   "Valeur cible": "19,5"}, seen=seen))
    open_row(page.indicators.table)
    assert seen["open"] is False, seen
    after = indicators.get_indicator(demo_db, NO2)
    assert (after.target_date, after.baseline_date, after.target_value) == (
        date(2028, 6, 30), None, Decimal("19.5"))
    assert (after.name, after.baseline_value) == (before.name, before.baseline_value)


# --- measurement ---------------------------------------------------------------------------
def test_a_new_measurement_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_indicators(qtbot, demo_db, NO2)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date de la mesure": "15/5/26", "Valeur": "25,4",
                                   "Commentaire": "Station de la Grande Rue"}, seen=seen))
    press_alt(window, Qt.Key.Key_U)  # « Nouvelle mesure »
    assert seen["open"] is False, seen
    measurement = next(m for m in indicators.list_measurements(demo_db, NO2)
                       if m.date == date(2026, 5, 15))
    assert (measurement.value, measurement.comment) == (Decimal("25.4"),
                                                        "Station de la Grande Rue")


@pytest.mark.parametrize(("typed", "problems"), [
    ({"Valeur": ""}, {"value": "Le champ « Valeur » est obligatoire."}),
    ({"Date de la mesure": "31/02/2026", "Valeur": "25"},
     {"date": "La date « 31/02/2026 » n'existe pas."}),
    ({"Date de la mesure": "", "Valeur": "25"},
     {"date": "Le champ « Date de la mesure » est obligatoire."}),
])
def test_a_hurried_measurement_is_not_saved(qtbot: QtBot, demo_db: Database,
                                            typed: dict[str, str],
                                            problems: dict[str, str]) -> None:
    window, _page = open_indicators(qtbot, demo_db, NO2)
    before = len(indicators.list_measurements(demo_db, NO2))
    seen: dict[str, Any] = {}
    when_form_opens(officer_types(typed, seen=seen))
    press_alt(window, Qt.Key.Key_U)
    assert seen["open"] is True
    assert seen["problems"] == problems
    assert len(indicators.list_measurements(demo_db, NO2)) == before


def test_editing_a_measurement_types_over_its_date_and_value(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_indicators(qtbot, demo_db, NO2)
    latest = indicators.list_measurements(demo_db, NO2)[-1]
    assert page.measurements.select_id(latest.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date de la mesure": "2/11/26", "Valeur": "26,1"},
                                  seen=seen))
    open_row(page.measurements.table)
    assert seen["open"] is False, seen
    after = next(m for m in indicators.list_measurements(demo_db, NO2) if m.id == latest.id)
    assert (after.date, after.value) == (date(2026, 11, 2), Decimal("26.1"))
