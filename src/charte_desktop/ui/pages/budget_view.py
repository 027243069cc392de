"""Budget of the plan: planned, committed and spent per axis and per year, with totals;
its co-financing per funder (sollicité apart from acquis and versé)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from charte_desktop.formatting import format_money
from charte_desktop.services import budget
from charte_desktop.services.budget import BudgetLine
from charte_desktop.services.dashboard import budget_totals, share_percent
from charte_desktop.services.monitoring import FunderTotal, funder_totals
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.table_model import Column, RowTableModel, fit_columns


def _percent(part: Decimal, whole: Decimal) -> str:
    share = share_percent(part, whole)
    return "–" if share is None else f"{share} %"


def budget_columns(first: str) -> list[Column[BudgetLine]]:
    return [
        Column(first, lambda r: r.label),  # takes the room left
        Column("Actions", lambda r: r.action_count, align_right=True),
        Column("Prévu", lambda r: r.planned, money=True, width=120),
        Column("Engagé", lambda r: r.committed, money=True, width=120),
        Column("Dépensé", lambda r: r.spent, money=True, width=120),
        Column("Dépensé / prévu", lambda r: _percent(r.spent, r.planned), align_right=True),
        Column("Reste à dépenser", lambda r: r.remaining, money=True, width=120),
    ]


def funder_columns() -> list[Column[FunderTotal]]:
    """As the Synthèse of the tableau de suivi: sollicité is never added to the rest."""
    return [
        Column("Financeur", lambda r: r.funder),  # takes the room left
        Column("Sollicité", lambda r: r.requested, money=True, width=120),
        Column("Acquis", lambda r: r.granted, money=True, width=120),
        Column("Versé", lambda r: r.paid, money=True, width=120),
        Column("Acquis ou versé", lambda r: r.secured, money=True, width=130),
    ]


FUNDERS_TITLE = ("<b>Cofinancements par financeur</b> (le sollicité n'est jamais compté "
                 "dans l'acquis ou versé ; actions abandonnées exclues)")


class BudgetView(QWidget):
    def __init__(self, context: AppContext, plan_id: Callable[[], int | None]) -> None:
        super().__init__()
        self.context = context
        self._plan_id = plan_id
        self.summary = QLabel()
        self.summary.setObjectName("budgetSummary")
        self.summary.setWordWrap(True)
        self.by_axis: RowTableModel[BudgetLine] = RowTableModel(budget_columns("Axe"))
        self.by_year: RowTableModel[BudgetLine] = RowTableModel(budget_columns("Année"))
        self.axis_table = self._table(self.by_axis, "Budget par axe")
        self.year_table = self._table(self.by_year, "Budget par année")
        self.by_funder: RowTableModel[FunderTotal] = RowTableModel(funder_columns())
        self.funder_table = self._table(self.by_funder, "Cofinancements par financeur")
        self.year_note = QLabel()
        self.year_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("<b>Par axe</b> (les sous-axes comptent dans leur axe ; "
                                "actions abandonnées exclues)"))
        layout.addWidget(self.axis_table, 2)
        layout.addWidget(QLabel("<b>Par année</b>"))
        layout.addWidget(self.year_note)
        layout.addWidget(self.year_table, 2)
        funders_title = QLabel(FUNDERS_TITLE)
        funders_title.setWordWrap(True)
        layout.addWidget(funders_title)
        layout.addWidget(self.funder_table, 3)

    def _table(self, model: RowTableModel[Any], name: str) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(name)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        fit_columns(table, model.columns, stretch=0)
        return table

    def reload(self) -> None:
        plan_id = self._plan_id()
        if plan_id is None:
            self.by_axis.set_rows([])
            self.by_year.set_rows([])
            self.by_funder.set_rows([])
            self.summary.setText("")
            return
        db = self.context.db
        axes = budget.totals_by_axis(db, plan_id)
        self.by_axis.set_rows([*axes, budget.plan_total(axes)] if axes else [])
        years = budget.totals_by_year(db, plan_id)
        detailed = budget.detailed_action_count(db, plan_id)
        self.by_year.set_rows([*years, budget.plan_total(years, "Total des années", detailed)]
                              if years else [])
        funders = funder_totals(db, plan_id)  # the Synthèse's reader
        self.by_funder.set_rows([*funders, budget.funders_total(funders)] if funders else [])
        totals = budget_totals(db, plan_id)
        self.summary.setText(
            f"Budget prévu du plan : <b>{format_money(totals.planned)}</b> — engagé "
            f"{format_money(totals.committed)} ({totals.committed_percent} %) — dépensé "
            f"{format_money(totals.spent)} ({totals.spent_percent} %).")
        self.year_note.setText(
            "Aucune action n'a encore de budget détaillé par année (onglet « Budget par "
            "année » d'une action)." if not years else
            "Seules les actions dont le budget est détaillé par année y figurent.")
