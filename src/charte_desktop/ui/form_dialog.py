"""A form for any entity, described by field specs and saved whole through its use case.

While the officer types, the use case itself runs in a dry run (nothing kept) and its
French message appears beside the field it names; "Enregistrer" stays disabled until the
form is valid. What cannot be read in a field (an impossible date, a name that matches no
choice) is said beside it once the officer leaves it, and blocks saving. Leaving with
unsaved changes asks first. The dialog opens showing every field on a laptop's screen.
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db import Database
from charte_desktop.errors import CharteError, StaleEditError, reload_advice
from charte_desktop.ui.choice_inputs import ChoiceInput, MultiChoiceInput
from charte_desktop.ui.inputs import (
    BoolInput,
    Choices,
    Input,
    IntInput,
    MultilineInput,
    NumberInput,
    TextInput,
)
from charte_desktop.ui.problem_label import PROBLEM_COLOUR, ProblemLabel
from charte_desktop.ui.shortcuts import add_shortcut
from charte_desktop.ui.typed_inputs import DateInput, TimeInput

if TYPE_CHECKING:
    from charte_desktop.services.history import HistoryLine

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
    placeholder: str = ""  # for "text": an example shown while the field is empty
    # Shown but not typed in, for the record opened: the words put after its label
    # (« somme des lignes annuelles »), or None to leave the field editable.
    read_only: Callable[[Any], str | None] | None = None


def _make_read_only(field_input: Input) -> None:
    """Readable, reachable with Tab, not typed in (a line), or greyed (other widgets)."""
    widget = field_input.focus_widget
    if isinstance(widget, QLineEdit):
        widget.setReadOnly(True)
        palette = widget.palette()  # the window's colour: it does not look typable
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        widget.setPalette(palette)
    else:
        widget.setEnabled(False)


def make_input(spec: FieldSpec) -> Input:
    match spec.kind:
        case "text":
            text_input = TextInput(spec.max_length)
            text_input.edit.setPlaceholderText(spec.placeholder)
            return text_input
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
        history: Callable[[], list["HistoryLine"]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._db = db
        self._save = save
        self._initial = initial
        self.result_value: Any = None
        self.saved_fields: F | None = None
        # Set when another officer changed the record meanwhile and this officer chose to
        # see its new values: the form closes and its editor opens it again.
        self.reload_requested = False
        # With it, what this officer had changed (by field), to carry over to the new values.
        self.kept_changes: dict[str, Any] = {}
        self._read_only: set[str] = set()
        self._stale: StaleEditError | None = None
        self._history = history
        self.inputs: dict[str, Input] = {}
        self.errors: dict[str, ProblemLabel] = {}
        self._specs = {spec.name: spec for spec in specs}

        rows: list[tuple[str, QWidget, Input]] = []
        for spec in specs:
            field_input = make_input(spec)
            field_input.set(getattr(initial, spec.name))
            why = spec.read_only(initial) if spec.read_only is not None else None
            label_text = f"{spec.label} ({why})" if why else spec.label
            field_input.focus_widget.setAccessibleName(label_text)
            if why:
                _make_read_only(field_input)
                self._read_only.add(spec.name)
            field_input.changed.connect(self._schedule_validation)
            self.inputs[spec.name] = field_input
            error = ProblemLabel()
            error.setObjectName(f"error_{spec.name}")
            self.errors[spec.name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(field_input.widget)
            column.addWidget(error)
            label = "" if spec.kind == "bool" else label_text + (" *" if spec.required else "")
            rows.append((label, holder, field_input))

        # What the widgets give back untouched: ids in their display order, amounts as
        # typed text… Leaving asks first only when this changed, not when `initial` differs.
        self._as_opened = self.current_fields()

        self.general_error = QLabel()
        self.general_error.setObjectName("error_general")
        self.general_error.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        available = available_area(self)
        body = QWidget()
        _lay_out_in_columns(body, rows, available.height() - CHROME_HEIGHT)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Open showing every field (a scroll area alone would open small, with its own
        # scroll bar over half-hidden fields); scroll as a whole only past the screen.
        wanted = body.sizeHint()
        scroll.setMinimumSize(
            min(wanted.width() + scroll.verticalScrollBar().sizeHint().width(),
                available.width() - 40),
            min(wanted.height(), available.height() - CHROME_HEIGHT),
        )

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Enregistrer")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if history is not None:
            button = self.buttons.addButton("Histori&que…",
                                            QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)  # Entrée keeps saving, never opens the history
            # A bound method, not a lambda holding the dialog: a closed form must go away,
            # or it keeps the keyboard from the window below.
            button.clicked.connect(self._show_history)
        add_shortcut(QKeySequence.StandardKey.Save, self, self.accept)

        # Said when this form carries over changes typed before a colleague's save.
        self.notice = QLabel()
        self.notice.setObjectName("carried_over")
        self.notice.setWordWrap(True)
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate)
        # A record read from the file is valid as it stands: it is checked on first change.
        if check_at_start:
            self.validate(quiet=True)  # "Enregistrer" greyed, no message before any typing
        # Not adjustSize(), which stops at two thirds of the screen's width.
        self.resize(self.sizeHint())
        fit_on_screen(self, available)
        if specs:
            self.inputs[specs[0].name].focus_widget.setFocus()

    # --- values ------------------------------------------------------------------------
    def current_fields(self) -> F:
        values = {name: field_input.get() for name, field_input in self.inputs.items()}
        return dataclasses.replace(self._initial, **values)  # type: ignore[type-var]

    def is_dirty(self) -> bool:
        # Text that cannot be read (a half-typed date) is a change too: never dropped.
        return self.current_fields() != self._as_opened or any(
            field_input.problem() for field_input in self.inputs.values()
        )

    # --- validation --------------------------------------------------------------------
    def _schedule_validation(self) -> None:
        self._timer.start()

    def _show_problems(self, problems: dict[str, str], general: str | None = None) -> None:
        for name, label in self.errors.items():
            label.show_problem(problems.get(name))
        if general is None:
            # A message cut short beside its field is given whole under the form: the end
            # of it often says what is expected.
            cut = [label.text() for name, label in self.errors.items()
                   if name in problems and label.is_cut()]
            general = cut[0] if cut else None
        self.general_error.setText(general or "")
        self.general_error.setVisible(bool(general))

    def _show_error(self, error: CharteError | None) -> None:
        if error is None:
            self._show_problems({})
        elif error.field in self.errors:
            self._show_problems({error.field: error.message})
        else:
            self._show_problems({}, error.message)

    def field_problems(self) -> dict[str, str]:
        """What cannot be read in the fields the officer has left, by field."""
        problems = {}
        for name, field_input in self.inputs.items():
            if not field_input.left:
                continue
            problem = field_input.problem()
            spec = self._specs[name]
            if problem is None and spec.required and field_input.get() in (None, "", []):
                problem = f"Le champ « {spec.label} » est obligatoire."
            if problem:
                problems[name] = problem
        return problems

    def validate(self, *, quiet: bool = False) -> bool:
        """Read the fields, then run the use case in a dry run; show what is wrong beside
        its field (unless `quiet`). True when the form can be saved."""
        self._timer.stop()
        problems = self.field_problems()
        error: CharteError | None = None
        self._stale = None
        if not problems:
            try:
                with self._db.dry_run():
                    self._save(self.current_fields())
            except StaleEditError as stale:
                error = self._stale = stale
            except CharteError as refused:
                error = refused
        valid = not problems and error is None
        self.save_button.setEnabled(valid)
        if not quiet:
            if problems:
                self._show_problems(problems)
            else:
                self._show_error(error)
        return valid

    # --- closing -----------------------------------------------------------------------
    def accept(self) -> None:
        for field_input in self.inputs.values():
            field_input.commit()  # Ctrl+S from a field the officer has not left
        if not self.validate():
            if self._stale is not None:
                self._offer_reload(self._stale)
                return
            first = next((name for name in self.inputs if not self.errors[name].isHidden()),
                         None)
            if first is not None:
                self.inputs[first].focus_widget.setFocus()
            return
        fields = self.current_fields()
        try:
            self.result_value = self._save(fields)
        except StaleEditError as stale:
            self._offer_reload(stale)
            return
        except CharteError as error:
            self._show_error(error)
            return
        self.saved_fields = fields
        super().accept()

    def _offer_reload(self, stale: StaleEditError) -> None:
        """Another officer saved this record meanwhile. Entrée reopens it as now saved with
        what this officer changed carried over (nothing typed is lost); or see it without
        her changes; or go on typing here."""
        if stale.deleted:  # nothing to reload: what was typed stays in sight, to copy
            QMessageBox.warning(self, "Supprimée sur un autre poste", stale.message)
            return
        # The box offers its own choices: not the refusal's « Rechargez-la… ».
        fact = stale.message.removesuffix(reload_advice(stale.table)).rstrip()
        box = QMessageBox(QMessageBox.Icon.Warning, "Modifiée sur un autre poste", fact,
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("Reprendre vos modifications rouvre sa version avec ce que "
                               "vous avez saisi, à vérifier avant d'enregistrer : rien de "
                               "votre saisie n'est perdu.")
        keep = box.addButton("&Reprendre mes modifications sur sa version",
                             QMessageBox.ButtonRole.AcceptRole)
        plain = box.addButton("Voir sa version &sans mes modifications",
                              QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton("&Continuer la saisie", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(back)
        box.exec()
        if box.clickedButton() in (keep, plain):
            self.reload_requested = True
            self.kept_changes = self.changed_values() if box.clickedButton() is keep else {}
            super().reject()

    def changed_values(self) -> dict[str, Any]:
        """What this officer changed since the form opened, by field name."""
        now = self.current_fields()
        return {name: getattr(now, name) for name in self.inputs
                if getattr(now, name) != getattr(self._as_opened, name)}

    def carry_over(self, changes: dict[str, Any], before: F) -> None:
        """Put back the `changes` typed in a form opened on `before`, over the values a
        colleague saved since; say which, and where both changed the same field."""
        carried = [name for name in changes if name in self.inputs
                   and name not in self._read_only]
        for name in carried:
            self.inputs[name].set(changes[name])
        if not carried:
            return
        both = [name for name in carried
                if getattr(self._initial, name) != getattr(before, name)]
        labels = ", ".join(self._specs[name].label.lower() for name in carried)
        text = (f"Voici la version enregistrée sur l'autre poste, avec vos modifications "
                f"reportées ({labels}) : vérifiez-les puis enregistrez (Ctrl+S).")
        if both:
            text += (" Modifié des deux côtés, votre saisie remplace la sienne : "
                     + ", ".join(self._specs[name].label.lower() for name in both) + ".")
        self.notice.setText(text)
        self.notice.show()
        self._schedule_validation()

    def _show_history(self) -> None:
        from charte_desktop.ui.history_dialog import HistoryDialog

        if self._history is not None:
            # « Historique de l'action « 1.1 … » », not « … de Modifier l'action … ».
            title = self.windowTitle().removeprefix("Modifier ")
            HistoryDialog(self, title, self._history()).exec()

    def done(self, result: int) -> None:
        self._timer.stop()  # no check of a form that is gone
        super().done(result)

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


# Title bar, margins and the buttons: what a dialog needs beside its form.
CHROME_HEIGHT = 110
MAX_COLUMNS = 3
ROW_SPACING = 4


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (the taskbar deducted)."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_on_screen(window: QWidget, area: QRect) -> None:
    """Shrink the window to the area if it is larger, and move it wholly inside it."""
    frame = 40  # the window manager's title bar, not counted in the window's size
    width = min(window.width(), area.width())
    height = min(window.height(), area.height() - frame)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    parent = window.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else area.center()
    x = min(max(centre.x() - width // 2, area.left()), area.right() + 1 - width)
    y = min(max(centre.y() - height // 2, area.top() + frame),
            area.bottom() + 1 - height)
    window.move(x, y)


def _split_rows(heights: Sequence[int], height: int) -> list[list[int]]:
    """Rows (by index) in as few columns as fit `height`, three at most, each column as
    even as the order of the fields allows."""

    def split(capacity: int) -> list[list[int]]:
        columns: list[list[int]] = [[]]
        filled = 0
        for index, row_height in enumerate(heights):
            if columns[-1] and filled + row_height > capacity:
                columns.append([])
                filled = 0
            columns[-1].append(index)
            filled += row_height
        return columns

    for count in range(1, MAX_COLUMNS + 1):
        capacity = max(max(heights, default=0), sum(heights) // count)
        while capacity <= height:
            columns = split(capacity)
            if len(columns) <= count:
                return columns
            capacity += 8
    # Taller than three screens' columns: three columns, and the form scrolls as a whole.
    capacity = sum(heights) // MAX_COLUMNS
    while len(columns := split(capacity)) > MAX_COLUMNS:
        capacity += 8
    return columns


def _lay_out_in_columns(body: QWidget, rows: Sequence[tuple[str, QWidget, Input]],
                        height: int) -> None:
    """Rows of label and field, in as many columns as the screen's height asks for, so a
    long form (the action's) shows whole on a laptop."""
    heights = [holder.sizeHint().height() + ROW_SPACING for _label, holder, _input in rows]
    line = QHBoxLayout(body)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(16)
    for column in _split_rows(heights, height):
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(ROW_SPACING)
        line.addLayout(form, 1)
        for index in column:
            label, holder, field_input = rows[index]
            form.addRow(label, holder)
            if label:
                row_label = form.labelForField(holder)
                if isinstance(row_label, QLabel):
                    row_label.setBuddy(field_input.focus_widget)
