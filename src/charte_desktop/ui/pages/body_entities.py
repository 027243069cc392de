"""Forms of the Instances screen: bodies and their members."""

from collections.abc import Callable

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MembershipRole, QuorumRule
from charte_desktop.errors import CharteError
from charte_desktop.services import bodies, tables
from charte_desktop.services.body_rows import member_row
from charte_desktop.ui import choices
from charte_desktop.ui.entity import Entity
from charte_desktop.ui.form_dialog import FieldSpec


def body_specs(db: Database) -> list[FieldSpec]:
    return [
        FieldSpec("kind", "Type d'instance", "choice", required=True, optional=False,
                  choices=choices.enum_choices(BodyKind)),
        FieldSpec("name", "Nom", "text", required=True, max_length=200),
        FieldSpec("mission", "Mission", "multiline"),
        FieldSpec("frequency", "Fréquence habituelle", "text", max_length=120),
        FieldSpec("action_id", "Action suivie (groupe projet)", "choice",
                  choices=choices.actions(db)),
        FieldSpec("quorum_rule", "Règle de quorum", "choice", optional=False,
                  choices=choices.enum_choices(QuorumRule)),
        FieldSpec("quorum_value", "Quorum (nombre ou % des votants)", "int", maximum=10_000),
    ]


def body_entity(db: Database) -> Entity[bodies.BodyFields]:
    return Entity(
        name="instance", new_title="Nouvelle instance",
        specs=lambda: body_specs(db),
        blank=lambda: bodies.BodyFields(kind=BodyKind.COPIL, name=""),
        load=lambda i: bodies.body_fields(db, i),
        create=lambda f: bodies.create_body(db, f),
        update=lambda i, f: bodies.update_body(db, i, f),
        delete=lambda i: bodies.delete_body(db, i),
        model=tables.BODY,
        deletion_question=lambda i: bodies.describe_body_deletion(db, i),
    )


def _require_contact(fields: bodies.MembershipFields) -> None:
    if fields.contact_id is None:
        raise CharteError("Le champ « Contact » est obligatoire.", field="contact_id")


def membership_entity(
    db: Database, body_id: Callable[[], int | None]
) -> Entity[bodies.MembershipFields]:
    def create(fields: bodies.MembershipFields) -> object:
        _require_contact(fields)
        return bodies.create_membership(db, fields)

    def update(membership_id: int, fields: bodies.MembershipFields) -> object:
        _require_contact(fields)
        return bodies.update_membership(db, membership_id, fields)

    def question(membership_id: int) -> str:
        member = member_row(db, membership_id)
        return (f"Retirer {member.name} de l'instance "
                f"« {member.body_name} » ? Pour garder l'historique, indiquez plutôt "
                "une date de sortie.")

    return Entity(
        name="membre", new_title="Nouveau membre",
        specs=lambda: [
            FieldSpec("contact_id", "Contact", "choice", required=True,
                      choices=choices.contacts(db)),
            FieldSpec("role", "Rôle", "choice", optional=False,
                      choices=choices.enum_choices(MembershipRole)),
            FieldSpec("voting", "Voix délibérative (votant)", "bool"),
            FieldSpec("start_date", "Date d'entrée", "date"),
            FieldSpec("end_date", "Date de sortie", "date"),
        ],
        blank=lambda: bodies.MembershipFields(
            body_id=body_id() or 0, contact_id=None,  # type: ignore[arg-type]
        ),
        load=lambda i: bodies.membership_fields(db, i),
        create=create,
        update=update,
        delete=lambda i: bodies.delete_membership(db, i),
        model=tables.MEMBERSHIP,
        deletion_question=question,
        describe=lambda f: dict(choices.contacts(db)()).get(f.contact_id, ""),
    )
