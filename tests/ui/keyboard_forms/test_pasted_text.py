"""Text pasted into a form (issue 15): what another program put on the clipboard (Word's
manual breaks, Windows line ends, escape sequences, non-characters) is stored clean; a
title keeps one line."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text as sql

from charte_desktop.db import Database
from charte_desktop.services import plans
from tests.ui.keyboard import CTRL, click, field, key, press, press_button, when_form_opens
from tests.ui.keyboard_forms.test_plan_forms import left_button, open_actions


def officer_pastes(values: dict[str, str], seen: dict[str, Any]) -> Any:
    """For when_form_opens: in each field, Ctrl+A then Ctrl+V of `values[label]`, then
    Ctrl+S."""

    def action(dialog: Any) -> None:
        for label, text in values.items():
            click(field(dialog, label))
            key(Qt.Key.Key_A, CTRL)
            QApplication.clipboard().setText(text)
            key(Qt.Key.Key_V, CTRL)
            key(Qt.Key.Key_Tab)
        press(dialog, Qt.Key.Key_S, CTRL)
        seen["open"] = dialog.isVisible()

    return action


def test_a_pasted_title_and_description_are_stored_clean(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_pastes({
        "Intitulé": "Plan\tvélo\x1b[2J communal\ufffe",
        "Description": "Voté le 3 mars.\r\nRévisé\x0ben juin\x07.\uffff",
    }, seen))
    press_button(left_button(page, "Nouveau plan"))
    assert seen["open"] is False
    new = max(plans.list_plans(demo_db), key=lambda row: row.id)
    # What the base holds, read raw (no cleaning on the way out), on a file or a server.
    with demo_db.engine.connect() as connection:
        stored = tuple(connection.execute(
            sql("SELECT title, description FROM plan WHERE id = :id"), {"id": new.id}).one())
    assert stored == ("Plan vélo[2J communal", "Voté le 3 mars.\nRévisé\nen juin.")
