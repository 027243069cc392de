"""Appels à projets: the calls for projects and grants, their next deadline, the actions
they may fund; a calendar (.ics) of their deadlines."""

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout

from charte_desktop.db.enums import CallState
from charte_desktop.formatting import format_date, format_money, format_number
from charte_desktop.services import calls
from charte_desktop.services.calls import CallRow
from charte_desktop.ui import choices
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.file_exports import ask_target, open_with_system, write_file
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.pages import calls_entities as entities
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.table_model import Column

CALENDAR_FILTER = "Agendas (*.ics)"


def next_deadline_text(row: CallRow) -> str:
    """ "14/03/2026 (dépôt)", or "" when no date is to come."""
    deadline = row.next_deadline
    return "" if deadline is None else f"{format_date(deadline.day)} ({deadline.kind})"


def days_left_text(row: CallRow) -> str:
    days = row.days_to_next
    if days is None:
        return ""
    return "aujourd'hui" if days == 0 else f"{days} j"


def support_text(row: CallRow) -> str:
    """ "40 %", "72 000,00 €" or both."""
    parts = []
    if row.rate is not None:
        parts.append(f"{format_number(row.rate)}\u00a0%")
    if row.amount is not None:
        parts.append(format_money(row.amount))
    return " – ".join(parts)


CALL_COLUMNS: list[Column[CallRow]] = [
    Column("Intitulé", lambda r: r.title, width=280),
    Column("Financeur", lambda r: r.funder, width=160),
    Column("État", lambda r: r.state.label, width=160),
    Column("Prochaine échéance", next_deadline_text, width=150,
           sort_value=lambda r: r.next_deadline.day if r.next_deadline else None),
    Column("Jours restants", days_left_text, align_right=True, width=105,
           sort_value=lambda r: r.days_to_next),
    Column("Dépôt", lambda r: r.submission_deadline, width=85),
    Column("Aide", support_text, width=140),
    Column("Actions", lambda r: r.action_codes, width=70),
]


class CallsPage(Page):
    title = "Appels à projets"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db
        self.last_written: Path | None = None
        self.calls: ListPage[CallRow] = ListPage(
            "calls", CALL_COLUMNS, self._fetch, title="Appels à projets",
            filters={"state": Filter("État", choices.enum_choices(CallState))},
            row_title=lambda r: r.title,
            search_placeholder="Rechercher un appel à projets (intitulé, financeur, action…)",
        )
        self.calls.set_editor(EntityEditor(
            self, db, entities.call_entity(db), context.undo_stack, self.refresh))
        self.calendar_button = QPushButton("Échéances (a&genda .ics)…")
        self.calendar_button.setToolTip("Les dates à venir des appels à projets (pré-dépôt, "
                                        "dépôt, décision), à ajouter à votre agenda")
        self.calendar_button.clicked.connect(lambda _checked=False: self.export_calendar())
        self.calls.add_button(self.calendar_button, needs_row=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calls)
        self.setFocusProxy(self.calls)

    def _fetch(self, filters: dict[str, Any]) -> list[CallRow]:
        state = filters.get("state")
        return [row for row in calls.list_calls(self.context.db)
                if state is None or row.state is state]

    def export_calendar(self, target: Path | None = None) -> Path | None:
        """The .ics of the deadlines to come, opened at once: the calendar program offers
        to add them. `target` skips the save dialog (tests)."""
        from charte_desktop.exports.calls_ics import calls_ics_name, write_calls_ics

        db = self.context.db
        if target is None:
            target = ask_target(self, "Enregistrer les échéances des appels à projets",
                                calls_ics_name(), CALENDAR_FILTER)
            if target is None:
                return None
            written = write_file(self, lambda: write_calls_ics(db, target), "Agenda non écrit")
            if written is not None:
                open_with_system(self, written, "l'agenda des échéances")
        else:
            written = write_file(self, lambda: write_calls_ics(db, target), "Agenda non écrit")
        self.last_written = written
        return written

    # --- Page interface --------------------------------------------------------------------
    def refresh(self) -> None:
        for filter_ in self.calls.filters.values():
            filter_.reload_choices()
        self.calls.reload()

    def focus_search(self) -> None:
        self.calls.search.setFocus()
        self.calls.search.selectAll()

    def create_item(self) -> None:
        self.calls.create_new()

    def focus_list(self) -> None:
        self.calls.focus_table()

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        if not self.calls.select_id(item_id):
            for filter_ in self.calls.filters.values():
                filter_.set_value(None)
            self.calls.search.clear()
            self.calls.select_id(item_id)
        self.calls.table.setFocus()
