"""Indicateurs screen, driven as the officer would."""

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import Dimension, IndicatorKind
from charte_desktop.services.indicators import (
    IndicatorState,
    get_indicator,
    list_indicators,
    list_measurements,
)
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.indicators_page import IndicatorsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens

STATE_COLUMN = 1


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, IndicatorsPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("indicators")
    assert isinstance(page, IndicatorsPage)
    return window, page


def select_named(page: IndicatorsPage, name: str) -> int:
    row = next(r for r in page.indicators.visible_rows() if r.name == name)
    assert page.indicators.select_id(row.id)
    return row.id


def test_lists_indicators_with_state_in_words_and_colour(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    rows = page.indicators.visible_rows()
    assert [r.id for r in rows] == [r.id for r in list_indicators(demo_db)]
    behind = next(i for i, r in enumerate(rows) if r.state is IndicatorState.BEHIND)
    index = page.indicators.proxy.index(behind, STATE_COLUMN)
    assert index.data() == "En retard"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    emissions = next(i for i, r in enumerate(rows) if r.name.startswith("Émissions"))
    assert page.indicators.proxy.index(emissions, 5).data() == "18\u202f400"


def test_filters_and_accent_blind_search(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    page.indicators.filters["state"].set_value(IndicatorState.BEHIND)
    rows = page.indicators.visible_rows()
    assert rows and {r.state for r in rows} == {IndicatorState.BEHIND}
    page.indicators.filters["state"].set_value(None)
    page.indicators.filters["dimension"].set_value(Dimension.SOCIAL)
    assert {r.dimension for r in page.indicators.visible_rows()} == {Dimension.SOCIAL}
    page.indicators.filters["dimension"].set_value(None)
    qtbot.keyClicks(page.indicators.search, "emissions")
    names = [r.name for r in page.indicators.visible_rows()]
    assert names and all("émissions" in n.lower() for n in names)


def test_selecting_an_indicator_shows_its_measurements(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    indicator_id = select_named(page, "Aires de livraison réaménagées")
    shown = page.measurements.visible_rows()
    assert len(shown) == len(list_measurements(demo_db, indicator_id)) == 5
    assert shown[0].date > shown[-1].date  # newest first
    assert "Aires de livraison" in page.measurement_box.title()


def test_create_edit_undo_and_delete_an_indicator(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    before = len(list_indicators(demo_db))

    def type_new_indicator(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["name"].widget, "Kilomètres de pistes cyclables")
        dialog.inputs["kind"].set(IndicatorKind.OUTCOME)
        dialog.inputs["dimension"].set(Dimension.ENVIRONMENTAL)
        qtbot.keyClicks(dialog.inputs["unit"].widget, "km")
        qtbot.keyClicks(dialog.inputs["baseline_value"].widget, "12,5")
        dialog.inputs["baseline_date"].set(date(2025, 1, 1))
        qtbot.keyClicks(dialog.inputs["target_value"].widget, "1 040")
        dialog.inputs["target_date"].set(date(2028, 12, 31))
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_new_indicator)
    qtbot.mouseClick(page.indicators.new_button, Qt.MouseButton.LeftButton)
    created = [r for r in list_indicators(demo_db) if r.name.startswith("Kilomètres")]
    assert len(created) == 1
    indicator = get_indicator(demo_db, created[0].id)
    assert indicator.baseline_value == Decimal("12.5")
    assert indicator.target_value == Decimal("1040")
    assert indicator.kind is IndicatorKind.OUTCOME and indicator.plan_id is not None
    assert page.indicators.current_id() == indicator.id

    def change_target(dialog: Any) -> None:
        dialog.inputs["target_value"].widget.clear()
        qtbot.keyClicks(dialog.inputs["target_value"].widget, "90")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(change_target)
    qtbot.mouseClick(page.indicators.edit_button, Qt.MouseButton.LeftButton)
    assert get_indicator(demo_db, indicator.id).target_value == Decimal("90")
    window.undo_stack.undo()
    assert get_indicator(demo_db, indicator.id).target_value == Decimal("1040")

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.indicators.select_id(indicator.id)
    qtbot.mouseClick(page.indicators.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked[0].startswith(
        "Supprimer l'indicateur « Kilomètres de pistes cyclables » ?")
    assert len(list_indicators(demo_db)) == before


def test_target_date_before_baseline_is_refused_beside_the_field(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    indicator_id = select_named(page, "Aires de livraison réaménagées")
    target_before = get_indicator(demo_db, indicator_id).target_date
    seen: dict[str, Any] = {}

    def type_early_target(dialog: Any) -> None:
        dialog.inputs["target_date"].set(date(2024, 1, 1))
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["visible"] = not dialog.errors["target_date"].isHidden()
        seen["message"] = dialog.errors["target_date"].text()
        dialog.save_button.click()
        dialog.done(0)

    when_dialog_opens(type_early_target)
    qtbot.mouseClick(page.indicators.edit_button, Qt.MouseButton.LeftButton)
    assert seen["enabled"] is False and seen["visible"] is True
    assert "« Date cible » (01/01/2024)" in seen["message"]
    assert get_indicator(demo_db, indicator_id).target_date == target_before


def test_add_edit_and_delete_a_measurement(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    indicator_id = select_named(page, "Part des véhicules de la flotte intercommunale "
                                      "à faibles émissions")
    assert page.measurements.visible_rows() == []

    def type_measurement(dialog: Any) -> None:
        dialog.inputs["date"].set(date(2026, 3, 14))
        qtbot.keyClicks(dialog.inputs["value"].widget, "9,5")
        type_text(qtbot, dialog.inputs["comment"].widget, "Relevé du parc")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_measurement)
    qtbot.mouseClick(page.measurements.new_button, Qt.MouseButton.LeftButton)
    [measurement] = list_measurements(demo_db, indicator_id)
    assert measurement.value == Decimal("9.5") and measurement.comment == "Relevé du parc"
    # The list above follows: the indicator now has a latest value and a state.
    row = page.indicators.current_row()
    assert row is not None and row.latest_value == Decimal("9.5")
    assert row.state is not IndicatorState.NO_MEASURE
    assert page.measurements.proxy.index(0, 0).data() == "14/03/2026"
    assert page.measurements.proxy.index(0, 1).data() == "9,5"

    def correct_value(dialog: Any) -> None:
        dialog.inputs["value"].widget.clear()
        qtbot.keyClicks(dialog.inputs["value"].widget, "9,75")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(correct_value)
    qtbot.mouseClick(page.measurements.edit_button, Qt.MouseButton.LeftButton)
    assert list_measurements(demo_db, indicator_id)[0].value == Decimal("9.75")
    window.undo_stack.undo()
    assert list_measurements(demo_db, indicator_id)[0].value == Decimal("9.5")

    def duplicate_date(dialog: Any) -> None:
        dialog.inputs["date"].set(date(2026, 3, 14))
        qtbot.keyClicks(dialog.inputs["value"].widget, "10")
        dialog.validate()
        answer_dialogs.asked.append(dialog.errors["date"].text())
        dialog.done(0)

    when_dialog_opens(duplicate_date)
    qtbot.mouseClick(page.measurements.new_button, Qt.MouseButton.LeftButton)
    assert "existe déjà" in answer_dialogs.asked.pop()
    assert len(list_measurements(demo_db, indicator_id)) == 1

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.measurements.select_id(measurement.id)
    qtbot.mouseClick(page.measurements.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked[0].startswith("Supprimer la mesure du 14/03/2026 (9,5 %)")
    assert list_measurements(demo_db, indicator_id) == []
    window.undo_stack.undo()  # the deletion is undone: the same measurement is back
    assert [m.id for m in list_measurements(demo_db, indicator_id)] == [measurement.id]


def test_chart_draws_the_measurements_against_the_trajectory(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    page.resize(1200, 800)
    measured = next(r for r in page.indicators.visible_rows()
                    if r.measurement_count >= 2 and r.baseline_value is not None
                    and r.target_value is not None)
    page.indicators.select_id(measured.id)
    chart = page.chart
    values = [m.value for m in list_measurements(demo_db, measured.id)]
    points = chart.measurement_points()
    assert len(points) == len(values) == measured.measurement_count
    # Left to right in time; a higher value is drawn higher (smaller y).
    assert [p.x() for p in points] == sorted(p.x() for p in points)
    for (a, b), (pa, pb) in zip(pairwise(values), pairwise(points), strict=True):
        assert a == b or (b > a) == (pb.y() < pa.y())
    assert chart.data is not None and chart.data.trajectory is not None
    assert "trajectoire de" in chart.toolTip() and f"{len(values)} mesure" in chart.toolTip()
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() > 300
