"""A choice field listens to the whole application's focus changes: forms come and go,
the application stays. Closed forms leave nothing listening, and focus moving while a
form is torn down raises nothing (« Slot 'ChoiceInput::' not found », once in CI)."""

import gc

from PySide6.QtCore import SIGNAL, QEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.ui.choice_inputs import ChoiceInput

FOCUS_CHANGED = SIGNAL("focusChanged(QWidget*,QWidget*)")


def listeners() -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.receivers(FOCUS_CHANGED)


def open_form(parent: QWidget) -> tuple[QDialog, ChoiceInput]:
    form = QDialog(parent)
    layout = QVBoxLayout(form)
    field = ChoiceInput(lambda: [(1, "Camille Roussel"), (2, "Dominique Petit")], optional=True)
    layout.addWidget(field.widget)
    form.show()
    field.combo.setFocus()
    QApplication.processEvents()
    return form, field


def test_closed_forms_leave_no_listener_and_no_error(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    elsewhere = QLineEdit(window)
    window.show()
    before = listeners()

    for way in ("deleteLater", "python", "parent_kept"):
        form, field = open_form(window)
        assert listeners() == before + 1
        if way == "deleteLater":
            form.deleteLater()
        elif way == "python":
            form.setParent(None)  # the Python side alone owns it now
        del field
        form.close()
        form = None  # type: ignore[assignment]
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        elsewhere.setFocus()  # focus moves: a dying or dead field must not be called
        QApplication.processEvents()
        if way == "parent_kept":
            assert listeners() == before + 1  # the form still lives inside the window
        else:
            assert listeners() == before

    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert listeners() == before
