"""Annuaire: the contacts (people) and the structures they belong to, by circle."""

from typing import Any

from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout

from charte_desktop.services import directory
from charte_desktop.services.directory import ContactFilter, ContactRow, OrganisationRow
from charte_desktop.ui import choices
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.pages import contact_commands
from charte_desktop.ui.pages import directory_entities as entities
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.contact_commands import ContactEditor
from charte_desktop.ui.pages.plan_exports import export_contacts
from charte_desktop.ui.table_model import Column

CONTACT_COLUMNS: list[Column[ContactRow]] = [
    Column("Nom", lambda r: f"{r.last_name.upper()} {r.first_name}".strip()
           + (" (archivé·e)" if r.archived else ""),
           sort_value=lambda r: f"{r.last_name} {r.first_name}", width=170),
    Column("Fonction", lambda r: r.function, width=210),
    Column("Structure", lambda r: r.organisation, width=260),
    Column("Cercle", lambda r: r.circle, width=150),
    Column("Courriel", lambda r: r.email, width=230),
    Column("Téléphone", lambda r: r.phone, width=110),
]

ORGANISATION_COLUMNS: list[Column[OrganisationRow]] = [
    Column("Nom", lambda r: r.name, width=480),
    Column("Cercle", lambda r: r.circle, width=200),
    Column("Contacts", lambda r: r.contact_count, align_right=True, width=80),
    Column("Adresse", lambda r: " ".join(r.address.split()), width=300),
]

CONTACTS_TAB, ORGANISATIONS_TAB = 0, 1
HIDE_ARCHIVED = "Masqués"
ARCHIVE, UNARCHIVE = "Arc&hiver", "Désarc&hiver"


class DirectoryPage(Page):
    title = "Annuaire"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db

        self.contacts: ListPage[ContactRow] = ListPage(
            "contacts", CONTACT_COLUMNS, self._fetch_contacts,
            filters={
                "circle_id": Filter("Cercle", choices.circles(db)),
                "organisation_id": Filter("Structure", choices.organisations(db), "Toutes"),
                # Archived people are kept for history, hidden unless asked for: the
                # filter starts on « Masqués », « Affichés » lists everyone (so the count
                # says « 45 sur 47 » while some are hidden).
                "show_archived": Filter("Archi&vés", lambda: [(False, HIDE_ARCHIVED)],
                                        "Affichés"),
            },
            row_title=lambda r: r.name,
            search_placeholder="Rechercher un contact (nom, fonction, structure, courriel…)",
        )
        self.contacts.filters["show_archived"].set_value(False)
        self.contacts.set_editor(ContactEditor(
            self, db,
            entities.contact_entity(db, self.contacts.filters["organisation_id"].value,
                                    self.contacts.filters["circle_id"].value),
            context.undo_stack, self.refresh,
        ))
        self.export_button = QPushButton("Annuaire (E&xcel)…")
        self.export_button.setToolTip("Tous les contacts et les structures, dans un classeur "
                                      "à partager (sans les remarques)")
        self.export_button.clicked.connect(
            lambda _checked=False: export_contacts(self, db, None))
        self.contacts.add_button(self.export_button, needs_row=False)
        self._add_person_buttons()

        self.organisations: ListPage[OrganisationRow] = ListPage(
            "organisations", ORGANISATION_COLUMNS, self._fetch_organisations,
            filters={"circle_id": Filter("Cercle", choices.circles(db))},
            row_title=lambda r: r.name,
            search_placeholder="Rechercher une structure (nom, cercle, adresse…)",
        )
        self.organisations.set_editor(EntityEditor(
            self, db,
            entities.organisation_entity(db, self.organisations.filters["circle_id"].value),
            context.undo_stack, self.refresh,
        ))

        self.tabs = QTabWidget()
        self.tabs.addTab(self.contacts, "&Contacts")
        self.tabs.addTab(self.organisations, "S&tructures")
        self.tabs.currentChanged.connect(lambda _index: self.focus_search())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.contacts)

    def _add_person_buttons(self) -> None:
        """« Exporter ses données », « Anonymiser… », « Archiver » on the selected person."""
        db = self.context.db
        self.person_data_button = QPushButton("Ex&porter ses données…")
        self.person_data_button.setToolTip("Tout ce que le fichier contient sur cette "
                                           "personne (RGPD), dans un classeur Excel")
        self.person_data_button.clicked.connect(lambda _checked=False: self._on_person(
            lambda contact_id: contact_commands.export_person(self, db, contact_id)))
        self.anonymise_button = QPushButton("Anon&ymiser…")
        self.anonymise_button.setToolTip("Remplacer cette personne partout par « Personne "
                                         "anonymisée » (RGPD), après une sauvegarde")
        self.anonymise_button.clicked.connect(lambda _checked=False: self._on_person(
            lambda contact_id: contact_commands.anonymise_person(
                self, db, contact_id, self.refresh, self.context.undo_stack.clear)))
        self.archive_button = QPushButton(ARCHIVE)
        self.archive_button.setToolTip("Garder la personne dans l'historique, hors des "
                                       "listes de choix")
        self.archive_button.clicked.connect(lambda _checked=False: self._on_person(
            lambda contact_id: contact_commands.toggle_contact_archive(
                self, db, contact_id, self.refresh)))
        for button in (self.archive_button, self.anonymise_button, self.person_data_button):
            self.contacts.add_button(button)
        self.contacts.selection_changed.connect(self._person_selected)

    def _on_person(self, command: Any) -> None:
        contact_id = self.contacts.current_id()
        if contact_id is not None:
            command(contact_id)

    def _person_selected(self, row: ContactRow | None) -> None:
        self.archive_button.setText(UNARCHIVE if row is not None and row.archived
                                    else ARCHIVE)

    # --- data ------------------------------------------------------------------------------
    def _fetch_contacts(self, filters: dict[str, Any]) -> list[ContactRow]:
        filters = dict(filters)
        show_archived = filters.pop("show_archived", None) is not False
        return directory.list_contacts(self.context.db,
                                       ContactFilter(**filters, show_archived=show_archived))

    def _fetch_organisations(self, filters: dict[str, Any]) -> list[OrganisationRow]:
        circle_id = filters.get("circle_id")
        return [
            row for row in directory.list_organisations(self.context.db)
            if circle_id is None or row.circle_id == circle_id
        ]

    # --- refresh ---------------------------------------------------------------------------
    def refresh(self) -> None:
        for page in (self.contacts, self.organisations):
            for filter_ in page.filters.values():
                filter_.reload_choices()
            page.reload()

    # --- Page interface --------------------------------------------------------------------
    def _current_list(self) -> ListPage[Any]:
        return self.organisations if self.tabs.currentIndex() == ORGANISATIONS_TAB \
            else self.contacts

    def focus_search(self) -> None:
        page = self._current_list()
        page.search.setFocus()
        page.search.selectAll()

    def create_item(self) -> None:
        self._current_list().create_new()

    def focus_list(self) -> None:
        self._current_list().focus_table()

    def show_item(self, item_id: int | None) -> None:
        """Show one contact (the dashboard and other screens point at people)."""
        if item_id is None:
            return
        self.tabs.setCurrentIndex(CONTACTS_TAB)
        if not self.contacts.select_id(item_id):
            for filter_ in self.contacts.filters.values():
                filter_.set_value(None)
            self.contacts.search.clear()
            self.contacts.select_id(item_id)
        self.contacts.table.setFocus()
