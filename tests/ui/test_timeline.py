"""Plan d'actions › Calendrier, driven as the officer would: the same actions as the list,
bars that open their fiche, keyboard, zoom, image and printout."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.services.actions import ActionFilter, list_actions
from charte_desktop.services.timeline import build_timeline
from charte_desktop.ui.colours import STATUS_STRONG_COLOURS
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.timeline import output
from charte_desktop.ui.timeline.painting import LABEL_WIDTH, TODAY, day_centre
from charte_desktop.ui.timeline.scale import Zoom
from charte_desktop.ui.timeline.view import TimelineView
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens


def open_calendar(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage, TimelineView]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    calendar_button = page.action_list.view_buttons[1]
    assert calendar_button.text() == "C&alendrier"
    qtbot.mouseClick(calendar_button, Qt.MouseButton.LeftButton)
    assert page.action_list.views.currentWidget() is page.calendar
    return window, page, page.calendar.view


def listed_ids(page: ActionsPage) -> set[int]:
    return {row.id for row in page.action_list.visible_rows()}


def test_bars_are_the_actions_of_the_list(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    plan_actions = list_actions(demo_db, ActionFilter(plan_id=page.plan_id()))
    assert set(view.action_ids()) == {a.id for a in plan_actions} == listed_ids(page)
    headings = [row.group.label for row in view.rows() if row.action is None]
    assert headings[:3] == ["1 Organiser une logistique urbaine durable",
                            "1.A Aires et horaires de livraison",
                            "1.B Véhicules, transporteurs et planification"]


def test_filters_and_search_of_the_list_change_the_bars(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    everything = set(view.action_ids())

    page.action_list.filters["status"].set_value(DisplayStatus.LATE)
    late = {a.id for a in list_actions(demo_db, ActionFilter(plan_id=page.plan_id(),
                                                             status=DisplayStatus.LATE))}
    assert late and late < everything
    assert set(view.action_ids()) == late == listed_ids(page)

    page.action_list.filters["status"].set_value(None)
    type_text(qtbot, page.action_list.search, "SOLIDAIRE")  # the list's own search
    shown = set(view.action_ids())
    assert shown and shown == listed_ids(page) and shown < everything
    assert all("solidaire" in row.action.title for row in view.rows() if row.action)

    page.action_list.search.clear()
    axis_item = page.tree.topLevelItem(0).child(1)  # "2 Développer une mobilité solidaire"
    page.tree.setCurrentItem(axis_item)
    assert {row.action.code[0] for row in view.rows() if row.action} == {"2"}
    assert set(view.action_ids()) == listed_ids(page)


def bar_centre(qtbot: QtBot, view: TimelineView, action_id: int) -> QPoint:
    view.select(action_id)  # scrolls its row and bar into sight
    point = view.bar_point(action_id)
    assert point is not None and view.viewport().rect().contains(point)
    return point


def test_clicking_a_bar_opens_the_action_form(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    action = next(a for a in list_actions(demo_db) if a.code == "2.3")
    point = bar_centre(qtbot, view, action.id)
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        seen["title"] = dialog.windowTitle()
        seen["code"] = dialog.inputs["code"].widget.text()
        dialog.done(QDialog.DialogCode.Rejected)

    when_dialog_opens(look)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert seen["code"] == "2.3" and "2.3" in seen["title"]
    assert page.action_list.current_id() == action.id  # the list and its details follow


def test_clicking_beside_the_bars_only_selects(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    row = next(r for r in view.rows() if r.action is not None and r.action.code == "1.3")
    y = row.top + row.height // 2 + 44 - view.verticalScrollBar().value()
    opened: list[Any] = []
    when_dialog_opens(opened.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    qtbot.wait(100)
    assert opened == []
    assert view.selected_id == page.action_list.current_id() == row.action.id


def test_arrows_move_the_selection_and_enter_opens(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    order = view.action_ids()
    view.setFocus()
    view.select(order[0], notify=True)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_id == order[2] == page.action_list.current_id()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_id == order[1]
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.selected_id == order[-1]
    seen: list[str] = []
    when_dialog_opens(lambda dialog: seen.append(dialog.inputs["code"].widget.text()))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert seen == [next(r.action.code for r in view.rows()
                         if r.action and r.action.id == order[-1])]


def test_selecting_in_the_list_selects_in_the_calendar(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    action = next(a for a in list_actions(demo_db) if a.code == "3.2")
    page.action_list.select_id(action.id)
    assert view.selected_id == action.id


def test_zoom_changes_the_scale_and_keeps_the_middle(qtbot: QtBot, demo_db: Database) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    widths = {}
    for zoom in (Zoom.MONTH, Zoom.QUARTER, Zoom.YEAR):
        middle = view.date_at_middle()
        qtbot.mouseClick(page.calendar.zoom_buttons[zoom], Qt.MouseButton.LeftButton)
        scale = view.scale()
        assert scale is not None and scale.pixels_per_day == zoom.value
        widths[zoom] = scale.width
        assert middle is not None and abs((view.date_at_middle() - middle).days) <= 31
    assert widths[Zoom.MONTH] > widths[Zoom.QUARTER] > widths[Zoom.YEAR]
    header = [band.label for band in view.scale().bottom_bands()[:3]]
    assert header == ["J", "F", "M"]  # the year zoom names months by their initial
    qtbot.mouseClick(page.calendar.zoom_buttons[Zoom.MONTH], Qt.MouseButton.LeftButton)
    assert [b.label for b in view.scale().bottom_bands()[:2]] == ["janvier", "février"]


def test_opens_on_today_with_a_tooltip_in_french(qtbot: QtBot, demo_db: Database) -> None:
    _, _page, view = open_calendar(qtbot, demo_db)
    scale = view.scale()
    assert scale is not None
    today_x = LABEL_WIDTH + day_centre(scale, clock.today()) - view.horizontalScrollBar().value()
    assert LABEL_WIDTH < today_x < view.viewport().width()
    action = next(a for a in list_actions(demo_db) if a.code == "1.2")
    text = view.tooltip_at(bar_centre(qtbot, view, action.id))
    assert "1.2" in text
    assert f"Du {action.start_date:%d/%m/%Y} au {action.end_date:%d/%m/%Y}" in text


def test_image_export_writes_the_whole_calendar(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    answer_dialogs: DialogAnswers,
) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    target = tmp_path / "calendrier"
    chosen: dict[str, str] = {}

    def choose(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        chosen["suggested"] = suggested
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(page.calendar.image_button, Qt.MouseButton.LeftButton)

    written = target.with_suffix(".png")
    assert Path(chosen["suggested"]).name.startswith("Calendrier - Charte pour une logistique")
    assert page.calendar.last_written == written and "enregistré" in answer_dialogs.warnings[0]
    image = QImage(str(written))
    painter = page.calendar.output_painter()
    assert painter is not None
    assert (image.width(), image.height()) == (
        painter.full_width(), painter.full_height() + output.TITLE_HEIGHT)
    # The whole chart, not the part on screen: wider than the window, and today's line in it.
    assert image.width() > view.viewport().width()
    x = round(painter.label_width + day_centre(painter.scale, clock.today()))
    assert QColor(image.pixel(x, image.height() - 3)) == TODAY


def late_bar_colour_in(image: QImage) -> bool:
    late = STATUS_STRONG_COLOURS[DisplayStatus.LATE]
    return any(QColor(image.pixel(x, y)) == late
               for y in range(0, image.height(), 3) for x in range(0, image.width(), 3))


def test_filtered_image_shows_only_the_filtered_actions(
    qtbot: QtBot, demo_db: Database, tmp_path: Path,
) -> None:
    _, page, view = open_calendar(qtbot, demo_db)
    page.action_list.filters["status"].set_value(DisplayStatus.DONE)
    painter = page.calendar.output_painter()
    assert painter is not None
    image = output.render_image(painter, "titre")
    done = build_timeline(demo_db, ActionFilter(plan_id=page.plan_id(),
                                                status=DisplayStatus.DONE)).actions
    headings = sum(1 for row in view.rows() if row.action is None)
    assert image.height() == output.TITLE_HEIGHT + 44 + 26 * (len(done) + headings) + 1
    assert not late_bar_colour_in(image)
    page.action_list.filters["status"].set_value(DisplayStatus.LATE)
    late_painter = page.calendar.output_painter()
    assert late_painter is not None and late_bar_colour_in(output.render_image(late_painter, ""))


def test_print_asks_for_a_printer_then_prints_landscape_pages(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, page, _view = open_calendar(qtbot, demo_db)
    pdf = tmp_path / "calendrier.pdf"
    printers: list[QPrinter] = []
    real_printer = output.new_printer

    def pdf_printer() -> QPrinter:
        printer = real_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        printers.append(printer)
        return printer

    monkeypatch.setattr(output, "new_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert page.calendar.print_calendar() == 0 and not pdf.exists()  # cancelled

    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    qtbot.mouseClick(page.calendar.zoom_buttons[Zoom.YEAR], Qt.MouseButton.LeftButton)
    assert page.calendar.print_calendar() == 1
    assert pdf.stat().st_size > 1000
    assert printers[-1].pageLayout().orientation().name == "Landscape"

    qtbot.mouseClick(page.calendar.zoom_buttons[Zoom.MONTH], Qt.MouseButton.LeftButton)
    pages = page.calendar.print_calendar()  # four years in months: strips of months
    assert pages > 1
    assert pdf.read_bytes().count(b"/Type /Page\n") + pdf.read_bytes().count(
        b"/Type /Page\r") + pdf.read_bytes().count(b"/Type /Page ") >= pages


def test_the_calendar_view_is_remembered(qtbot: QtBot, demo_db: Database) -> None:
    open_calendar(qtbot, demo_db)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    assert page.action_list.views.currentWidget() is page.calendar
    qtbot.mouseClick(page.action_list.view_buttons[0], Qt.MouseButton.LeftButton)
    assert page.action_list.views.currentWidget() is page.action_list.table
