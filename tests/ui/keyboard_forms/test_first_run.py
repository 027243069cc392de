"""The very first start, typed: the file is made with the collectivité, and opens on it."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from charte_desktop.db import open_database
from charte_desktop.db.enums import TerritoryKind
from charte_desktop.paths import default_database_path
from charte_desktop.services.plans import get_territory
from charte_desktop.ui.app import Application
from charte_desktop.ui.welcome import WelcomeDialog
from tests.ui.helpers import when_dialog_opens
from tests.ui.keyboard import click, field, key, press, type_keys


def test_first_start_makes_the_file_with_what_was_typed(qapp: QApplication) -> None:
    path = default_database_path()
    assert not path.exists()

    def type_the_collectivite(dialog: WelcomeDialog) -> None:
        click(field(dialog, "Nom de la collectivité"))
        type_keys("Communauté de communes du Pays d'Élan")
        key(Qt.Key.Key_Tab)  # to « Type de collectivité »: its first letter picks it
        type_keys("P")
        key(Qt.Key.Key_Return)  # « Commencer » is the default button

    application = Application(qapp)
    when_dialog_opens(type_the_collectivite, WelcomeDialog)
    assert application.start(None, demo=False) is True
    assert application.window is not None and application.window.isVisible()
    territory = get_territory(application.window.db)
    assert territory is not None
    assert territory.name == "Communauté de communes du Pays d'Élan"
    assert territory.kind is TerritoryKind.PETR
    application.close_current()
    application.window.close()

    with open_database(path) as reopened:  # the next start opens on it
        again = get_territory(reopened)
        assert again is not None and again.name == "Communauté de communes du Pays d'Élan"


def test_giving_up_on_the_welcome_page_leaves_no_file(qapp: QApplication) -> None:
    path: Path = default_database_path()

    def give_up(dialog: WelcomeDialog) -> None:
        press(dialog, Qt.Key.Key_Escape)

    application = Application(qapp)
    when_dialog_opens(give_up, WelcomeDialog)
    assert application.start(None, demo=False) is False
    assert not path.exists()
