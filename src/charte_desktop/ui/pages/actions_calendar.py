"""The "Liste | Calendrier" switch of Plan d'actions: the calendar shows the very actions of
the list (plan, axis, filters and search) and shares its selection and its form."""

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from charte_desktop.services.actions import ActionFilter
from charte_desktop.services.timeline import Timeline, build_timeline
from charte_desktop.ui.pages.actions_frame import VIEW_SETTING, shows_calendar
from charte_desktop.ui.timeline.panel import TimelinePanel

if TYPE_CHECKING:
    from charte_desktop.ui.pages.actions_page import ActionsPage



def attach_calendar(page: "ActionsPage") -> TimelinePanel:
    listing = page.action_list

    def fetch() -> Timeline | None:
        plan_id = page.plan_id()
        if plan_id is None:
            return None
        return build_timeline(page.context.db, ActionFilter(
            plan_id=plan_id, axis_id=page.axis_id(), **listing.filter_values()))

    def visible_ids() -> Collection[int] | None:
        model = listing.model
        if model.rowCount() == model.total_count():
            return None  # no search typed: everything fetched is shown
        return {row.id for row in model.rows()}

    panel = TimelinePanel(fetch, visible_ids, lambda: page.plan_combo.currentText(),
                          listing.current_id)
    index = listing.add_view("Ca&lendrier", panel, "Lis&te")

    def open_action(action_id: int) -> None:
        if listing.select_id(action_id):
            listing.edit_current()

    def view_changed(shown: int) -> None:
        QSettings().setValue(VIEW_SETTING, "calendar" if shown == index else "list")

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
