"""Where a person lives in a Charte file (RGPD): the one map that the export of a
person's data and their anonymisation both read.

- `PERSON_LINKS`: every column holding a contact's id (`tests/services/test_person_data.py`
  fails when a model gains a reference to `contact.id` that is not listed here).
- `IDENTITY`: what the contact row itself holds about them, and what anonymising leaves.
- `TEXT_COLUMNS`: every free-text column, where their name or e-mail may be written
  (« mentions »), with its French label.
"""

from dataclasses import dataclass
from typing import Any

from charte_desktop.db.enums import Civility

ANONYMOUS_NAME = "Personne anonymisée"


@dataclass(frozen=True)
class PersonLink:
    """A column holding a contact's id, and what it says about the person."""

    table: str
    column: str
    label: str
    # What anonymising does to the row: "keep" it (its link points at the anonymised
    # contact, so counts stay), never "delete" — the map says each case explicitly.
    on_anonymise: str = "keep"


PERSON_LINKS: tuple[PersonLink, ...] = (
    PersonLink("membership", "contact_id", "Membre d'une instance"),
    PersonLink("attendance", "contact_id", "Invité·e à une réunion"),
    PersonLink("attendance", "represented_by_id", "Porteur·se d'un pouvoir"),
    PersonLink("meeting", "secretary_id", "Secrétaire de séance"),
    PersonLink("meeting", "signatory_id", "Signataire de la convocation"),
    PersonLink("agenda_item", "presenter_id", "Présente un point de l'ordre du jour"),
    PersonLink("follow_up", "owner_id", "Responsable d'une suite à donner"),
    PersonLink("action", "pilot_id", "Pilote d'une action"),
    PersonLink("action_copilot", "contact_id", "Copilote d'une action"),
    PersonLink("update_import", "pilot_id", "Classeur de mise à jour rapporté"),
)

# The contact row: each column's French label, and the value anonymising leaves in it.
# Columns absent from this map and from KEPT_CONTACT_COLUMNS fail the map's test.
IDENTITY: dict[str, tuple[str, Any]] = {
    "civility": ("Civilité", Civility.NONE),
    "first_name": ("Prénom", ""),
    "last_name": ("Nom", ANONYMOUS_NAME),
    "function": ("Fonction", ""),
    "title": ("Titre (élu·e)", ""),
    "organisation_id": ("Structure", None),
    "circle_id": ("Cercle", None),
    "email": ("Courriel", ""),
    "phone": ("Téléphone", ""),
    "notes": ("Notes", ""),
}
# Kept as they are: they say nothing of the person.
KEPT_CONTACT_COLUMNS = frozenset({"id", "created_at", "updated_at", "archived", "version"})

# Every free-text column (CleanString, CleanText) of every table, in French. A mention of
# the person is searched in each; the map's test fails when a text column is missing.
TABLE_LABELS: dict[str, str] = {
    "body": "Instance", "circle": "Cercle", "file_identity": "Identité du fichier",
    "plan": "Plan", "policy": "Politique publique", "priority_criterion": "Critère de priorité",
    "territory": "Territoire", "axis": "Axe", "indicator": "Indicateur",
    "meeting_series": "Série de réunions", "organisation": "Structure", "contact": "Contact",
    "funding_call": "Appel à projets", "measurement": "Mesure d'indicateur",
    "action": "Action", "meeting": "Réunion", "update_import": "Classeur de mise à jour",
    "agenda_item": "Point de l'ordre du jour", "funding": "Financement",
    "milestone": "Jalon", "decision": "Décision", "follow_up": "Suite à donner",
    "action_note": "Journal de l'action",
    "change_log": "Historique",
}

TEXT_COLUMNS: dict[tuple[str, str], str] = {
    ("body", "name"): "Nom", ("body", "mission"): "Mission",
    ("body", "frequency"): "Fréquence",
    ("circle", "name"): "Nom",
    ("file_identity", "token"): "Jeton",
    ("plan", "title"): "Titre", ("plan", "description"): "Description",
    ("policy", "code"): "Code", ("policy", "label"): "Libellé",
    ("priority_criterion", "name"): "Nom", ("priority_criterion", "description"): "Description",
    ("territory", "name"): "Nom", ("territory", "address"): "Adresse",
    ("territory", "logo_filename"): "Logo", ("territory", "town"): "Commune",
    ("territory", "officer_name"): "Chargé·e de mission",
    ("territory", "officer_function"): "Fonction du chargé·e de mission",
    ("territory", "officer_phone"): "Téléphone du chargé·e de mission",
    ("territory", "officer_email"): "Courriel du chargé·e de mission",
    ("axis", "code"): "Code", ("axis", "title"): "Titre", ("axis", "description"): "Description",
    ("indicator", "name"): "Nom", ("indicator", "description"): "Description",
    ("indicator", "unit"): "Unité", ("indicator", "source"): "Source",
    ("indicator", "frequency"): "Fréquence",
    ("meeting_series", "description"): "Description",
    ("organisation", "name"): "Nom", ("organisation", "address"): "Adresse",
    ("organisation", "notes"): "Notes",
    ("contact", "first_name"): "Prénom", ("contact", "last_name"): "Nom",
    ("contact", "function"): "Fonction", ("contact", "email"): "Courriel",
    ("contact", "phone"): "Téléphone", ("contact", "notes"): "Notes",
    ("contact", "title"): "Titre (élu·e)",
    ("funding_call", "title"): "Titre", ("funding_call", "url"): "Adresse web",
    ("funding_call", "notes"): "Notes",
    ("measurement", "comment"): "Commentaire",
    ("action", "code"): "Code", ("action", "title"): "Titre",
    ("action", "description"): "Description",
    ("meeting", "place"): "Lieu", ("meeting", "notes"): "Notes",
    ("update_import", "export_token"): "Jeton", ("update_import", "pilot_name"): "Pilote",
    ("update_import", "file_name"): "Nom du fichier",
    ("agenda_item", "title"): "Titre", ("agenda_item", "minutes_text"): "Compte rendu",
    ("funding", "note"): "Note",
    ("milestone", "title"): "Titre",
    ("decision", "text"): "Texte",
    ("follow_up", "text"): "Texte",
    ("action_note", "text"): "Texte",
    ("change_log", "summary"): "Modification",
}


def is_anonymous(first_name: str, last_name: str, email: str) -> bool:
    """Whether a contact is one anonymised already (its name names nobody)."""
    return last_name == ANONYMOUS_NAME and not first_name and not email


def text_columns_by_table() -> dict[str, list[str]]:
    """The free-text columns of each table, as the models declare them today."""
    from charte_desktop.db.models import Base
    from charte_desktop.db.types import CleanString, CleanText

    found: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, CleanString | CleanText):
                found.setdefault(table.name, []).append(column.name)
    return found


def text_column_label(table: str, column: str) -> str:
    """« Compte rendu (Point de l'ordre du jour) »."""
    what = TABLE_LABELS.get(table, "Autre donnée")
    return f"{TEXT_COLUMNS.get((table, column), 'Texte')} ({what})"
