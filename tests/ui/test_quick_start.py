"""Start-up: Plan d'actions is shown from sqlite3 while the rest loads, then the real screen
takes its place keeping what the officer did meanwhile."""

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database, open_database
from charte_desktop.services import plans
from charte_desktop.services.actions import ActionFilter, list_actions
from charte_desktop.ui.core_loader import CoreLoader
from charte_desktop.ui.entity import shorten
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.actions_preview import ActionsPreview
from tests.test_startup_imports import run_fresh
from tests.ui.helpers import type_text, when_dialog_opens

# The stand-in reads the SQLite file itself (sqlite3, before SQLAlchemy loads): a server
# base opens without it.
pytestmark = pytest.mark.file_only


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
        listing = preview.action_list
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
    assert page.action_list.search.text() == word
    assert page.action_list.current_id() == chosen
    assert page.action_list.new_button.isEnabled()
    assert window.focusWidget() is page.action_list.search


def test_opening_an_action_waits_for_the_screen_and_opens_its_form(
        qtbot: QtBot, demo_db: Database) -> None:
    core, release = held_loader()
    window = start_window(qtbot, demo_db, core)
    preview = window.current_page()
    assert isinstance(preview, ActionsPreview)
    listing = preview.action_list
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
    assert opened == [f"Modifier l'action « {shorten(f'{row.code} {row.title}')} »"]
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


def test_the_program_paints_the_list_before_sqlalchemy_is_loaded(
        demo: Path, tmp_path: Path) -> None:
    """`charte-desktop --db FILE`, last used on Plan d'actions, in a fresh interpreter."""
    body = (
        "import json, sys\n"
        "from PySide6.QtCore import QCoreApplication, QSettings, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "QSettings.setDefaultFormat(QSettings.Format.IniFormat)\n"
        "QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "
        f"{str(tmp_path / 'reglages')!r})\n"
        "QCoreApplication.setOrganizationName('Charte')\n"
        "QCoreApplication.setApplicationName('Charte')\n"
        "QSettings().setValue('window/screen', 'actions')\n"
        "seen = []\n"
        "def look():\n"
        "    from charte_desktop.ui.main_window import MainWindow\n"
        "    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))\n"
        "    page = window.current_page()\n"
        "    seen.append([type(page).__name__, 'sqlalchemy' in sys.modules,\n"
        "                 [row.id for row in page.action_list.visible_rows()]])\n"
        "    if seen[-1][0] == 'ActionsPage':\n"
        "        print(json.dumps([seen[0], seen[-1]]))\n"
        "        app.quit()\n"
        "    else:\n"
        "        QTimer.singleShot(20, look)\n"
        "QTimer.singleShot(0, look)\n"
        "from charte_desktop.cli.window_launcher import launch_window\n"
        f"sys.exit(launch_window(['--db', {str(demo)!r}]))\n"
    )
    result = run_fresh(body)
    assert result.returncode == 0, result.stderr
    first, last = json.loads(result.stdout.splitlines()[-1])
    db = open_database(demo, read_only=True)
    try:
        plan = plans.list_plans(db)[0]
        expected = [row.id for row in list_actions(db, ActionFilter(plan_id=plan.id))]
    finally:
        db.close()
    assert first == ["ActionsPreview", False, expected]
    assert last == ["ActionsPage", True, expected]


def test_a_menu_command_during_loading_waits_for_it_then_runs(
        qtbot: QtBot, demo_db: Database) -> None:
    core, release = held_loader()
    window = start_window(qtbot, demo_db, core)
    assert isinstance(window.current_page(), ActionsPreview)
    go_to = next(a.menu() for a in window.menuBar().actions() if a.text() == "Aller &à")
    instances = next(a for a in go_to.actions() if a.text() == "Instances")
    threading.Timer(0.3, release.set).start()
    instances.trigger()  # Ctrl+3: waits for the loading, then builds Instances
    assert type(window.current_page()).__name__ == "BodiesPage"
    # The stand-in, left behind, is dropped; Plan d'actions is built when next shown.
    qtbot.waitUntil(lambda: window.preview is None, timeout=5000)
    assert "actions" not in window.pages
    window.show_screen("actions")
    assert isinstance(window.current_page(), ActionsPage)
