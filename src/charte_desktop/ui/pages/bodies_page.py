"""Instances: the governance bodies, and the members of the selected one."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from charte_desktop.db.enums import BodyKind, QuorumRule
from charte_desktop.errors import CharteError
from charte_desktop.services import bodies
from charte_desktop.services.body_rows import MemberRow, body_summary, member_rows
from charte_desktop.ui import choices
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.file_exports import CALENDAR_FILTER, ask_target, open_with_system, write_file
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage, list_with_keyboard
from charte_desktop.ui.pages import body_entities as entities
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.plan_exports import export_contacts
from charte_desktop.ui.table_model import Column

ARCHIVE, UNARCHIVE = "Arc&hiver", "Désarc&hiver"

BODY_COLUMNS: list[Column[bodies.BodyRow]] = [
    Column("Type", lambda r: r.kind, width=170),
    Column("Nom", lambda r: r.name + (" (archivée)" if r.archived else ""), width=380),
    Column("Membres", lambda r: r.member_count, align_right=True, width=80),
    Column("Réunions", lambda r: r.meeting_count, align_right=True, width=80),
    Column("Prochaine réunion", lambda r: r.next_meeting_date, width=130),
    Column("Fréquence", lambda r: r.frequency, width=180),
]


MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column("Nom", lambda m: m.name, sort_value=lambda m: m.sort_name, width=200),
    Column("Structure", lambda m: m.organisation, width=300),
    Column("Cercle", lambda m: m.circle, width=170),
    Column("Rôle", lambda m: m.role, width=150),
    Column("Votant", lambda m: m.voting, width=70),
    Column("Depuis", lambda m: m.start_date, width=95),
    Column("Jusqu'au", lambda m: m.end_date, width=95),
]


def quorum_text(rule: QuorumRule, value: int) -> str:
    if rule is QuorumRule.COUNT:
        return f"{value} membre{'s' if value > 1 else ''} votant{'s' if value > 1 else ''}"
    if rule is QuorumRule.SHARE:
        return f"{value} % des membres votants"
    return "pas de quorum"


def circles_text(breakdown: list[tuple[str, int]]) -> str:
    """What the label above the members says of their circles."""
    if not breakdown:
        return "Membres actuels par cercle : aucun membre actuel."
    return f"Membres actuels par cercle : {bodies.breakdown_text(breakdown)}"


class BodiesPage(Page):
    title = "Instances"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db

        self.bodies: ListPage[bodies.BodyRow] = ListPage(
            "bodies", BODY_COLUMNS, self._fetch_bodies,
            title="Instances",
            filters={"kind": Filter("&Type", choices.enum_choices(BodyKind)),
                     # Archived bodies are kept for history, hidden unless asked for.
                     "show_archived": Filter("Archi&vées", lambda: [(False, "Masquées")],
                                             "Affichées")},
            row_title=lambda r: r.name,
            search_placeholder="Rechercher une instance (nom, type…)",
        )
        self.bodies.filters["show_archived"].set_value(False)  # hidden unless asked for
        self.bodies.set_editor(EntityEditor(self, db, entities.body_entity(db),
                                            context.undo_stack, self.refresh))
        self.bodies.new_button.setText("&Nouvelle instance")
        self.bodies.selection_changed.connect(lambda _row: self._reload_members())
        self.calendar_button = QPushButton("A&genda des réunions prévues (.ics)…")
        self.calendar_button.setToolTip(
            "Écrire les invitations d'agenda de toutes les réunions prévues de l'instance "
            "et les ouvrir dans votre agenda (Outlook, Thunderbird…)")
        self.calendar_button.clicked.connect(lambda _checked=False: self.export_calendar())
        self.bodies.add_button(self.calendar_button)
        self.members_button = QPushButton("Membres (E&xcel)…")
        self.members_button.setToolTip(
            "Les membres de l'instance avec leur rôle, et leurs courriels prêts à coller")
        self.members_button.clicked.connect(
            lambda _checked=False: export_contacts(self, db, self.current_body_id()))
        self.bodies.add_button(self.members_button)
        self.archive_button = QPushButton(ARCHIVE)
        self.archive_button.setToolTip("Garder l'instance et ses réunions dans l'historique, "
                                       "hors des listes de choix")
        self.archive_button.clicked.connect(lambda _checked=False: self.toggle_archive())
        self.bodies.add_button(self.archive_button)
        self.bodies.selection_changed.connect(
            lambda row: self.archive_button.setText(
                UNARCHIVE if row is not None and row.archived else ARCHIVE))

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Mission de l'instance")

        # The representativeness of the body: its current members by circle.
        self.circles = QLabel()
        self.circles.setWordWrap(True)
        self.circles.setTextFormat(Qt.TextFormat.PlainText)
        self.circles.setAccessibleName("Membres actuels par cercle")

        self.members: ListPage[MemberRow] = ListPage(
            "memberships", MEMBER_COLUMNS, self._fetch_members,
            title="Membres",
            row_title=lambda m: m.name,
            search_placeholder="Rechercher un membre (nom, structure, rôle…)",
        )
        self.members.set_editor(EntityEditor(
            self, db, entities.membership_entity(db, self.current_body_id),
            context.undo_stack, self._reload_after_member_change))
        self.members.new_button.setText("A&jouter un membre")
        self.members.edit_button.setText("M&odifier le membre")
        self.members.delete_button.setText("&Retirer")

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.circles)
        lower_layout.addWidget(self.members, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.bodies)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.bodies)

    # --- data ---------------------------------------------------------------------------
    def _fetch_bodies(self, filters: dict[str, Any]) -> list[bodies.BodyRow]:
        rows = bodies.list_bodies(self.context.db,
                                  show_archived=filters.get("show_archived") is not False)
        kind = filters.get("kind")
        return [r for r in rows if kind is None or r.kind is kind]

    def toggle_archive(self) -> bool | None:
        """Archive the selected body, or bring it back; the new state, None if refused."""
        from charte_desktop.services import archive
        from charte_desktop.ui.error_reporting import show_user_error
        from charte_desktop.ui.pages.contact_commands import say

        body_id = self.current_body_id()
        if body_id is None:
            return None
        try:
            archived = not archive.is_body_archived(self.context.db, body_id)
            archive.set_body_archived(self.context.db, body_id, archived)
        except CharteError as error:
            show_user_error(self, error)
            return None
        self.refresh()
        say(self, "Instance archivée : ses réunions restent dans l'historique ; elle n'est "
                  "plus proposée dans les listes de choix." if archived
            else "Instance désarchivée.")
        return archived

    def _fetch_members(self, _filters: dict[str, Any]) -> list[MemberRow]:
        body_id = self.current_body_id()
        return [] if body_id is None else member_rows(self.context.db, body_id)

    def current_body_id(self) -> int | None:
        return self.bodies.current_id()

    # --- refresh ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.bodies.reload()
        if self.current_body_id() is None and self.bodies.visible_rows():
            self.bodies.table.setCurrentIndex(self.bodies.proxy.index(0, 0))
        self._reload_members()

    def _reload_after_member_change(self) -> None:
        # Member counts in the bodies list change too.
        self.bodies.reload()
        self._reload_members()

    def _reload_members(self) -> None:
        body_id = self.current_body_id()
        self.members.setEnabled(body_id is not None)
        self.members.reload()
        self.circles.clear()
        if body_id is None:
            self.summary.setText("Sélectionnez une instance pour voir sa mission et ses "
                                 "membres.")
            return
        try:
            body = body_summary(self.context.db, body_id)
            breakdown = bodies.circle_breakdown(self.context.db, body_id)
        except CharteError:
            self.summary.clear()
            return
        self.circles.setText(circles_text(breakdown))
        parts = [body.heading]
        if body.action:
            parts.append(f"action suivie : {body.action}")
        parts.append(f"quorum : {quorum_text(body.quorum_rule, body.quorum_value)}")
        text = " — ".join(parts)
        if body.mission:
            text += f"\nMission : {body.mission}"
        self.summary.setText(text)

    # --- calendar -------------------------------------------------------------------------
    def export_calendar(self) -> Path | None:
        """Every planned meeting of the selected body in one .ics, opened at once."""
        from charte_desktop.exports.calendar_ics import body_ics_name, write_body_ics

        body_id = self.current_body_id()
        if body_id is None:
            return None
        db = self.context.db
        failure = "Invitations non écrites"
        name = write_file(self, lambda: body_ics_name(db, body_id), failure)
        target = None if name is None else ask_target(
            self, "Enregistrer les invitations d'agenda", name, CALENDAR_FILTER)
        if target is None:
            return None
        written = write_file(self, lambda: write_body_ics(db, body_id, target), failure)
        if written is not None:
            open_with_system(self, written, "les invitations d'agenda")
        return written

    # --- Page interface -----------------------------------------------------------------
    def focus_search(self) -> None:
        self.bodies.search.setFocus()
        self.bodies.search.selectAll()

    def create_item(self) -> None:
        """Ctrl+N: in the list below when it has the keyboard, else in the main list."""
        list_with_keyboard([self.members], self.bodies).create_new()

    def focus_list(self) -> None:
        self.bodies.focus_table()

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        if not self.bodies.select_id(item_id):
            for filter_ in self.bodies.filters.values():
                filter_.set_value(None)
            self.bodies.search.clear()
            self.bodies.select_id(item_id)
        self.bodies.table.setFocus()
