"""Priorisation of one action: a score from 0 to 3 on each criterion, its weighted total
and its rank in the plan. Ctrl+S saves the scores; scores typed and not saved are saved
when another action is shown, never dropped."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number
from charte_desktop.services import action_details as details
from charte_desktop.services.weights import weight_text
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.error_reporting import show_user_error
from charte_desktop.ui.problem_label import PROBLEM_COLOUR
from charte_desktop.ui.undo import EditCommand

NOT_SCORED = -1


class ScoresPanel(QWidget):
    def __init__(self, context: AppContext, action_id: Callable[[], int | None],
                 plan_id: Callable[[], int | None]) -> None:
        super().__init__()
        self.context = context
        self._action_id = action_id
        self._plan_id = plan_id
        self._saved: dict[int, int | None] = {}
        self.spins: dict[int, QSpinBox] = {}
        self.form = QFormLayout()
        self.summary = QLabel()
        self.summary.setObjectName("scoresSummary")
        # A digit the scale refuses (« 7 ») is said here; the spin box keeps its note.
        self.problem = QLabel()
        self.problem.setObjectName("scoresProblem")
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.problem.setWordWrap(True)
        self.save_button = QPushButton("En&registrer les notes")
        self.save_button.clicked.connect(self.save)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)
        self._shown_for: int | None = None  # the action whose scores the spins show
        help_text = QLabel("Notez l'action de 0 (pas du tout) à 3 (tout à fait) sur chaque "
                           "critère ; le score pondéré classe les actions du plan.")
        help_text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(self.save_button)
        layout.addStretch(1)

    def reload(self) -> None:
        db = self.context.db
        if self._shown_for is not None and self.current_scores() != self._saved:
            self.save(self._shown_for)  # typed for the action shown until now: kept
        while self.form.rowCount():
            self.form.removeRow(0)
        self.spins.clear()
        self.problem.setText("")
        action_id = self._shown_for = self._action_id()
        if action_id is None:
            self.summary.setText("")
            return
        scores = details.get_scores(db, action_id)
        for criterion in details.list_criteria(db):
            spin = QSpinBox()
            spin.setRange(NOT_SCORED, details.MAX_SCORE)
            spin.setSpecialValueText("non noté")
            spin.setValue(scores.get(criterion.id, NOT_SCORED))
            spin.setAccessibleName(criterion.name)
            spin.setToolTip(criterion.description)
            spin.valueChanged.connect(self._update_button)
            spin.installEventFilter(self)
            self.spins[criterion.id] = spin
            self.form.addRow(f"{criterion.name} (poids {weight_text(criterion.weight)})", spin)
        self._saved = self.current_scores()
        self._update_summary()
        self._update_button()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(watched, QSpinBox) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.text().isdigit()):
            self._check_digit(watched, event.text())
        return super().eventFilter(watched, event)

    def _check_digit(self, spin: QSpinBox, digit: str) -> None:
        """Say why a digit the spin box refuses changes nothing (Qt drops it silently)."""
        line = spin.lineEdit()
        text, start = line.text(), line.cursorPosition()
        end = start
        if line.hasSelectedText():
            start = line.selectionStart()
            end = start + len(line.selectedText())
        typed = text[:start] + digit + text[end:]
        state = spin.validate(typed, start + 1)
        if (state[0] if isinstance(state, tuple) else state) != QValidator.State.Invalid:
            self.problem.setText("")
            return
        shown = typed if typed.isdigit() else digit
        self.problem.setText(f"Une note va de 0 à {details.MAX_SCORE} (saisi : {shown}) : "
                             "la note reste inchangée.")

    def current_scores(self) -> dict[int, int | None]:
        return {cid: (None if spin.value() == NOT_SCORED else spin.value())
                for cid, spin in self.spins.items()}

    def _update_button(self) -> None:
        self.save_button.setEnabled(self.current_scores() != self._saved)

    def _update_summary(self) -> None:
        action_id, plan_id = self._action_id(), self._plan_id()
        if action_id is None or plan_id is None:
            return
        ranking = details.priority_ranking(self.context.db, plan_id)
        mine = next((row for row in ranking if row.action_id == action_id), None)
        if mine is None:
            self.summary.setText("")
            return
        self.summary.setText(f"Score pondéré : <b>{format_number(mine.score)}</b> — "
                             f"rang {mine.rank} sur {len(ranking)} actions du plan")

    def save(self, action_id: int | None = None) -> None:
        action_id = action_id or self._shown_for
        if action_id is None:
            return
        before, after = self._saved, self.current_scores()
        if before == after:
            return
        db = self.context.db
        try:
            details.set_scores(db, action_id, after)
        except CharteError as error:
            show_user_error(self, error)
            return
        self._saved = after  # saved: the reload below has nothing left to keep
        self.context.undo_stack.push(EditCommand(
            "Notes de priorisation", lambda item, scores: details.set_scores(db, item, scores),
            action_id, before, after, self.reload,
        ))
        self.reload()
