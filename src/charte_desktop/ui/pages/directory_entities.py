"""Forms of the Annuaire screen: contacts and organisations (structures)."""

from collections.abc import Callable

from charte_desktop.db import Database
from charte_desktop.db.enums import Civility
from charte_desktop.services import directory, tables
from charte_desktop.ui import choices
from charte_desktop.ui.entity import Entity, find_by_id
from charte_desktop.ui.form_dialog import FieldSpec


def contact_entity(
    db: Database,
    default_organisation_id: Callable[[], int | None],
    default_circle_id: Callable[[], int | None],
) -> Entity[directory.ContactFields]:
    def question(contact_id: int) -> str:
        contact = directory.contact_name(db, contact_id)
        where = f" ({contact.organisation})" if contact.organisation else ""
        return (f"Supprimer « {contact.full_name} »{where} de l'annuaire ? Ses participations aux "
                "instances et aux réunions sont aussi supprimées ; les rôles tenus "
                "(pilote, secrétaire…) deviennent vacants.")

    return Entity(
        name="contact", new_title="Nouveau contact",
        specs=lambda: [
            FieldSpec("last_name", "Nom", "text", required=True, max_length=120),
            FieldSpec("first_name", "Prénom", "text", max_length=120),
            # How letters address the person (« Madame la Vice-présidente »).
            FieldSpec("civility", "Civilité", "choice", optional=False,
                      choices=choices.enum_choices(Civility)),
            FieldSpec("function", "Fonction", "text", max_length=200),
            FieldSpec("title", "Titre (élu·e)", "text", max_length=120,
                      placeholder="Président, Vice-présidente…"),
            FieldSpec("organisation_id", "Structure", "choice",
                      choices=choices.organisations(db)),
            FieldSpec("circle_id", "Cercle (si différent de la structure)", "choice",
                      choices=choices.circles(db)),
            FieldSpec("email", "Courriel", "text", max_length=254),
            FieldSpec("phone", "Téléphone", "text", max_length=40),
            FieldSpec("notes", "Notes", "multiline"),
        ],
        blank=lambda: directory.ContactFields(
            last_name="", organisation_id=default_organisation_id(),
            circle_id=None if default_organisation_id() else default_circle_id(),
        ),
        load=lambda i: directory.contact_fields(db, i),
        create=lambda f: directory.create_contact(db, f),
        update=lambda i, f: directory.update_contact(db, i, f),
        delete=lambda i: directory.delete_contact(db, i),
        model=tables.CONTACT,
        versioned="contact",
        deletion_question=question,
    )


def organisation_entity(
    db: Database, default_circle_id: Callable[[], int | None]
) -> Entity[directory.OrganisationFields]:
    def question(organisation_id: int) -> str:
        # The deletion is tried first without keeping anything: a structure that funds
        # actions is refused at once, with the use case's own message, before any question.
        with db.dry_run():
            directory.delete_organisation(db, organisation_id)
        row = find_by_id(directory.list_organisations(db), organisation_id, "La structure")
        count = row.contact_count
        extra = ""
        if count == 1:
            extra = " Son contact reste dans l'annuaire, sans structure."
        elif count > 1:
            extra = f" Ses {count} contacts restent dans l'annuaire, sans structure."
        return f"Supprimer la structure « {row.name} » ?{extra}"

    return Entity(
        name="structure", new_title="Nouvelle structure",
        specs=lambda: [
            FieldSpec("name", "Nom de la structure", "text", required=True),
            FieldSpec("circle_id", "Cercle", "choice", choices=choices.circles(db)),
            FieldSpec("address", "Adresse", "multiline"),
            FieldSpec("notes", "Notes", "multiline"),
        ],
        blank=lambda: directory.OrganisationFields(name="", circle_id=default_circle_id()),
        load=lambda i: directory.organisation_fields(db, i),
        create=lambda f: directory.create_organisation(db, f),
        update=lambda i, f: directory.update_organisation(db, i, f),
        delete=lambda i: directory.delete_organisation(db, i),
        model=tables.ORGANISATION,
        deletion_question=question,
    )
