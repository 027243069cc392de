"""Parts of the Tableau de bord: its cards (a heading, a caption and a table sized to its
rows), the budget card, and the plan's chooser."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.formatting import NBSP, format_money, format_number
from charte_desktop.services.calls import Deadline
from charte_desktop.services.dashboard import ZERO, BudgetTotals, PlanBudget
from charte_desktop.ui.table_model import Column, RowTableModel

R = TypeVar("R")
PLAN_NAME_LENGTH = 24  # a plan named on a late action's line: « Charte pour une… — 1.2 »
PLAN_CHOICE_LENGTH = 44  # characters shown of a plan's title; longer: cut in its middle


def quantity(value: Any, unit: str) -> str:
    """25,9 µg/m³ — a measured value with its unit, the French way."""
    if value is None:
        return "—"
    number = format_number(value)
    return f"{number}{NBSP}{unit}" if unit else number


def short_title(title: str, limit: int = PLAN_NAME_LENGTH) -> str:
    """A plan's title cut at a word to fit a code's column: « Charte pour une… »."""
    if len(title) <= limit:
        return title
    cut = title[:limit - 1].rstrip()
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


# A card is a glance: the longest lists (hundreds of rows on a large plan) stop here.
MAX_CARD_ROWS = 8


class DashboardCard(QFrame, Generic[R]):
    """A heading with its count, a caption, and a compact table (or a sentence if empty)."""

    def __init__(
        self,
        heading: str,
        columns: Sequence[Column[R]],
        *,
        stretch: Sequence[int],
        empty_text: str,
        caption: str = "",
        on_activate: Callable[[R], None] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("card")
        self.heading_text = heading
        self.on_activate = on_activate
        self.heading = QLabel(heading)
        self.heading.setObjectName("cardHeading")
        self.caption = QLabel(caption)
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)  # on a narrow screen, under itself: the page never
        self.caption.setVisible(bool(caption))  # grows wider than the window

        self.model: RowTableModel[R] = RowTableModel(columns, self)
        self.table = CompactTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(heading)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i in range(len(columns)):
            mode = QHeaderView.ResizeMode.Stretch if i in stretch else \
                QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(i, mode)
        # Long texts wrap onto a second line rather than being cut.
        header.sectionResized.connect(lambda *_: self._fit_rows())
        # `activated` is a double click or Entrée, as the platform has it.
        self.table.activated.connect(self._activated)

        self.empty = QLabel(empty_text)
        self.empty.setObjectName("emptyText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)

        # Heading, caption and the card's buttons share one line: the rows get the room.
        self.heading_row = QHBoxLayout()
        self.heading_row.setSpacing(10)
        self.heading_row.addWidget(self.heading)
        self.heading_row.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignBaseline)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        self.more = QLabel()
        self.more.setObjectName("caption")
        self.more.hide()
        layout.addLayout(self.heading_row)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.more)

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show the first rows (a glance, not the full list); the heading counts them as
        the lists do: "(3)", or "(8 sur 12)" when some are left out."""
        self.model.set_rows(rows[:MAX_CARD_ROWS])
        shown = min(len(rows), MAX_CARD_ROWS)
        count = f"{shown} sur {len(rows)}" if shown < len(rows) else str(len(rows))
        self.heading.setText(f"{self.heading_text} ({count})")
        hidden = len(rows) - MAX_CARD_ROWS
        self.more.setText(f"… et {hidden} autre{'s' if hidden > 1 else ''}, dans l'écran "
                          "correspondant." if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self.body.setCurrentWidget(self.table if rows else self.empty)
        self._fit_rows()

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        self.table.updateGeometry()

    def rows(self) -> list[R]:
        return self.model.rows()

    def current_row(self) -> R | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.on_activate is not None:
            self.on_activate(self.model.row_at(index.row()))


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
        self.caption.setWordWrap(True)
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
        title_row.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignBaseline)
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


class PlanChooser(QComboBox):
    """« Tous les plans » then each plan, whole in the list that drops down; shown shortened
    in its middle when too long (its start and its years stay), whole in the tip."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Plan")
        self.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(PLAN_CHOICE_LENGTH)
        self.currentTextChanged.connect(self.setToolTip)

    def add_plan(self, title: str, plan_id: int | None) -> None:
        self.addItem(title, plan_id)
        view = self.view()  # as wide as the longest title, within the screen
        view.setMinimumWidth(min(max(view.minimumWidth(),
                                     self.fontMetrics().horizontalAdvance(title) + 40), 900))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideMiddle, field.width())
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
