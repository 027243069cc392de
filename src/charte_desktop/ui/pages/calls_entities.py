"""The form of the Appels à projets screen, and the calls as a picker (the Funding form's
« Appel à projets »)."""

from charte_desktop.db import Database
from charte_desktop.db.enums import CallState
from charte_desktop.services import calls, tables
from charte_desktop.ui import choices
from charte_desktop.ui.entity import Entity
from charte_desktop.ui.form_dialog import FieldSpec
from charte_desktop.ui.inputs import Choices


def call_choices(db: Database) -> Choices:
    """Every call, « DSIL 2027 (Préfecture) », read again only after a write."""
    return lambda: db.memo("choices:calls", lambda: calls.call_choices(db))


def call_specs(db: Database) -> list[FieldSpec]:
    return [
        FieldSpec("title", "Intitulé", "text", required=True, max_length=calls.TITLE_MAX_LENGTH,
                  placeholder="DSIL 2027, Fonds vert – renaturation…"),
        FieldSpec("funder_id", "Financeur", "choice", choices=choices.organisations(db)),
        FieldSpec("state", "État", "choice", optional=False,
                  choices=choices.enum_choices(CallState)),
        FieldSpec("url", "Lien", "text", max_length=calls.URL_MAX_LENGTH,
                  placeholder="https://…"),
        FieldSpec("opening_date", "Ouverture", "date"),
        FieldSpec("pre_deposit_deadline", "Date limite de pré-dépôt", "date"),
        FieldSpec("submission_deadline", "Date limite de dépôt", "date"),
        FieldSpec("decision_date", "Date de décision", "date"),
        FieldSpec("rate", "Taux", "number", suffix="%"),
        FieldSpec("amount", "Montant", "money"),
        FieldSpec("action_ids", "Actions concernées", "multi", choices=choices.actions(db)),
        FieldSpec("notes", "Notes", "multiline"),
    ]


def call_entity(db: Database) -> Entity[calls.CallFields]:
    return Entity(
        name="appel à projets", new_title="Nouvel appel à projets",
        specs=lambda: call_specs(db),
        blank=lambda: calls.CallFields(title=""),
        load=lambda i: calls.call_fields(db, i),
        create=lambda f: calls.create_call(db, f),
        update=lambda i, f: calls.update_call(db, i, f),
        delete=lambda i: calls.delete_call(db, i),
        model=tables.FUNDING_CALL,
        deletion_question=lambda i: (
            f"Supprimer l'appel à projets « {calls.call_title(db, i)} » ? Ses actions restent ; "
            "les financements qu'il a apportés restent, sans appel à projets."),
    )
