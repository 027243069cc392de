"""Actions × politiques publiques: a box per action and policy, ticked when the action
contributes to it; ticking or unticking saves at once (Ctrl+Z undoes)."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from charte_desktop.errors import CharteError
from charte_desktop.services import policy_matrix
from charte_desktop.services.policy_matrix import MatrixRow, PolicyMatrix
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
FIXED_COLUMNS = 2  # code, title
_CHECK = int(Qt.ItemDataRole.CheckStateRole)


def _carries(policy_id: int) -> Callable[[MatrixRow], str]:
    """The cell of a policy's column: « oui » when the action serves it."""
    return lambda row: "oui" if policy_id in row.policy_ids else ""


class MatrixModel(RowTableModel[MatrixRow]):
    def __init__(self, toggle: Callable[[MatrixRow, int, bool], None]) -> None:
        super().__init__([])
        self._toggle = toggle
        self.policy_ids: list[int] = []

    def set_matrix(self, matrix: PolicyMatrix) -> None:
        self.policy_ids = [p.id for p in matrix.policies]
        self.columns = [
            Column("Code", lambda r: r.code, sort_value=lambda r: natural_text(r.code),
                   width=60),
            Column("Intitulé", lambda r: r.title),  # takes the room left
            *(Column(f"{p.code} ({matrix.count(p.id)})", _carries(p.id))
              for p in matrix.policies),
        ]
        self._alignments = [int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                            for _c in self.columns]
        self.set_rows(matrix.rows)

    def policy_at(self, column: int) -> int | None:
        offset = column - FIXED_COLUMNS
        return self.policy_ids[offset] if 0 <= offset < len(self.policy_ids) else None

    def data(self, index: Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        policy_id = self.policy_at(index.column())
        if policy_id is not None:
            if role == _CHECK:
                tagged = policy_id in self.row_at(index.row()).policy_ids
                return Qt.CheckState.Checked if tagged else Qt.CheckState.Unchecked
            if role == int(Qt.ItemDataRole.DisplayRole):
                return None  # the box says it; "oui" stays in the search text
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.policy_at(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = int(Qt.ItemDataRole.EditRole)) -> bool:
        policy_id = self.policy_at(index.column())
        if role != _CHECK or policy_id is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self._toggle(self.row_at(index.row()), policy_id, checked)
        return True


class PolicyMatrixView(PlanTableView):
    def __init__(self, context: AppContext, plan_id: Callable[[], int | None]) -> None:
        super().__init__(
            MatrixModel(self._toggle), name="Actions et politiques publiques",
            explanation=(
                "Cochez les politiques publiques auxquelles chaque action contribue (entre "
                "parenthèses : le nombre d'actions). La liste des politiques se modifie dans "
                "Paramètres. Espace coche ou décoche la case sélectionnée."))
        self.model: MatrixModel = self.model
        self.context = context
        self._plan_id = plan_id

    def reload(self) -> None:
        plan_id = self._plan_id()
        current = self.table.currentIndex()
        row, column = current.row(), current.column()
        if plan_id is None:
            self.model.set_matrix(PolicyMatrix([], []))
            return
        self.model.set_matrix(policy_matrix.policy_matrix(self.context.db, plan_id))
        fit_columns(self.table, self.model.columns, stretch=1)
        if current.isValid():
            self.table.setCurrentIndex(self.proxy.index(row, column))

    def _toggle(self, row: MatrixRow, policy_id: int, tagged: bool) -> None:
        db = self.context.db
        try:
            policy_matrix.set_action_policy(db, row.action_id, policy_id, tagged)
        except CharteError as error:
            show_user_error(self, error)
            return

        def apply(action_id: int, value: bool) -> None:
            policy_matrix.set_action_policy(db, action_id, policy_id, value)

        self.context.undo_stack.push(EditCommand(
            f"Politique publique de l'action {row.code}", apply, row.action_id,
            not tagged, tagged, self.reload))
        self.reload()
