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
from charte_desktop.ui.pages import directory_entities as entities
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.plan_exports import export_contacts
from charte_desktop.ui.table_model import Column

CONTACT_COLUMNS: list[Column[ContactRow]] = [
    Column("Nom", lambda r: f"{r.last_name.upper()} {r.first_name}".strip(),
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
            },
            row_title=lambda r: r.name,
            search_placeholder="Rechercher un contact (nom, fonction, structure, courriel…)",
        )
        self.contacts.set_editor(EntityEditor(
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

    # --- data ------------------------------------------------------------------------------
    def _fetch_contacts(self, filters: dict[str, Any]) -> list[ContactRow]:
        return directory.list_contacts(self.context.db, ContactFilter(**filters))

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
