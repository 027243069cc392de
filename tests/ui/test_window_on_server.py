"""Two windows on one server base: each sees the other's changes within seconds, without
restarting, and says it works on a shared base."""

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from charte_desktop.db import open_database
from charte_desktop.db.publish import publish
from charte_desktop.db.server import ServerAddress
from charte_desktop.services import actions
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.server.conftest import empty_base, server  # noqa: F401  (fixtures)
from tests.ui.keyboard import field


def test_the_other_window_shows_a_change_within_seconds(
        qtbot: QtBot, empty_base: ServerAddress, demo: Path) -> None:  # noqa: F811
    publish(demo, empty_base)
    with open_database(empty_base) as mine, open_database(empty_base) as theirs:
        window = MainWindow(theirs)
        qtbot.addWidget(window)
        assert window.windowTitle() == (
            f"base partagée « {empty_base.base} » ({empty_base.where}) — Charte")
        assert window.statusBar().findChild(QLabel, "shared_base").text() == "Base partagée"
        assert "Base partagée" in window.statusBar().currentMessage()
        assert "charte-essai" not in window.windowTitle()  # never the password
        page = window.show_screen("actions")
        assert isinstance(page, ActionsPage)
        first = page.action_list.visible_rows()[0]
        fields = actions.action_form_fields(mine, first.id)
        actions.update_action(mine, first.id, replace(fields, title="Changée ailleurs"))

        def shown() -> bool:
            return any(row.title == "Changée ailleurs"
                       for row in page.action_list.visible_rows())

        qtbot.waitUntil(shown, timeout=20000)
        window.server_watch.timer.stop()


def test_connecting_from_the_file_menu_asks_the_password_again_after_a_wrong_one(
        qtbot: QtBot, empty_base: ServerAddress, demo: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QInputDialog

    from charte_desktop.ui.app import Application
    from charte_desktop.ui.main_window import recent_files
    from charte_desktop.ui.server_dialog import ServerDialog
    from tests.ui.helpers import when_dialog_opens
    from tests.ui.keyboard import key, replace_text

    publish(demo, empty_base)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    asked: list[str] = []

    def give_the_right_password(*args: object, **_options: object) -> tuple[str, bool]:
        asked.append(str(args[2]))
        return empty_base.password or "", True

    monkeypatch.setattr(QInputDialog, "getText", give_the_right_password)
    application = Application(QApplication.instance())  # type: ignore[arg-type]

    def type_the_server(dialog: ServerDialog) -> None:
        for label, text in (("Serveur", empty_base.host), ("Port", str(empty_base.port)),
                            ("Base", empty_base.base), ("Utilisateur", empty_base.user or ""),
                            ("Mot de passe", "mauvais")):
            replace_text(field(dialog, label), text)
        key(Qt.Key.Key_Return)

    when_dialog_opens(type_the_server, kind=ServerDialog)
    application.connect_to_server()
    try:
        assert len(asked) == 1 and "a refusé ce mot de passe" in asked[0]
        assert "PGPASSWORD" not in asked[0] and f"« {empty_base.user} »" in asked[0]
        assert application.db is not None and application.db.server is not None
        assert application.window is not None
        assert application.window.windowTitle() == (
            f"base partagée « {empty_base.base} » ({empty_base.where}) — Charte")
        assert recent_files()[0] == empty_base.label  # remembered without the password
        # and offered in words, first with its digit
        application.window.recent_menu.aboutToShow.emit()
        assert application.window.recent_menu.actions()[0].text() == (
            f"&1 base partagée « {empty_base.base} » ({empty_base.where})")
    finally:
        application.close_current()
        if application.window is not None:
            application.window.server_watch.timer.stop()
            application.window.close()


def test_a_typo_in_the_base_is_said_in_the_dialog_with_the_fields_kept(
        qtbot: QtBot, empty_base: ServerAddress, demo: Path) -> None:  # noqa: F811
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from charte_desktop.ui.app import Application
    from charte_desktop.ui.server_dialog import ServerDialog
    from tests.ui.helpers import when_dialog_opens
    from tests.ui.keyboard import key, replace_text

    publish(demo, empty_base)
    application = Application(QApplication.instance())  # type: ignore[arg-type]
    seen: dict[str, object] = {}

    def type_with_a_typo(dialog: ServerDialog) -> None:
        for label, text in (("Serveur", empty_base.host), ("Port", str(empty_base.port)),
                            ("Base", empty_base.base + "x"),
                            ("Utilisateur", empty_base.user or ""),
                            ("Mot de passe", empty_base.password or "")):
            replace_text(field(dialog, label), text)
        when_dialog_opens(fix_the_base, kind=ServerDialog)
        key(Qt.Key.Key_Return)

    def fix_the_base(dialog: ServerDialog) -> None:
        seen["problem"] = dialog.problem.text()
        seen["kept"] = (dialog.host.text(), dialog.port.value(), dialog.base.text(),
                        dialog.user.text(), dialog.password.text())
        replace_text(field(dialog, "Base"), empty_base.base)
        replace_text(field(dialog, "Mot de passe"), empty_base.password or "")
        key(Qt.Key.Key_Return)

    when_dialog_opens(type_with_a_typo, kind=ServerDialog)
    application.connect_to_server()
    try:
        assert seen["problem"] == (f"La base « {empty_base.base}x » n'existe pas sur le "
                                   f"serveur {empty_base.where}.")
        assert seen["kept"] == (empty_base.host, empty_base.port, empty_base.base + "x",
                                empty_base.user, "")  # the password is never kept
        assert application.db is not None and application.db.server is not None
        assert application.db.server.base == empty_base.base
    finally:
        application.close_current()
        if application.window is not None:
            application.window.server_watch.timer.stop()
            application.window.close()
