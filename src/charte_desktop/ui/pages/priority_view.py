"""Priorisation: the plan's actions by weighted score, where the officer decides each
action's priority level (a drop-down in the Priorité column, or the buttons below)."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from charte_desktop.db.enums import Priority
from charte_desktop.errors import CharteError
from charte_desktop.services import prioritisation
from charte_desktop.services.action_details import set_scores
from charte_desktop.services.prioritisation import PriorityRow
from charte_desktop.services.weights import weight_text
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.error_reporting import show_user_error
from charte_desktop.ui.pages.plan_table_view import PlanTableView
from charte_desktop.ui.table_model import (
    Column,
    RowTableModel,
    fit_columns,
    natural_text,
)
from charte_desktop.ui.undo import EditCommand

Index = QModelIndex | QPersistentModelIndex
TITLE_WIDTH = 240  # a title stays readable (on two lines); the notes scroll sideways if need be
SCORE_KEYS = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3}
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
NOT_DECIDED = "Non décidée"
LEVELS: list[tuple[Priority | None, str]] = [
    *((level, level.label) for level in Priority), (None, NOT_DECIDED)]


class PriorityModel(RowTableModel[PriorityRow]):
    """Rows of the ranking; the Priorité column is editable and saves at once."""

    def __init__(self, save: Callable[[PriorityRow, Priority | None], None]) -> None:
        super().__init__([])
        self._save = save
        self.priority_column = -1
        self.criterion_columns: dict[int, int] = {}  # column → criterion id
        self.header_tips: list[str] = []

    def set_table(self, table: prioritisation.PriorityTable) -> None:
        # What the scores suggest, computed again at each note typed.
        suggestion = prioritisation.suggested_priorities(table.rows)
        def score_of(criterion_id: int) -> Callable[[PriorityRow], Any]:
            return lambda row: row.scores.get(criterion_id, "–")

        def sorted_score(criterion_id: int) -> Callable[[PriorityRow], Any]:
            return lambda row: row.scores.get(criterion_id, -1)  # not scored: last

        self.columns = [
            Column("Rang", lambda r: r.rank, align_right=True, width=50),
            Column("Code", lambda r: r.code, sort_value=lambda r: natural_text(r.code),
                   width=60),
            Column("Intitulé", lambda r: r.title, width=TITLE_WIDTH),  # and the room left
            *(Column(f"{short_name(c.name)} ×{weight_text(c.weight)}", score_of(c.id),
                     align_right=True, sort_value=sorted_score(c.id))
              for c in table.criteria),
            Column("Score", lambda r: r.score, align_right=True, width=60),
            Column("Proposée", lambda r: suggestion[r.action_id].label
                   if r.action_id in suggestion else "",
                   sort_value=lambda r: _level_order(suggestion.get(r.action_id)), width=90),
            Column("Priorité", lambda r: r.priority.label if r.priority else NOT_DECIDED,
                   sort_value=lambda r: _level_order(r.priority), width=100),
        ]
        self.priority_column = len(self.columns) - 1
        self.criterion_columns = {3 + i: c.id for i, c in enumerate(table.criteria)}
        self.header_tips = ["", "", "", *(f"{c.name} (poids {weight_text(c.weight)})"
                                          for c in table.criteria), "Somme des notes × poids",
                            "D'après les scores : premier tiers haute, deuxième moyenne, "
                            "reste basse", "Décidée par vous"]
        self._alignments = [int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                            if c.align_right else int(Qt.AlignmentFlag.AlignLeft
                                                      | Qt.AlignmentFlag.AlignVCenter)
                            for c in self.columns]
        self.set_rows(table.rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and section < len(self.header_tips)):
            return self.header_tips[section] or None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.priority_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # The value is a position in LEVELS: Qt would turn an enum member into a str.
        if role != Qt.ItemDataRole.EditRole or index.column() != self.priority_column:
            return False
        self._save(self.row_at(index.row()), LEVELS[int(value)][0])
        return True


def short_name(name: str) -> str:
    """A criterion's first word for a narrow column ("Volonté politique" → "Volonté");
    the whole name is in the column's tooltip."""
    return name.split()[0] if name.split() else name


def _level_order(priority: Priority | None) -> int:
    return list(Priority).index(priority) if priority is not None else len(Priority)


