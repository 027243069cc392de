"""Start-up: Plan d'actions is shown from sqlite3 while the rest loads, then the real screen
takes its place keeping what the officer did meanwhile."""

import threading
from typing import Any

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import plans
from charte_desktop.services.actions import ActionFilter, list_actions
from charte_desktop.ui.core_loader import CoreLoader
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.actions_preview import ActionsPreview
from tests.ui.helpers import type_text, when_dialog_opens


def held_loader() -> tuple[CoreLoader, threading.Event]:
    release = threading.Event()
    return CoreLoader(before=release.wait, even_if_imported=True), release


def start_window(qtbot: QtBot, db: Database, core: CoreLoader) -> MainWindow:
    window = MainWindow(db, screen="actions", core=core)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_list_is_usable_before_the_rest_has_loaded(qtbot: QtBot, demo_db: Database) -> None:
    core, release = held_loader()
    window = start_window(qtbot, demo_db, core)
    try:
        preview = window.current_page()
        assert isinstance(preview, ActionsPreview)
        assert "actions" not in window.pages
        first_plan = plans.list_plans(demo_db)[0]
        expected = list_actions(demo_db, ActionFilter(plan_id=first_plan.id))
        listing = preview.actions
        assert preview.plan_combo.currentText() == first_plan.title
        assert [row.id for row in listing.visible_rows()] == [row.id for row in expected]
        # Commands are there, greyed, until the screen replaces the stand-in.
        assert listing.new_button.isVisible() and not listing.new_button.isEnabled()

        # The officer chooses an axis, types a search and picks a row meanwhile.
        axis = next(a for a in plans.list_axes(demo_db, first_plan.id) if a.parent_id is None)
        item = next(preview.tree.topLevelItem(0).child(i)
                    for i in range(preview.tree.topLevelItem(0).childCount())
                    if preview.tree.topLevelItem(0).child(i).data(
                        0, Qt.ItemDataRole.UserRole) == axis.id)
        preview.tree.setCurrentItem(item)
        in_axis = list_actions(demo_db, ActionFilter(plan_id=first_plan.id, axis_id=axis.id))
        assert {row.id for row in listing.visible_rows()} == {row.id for row in in_axis}
        word = in_axis[-1].title.split()[0]
        listing.search.setFocus()
        type_text(qtbot, listing.search, word)
        shown = listing.visible_rows()
        assert shown and all(word.lower() in row.title.lower() or word.lower() in
                             (row.pilot_name or "").lower() or word in row.code
                             for row in shown)
        chosen = shown[-1].id
        listing.select_id(chosen)
    finally:
        release.set()
    qtbot.waitUntil(lambda: isinstance(window.current_page(), ActionsPage), timeout=10000)

    page = window.current_page()
    assert isinstance(page, ActionsPage)
    assert window.preview is None
    assert page.plan_id() == first_plan.id and page.axis_id() == axis.id
    assert page.actions.search.text() == word
    assert page.actions.current_id() == chosen
    assert page.actions.new_button.isEnabled()
    assert window.focusWidget() is page.actions.search


def test_opening_an_action_waits_for_the_screen_and_opens_its_form(
        qtbot: QtBot, demo_db: Database) -> None:
    core, release = held_loader()
    window = start_window(qtbot, demo_db, core)
    preview = window.current_page()
    assert isinstance(preview, ActionsPreview)
    listing = preview.actions
    row = listing.visible_rows()[2]
    listing.select_id(row.id)
    opened: list[str] = []

    def look(dialog: FormDialog[Any]) -> None:
        opened.append(dialog.windowTitle())
        dialog.reject()

    # Entrée on the row, while the rest is still loading (released a moment later).
    threading.Timer(0.3, release.set).start()
    when_dialog_opens(look)
    qtbot.keyClick(listing.table, Qt.Key.Key_Return)
    assert opened == [f"Modifier : {row.code} {row.title}"]
    assert isinstance(window.current_page(), ActionsPage)


def test_no_stand_in_once_the_rest_is_loaded_or_for_the_calendar(
        qtbot: QtBot, demo_db: Database) -> None:
    # SQLAlchemy is loaded in this process: nothing to wait for, the screen comes at once.
    window = start_window(qtbot, demo_db, CoreLoader())
    assert isinstance(window.current_page(), ActionsPage)

    QSettings().setValue("actions/view", "calendar")
    core, release = held_loader()
    release.set()
    window = start_window(qtbot, demo_db, core)
    assert isinstance(window.current_page(), ActionsPage)
