"""The "Liste | Calendrier" switch of Plan d'actions: the calendar shows the very actions of
the list (plan, axis, filters and search) and shares its selection and its form."""

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QSplitter, QWidget

from charte_desktop.services.actions import ActionFilter
from charte_desktop.services.late_reasons import late_reasons
from charte_desktop.services.timeline import Timeline, build_timeline
from charte_desktop.ui.pages.actions_frame import (
    CALENDAR_VIEW,
    LIST_VIEW,
    VIEW_SETTING,
    shows_calendar,
)
from charte_desktop.ui.timeline.panel import TimelinePanel

if TYPE_CHECKING:
    from charte_desktop.ui.pages.actions_page import ActionsPage


class CalendarRoom(QObject):
    """The calendar takes the room of the list and of the selected action's details below
    it: its zoom bar and legend would otherwise leave it shorter than the list it replaces
    (and the details' tabs take more than that). The details come back with the list, in
    the split the officer left, or at once by dragging the handle at the bottom."""

    def __init__(self, listing: QWidget) -> None:
        super().__init__(listing)
        self._listing = listing
        self._list_sizes: list[int] | None = None

    def _splitter(self) -> QSplitter | None:
        splitter = self._listing.parentWidget()
        return splitter if isinstance(splitter, QSplitter) else None

    def calendar_shown(self, shown: bool) -> None:
        splitter = self._splitter()
        if splitter is None or splitter.count() < 2:
            return
        if not shown:
            if self._list_sizes is not None:
                splitter.setSizes(self._list_sizes)
                self._list_sizes = None
            return
        if self._list_sizes is None:
            self._list_sizes = splitter.sizes()
        # Once laid out: before the first show, the splitter's sizes are not yet real.
        QTimer.singleShot(0, self._give_room)

    def _give_room(self) -> None:
        splitter = self._splitter()
        if splitter is None or self._list_sizes is None:
            return
        sizes = splitter.sizes()
        if sizes[1] > 0:
            splitter.setSizes([sum(sizes), 0])


def attach_calendar(page: "ActionsPage") -> TimelinePanel:
    listing = page.action_list

    def fetch() -> Timeline | None:
        plan_id = page.plan_id()
        if plan_id is None:
            return None
        db = page.context.db
        timeline = build_timeline(db, ActionFilter(
            plan_id=plan_id, axis_id=page.axis_id(), **listing.filter_values()))
        late = [action.id for action in timeline.actions if action.late]
        panel.view.late_reasons = late_reasons(db, late, timeline.today) if late else {}
        return timeline

    def visible_ids() -> Collection[int] | None:
        model = listing.model
        if model.rowCount() == model.total_count():
            return None  # no search typed: everything fetched is shown
        return {row.id for row in model.rows()}

    panel = TimelinePanel(fetch, visible_ids, lambda: page.plan_combo.currentText(),
                          listing.current_id)
    index = listing.add_view(CALENDAR_VIEW, panel, LIST_VIEW)

    def open_action(action_id: int) -> None:
        if listing.select_id(action_id):
            listing.edit_current()

    def view_changed(shown: int) -> None:
        QSettings().setValue(VIEW_SETTING, "calendar" if shown == index else "list")

    panel.visibility_changed.connect(CalendarRoom(listing).calendar_shown)
    listing.reloaded.connect(panel.data_changed)
    listing.model.modelReset.connect(panel.search_changed)
    listing.selection_changed.connect(
        lambda row: panel.view.select(row.id if row is not None else None))
    panel.view.selected.connect(
        lambda action_id: listing.select_id(action_id) if action_id is not None else None)
    panel.view.activated.connect(open_action)
    listing.view_changed.connect(view_changed)
    if shows_calendar():
        listing.show_view(index)
    return panel