class LevelDelegate(QStyledItemDelegate):
    """A drop-down of the priority levels in the Priorité column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Priorité")
        for _level, text in LEVELS:
            combo.addItem(text)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data()))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if LEVELS[editor.currentIndex()][1] != index.data():
            model.setData(index, editor.currentIndex())


class PriorityView(PlanTableView):
    def __init__(self, context: AppContext, plan_id: Callable[[], int | None]) -> None:
        super().__init__(
            PriorityModel(self._save_level), name="Classement des actions par score",
            explanation=(
                "Les actions sont classées par score pondéré. Notez-les ici : flèches pour "
                "aller d'une case à l'autre, 0 à 3 pour la note, Suppr pour l'effacer "
                "(Ctrl+Z annule) ; rang et score suivent. Critères et poids dans Paramètres. "
                "Décidez la priorité de chacune : F2 dans la colonne Priorité, ou les "
                "boutons ci-dessous."))
        self.model: PriorityModel = self.model
        self.context = context
        self._plan_id = plan_id
        # Cell by cell: the arrows move from one criterion to the next, a digit notes it.
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.installEventFilter(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.delegate = LevelDelegate(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Priorité de l'action sélectionnée :"))
        self.level_buttons: dict[Priority | None, QPushButton] = {}
        for level, text in LEVELS:
            button = QPushButton(f"&{text}")
            button.clicked.connect(lambda _c=False, lv=level: self._set_selected(lv))
            buttons.addWidget(button)
            self.level_buttons[level] = button
        buttons.addStretch(1)
        self.suggest_button = QPushButton("Proposer d'après les scores…")
        self.suggest_button.setToolTip(
            "Le premier tiers des actions notées en priorité haute, le deuxième en moyenne, "
            "le reste en basse ; seules les actions sans priorité décidée sont modifiées.")
        self.suggest_button.clicked.connect(self.apply_suggestion)
        buttons.addWidget(self.suggest_button)
        self.layout_.addLayout(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and self._score_key(event)):
            return True
        return super().eventFilter(watched, event)

    def _score_key(self, event: QKeyEvent) -> bool:
        """A digit 0–3 notes the action on the criterion of the current cell; Suppr clears
        the note. Other keys go on to the table (arrows, F2…)."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        column = self.proxy.mapToSource(index).column()
        criterion_id = self.model.criterion_columns.get(column)
        key = Qt.Key(event.key())
        if criterion_id is None or (key not in SCORE_KEYS and key not in CLEAR_KEYS):
            return False
        row = self.selected_row()
        if row is None:
            return False
        self._save_score(row, criterion_id, SCORE_KEYS.get(key), column)
        return True

    def _save_score(self, row: PriorityRow, criterion_id: int, score: int | None,
                    column: int) -> None:
        before = row.scores.get(criterion_id)
        if before == score:
            return
        db = self.context.db

        def save(action_id: int, value: int | None) -> None:
            set_scores(db, action_id, {criterion_id: value})

        try:
            save(row.action_id, score)
        except CharteError as error:
            show_user_error(self, error)
            return
        self.context.undo_stack.push(EditCommand(
            f"Note de l'action {row.code}", save, row.action_id, before, score,
            self.reload))
        self.reload()
        self.select_action(row.action_id, column)  # the cell follows the action's new rank

    def reload(self) -> None:
        plan_id = self._plan_id()
        selected = self.selected_row()
        column = self.proxy.mapToSource(self.table.currentIndex()).column()
        if plan_id is None:
            self.model.set_table(prioritisation.PriorityTable([], []))
            return
        self.model.set_table(prioritisation.priority_table(self.context.db, plan_id))
        self.table.setItemDelegateForColumn(self.model.priority_column, self.delegate)
        # The title keeps its width (readable); the last column takes the room left.
        fit_columns(self.table, self.model.columns, stretch=self.model.priority_column)
        if selected is not None:
            self.select_action(selected.action_id, max(column, 0))

    def selected_row(self) -> PriorityRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select_action(self, action_id: int, column: int = 0) -> bool:
        row = self.model.find_row(lambda r: r.action_id == action_id)
        if row < 0:
            return False
        column = min(column, max(self.model.columnCount() - 1, 0))
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, column)))
        return True

    def _set_selected(self, level: Priority | None) -> None:
        row = self.selected_row()
        if row is not None:
            self._save_level(row, level)

    def _save_level(self, row: PriorityRow, level: Priority | None) -> None:
        db = self.context.db
        try:
            prioritisation.set_priority(db, row.action_id, level)
        except CharteError as error:
            show_user_error(self, error)
            return
        self.context.undo_stack.push(EditCommand(
            f"Priorité de l'action {row.code}", lambda item, value: prioritisation.set_priority(
                db, item, value), row.action_id, row.priority, level, self.reload))
        self.reload()

    def apply_suggestion(self) -> None:
        rows = [r for r in self.model.rows() if r.priority is None]
        suggestion = prioritisation.suggested_priorities(self.model.rows())
        changes = {r.action_id: suggestion[r.action_id] for r in rows
                   if r.action_id in suggestion}
        if not changes:
            QMessageBox.information(self, "Priorisation",
                                    "Aucune action notée n'attend de priorité.")
            return
        answer = QMessageBox.question(
            self, "Priorisation",
            f"Donner une priorité à {len(changes)} action(s) d'après leur score ? "
            "Les priorités déjà décidées ne changent pas.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.context.db
        self.context.undo_stack.beginMacro("Priorités proposées d'après les scores")
        try:
            for action_id, level in changes.items():
                prioritisation.set_priority(db, action_id, level)
                self.context.undo_stack.push(EditCommand(
                    "Priorité", lambda item, value: prioritisation.set_priority(db, item, value),
                    action_id, None, level, self.reload))
        finally:
            self.context.undo_stack.endMacro()
        self.reload()
