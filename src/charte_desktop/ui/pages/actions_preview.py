"""Plan d'actions as shown at start, read with sqlite3 while the rest of Charte loads.

It looks like the screen (same frame, see `actions_frame`) and the officer can already
choose the plan and the axis, search, sort, scroll and select. Commands are greyed until the
screen takes its place, a second or so later, keeping all of these choices; opening an
action (Entrée, double click) or Ctrl+N asks for the screen at once and waits for it.
"""

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.services import first_screen
from charte_desktop.services.action_rows import ActionRow
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.pages import actions_frame as frame
from charte_desktop.ui.pages.base import Page

if TYPE_CHECKING:
    from charte_desktop.db import Database


def _no_choices() -> list[tuple[object, str]]:
    return []


class ActionsPreview(Page):
    title = "Plan d'actions"
    drawn = Signal()  # the list has been painted once, and the events since handled

    def __init__(self, path: Path, screen: Callable[[], Page]) -> None:
        super().__init__()
        self._path = path
        self._screen = screen  # builds (or returns) the real screen, which replaces this one
        self._axes: list[first_screen.AxisNode] = []
        self._rows: list[ActionRow] = []

        self.plan_combo, self.tree = frame.plan_selector()
        self.plan_combo.currentIndexChanged.connect(lambda _index: self._plan_changed())
        self.tree.currentItemChanged.connect(lambda *_: self.action_list.reload())
        monitoring = frame.monitoring_button()
        monitoring.setEnabled(False)
        left = frame.left_panel(self.plan_combo, self.tree, frame.button_row(frame.PLAN_BUTTONS),
                                monitoring, frame.button_row(frame.AXIS_BUTTONS))

        filters: dict[str, Filter] = frame.action_filters(_no_choices, _no_choices)
        for filter_ in filters.values():
            filter_.combo.setEnabled(False)
        self.action_list: ListPage[ActionRow] = frame.actions_list(self._visible_rows, filters)
        self.action_list.show_commands_inactive(duplicable=True)
        self.action_list.on_activate = lambda _row: self._in_screen(
            lambda page: page.action_list.edit_current())  # type: ignore[attr-defined]
        sheet = frame.sheet_button()
        sheet.setEnabled(False)
        self.action_list.add_button(sheet, needs_row=False)
        calendar_index = self.action_list.add_view(frame.CALENDAR_VIEW, QWidget(),
                                                   frame.LIST_VIEW)
        self.action_list.view_buttons[calendar_index].setEnabled(False)

        details = QTabWidget()
        for text in frame.DETAIL_TABS:
            details.addTab(QWidget(), text)
        details.setEnabled(False)
        views = QTabWidget()
        frame.assemble(self, left, self.action_list, details, views,
                       [QWidget() for _ in frame.VIEW_TABS[1:]])
        for index in range(1, views.count()):
            views.setTabEnabled(index, False)
        self._first_paint = True
        self.action_list.table.viewport().installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._first_paint and event.type() == QEvent.Type.Paint:
            self._first_paint = False
            QTimer.singleShot(0, self.drawn.emit)
        return False

    # --- data: sqlite3 only ------------------------------------------------------------------
    def _connect(self) -> "closing[sqlite3.Connection]":
        return closing(connect_sqlite(self._path, read_only=True))

    def refresh(self) -> None:
        current = self.plan_combo.currentData()
        with self._connect() as connection:
            self.plan_combo.blockSignals(True)
            self.plan_combo.clear()
            for plan in first_screen.read_plans(connection):
                self.plan_combo.addItem(plan.title, plan.id)
            self.plan_combo.setCurrentIndex(max(self.plan_combo.findData(current), 0))
            self.plan_combo.blockSignals(False)
            self._read_plan(connection)
        self.action_list.reload()

    def _plan_changed(self) -> None:
        with self._connect() as connection:
            self._read_plan(connection)
        self.action_list.reload()

    def _read_plan(self, connection: sqlite3.Connection) -> None:
        plan_id = self.plan_combo.currentData()
        self._axes = first_screen.read_axes(connection, plan_id) if plan_id else []
        self._rows = first_screen.read_actions(connection, plan_id) if plan_id else []
        frame.fill_tree(self.tree, self._axes, frame.tree_axis_id(self.tree))

    def _visible_rows(self, _filters: object) -> list[ActionRow]:
        axis_id = frame.tree_axis_id(self.tree)
        if axis_id is None:
            return self._rows
        axes = first_screen.subtree_ids(self._axes, axis_id)
        return [row for row in self._rows if row.axis_id in axes]

    def first_query(self, db: "Database") -> Callable[[], object]:
        """The screen's first query on the plan shown, to run while loading (any thread)."""
        plan_id = self.plan_combo.currentData()

        def run() -> object:
            from charte_desktop.services.actions import ActionFilter, list_actions

            return list_actions(db, ActionFilter(plan_id=plan_id)) if plan_id else None

        return run

    # --- everything else is the screen's -----------------------------------------------------
    def _in_screen(self, command: Callable[[Page], object]) -> None:
        command(self._screen())

    def focus_search(self) -> None:
        self.action_list.search.setFocus()
        self.action_list.search.selectAll()

    def create_item(self) -> None:
        self._in_screen(lambda page: page.create_item())

    def focus_list(self) -> None:
        self.action_list.focus_table()

    def show_item(self, item_id: int | None) -> None:
        self._in_screen(lambda page: page.show_item(item_id))
