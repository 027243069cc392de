"""Réunions: the meetings of the bodies, and the selected one's agenda, attendance,
decisions and follow-ups."""

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from charte_desktop import clock
from charte_desktop.db.enums import MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meeting_outcomes, meetings
from charte_desktop.services.agenda_timing import (
    PostponedItem,
    postponed_offers,
    take_up_postponed,
)
from charte_desktop.services.meeting_details import (
    MeetingDetails,
    meeting_details,
)
from charte_desktop.services.meeting_planning import (
    RecurrenceFields,
    agenda_overrun,
)
from charte_desktop.ui import choices
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import Entity, EntityEditor
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage, list_with_keyboard
from charte_desktop.ui.pages import meeting_entities as entities
from charte_desktop.ui.pages.attendance_tab import AttendanceTab
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.carried_follow_ups import CarriedFollowUps
from charte_desktop.ui.pages.holding_editor import HoldingEditor
from charte_desktop.ui.pages.meeting_columns import (
    AGENDA_COLUMNS,
    DECISION_COLUMNS,
    FOLLOW_UP_COLUMNS,
    MEETING_COLUMNS,
    PERIODS,
    WARNING_STYLE,
    button_row,
    hours,
    period_bounds,
)
from charte_desktop.ui.pages.meeting_export_bar import MeetingExportBar
from charte_desktop.ui.pages.minutes_tab import MinutesTab
from charte_desktop.ui.pages.recurrence_dialog import (
    PlanSeriesCommand,
    RecurrenceDialog,
    initial_series,
)
from charte_desktop.ui.pages.series_commands import SeriesCommands
from charte_desktop.ui.table_model import Column


