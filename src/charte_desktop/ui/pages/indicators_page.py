"""Indicateurs: every indicator with where it stands, and the selected one's measurements."""

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QSplitter, QVBoxLayout

from charte_desktop.db.enums import Dimension, IndicatorKind
from charte_desktop.formatting import format_date, format_number
from charte_desktop.services import indicators, plans
from charte_desktop.services.indicators import IndicatorRow, IndicatorState, MeasurementRow
from charte_desktop.ui import choices
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage, list_with_keyboard
from charte_desktop.ui.pages import indicator_entities as entities
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.indicator_columns import INDICATOR_COLUMNS
from charte_desktop.ui.table_model import Column
from charte_desktop.ui.trajectory_chart import ChartData, TrajectoryChart

MEASUREMENT_COLUMNS: list[Column[MeasurementRow]] = [
    Column("Date", lambda m: m.date, width=100),
    Column("Valeur", lambda m: m.value, align_right=True, width=110),
    Column("Commentaire", lambda m: " ".join(m.comment.split()), width=500),
]


def measurement_title(row: IndicatorRow) -> str:
    """"Mesures de « … » — cible : 20 µg/m³ au 21/10/2028 — état : En retard"."""
    parts = [f"Mesures de « {row.name} »"]
    if row.target_value is not None:
        target = f"{format_number(row.target_value)} {row.unit}".strip()
        if row.target_date is not None:
            target += f" au {format_date(row.target_date)}"
        parts.append(f"cible : {target}")
    parts.append(f"état : {row.state.label}")
    return " — ".join(parts)


def chart_data(row: IndicatorRow, measurements: list[MeasurementRow]) -> ChartData:
    def point(on: date | None, value: Decimal | None) -> tuple[date, Decimal] | None:
        return (on, value) if on is not None and value is not None else None

    return ChartData(
        title=row.name, unit=row.unit,
        measurements=sorted((m.date, m.value) for m in measurements),
        baseline=point(row.baseline_date, row.baseline_value),
        target=point(row.target_date, row.target_value),
    )


class IndicatorsPage(Page):
    title = "Indicateurs"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db

        self.indicators: ListPage[IndicatorRow] = ListPage(
            "indicators", INDICATOR_COLUMNS, self._fetch_indicators,
            title="Indicateurs",
            filters={
                "kind": Filter("Type", choices.enum_choices(IndicatorKind)),
                "dimension": Filter("Dimension", choices.enum_choices(Dimension), "Toutes"),
                "state": Filter("État", choices.enum_choices(IndicatorState)),
            },
            row_title=lambda r: r.name,
            search_placeholder="Rechercher un indicateur (nom, unité, état…)",
        )
        self.indicators.set_editor(EntityEditor(
            self, db, entities.indicator_entity(db, self._default_plan_id),
            context.undo_stack, self.refresh,
        ))
        self.indicators.selection_changed.connect(lambda _row: self._reload_measurements())

        self.measurements: ListPage[MeasurementRow] = ListPage(
            "measurements", MEASUREMENT_COLUMNS, self._fetch_measurements,
            row_title=lambda m: f"mesure du {m.date:%d/%m/%Y}",
        )
        self.measurements.search.hide()
        self.measurements.table.setAccessibleName("Mesures de l'indicateur")
        # Two lists share the screen: the lower one's buttons say what they act on.
        self.measurements.new_button.setText("Nouvelle mes&ure")
        self.measurements.edit_button.setText("Modifier la mesu&re")
        self.measurements.delete_button.setText("Su&pprimer la mesure")
        self.measurements.set_editor(EntityEditor(
            self, db, entities.measurement_entity(db, self.current_indicator_id,
                                                  self._current_unit),
            context.undo_stack, self.refresh,
        ))
        self.chart = TrajectoryChart()
        self.measurement_box = QGroupBox()
        box_layout = QHBoxLayout(self.measurement_box)
        box_layout.addWidget(self.measurements, 1)
        box_layout.addWidget(self.chart, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.indicators)
        splitter.addWidget(self.measurement_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.indicators)

    # --- data ------------------------------------------------------------------------------
    def _fetch_indicators(self, filters: dict[str, Any]) -> list[IndicatorRow]:
        return [
            row for row in indicators.list_indicators(self.context.db)
            if all(value is None or getattr(row, name) is value
                   for name, value in filters.items())
        ]

    def _fetch_measurements(self, _filters: dict[str, Any]) -> list[MeasurementRow]:
        indicator_id = self.current_indicator_id()
        if indicator_id is None:
            return []
        # Latest first: the officer reads and corrects the newest values.
        return indicators.measurement_rows(self.context.db, indicator_id)[::-1]

    def current_indicator_id(self) -> int | None:
        return self.indicators.current_id()

    def _current_unit(self) -> str:
        row = self.indicators.current_row()
        return row.unit if row is not None else ""

    def _default_plan_id(self) -> int | None:
        """The plan the officer works on (selected on Plan d'actions), or else the one that
        screen shows first."""
        ids = [row.id for row in plans.list_plans(self.context.db)]
        if self.context.plan_id in ids:
            return self.context.plan_id
        return ids[0] if ids else None

    # --- refresh ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.indicators.reload()
        self._reload_measurements()

    def _reload_measurements(self) -> None:
        row = self.indicators.current_row()
        self.measurement_box.setEnabled(row is not None)
        if row is None:
            self.measurement_box.setTitle("Mesures — sélectionnez un indicateur")
        else:
            self.measurement_box.setTitle(measurement_title(row))
        self.measurements.reload()
        self.chart.set_data(None if row is None else chart_data(
            row, self.measurements.visible_rows()))

    # --- Page interface --------------------------------------------------------------------
    def focus_search(self) -> None:
        self.indicators.search.setFocus()
        self.indicators.search.selectAll()

    def create_item(self) -> None:
        """Ctrl+N: in the list below when it has the keyboard, else in the main list."""
        list_with_keyboard([self.measurements], self.indicators).create_new()

    def focus_list(self) -> None:
        self.indicators.focus_table()

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        if not self.indicators.select_id(item_id):
            for filter_ in self.indicators.filters.values():
                filter_.set_value(None)
            self.indicators.search.clear()
            self.indicators.select_id(item_id)
        self.indicators.table.setFocus()
