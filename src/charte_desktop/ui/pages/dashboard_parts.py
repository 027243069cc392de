"""Parts of the Tableau de bord: a table sized to its rows, and the budget card."""

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.formatting import NBSP, format_money
from charte_desktop.services.calls import Deadline
from charte_desktop.services.dashboard import ZERO, BudgetTotals, PlanBudget
from charte_desktop.ui.table_model import Column, RowTableModel


def _spent_share(budget: PlanBudget) -> str:
    if budget.totals.planned <= 0:
        return "—"
    return f"{budget.totals.spent_percent}{NBSP}%"


PLAN_BUDGET_COLUMNS: list[Column[PlanBudget]] = [
    Column("Plan", lambda b: b.plan_title),
    Column("Prévu", lambda b: b.totals.planned, money=True),
    Column("Engagé", lambda b: b.totals.committed, money=True),
    Column("Dépensé", lambda b: b.totals.spent, money=True),
    Column("% dépensé", _spent_share, align_right=True,
           sort_value=lambda b: b.totals.spent_percent),
]


class CompactTable(QTableView):
    """A table that asks for the height of its rows, so a card shows them all if it can."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = sum(self.rowHeight(i) for i in range(self.model().rowCount()))
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(hint.width(), height + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 110)


class BudgetCard(QFrame):
    """Planned, committed and spent euros, and a bar of spent against planned: for one
    plan, or a line per plan (budgets voted apart are never added up)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        heading = QLabel("Budget consommé")
        heading.setObjectName("cardHeading")
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.planned = self._figure()
        self.committed = self._figure()
        self.spent = self._figure()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Budget dépensé par rapport au prévu")
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(260)

        figures = QHBoxLayout()
        figures.setSpacing(28)
        for caption, (value, detail) in (
            ("Prévu", self.planned),
            ("Engagé", self.committed),
            ("Dépensé", self.spent),
        ):
            column = QVBoxLayout()
            column.setSpacing(0)
            label = QLabel(caption)
            label.setObjectName("figureCaption")
            column.addWidget(label)
            column.addWidget(value)
            column.addWidget(detail)
            figures.addLayout(column)
        figures.addStretch(1)

        # One plan: its figures and a bar; several: a line per plan (see set_budgets).
        self.single = QWidget()
        single = QVBoxLayout(self.single)
        single.setContentsMargins(0, 0, 0, 0)
        single.setSpacing(8)
        single.addLayout(figures)
        single.addWidget(self.progress)
        self.per_plan: RowTableModel[PlanBudget] = RowTableModel(PLAN_BUDGET_COLUMNS, self)
        self.plans_table = CompactTable()
        self.plans_table.setModel(self.per_plan)
        self.plans_table.setAccessibleName("Budget par plan")
        self.plans_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plans_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plans_table.setShowGrid(False)
        self.plans_table.setWordWrap(True)  # long plan titles on two lines, figures in sight
        self.plans_table.verticalHeader().hide()
        self.plans_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.plans_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i in range(len(PLAN_BUDGET_COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if i == 0
                                        else QHeaderView.ResizeMode.ResizeToContents)
        # Titles wrap at the width the figures leave them.
        header.sectionResized.connect(lambda *_: self._fit_plan_rows())
        self.plans_table.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(8)
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(heading)
        title_row.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignBaseline)
        title_row.addStretch(1)
        layout.addLayout(title_row)
        layout.addWidget(self.single)
        layout.addWidget(self.plans_table, 1)  # the plans take the card's room…
        layout.addStretch(0)  # …which the figures of one plan leave below them

    @staticmethod
    def _figure() -> tuple[QLabel, QLabel]:
        value = QLabel()
        value.setObjectName("figure")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QLabel()
        detail.setObjectName("figureCaption")
        return value, detail

    def set_totals(self, totals: BudgetTotals) -> None:
        count = totals.action_count
        self.caption.setText(
            f"{count} action{'s' if count > 1 else ''}, hors actions abandonnées"
        )
        self.planned[0].setText(format_money(totals.planned))
        self.planned[1].setText("")
        self.committed[0].setText(format_money(totals.committed))
        self.committed[1].setText(f"{totals.committed_percent}{NBSP}% du prévu")
        self.spent[0].setText(format_money(totals.spent))
        self.spent[1].setText(f"{totals.spent_percent}{NBSP}% du prévu")
        self.progress.setValue(min(totals.spent_percent, 100))
        if totals.planned <= 0:
            self.progress.setFormat("Aucun budget prévu")
        else:
            # Written out (not "%p") so an overspent budget still says "112 %".
            self.progress.setFormat(f"{totals.spent_percent}{NBSP}% du budget prévu dépensé")

    def set_budgets(self, budgets: Sequence[PlanBudget]) -> None:
        """One plan (or none): its figures; several: a line each."""
        several = len(budgets) > 1
        self.single.setVisible(not several)
        self.plans_table.setVisible(several)
        if not several:
            self.per_plan.set_rows([])
            self.set_totals(budgets[0].totals if budgets else BudgetTotals(ZERO, ZERO, ZERO, 0))
            return
        self.per_plan.set_rows(budgets)
        self._fit_plan_rows()
        count = sum(budget.totals.action_count for budget in budgets)
        self.caption.setText(f"{len(budgets)} plans, {count} action{'s' if count > 1 else ''}"
                             ", hors actions abandonnées")

    def _fit_plan_rows(self) -> None:
        self.plans_table.resizeRowsToContents()
        self.plans_table.updateGeometry()


def call_text(row: Deadline) -> str:
    """A call as a deadline's line names it: « Fonds vert – … (Préfecture) »."""
    return f"{row.call_title} ({row.funder})" if row.funder else row.call_title


def days_left_text(row: Deadline) -> str:
    """ "aujourd'hui", "demain", "dans 12 jours"."""
    if row.days_left <= 0:
        return "aujourd'hui"
    return "demain" if row.days_left == 1 else f"dans {row.days_left} jours"
