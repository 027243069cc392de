"""A form for any entity, described by field specs and saved whole through its use case.

While the officer types, the use case itself runs in a dry run (nothing kept) and its
French message appears beside the field it names; "Enregistrer" stays disabled until the
form is valid. Leaving with unsaved changes asks first.
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.ui.inputs import (
    BoolInput,
    ChoiceInput,
    Choices,
    DateInput,
    Input,
    IntInput,
    MultiChoiceInput,
    MultilineInput,
    NumberInput,
    TextInput,
    TimeInput,
)

F = TypeVar("F")
VALIDATION_DELAY_MS = 250


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: `name` is the attribute of the use case's Fields dataclass."""

    name: str
    label: str
    kind: str  # text, multiline, date, time, int, number, money, choice, multi, bool
    required: bool = False
    choices: Choices | None = None
    optional: bool = True  # for "choice": offer "—"
    minimum: int = 0
    maximum: int = 1_000_000
    suffix: str = ""
    max_length: int = 300


def make_input(spec: FieldSpec) -> Input:
    match spec.kind:
        case "text":
            return TextInput(spec.max_length)
        case "multiline":
            return MultilineInput()
        case "date":
            return DateInput()
        case "time":
            return TimeInput()
        case "int":
            return IntInput(spec.minimum, spec.maximum, spec.suffix)
        case "number":
            return NumberInput(spec.suffix)
        case "money":
            return NumberInput("€", blank_zero=True)
        case "choice":
            assert spec.choices is not None
            return ChoiceInput(spec.choices, optional=spec.optional)
        case "multi":
            assert spec.choices is not None
            return MultiChoiceInput(spec.choices)
        case "bool":
            return BoolInput(spec.label)
    raise ValueError(f"unknown field kind {spec.kind!r}")


class FormDialog(QDialog, Generic[F]):
    """Edit a Fields dataclass; `save` is the use case (create or update) to call."""

    def __init__(
        self,
        parent: QWidget | None,
        db: Database,
        title: str,
        specs: Sequence[FieldSpec],
        initial: F,
        save: Callable[[F], Any],
        *,
        check_at_start: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._db = db
        self._save = save
        self._initial = initial
        self.result_value: Any = None
        self.saved_fields: F | None = None
        self.inputs: dict[str, Input] = {}
        self.errors: dict[str, QLabel] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in specs:
            field_input = make_input(spec)
            field_input.set(getattr(initial, spec.name))
            field_input.widget.setAccessibleName(spec.label)
            field_input.changed.connect(self._schedule_validation)
            self.inputs[spec.name] = field_input
            error = QLabel()
            error.setObjectName(f"error_{spec.name}")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            self.errors[spec.name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(field_input.widget)
            column.addWidget(error)
            label = "" if spec.kind == "bool" else spec.label + (" *" if spec.required else "")
            form.addRow(label, holder)
            if label:
                row_label = form.labelForField(holder)
                if isinstance(row_label, QLabel):
                    row_label.setBuddy(field_input.widget)

        # What the widgets give back untouched: ids in their display order, amounts as
        # typed text… Leaving asks first only when this changed, not when `initial` differs.
        self._as_opened = self.current_fields()

        self.general_error = QLabel()
        self.general_error.setObjectName("error_general")
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Enregistrer")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate)
        # A record read from the file is valid as it stands: it is checked on first change.
        if check_at_start:
            self.validate()
        if specs:
            self.inputs[specs[0].name].widget.setFocus()

    # --- values ------------------------------------------------------------------------
    def current_fields(self) -> F:
        values = {name: field_input.get() for name, field_input in self.inputs.items()}
        return dataclasses.replace(self._initial, **values)  # type: ignore[type-var]

    def is_dirty(self) -> bool:
        return self.current_fields() != self._as_opened

    # --- validation --------------------------------------------------------------------
    def _schedule_validation(self) -> None:
        self._timer.start()

    def _show_error(self, error: CharteError | None) -> None:
        for label in self.errors.values():
            label.hide()
        self.general_error.hide()
        if error is None:
            return
        label = self.errors.get(error.field or "", self.general_error)
        label.setText(error.message)
        label.show()

    def validate(self) -> bool:
        """Run the use case in a dry run; show its message. True when the form can be saved."""
        self._timer.stop()
        try:
            with self._db.dry_run():
                self._save(self.current_fields())
        except CharteError as error:
            self._show_error(error)
            self.save_button.setEnabled(False)
            return False
        self._show_error(None)
        self.save_button.setEnabled(True)
        return True

    # --- closing -----------------------------------------------------------------------
    def accept(self) -> None:
        if not self.validate():
            return
        fields = self.current_fields()
        try:
            self.result_value = self._save(fields)
        except CharteError as error:
            self._show_error(error)
            return
        self.saved_fields = fields
        super().accept()

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                "Modifications non enregistrées",
                "Abandonner les modifications non enregistrées ?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
