"""Réunions: the meetings of the bodies, and the selected one's agenda, attendance,
decisions and follow-ups."""

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from charte_desktop import clock
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.db.models import Attendance, Meeting
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meeting_outcomes, meetings
from charte_desktop.services.meeting_details import (
    AttendanceRow,
    MeetingDetails,
    meeting_details,
)
from charte_desktop.services.meeting_planning import (
    RecurrenceFields,
    RecurrenceUnit,
    agenda_overrun,
)
from charte_desktop.ui import choices
from charte_desktop.ui.choice_inputs import ChoiceInput
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import Entity, EntityEditor
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage, list_with_keyboard
from charte_desktop.ui.pages import meeting_entities as entities
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.meeting_columns import (
    AGENDA_COLUMNS,
    ATTENDANCE_COLUMNS,
    DECISION_COLUMNS,
    ERROR_STYLE,
    FOLLOW_UP_COLUMNS,
    MEETING_COLUMNS,
    PERIODS,
    PREVIOUS_COLUMNS,
    WARNING_STYLE,
    button_row,
    hours,
    period_bounds,
    quorum_text,
)
from charte_desktop.ui.pages.meeting_export_bar import MeetingExportBar
from charte_desktop.ui.pages.recurrence_dialog import PlanSeriesCommand, RecurrenceDialog
from charte_desktop.ui.table_model import Column
from charte_desktop.ui.undo import DeleteCommand, record_deletion


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
                "period": Filter("Pé&riode", lambda: PERIODS, "Toutes"),
            },
            row_title=lambda r: f"{r.body} du {format_date(r.date)}",
            search_placeholder="Rechercher une réunion (instance, lieu…)",
        )
        self.meetings.set_editor(EntityEditor(
            self, db, entities.meeting_entity(db, lambda: self.meetings.filters["body_id"].value()),
            context.undo_stack, self._after_change))
        self.meetings.new_button.setText("&Nouvelle réunion")
        self.series_button = QPushButton("P&lanifier une série…")
        self.series_button.setToolTip(
            "Créer d'un coup les réunions d'une instance, par exemple tous les 3 mois "
            "jusqu'au 31/12 de l'année prochaine")
        self.series_button.clicked.connect(self.plan_series)
        row = button_row(self.meetings)
        if row is not None:
            row.insertWidget(row.indexOf(self.meetings.new_button) + 1, self.series_button)
        self.meetings.selection_changed.connect(lambda _row: self._reload_details())

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
        agenda_layout = self.agenda.layout()
        if isinstance(agenda_layout, QVBoxLayout):  # between the list and its buttons
            agenda_layout.insertWidget(agenda_layout.count() - 1, self.overrun_label)

        self.attendance = self._detail("attendance", None, ATTENDANCE_COLUMNS,
                                       lambda m: m.attendance)
        self.attendance.search.setPlaceholderText("Rechercher une personne convoquée…")
        self.attendance.selection_changed.connect(self._attendance_selected)
        attendance_tab = self._attendance_tab()

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

        self.previous: ListPage[meeting_outcomes.FollowUpRow] = ListPage(
            "previous_follow_ups", PREVIOUS_COLUMNS, self._fetch_previous,
            title="Suites encore ouvertes de la réunion précédente de la même instance")
        self.previous.on_activate = lambda row: self.show_item(row.meeting_id)
        self.previous.duplicate_button.hide()

        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda, "&Ordre du jour")
        self.tabs.addTab(attendance_tab, "&Présences")
        self.tabs.addTab(self.decisions, "Dé&cisions")
        self.tabs.addTab(self.follow_ups, "S&uites à donner")
        self.tabs.addTab(self.previous, "Suites de la réunion précédente")
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

    def _attendance_tab(self) -> QWidget:
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName("Présence")
        for state in AttendanceState:
            self.state_combo.addItem(state.label, state.value)
        # A picker like the forms': typing « besson » must never record someone else.
        self.representative = ChoiceInput(lambda: [], optional=True)
        self.representative_combo = self.representative.combo
        self.representative_combo.setAccessibleName("Représenté·e par")
        self.apply_button = QPushButton("Appli&quer")
        self.apply_button.clicked.connect(self._apply_attendance)
        self.state_combo.currentIndexChanged.connect(self._update_representative)
        # Typed like every picker: part of the name, accents or not (filled on refresh).
        self.invitee = ChoiceInput(lambda: [], optional=False)
        self.invitee_combo = self.invitee.combo
        self.invitee_combo.setAccessibleName("Personne à convoquer")
        self.invitee.edit.setPlaceholderText("Choisir une personne (membre ou invité·e)…")
        self.invitee.edit.returnPressed.connect(self._add_invitee)
        self.add_button = QPushButton("A&jouter à la liste")
        self.add_button.clicked.connect(self._add_invitee)
        self.remove_button = QPushButton("Retirer de la liste")
        self.remove_button.clicked.connect(self._remove_invitee)
        self.attendance_error = QLabel()
        self.attendance_error.setStyleSheet(ERROR_STYLE)
        self.attendance_error.setWordWrap(True)
        self.attendance_error.hide()
        self.quorum_label = QLabel()
        self.quorum_label.setAccessibleName("Quorum")

        grid = QGridLayout()
        for column, (text, widget) in enumerate(
                (("Présence", self.state_combo), ("Représenté·e par", self.representative_combo))):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        grid.addWidget(self.apply_button, 0, 4)
        invite_label = QLabel("Convoquer aussi")
        invite_label.setBuddy(self.invitee_combo)
        grid.addWidget(invite_label, 1, 0)
        grid.addWidget(self.invitee_combo, 1, 1, 1, 3)
        grid.addWidget(self.add_button, 1, 4)
        grid.addWidget(self.remove_button, 1, 5)
        grid.setColumnStretch(3, 1)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.attendance, 1)
        layout.addLayout(grid)
        layout.addWidget(self.attendance_error)
        return tab

    # --- data ---------------------------------------------------------------------------
    def _fetch_meetings(self, filters: dict[str, Any]) -> list[meetings.MeetingRow]:
        date_from, date_to = period_bounds(filters.get("period"), clock.today())
        return meetings.list_meetings(self.context.db, meetings.MeetingFilter(
            body_id=filters.get("body_id"), state=filters.get("state"),
            date_from=date_from, date_to=date_to))

    def _fetch_previous(self, _filters: dict[str, Any]) -> list[meeting_outcomes.FollowUpRow]:
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return []
        return meeting_outcomes.open_follow_ups_of_previous_meeting(self.context.db, meeting_id)

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
        contacts = choices.contacts(self.context.db)()
        self.representative.replace_choices(contacts)
        self.invitee.replace_choices(contacts)

    def _reload_details(self) -> None:
        meeting_id = self.meeting_id()
        self.meeting = None
        if meeting_id is not None:
            try:
                self.meeting = meeting_details(self.context.db, meeting_id)
            except CharteError:
                self.meeting = None
        self.tabs.setEnabled(self.meeting is not None)
        for page in (self.agenda, self.attendance, self.decisions, self.follow_ups,
                     self.previous):
            page.reload()
        self.attendance_error.hide()
        self._update_heading()
        self.export_bar.update_state()
        self._update_overrun()
        self._update_quorum()
        self._update_done_button()
        self._update_representative()

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

    def _update_quorum(self) -> None:
        meeting_id = self.meeting_id()
        if self.meeting is None or meeting_id is None:
            self.quorum_label.clear()
            return
        status = meetings.quorum_status(self.context.db, meeting_id)
        self.quorum_label.setText(quorum_text(status))
        colour = "#1b7a3a" if status.reached else "#b00020"
        self.quorum_label.setStyleSheet(f"font-weight: bold; color: {colour};")

    # --- agenda -------------------------------------------------------------------------
    def _update_overrun(self) -> None:
        """The orange warning when the agenda's durations exceed the meeting's length."""
        meeting_id = self.meeting_id()
        overrun = None
        if self.meeting is not None and meeting_id is not None:
            try:
                overrun = agenda_overrun(self.context.db, meeting_id)
            except CharteError:
                overrun = None
        self.overrun_label.setText(overrun.message if overrun is not None else "")
        self.overrun_label.setVisible(overrun is not None)

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
        body_id = self.meetings.filters["body_id"].value()
        if body_id is None:
            first = choices.bodies(self.context.db)()
            body_id = first[0][0] if first else None
        today = clock.today()
        return RecurrenceFields(
            body_id=body_id, first_date=today, every=3,
            unit=RecurrenceUnit.MONTHS, until=date(today.year + 1, 12, 31))

    def plan_series(self) -> None:
        """Open the series form; the meetings created are listed and the first selected."""
        dialog = RecurrenceDialog(self, self.context.db, self.series_initial())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.saved_fields is None:
            return
        created: list[Meeting] = dialog.result_value or []
        self.context.undo_stack.push(PlanSeriesCommand(
            self.context.db, dialog.saved_fields, [m.id for m in created], self._after_change))
        self.refresh()
        if created:
            self.show_item(created[0].id)

    # --- attendance ---------------------------------------------------------------------
    def _selected_state(self) -> AttendanceState:
        return AttendanceState(self.state_combo.currentData())

    def _attendance_selected(self, row: AttendanceRow | None) -> None:
        if row is None:
            return
        self.state_combo.setCurrentIndex(self.state_combo.findData(row.state.value))
        self.representative.set(row.represented_by_id)
        self.attendance_error.hide()

    def _update_representative(self) -> None:
        represented = self._selected_state() is AttendanceState.REPRESENTED
        self.representative_combo.setEnabled(represented)

    def _show_attendance_error(self, error: CharteError) -> None:
        self.attendance_error.setText(error.message)
        self.attendance_error.show()

    def _run_attendance(self, step: Any, keep: int | None) -> None:
        try:
            step()
        except CharteError as error:
            self._show_attendance_error(error)
            return
        self.meetings.reload()
        self._reload_details()
        if keep is not None:
            self.attendance.select_id(keep)

    def _apply_attendance(self) -> None:
        row = self.attendance.current_row()
        meeting_id = self.meeting_id()
        if row is None or meeting_id is None:
            self._show_attendance_error(CharteError("Sélectionnez d'abord une personne."))
            return
        state = self._selected_state()
        representative = None
        if state is AttendanceState.REPRESENTED:
            self.representative.commit()
            problem = self.representative.problem()
            if problem:
                self._show_attendance_error(CharteError(problem))
                return
            representative = self.representative.get()
        self._run_attendance(lambda: meetings.set_attendance(
            self.context.db, meeting_id, row.contact_id, state, representative), row.id)

    def _add_invitee(self) -> None:
        meeting_id = self.meeting_id()
        self.invitee.commit()
        contact_id = self.invitee.get()
        if meeting_id is None or contact_id is None:
            typed = self.invitee_combo.currentText().strip()
            problem = self.invitee.problem() if typed else None
            self._show_attendance_error(CharteError(
                problem or "Choisissez la personne à convoquer."))
            return
        self._run_attendance(
            lambda: meetings.add_invitee(self.context.db, meeting_id, contact_id), None)

    def _remove_invitee(self) -> None:
        row = self.attendance.current_row()
        meeting_id = self.meeting_id()
        if row is None or meeting_id is None:
            self._show_attendance_error(CharteError("Sélectionnez d'abord une personne."))
            return
        db, contact_id = self.context.db, row.contact_id

        def remove(_attendance_id: int) -> None:
            meetings.remove_invitee(db, meeting_id, contact_id)

        def remove_undoably() -> None:  # Ctrl+Z puts the person back on the list
            record = record_deletion(db, Attendance, row.id, remove)
            self.context.undo_stack.push(DeleteCommand(
                "Retrait d'une personne convoquée", db, Attendance, remove, record,
                self._after_change))

        self._run_attendance(remove_undoably, None)

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
