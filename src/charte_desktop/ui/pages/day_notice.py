"""The meeting form's orange notice under « Date » when the day is a Saturday, a Sunday or
a public holiday (« Attention : le 14/07/2027 est un jour férié (14 juillet — Fête
nationale). »). A notice, not an error: the meeting can still be saved."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout

from charte_desktop.services.holidays import day_warning_sentence
from charte_desktop.ui.form_dialog import (
    CHROME_HEIGHT,
    FieldSpec,
    FormDialog,
    available_area,
    fit_on_screen,
)

NOTICE_STYLE = "color: #c2410c;"  # orange, as the other warnings of Réunions
NOTICE_NAME = "Avertissement sur la date"


def add_day_notice(dialog: FormDialog[Any], field_name: str = "date") -> QLabel | None:
    """Put the notice under the form's date field, kept up to date as the date is typed;
    None when the form has no such field or has its notice already."""
    field_input = dialog.inputs.get(field_name)
    holder = field_input.widget.parentWidget() if field_input is not None else None
    column = holder.layout() if holder is not None else None
    if field_input is None or not isinstance(column, QVBoxLayout) or dialog.findChild(
            QLabel, f"notice_{field_name}") is not None:
        return None
    notice = QLabel()
    notice.setObjectName(f"notice_{field_name}")
    notice.setStyleSheet(NOTICE_STYLE)
    notice.setWordWrap(True)
    notice.setAccessibleName(NOTICE_NAME)
    column.insertWidget(1, notice)

    def update() -> None:
        text = day_warning_sentence(field_input.get())
        shown = notice.height() if notice.isVisible() else 0
        notice.setText(text)
        if text:
            _make_room(dialog, notice.heightForWidth(field_input.widget.width()) - shown)
        notice.setVisible(bool(text))

    field_input.changed.connect(update)
    update()
    return notice


def _make_room(dialog: FormDialog[Any], extra: int) -> None:
    """The form was sized without the notice: grow it first, so that no field scrolls."""
    scroll = dialog.findChild(QScrollArea)
    body = scroll.widget() if scroll is not None else None
    if scroll is None or body is None or extra <= 0:
        return
    missing = body.height() + extra - scroll.viewport().height()
    if missing <= 0:
        return
    available = available_area(dialog)
    scroll.setMinimumHeight(min(scroll.height() + missing,
                                available.height() - CHROME_HEIGHT))
    dialog.resize(dialog.width(), dialog.sizeHint().height())
    fit_on_screen(dialog, available)


def with_day_notice(specs: Sequence[FieldSpec], field_name: str = "date") -> Sequence[FieldSpec]:
    """The meeting form's specs, unchanged; the form built from them (the entity editor
    builds it right after asking for them, then opens it) gets the notice once shown.
    FormDialog takes no per-field notice, hence this hook when the form is shown."""

    def attach() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FormDialog):
            add_day_notice(dialog, field_name)

    QTimer.singleShot(0, attach)
    return specs