class MeetingsPage(Page):
    title = "Réunions"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db
        self.meeting: MeetingDetails | None = None

        self.meetings: ListPage[meetings.MeetingRow] = ListPage(
            "meetings", MEETING_COLUMNS, self._fetch_meetings,
            title="Réunions",
            filters={
                "body_id": Filter("&Instance", choices.bodies(db), "Toutes"),
                "state": Filter("É&tat", choices.enum_choices(MeetingState)),
                # Every plain letter of « Période » is taken on this screen (Alt+R is
                # « Compte rendu »): its « é », a key of its own on a French keyboard.
                "period": Filter("P&ériode", lambda: PERIODS, "Toutes"),
            },
            row_title=lambda r: f"{r.body} du {format_date(r.date)}",
            search_placeholder="Rechercher une réunion (instance, lieu…)",
        )
        self.meetings.set_editor(HoldingEditor(  # asks before « Tenue » (holding_editor.py)
            self, db, entities.meeting_entity(db, lambda: self.meetings.filters["body_id"].value()),
            context.undo_stack, self._after_change,
            lambda: self.tabs.setCurrentWidget(self.attendance_tab)))
        self.meetings.new_button.setText("&Nouvelle réunion")
        self.series_button = QPushButton("P&lanifier une série…")
        self.series_button.setToolTip(
            "Créer d'un coup les réunions d'une instance, par exemple tous les 3 mois "
            "jusqu'au 31/12 de l'année prochaine")
        self.series_button.clicked.connect(self.plan_series)
        # « Déplacer / Annuler la suite de la série… » (Ctrl+Maj+D, Ctrl+Maj+A).
        self.series_commands = SeriesCommands(self, db, context.undo_stack,
                                              self.meetings.current_id, self._after_change)
        row = button_row(self.meetings)
        if row is not None:
            row.insertWidget(row.indexOf(self.meetings.new_button) + 1, self.series_button)
            row.insertWidget(row.indexOf(self.series_button) + 1, self.series_commands.button)
        self.meetings.selection_changed.connect(lambda _row: self._reload_details())
        self.meetings.selection_changed.connect(lambda _row: self.series_commands.update_state())

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Réunion sélectionnée")

        self.agenda = self._detail("agenda", entities.agenda_entity(db, self.meeting_id),
                                   AGENDA_COLUMNS, lambda m: m.agenda)
        self.up_button = QPushButton("Monter")
        self.down_button = QPushButton("Descendre")  # Alt+D is the Édition menu
        self.up_button.setShortcut(QKeySequence("Ctrl+Up"))
        self.down_button.setShortcut(QKeySequence("Ctrl+Down"))
        self.up_button.setToolTip("Monter le point dans l'ordre du jour (Ctrl+Haut)")
        self.down_button.setToolTip("Descendre le point dans l'ordre du jour (Ctrl+Bas)")
        self.up_button.clicked.connect(lambda: self._move_agenda_item(-1))
        self.down_button.clicked.connect(lambda: self._move_agenda_item(1))
        for button in (self.up_button, self.down_button):  # greyed with no point selected
            self.agenda.needs_row(button)
        row = button_row(self.agenda)
        if row is not None:
            row.insertWidget(1, self.up_button)
            row.insertWidget(2, self.down_button)
        self.overrun_label = QLabel()
        self.overrun_label.setObjectName("agenda_overrun")
        self.overrun_label.setStyleSheet(WARNING_STYLE)
        self.overrun_label.setWordWrap(True)
        self.overrun_label.setAccessibleName("Durée de l'ordre du jour")
        self.overrun_label.hide()
        self._offers: list[PostponedItem] = []
        self.postponed_button = QPushButton("Reprendre les points reportés")
        self.postponed_button.setAccessibleName("Reprendre les points reportés")
        self.postponed_button.clicked.connect(self._take_up_postponed)
        self.postponed_button.hide()
        self.agenda.add_button(self.postponed_button, needs_row=False)
        agenda_layout = self.agenda.layout()
        if isinstance(agenda_layout, QVBoxLayout):  # between the list and its buttons
            agenda_layout.insertWidget(agenda_layout.count() - 1, self.overrun_label)

        # The roll call, proxies and quorum (attendance_tab.py); its list and fields keep
        # their names here.
        self.attendance_tab = AttendanceTab(context, self.meeting_id, lambda: self.meeting,
                                            self._after_change)
        tab = attendance_tab = self.attendance_tab
        self.attendance = tab.list
        self.state_combo, self.representative_combo = tab.state_combo, tab.representative_combo
        self.apply_button, self.all_present_button = tab.apply_button, tab.all_present_button
        self.invitee_combo, self.remove_button = tab.invitee_combo, tab.remove_button
        self.attendance_error, self.quorum_label = tab.attendance_error, tab.quorum_label

        self.decisions = self._detail("decisions", entities.decision_entity(db, self.meeting_id),
                                      DECISION_COLUMNS, lambda m: m.decisions)
        self.follow_ups = self._detail(
            "follow_ups", entities.follow_up_entity(db, self.meeting_id), FOLLOW_UP_COLUMNS,
            lambda m: m.follow_ups)
        self.done_button = QPushButton("Fait")  # its letters are taken: Tab reaches it
        self.done_button.setCheckable(True)
        self.done_button.setToolTip("Cocher ou décocher la suite à donner sélectionnée")
        self.done_button.setAccessibleName("Suite à donner faite")
        self.done_button.clicked.connect(self._toggle_done)
        self.follow_ups.selection_changed.connect(lambda _row: self._update_done_button())
        row = button_row(self.follow_ups)
        if row is not None:
            row.insertWidget(1, self.done_button)

        self.carried = CarriedFollowUps(db, context.undo_stack, self.meeting_id,
                                        self._after_change, self.show_item)
        self.minutes = MinutesTab(db)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda, "&Ordre du jour")
        self.tabs.addTab(attendance_tab, "&Présences")
        # Alt+P puts the keyboard in the list: the roll call starts at once; Alt+R in the
        # first point's minutes; also when the tab is already shown (Qt then changes
        # nothing). Only for the letters: arrows on the tab bar keep moving along the tabs.
        self.tabs.tabBar().installEventFilter(self)
        self.tabs.addTab(self.decisions, "Dé&cisions")
        self.tabs.addTab(self.follow_ups, "S&uites à donner")
        self.tabs.addTab(self.minutes, "Compte &rendu")
        self.tabs.addTab(self.carried, "Suites &antérieures")  # Alt+A: no other letter left
        self.tabs.setTabToolTip(self.tabs.count() - 1, "Suites des réunions précédentes de "
                                "l'instance, encore à faire")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.export_bar = MeetingExportBar(context.db, self.meetings.current_id)
        lower_layout.addWidget(self.heading)
        lower_layout.addWidget(self.export_bar)
        lower_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.meetings)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([330, 470])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.meetings)

    # --- building -------------------------------------------------------------------------
    def _detail(self, key: str, entity: Entity[Any] | None, columns: list[Column[Any]],
                rows: Any) -> ListPage[Any]:
        page: ListPage[Any] = ListPage(
            key, columns, lambda _filters: rows(self.meeting) if self.meeting else [])
        if entity is None:
            page.duplicate_button.hide()
            return page
        page.search.hide()
        page.set_editor(EntityEditor(self, self.context.db, entity, self.context.undo_stack,
                                     self._after_change))
        # The meetings list keeps N, M, S, and the menus F, D, A, E: Modifier and Supprimer
        # are Entrée and Suppr in the list.
        page.new_button.setText("A&jouter")
        page.edit_button.setText("Modifier")
        page.delete_button.setText("Supprimer")
        return page

    # --- data ---------------------------------------------------------------------------
    def _fetch_meetings(self, filters: dict[str, Any]) -> list[meetings.MeetingRow]:
        date_from, date_to = period_bounds(filters.get("period"), clock.today())
        return meetings.list_meetings(self.context.db, meetings.MeetingFilter(
            body_id=filters.get("body_id"), state=filters.get("state"),
            date_from=date_from, date_to=date_to))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.Shortcut:
            QTimer.singleShot(0, self._take_keyboard)
        return super().eventFilter(watched, event)

    def _take_keyboard(self) -> None:
        shown = self.tabs.currentWidget()
        self.attendance_tab.take_keyboard(shown)
        self.minutes.take_keyboard(shown)

    def meeting_id(self) -> int | None:
        return self.meetings.current_id()

    # --- refresh ------------------------------------------------------------------------
    def refresh(self) -> None:
        for filter_ in self.meetings.filters.values():
            filter_.reload_choices()
        self.meetings.reload()
        self._reload_contacts()
        self._reload_details()

    def _after_change(self) -> None:
        self.meetings.reload()
        self._reload_details()

    def _reload_contacts(self) -> None:
        self.attendance_tab.reload_contacts()

    def _reload_details(self) -> None:
        meeting_id = self.meeting_id()
        self.meeting = None
        if meeting_id is not None:
            try:
                self.meeting = meeting_details(self.context.db, meeting_id)
            except CharteError:
                self.meeting = None
        self.tabs.setEnabled(self.meeting is not None)
        for page in (self.agenda, self.decisions, self.follow_ups):
            page.reload()
        self.attendance_tab.reload()  # keeps its selection and scroll for the same meeting
        self.carried.reload()
        self.minutes.show_meeting(self.meeting)
        self._update_heading()
        self.export_bar.update_state()
        self._update_overrun()
        self._update_done_button()

    def _update_heading(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.heading.setText("Sélectionnez une réunion pour voir son ordre du jour, les "
                                 "présences, les décisions et les suites à donner.")
            return
        parts = [f"<b>{escape(meeting.title)}</b>"]
        time_text = hours(meeting.start_time, meeting.end_time)
        if time_text:
            parts.append(time_text)
        if meeting.place:
            parts.append(meeting.place)
        parts.append(f"état : {meeting.state.label.lower()}")
        if meeting.secretary_name:
            parts.append(f"secrétaire de séance : {meeting.secretary_name}")
        self.heading.setText(" — ".join(p if p.startswith("<b>") else escape(p) for p in parts))

    # --- agenda -------------------------------------------------------------------------
    def _update_overrun(self) -> None:
        """The agenda's total against the meeting's length, orange when it overruns; and
        the points the body's previous meeting postponed, offered here."""
        meeting_id = self.meeting_id()
        overrun, offers = None, []
        if self.meeting is not None and meeting_id is not None:
            try:
                overrun = agenda_overrun(self.context.db, meeting_id)
                offers = postponed_offers(self.context.db, meeting_id)
            except CharteError:
                overrun, offers = None, []
        text = self.meeting.agenda_total if self.meeting is not None else ""
        self.overrun_label.setText(overrun.message if overrun is not None else text)
        self.overrun_label.setStyleSheet(WARNING_STYLE if overrun is not None else "")
        self.overrun_label.setVisible(bool(self.overrun_label.text()))
        self._offers = offers
        self.postponed_button.setVisible(bool(offers))
        if offers:
            titles = " ; ".join(f"« {offer.title} »" for offer in offers)
            self.postponed_button.setText(f"Reprendre les points reportés ({len(offers)})")
            self.postponed_button.setToolTip(
                f"Reportés par la réunion du {format_date(offers[0].meeting_date)} : {titles}")

    def _take_up_postponed(self) -> None:
        meeting_id = self.meeting_id()
        if meeting_id is None or not self._offers:
            return
        try:
            created = take_up_postponed(self.context.db, meeting_id,
                                        [offer.id for offer in self._offers])
        except CharteError as error:
            self.agenda.notify(error.message)
            return
        self._after_change()
        count = len(created)
        self.agenda.notify(f"{count} point{'s' if count > 1 else ''} reporté"
                           f"{'s' if count > 1 else ''} ajouté{'s' if count > 1 else ''} "
                           "à la fin de l'ordre du jour.")

    def _move_agenda_item(self, offset: int) -> None:
        item_id = self.agenda.current_id()
        if item_id is None:
            return
        meetings.move_agenda_item(self.context.db, item_id, offset)
        self._reload_details()
        self.agenda.select_id(item_id)

    # --- series ---------------------------------------------------------------------
    def series_initial(self) -> RecurrenceFields:
        """A quarterly series of the filtered body (else the first), from today to the end
        of next year."""
        return initial_series(self.context.db, self.meetings.filters["body_id"].value())

    def plan_series(self) -> None:
        """Open the series form; the meetings created are listed and the first selected."""
        dialog = RecurrenceDialog(self, self.context.db, self.series_initial())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_fields is None:
            return
        created_ids: list[int] = [meeting.id for meeting in dialog.result_value or []]
        self.context.undo_stack.push(PlanSeriesCommand(
            self.context.db, dialog.saved_fields, created_ids, self._after_change))
        self.refresh()
        if created_ids:
            self.show_item(created_ids[0])

    # --- follow-ups ---------------------------------------------------------------------
    def _update_done_button(self) -> None:
        row = self.follow_ups.current_row()
        self.done_button.setEnabled(row is not None)
        self.done_button.setChecked(bool(row is not None and row.done))

    def _toggle_done(self) -> None:
        row = self.follow_ups.current_row()
        if row is None:
            return
        meeting_outcomes.set_follow_up_done(self.context.db, row.id, not row.done)
        self._reload_details()
        self.follow_ups.select_id(row.id)
        self._update_done_button()

    # --- Page interface -----------------------------------------------------------------
    def focus_search(self) -> None:
        self.meetings.search.setFocus()
        self.meetings.search.selectAll()

    def create_item(self) -> None:
        """Ctrl+N: in the list below when it has the keyboard, else in the main list."""
        lists = [self.agenda, self.decisions, self.follow_ups]
        list_with_keyboard(lists, self.meetings).create_new()

    def focus_list(self) -> None:
        self.meetings.focus_table()

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        if not self.meetings.select_id(item_id):
            for filter_ in self.meetings.filters.values():
                filter_.set_value(None)
            self.meetings.search.clear()
            self.meetings.select_id(item_id)
        self.meetings.table.setFocus()
