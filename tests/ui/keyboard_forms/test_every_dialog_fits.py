"""Every form of the application, new and filled, opened on the officer's 1366×768 laptop
screen: all its fields shown, none clipped, and a title that names the item in French."""

import re
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.main_window import SCREENS, MainWindow
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import when_dialog_opens

INTERNALS = re.compile(r"<|>|object at|0x[0-9a-f]|\bNone\b|n° 0\b|\bTrue\b|\bFalse\b")
TASKBAR = 40  # Windows' taskbar, which the virtual laptop screen does not have


def check_dialog(dialog: FormDialog[Any], seen: list[str]) -> None:
    QApplication.processEvents()  # the dialog laid out as the officer sees it
    title = dialog.windowTitle()
    seen.append(title)
    assert title and not INTERNALS.search(title), title
    screen = QGuiApplication.primaryScreen().geometry()
    assert (screen.width(), screen.height()) == (1366, 768)
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height() - TASKBAR, (
        title, dialog.size())
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    viewport = scroll.viewport()
    assert not scroll.verticalScrollBar().isVisible(), (
        f"{title} : la fiche défile", dialog.size(), viewport.size(), scroll.widget().sizeHint())
    body = scroll.widget()
    assert body.width() <= viewport.width() and body.height() <= viewport.height(), (
        title, body.size(), viewport.size())
    assert body.width() >= body.minimumSizeHint().width(), (title, "fiche écrasée")
    for name, field_input in dialog.inputs.items():
        widget = field_input.widget
        corner = widget.mapTo(viewport, QPoint(0, 0))
        assert corner.x() >= 0 and corner.y() >= 0, (title, name)
        assert corner.x() + widget.width() <= viewport.width(), (title, name, "coupé à droite")
        assert corner.y() + widget.height() <= viewport.height(), (title, name, "coupé en bas")
        assert widget.width() >= widget.minimumSizeHint().width(), (title, name, "écrasé")
        assert field_input.focus_widget.accessibleName(), (title, name)


def editors_of(window: MainWindow) -> list[tuple[str, EntityEditor[Any], int | None]]:
    """Each editor of each screen, with an item it can open (the first row shown)."""
    found = []
    for key, *_rest in SCREENS:
        page = window.show_screen(key)
        QApplication.processEvents()
        for attribute in ("plan_editor", "axis_editor"):
            editor = getattr(page, attribute, None)
            if editor is not None:
                item = page.plan_id() if attribute == "plan_editor" else page.axis_id()
                found.append((f"{key}.{attribute}", editor, item))
        for list_page in page.findChildren(ListPage):
            if list_page.editor is None:
                continue
            rows = list_page.visible_rows()
            if rows:
                list_page.select_id(list_page._row_id(rows[0]))
                QApplication.processEvents()
            found.append((f"{key}.{list_page.objectName() or list_page.editor.entity.name}",
                          list_page.editor, list_page._row_id(rows[0]) if rows else None))
    return found


@pytest.mark.parametrize("opening", ["new", "edit"])
def test_every_form_opens_whole_on_a_laptop_screen(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers, opening: str
) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    editors = editors_of(window)
    assert len({editor.entity.name for _key, editor, _item in editors}) >= 20
    for key, editor, item in editors:
        if opening == "edit" and item is None:
            continue
        before = len(seen)
        when_dialog_opens(lambda dialog: check_dialog(dialog, seen))
        if opening == "new":
            editor.create()
        else:
            editor.edit(item)
        assert len(seen) == before + 1, f"{key} : aucune fiche ouverte"
        if opening == "edit":  # « Modifier la suite à donner « Relancer les communes… » »
            assert "«" in seen[-1], f"{key} : le titre ne nomme pas l'élément : {seen[-1]}"
