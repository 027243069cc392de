"""Forms of the Paramètres screen: circles, public policies and priority criteria."""

from charte_desktop.db import Database
from charte_desktop.services import action_details as details
from charte_desktop.services import directory, tables
from charte_desktop.ui.entity import Entity
from charte_desktop.ui.form_dialog import FieldSpec


def circle_entity(db: Database) -> Entity[directory.CircleFields]:
    def question(circle_id: int) -> str:
        circle = directory.get_circle(db, circle_id)
        return (f"Supprimer le cercle « {circle.name} » ? Ses structures et ses contacts "
                "restent dans l'annuaire, sans cercle.")

    def blank() -> directory.CircleFields:
        # A new circle goes at the end of the officer's order.
        positions = [c.position for c in directory.list_circles(db)]
        return directory.CircleFields(name="", position=max(positions, default=-1) + 1)

    return Entity(
        name="cercle", new_title="Nouveau cercle",
        specs=lambda: [
            FieldSpec("name", "Nom du cercle", "text", required=True, max_length=120),
            FieldSpec("position", "Ordre d'affichage", "int", maximum=999),
        ],
        blank=blank,
        load=lambda i: directory.circle_fields(db, i),
        create=lambda f: directory.create_circle(db, f),
        update=lambda i, f: directory.update_circle(db, i, f),
        delete=lambda i: directory.delete_circle(db, i),
        model=tables.CIRCLE,
        deletion_question=question,
    )


def policy_entity(db: Database) -> Entity[details.PolicyFields]:
    def load(policy_id: int) -> details.PolicyFields:
        return details.policy_fields(db, policy_id)

    return Entity(
        name="politique publique", new_title="Nouvelle politique publique",
        specs=lambda: [
            FieldSpec("code", "Code (PCAET, PLH…)", "text", required=True, max_length=40),
            FieldSpec("label", "Libellé", "text", max_length=200),
        ],
        blank=lambda: details.PolicyFields(code=""),
        load=load,
        create=lambda f: details.create_policy(db, f),
        update=lambda i, f: details.update_policy(db, i, f),
        delete=lambda i: details.delete_policy(db, i),
        model=tables.POLICY,
        deletion_question=lambda i: (
            f"Supprimer la politique publique « {load(i).code} » ? Les actions qui s'y "
            "rattachent perdent seulement cette étiquette."),
        describe=lambda f: f.code,
    )


def criterion_entity(db: Database) -> Entity[details.CriterionFields]:
    def load(criterion_id: int) -> details.CriterionFields:
        return details.criterion_fields(db, criterion_id)

    def blank() -> details.CriterionFields:
        positions = [c.position for c in details.list_criteria(db)]
        return details.CriterionFields(name="", position=max(positions, default=-1) + 1)

    return Entity(
        name="critère de priorisation", new_title="Nouveau critère de priorisation",
        specs=lambda: [
            FieldSpec("name", "Nom du critère", "text", required=True, max_length=120),
            FieldSpec("weight", "Pondération", "number"),  # « 1,5 »: services/weights.py
            FieldSpec("description", "Description", "multiline"),
            FieldSpec("position", "Ordre d'affichage", "int", maximum=999),
        ],
        blank=blank,
        load=load,
        create=lambda f: details.create_criterion(db, f),
        update=lambda i, f: details.update_criterion(db, i, f),
        delete=lambda i: details.delete_criterion(db, i),
        model=tables.PRIORITY_CRITERION,
        deletion_question=lambda i: (
            f"Supprimer le critère « {load(i).name} » et les notes données aux actions "
            "sur ce critère ? Le classement des actions sera recalculé sans lui."),
    )
