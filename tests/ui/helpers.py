"""Driving forms as a user would: find a field by its label, type, pick, save."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog

from charte_desktop.ui.form_dialog import FormDialog
from tests.ui.keyboard import when_form_opens


def open_dialog(kind: type = FormDialog) -> Any:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def when_dialog_opens(action: Callable[[Any], None], kind: type = FormDialog) -> None:
    """Run `action` on the next dialog of `kind` that opens (forms are modal: exec()
    blocks). A dialog left open is closed so the test ends instead of hanging; what never
    opened is forgotten at the end of the test (tests/ui/conftest.py)."""
    when_form_opens(action, kind)


def fill_and_save(values: dict[str, Any]) -> Callable[[FormDialog[Any]], None]:
    """An action for `when_dialog_opens`: set each named field, then click Enregistrer."""

    def action(dialog: FormDialog[Any]) -> None:
        for name, value in values.items():
            dialog.inputs[name].set(value)
        dialog.validate()
        dialog.save_button.click()
        if dialog.isVisible():  # invalid: leave without saving
            dialog.done(QDialog.DialogCode.Rejected)

    return action


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type `text` key by key; QTest cannot click non-ASCII keys, so those are sent as key
    events carrying the character, as a French keyboard would."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                      char))
