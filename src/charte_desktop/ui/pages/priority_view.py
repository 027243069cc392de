"""Priorisation: the plan's actions by weighted score, where the officer decides each
action's priority level (a drop-down in the Priorité column, or the buttons below)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from charte_desktop.db.enums import Priority
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_value
from charte_desktop.services import prioritisation
from charte_desktop.services.action_details import MAX_SCORE, set_scores
from charte_desktop.services.prioritisation import PriorityRow
from charte_desktop.services.weights import weight_text
from charte_desktop.text import fold
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
DIGIT_KEYS = {Qt.Key(Qt.Key.Key_0.value + digit): digit for digit in range(10)}
SCORE_KEYS = {key: digit for key, digit in DIGIT_KEYS.items() if digit <= MAX_SCORE}
STATUS_MS = 8000
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
        self._suggestion: dict[int, Priority] = {}
        self._criteria: list[tuple[int, Decimal]] = []  # id and weight, as shown

    def set_table(self, table: prioritisation.PriorityTable) -> None:
        # What the scores suggest, computed again at each note typed.
        self._suggestion = prioritisation.suggested_priorities(table.rows)
        self._criteria = [(c.id, c.weight) for c in table.criteria]

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
            Column("Proposée", lambda r: self._suggestion[r.action_id].label
                   if r.action_id in self._suggestion else "",
                   sort_value=lambda r: _level_order(self._suggestion.get(r.action_id)),
                   width=90),
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

    def update_in_place(self, table: prioritisation.PriorityTable) -> bool:
        """New notes, scores, ranks and levels, each action staying on its line (the
        officer types down a column: nothing moves under the cursor). False, and nothing
        done, when the actions or the criteria are no longer the same: reload then."""
        new = {row.action_id: row for row in table.rows}
        old_ids = [row.action_id for row in self._all_rows]
        if (sorted(old_ids) != sorted(new)
                or [(c.id, c.weight) for c in table.criteria] != self._criteria):
            return False
        rows = [new[action_id] for action_id in old_ids]
        suggestion, self._suggestion = (
            self._suggestion, prioritisation.suggested_priorities(table.rows))
        texts = [[format_value(c.value(row), money=c.money) for c in self.columns]
                 for row in rows]
        search = [fold(" ".join(line)) for line in texts]
        shown_ids = {row.action_id for row in self._rows}
        shown = [i for i, action_id in enumerate(old_ids) if action_id in shown_ids]
        if any(all(word in search[i] for word in self._words) != (old_ids[i] in shown_ids)
               for i in range(len(rows))):
            self._suggestion = suggestion  # the search would keep other lines: reload
            return False
        self._all_rows, self._all_texts, self._all_search = rows, texts, search
        self._rows = [rows[i] for i in shown]
        self._texts = [texts[i] for i in shown]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))
        return True

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
                f"aller d'une case à l'autre, 0 à {MAX_SCORE} pour la note, Suppr pour "
                "l'effacer (Ctrl+Z annule) ; rang et score suivent, les lignes restent en "
                "place pendant la saisie : « Reclasser par score » (ou F5) les remet dans "
                "l'ordre. Critères et poids dans Paramètres. Décidez la priorité de chacune : "
                "F2 dans la colonne Priorité, ou les boutons ci-dessous."))
        self.model: PriorityModel = self.model
        self.context = context
        self._plan_id = plan_id
        # A note typed updates its line where it is: the lines are sorted again only when
        # the officer asks (Reclasser, F5) or comes back to the view.
        self.proxy.setDynamicSortFilter(False)
        self._moved = False  # notes or levels changed since the lines were last sorted
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
        # Beside the search box (the row of buttons below is as wide as the laptop allows).
        self.sort_button = QPushButton("Reclasser par score")
        self.sort_button.setToolTip("Remet les actions dans l'ordre de leur score (F5)")
        self.sort_button.clicked.connect(self.sort_by_score)
        search_row = QHBoxLayout()
        self.layout_.insertLayout(self.layout_.indexOf(self.search), search_row)
        self.layout_.removeWidget(self.search)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.sort_button)
        QWidget.setTabOrder(self.search, self.sort_button)
        QWidget.setTabOrder(self.sort_button, self.table)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and self._score_key(event)):
            return True
        return super().eventFilter(watched, event)

    def _score_key(self, event: QKeyEvent) -> bool:
        """A digit 0–3 notes the action on the criterion of the current cell; Suppr clears
        the note; a digit past 3 is refused with one line in the status bar. Other keys go
        on to the table (arrows, F2…)."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        column = self.proxy.mapToSource(index).column()
        criterion_id = self.model.criterion_columns.get(column)
        key = Qt.Key(event.key())
        if criterion_id is None or (key not in DIGIT_KEYS and key not in CLEAR_KEYS):
            return False
        row = self.selected_row()
        if row is None:
            return False
        if key in DIGIT_KEYS and key not in SCORE_KEYS:
            self.notify(f"Une note va de 0 à {MAX_SCORE} (saisi : {DIGIT_KEYS[key]}) : "
                        "rien n'est enregistré.")
            return True
        self._save_score(row, criterion_id, SCORE_KEYS.get(key))
        return True

    def notify(self, text: str) -> None:
        """One line in the window's status bar."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, STATUS_MS)

    def _save_score(self, row: PriorityRow, criterion_id: int, score: int | None) -> None:
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
            self.refresh_in_place))
        self.refresh_in_place()  # the line and the cursor stay where they are

    def refresh_in_place(self) -> None:
        """Notes, scores, ranks and levels read again, each line where it is."""
        plan_id = self._plan_id()
        if plan_id is None or not self.model.update_in_place(
                prioritisation.priority_table(self.context.db, plan_id)):
            self.reload()
            return
        self._moved = True

    def sort_by_score(self) -> None:
        """« Reclasser par score »: the lines in the order of their rank, the cursor on
        the action it was on."""
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._moved and not event.spontaneous():  # back to the view: sorted again
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._moved = False
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
                db, item, value), row.action_id, row.priority, level, self.refresh_in_place))
        self.refresh_in_place()

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
                    action_id, None, level, self.refresh_in_place))
        finally:
            self.context.undo_stack.endMacro()
        self.reload()
