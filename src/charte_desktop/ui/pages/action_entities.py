"""Forms of the Plan d'actions screen: plans, axes, actions, milestones, fundings, journal."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, FundingState, Priority
from charte_desktop.formatting import format_money
from charte_desktop.services import action_details as details
from charte_desktop.services import actions, budget, plans, tables
from charte_desktop.services.form_fields import fields_of
from charte_desktop.ui import choices
from charte_desktop.ui.entity import Entity, find_by_id, shorten
from charte_desktop.ui.form_dialog import FieldSpec
from charte_desktop.ui.pages.calls_entities import call_choices


def plan_entity(db: Database) -> Entity[plans.PlanFields]:
    def question(plan_id: int) -> str:
        plan = plans.get_plan(db, plan_id)
        count = next((r.action_count for r in plans.list_plans(db) if r.id == plan_id), 0)
        extra = f" et ses {count} actions" if count > 1 else " et son action" if count else ""
        return f"Supprimer le plan « {plan.title} »{extra} ?"

    return Entity(
        name="plan",
        new_title="Nouveau plan",
        specs=lambda: [
            FieldSpec("title", "Intitulé", "text", required=True),
            FieldSpec("period_start", "Début de la période", "date"),
            FieldSpec("period_end", "Fin de la période", "date"),
            FieldSpec("description", "Description", "multiline"),
        ],
        blank=lambda: plans.PlanFields(title=""),
        load=lambda i: plans.plan_fields(db, i),
        create=lambda f: plans.create_plan(db, f),
        update=lambda i, f: plans.update_plan(db, i, f),
        delete=lambda i: plans.delete_plan(db, i),
        model=tables.PLAN,
        deletion_question=question,
    )


def axis_entity(db: Database, plan_id: Callable[[], int | None]) -> Entity[plans.AxisFields]:
    def load(axis_id: int) -> plans.AxisFields:
        return plans.axis_fields(db, axis_id)

    def question(axis_id: int) -> str:
        fields = load(axis_id)
        return (
            f"Supprimer l'axe « {fields.code} {fields.title} » et ses sous-axes ? "
            "Ses actions restent dans le plan, sans axe."
        )

    return Entity(
        name="axe",
        new_title="Nouvel axe",
        specs=lambda: [
            FieldSpec("code", "Numéro", "text", max_length=20),
            FieldSpec("title", "Intitulé", "text", required=True),
            FieldSpec("parent_id", "Axe parent", "choice", choices=choices.axes(db, plan_id)),
            FieldSpec("position", "Ordre", "int", maximum=999),
            FieldSpec("description", "Description", "multiline"),
        ],
        blank=lambda: plans.AxisFields(plan_id=plan_id() or 0, title=""),
        load=load,
        create=lambda f: plans.create_axis(db, f),
        update=lambda i, f: plans.update_axis(db, i, f),
        delete=lambda i: plans.delete_axis(db, i),
        model=tables.AXIS,
        deletion_question=question,
        describe=lambda f: shorten(f"{f.code} {f.title}".strip()),
    )


def action_fields(db: Database, action_id: int) -> actions.ActionFields:
    return actions.action_form_fields(db, action_id)


def action_specs(db: Database, plan_id: Callable[[], int | None]) -> list[FieldSpec]:
    people = choices.contacts(db)
    organisations = choices.organisations(db)

    asked: dict[str, Any] = {}

    def by_year(fields: actions.ActionFields) -> str | None:  # totals: sums of the lines
        # The three amounts ask about the same form's fields: the base is read once.
        if asked.get("fields") is not fields:
            asked.update(fields=fields, answer=budget.SUM_OF_LINES if budget.detailed_by_year(
                db, fields.plan_id, fields.code) else None)
        answer: str | None = asked["answer"]
        return answer

    return [
        FieldSpec("code", "Code", "text", required=True, max_length=20),
        FieldSpec("title", "Intitulé", "text", required=True),
        FieldSpec("axis_id", "Axe", "choice", choices=choices.axes(db, plan_id)),
        FieldSpec(
            "status", "Statut", "choice", optional=False, choices=choices.enum_choices(ActionStatus)
        ),
        FieldSpec("priority", "Priorité", "choice", choices=choices.enum_choices(Priority)),
        FieldSpec("pilot_id", "Pilote", "choice", choices=people),
        FieldSpec("project_group_id", "Groupe projet", "choice", choices=choices.bodies(db)),
        FieldSpec("start_date", "Date de début", "date"),
        FieldSpec("end_date", "Date de fin", "date"),
        FieldSpec("progress", "Avancement", "int", maximum=100, suffix=" %"),
        FieldSpec("progress_from_milestones", "Avancement calculé d'après les jalons", "bool"),
        FieldSpec("weight", "Poids", "number"),  # in its axis's and plan's progress
        FieldSpec("budget_planned", "Budget prévu", "money", read_only=by_year),
        FieldSpec("budget_committed", "Budget engagé", "money", read_only=by_year),
        FieldSpec("budget_spent", "Budget dépensé", "money", read_only=by_year),
        # The lists come after the fields of one line: a long form shows in two columns.
        FieldSpec("copilot_ids", "Co-pilotes", "multi", choices=people),
        FieldSpec("partner_ids", "Partenaires", "multi", choices=organisations),
        FieldSpec("policy_ids", "Politiques publiques", "multi", choices=choices.policies(db)),
        FieldSpec("description", "Description", "multiline"),
    ]


def action_entity(
    db: Database, plan_id: Callable[[], int | None], axis_id: Callable[[], int | None]
) -> Entity[actions.ActionFields]:
    def question(action_id: int) -> str:
        action = actions.get_action(db, action_id)
        parts = []
        for count, one, many in (
            (len(action.milestones), "jalon", "jalons"),
            (len(action.fundings), "financement", "financements"),
            (len(action.notes), "entrée du journal", "entrées du journal"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        extra = f" avec {', '.join(parts)}" if parts else ""
        return f"Supprimer l'action « {action.code} {action.title} »{extra} ?"

    return Entity(
        name="action",
        new_title="Nouvelle action",
        specs=lambda: action_specs(db, plan_id),
        blank=lambda: actions.ActionFields(
            plan_id=plan_id() or 0, code="", title="", axis_id=axis_id()
        ),
        load=lambda i: action_fields(db, i),
        create=lambda f: actions.create_action(db, f),
        update=lambda i, f: actions.update_action(db, i, f),
        delete=lambda i: actions.delete_action(db, i),
        model=tables.ACTION,
        versioned="action",
        deletion_question=question,
        describe=lambda f: shorten(f"{f.code} {f.title}".strip()),
        duplicate=lambda i: actions.duplicate_action(db, i),
    )


def milestone_entity(
    db: Database, action_id: Callable[[], int | None]
) -> Entity[details.MilestoneFields]:
    def load(item_id: int) -> details.MilestoneFields:
        return details.milestone_fields(db, item_id)

    return Entity(
        name="jalon",
        new_title="Nouveau jalon",
        specs=lambda: [
            FieldSpec("title", "Intitulé", "text", required=True),
            FieldSpec("due_date", "Échéance", "date"),
            FieldSpec("done", "Atteint", "bool"),
            FieldSpec("done_date", "Atteint le", "date"),
        ],
        blank=lambda: details.MilestoneFields(action_id=action_id() or 0, title=""),
        load=load,
        create=lambda f: details.create_milestone(db, f),
        update=lambda i, f: details.update_milestone(db, i, f),
        delete=lambda i: details.delete_milestone(db, i),
        model=tables.MILESTONE,
        deletion_question=lambda i: f"Supprimer le jalon « {load(i).title} » ?",
    )


def funding_entity(
    db: Database, action_id: Callable[[], int | None]
) -> Entity[details.FundingFields]:
    def load(item_id: int) -> details.FundingFields:
        item = find_by_id(details.funding_rows(db, action_id() or 0), item_id, "Le financement")
        return fields_of(item, details.FundingFields)

    return Entity(
        name="financement",
        new_title="Nouveau financement",
        specs=lambda: [
            FieldSpec(
                "funder_id", "Financeur", "choice", required=True, choices=choices.organisations(db)
            ),
            FieldSpec("amount", "Montant", "money", required=True),
            FieldSpec(
                "state",
                "État",
                "choice",
                optional=False,
                choices=choices.enum_choices(FundingState),
            ),
            FieldSpec("call_id", "Appel à projets", "choice", choices=call_choices(db)),
            FieldSpec("note", "Remarque", "multiline"),
        ],
        blank=lambda: details.FundingFields(action_id=action_id() or 0, funder_id=None, amount=""),
        load=load,
        create=lambda f: details.create_funding(db, f),
        update=lambda i, f: details.update_funding(db, i, f),
        delete=lambda i: details.delete_funding(db, i),
        model=tables.FUNDING,
        deletion_question=lambda i: "Supprimer ce financement ?",
        describe=lambda f: describe_funding(db, f),
    )


def describe_funding(db: Database, fields: details.FundingFields) -> str:
    """ "Région Bourgogne-Franche-Comté — 12 500,00 €" """
    funder = dict(choices.organisations(db)()).get(fields.funder_id, "")
    try:
        amount = format_money(Decimal(str(fields.amount)))
    except ArithmeticError:
        amount = ""
    return " — ".join(part for part in (funder, amount) if part)


def note_entity(
    db: Database, action_id: Callable[[], int | None]
) -> Entity[details.ActionNoteFields]:
    def load(item_id: int) -> details.ActionNoteFields:
        return details.note_fields(db, item_id)

    return Entity(
        name="entrée du journal",
        new_title="Nouvelle entrée du journal",
        specs=lambda: [
            FieldSpec("note_date", "Date", "date", required=True),
            FieldSpec("text", "Texte", "multiline", required=True),
        ],
        blank=lambda: details.ActionNoteFields(
            action_id=action_id() or 0, note_date=clock.today(), text=""
        ),
        load=load,
        create=lambda f: details.create_note(db, f),
        update=lambda i, f: details.update_note(db, i, f),
        delete=lambda i: details.delete_note(db, i),
        model=tables.ACTION_NOTE,
        deletion_question=lambda i: "Supprimer cette entrée du journal ?",
    )


def budget_year_entity(
    db: Database, action_id: Callable[[], int | None]
) -> Entity[budget.BudgetYearFields]:
    def load(item_id: int) -> budget.BudgetYearFields:
        return budget.budget_year_fields(db, item_id)

    # The totals an action had before its first line, by line: Ctrl+Z of that line gives
    # them back exactly (kept as long as the history that can undo it).
    totals_before: dict[int, dict[str, Decimal]] = {}

    def create(fields: budget.BudgetYearFields) -> budget.AddedBudgetYear:
        # Its result says what the first line carried or replaced (status line).
        added = budget.add_budget_year(db, fields)
        if added.totals_before is not None:
            totals_before[added.id] = added.totals_before
        return added

    return Entity(
        name="année de budget",
        new_title="Nouvelle année de budget",
        specs=lambda: [
            FieldSpec("year", "Année", "int", required=True, minimum=1900, maximum=2200),
            FieldSpec("planned", "Prévu", "money"),
            FieldSpec("committed", "Engagé", "money"),
            FieldSpec("spent", "Dépensé", "money"),
        ],
        # The first line opens with the totals typed in the action's form: none is lost.
        blank=lambda: budget.new_line_fields(db, action_id() or 0),
        load=load,
        create=create,
        update=lambda i, f: budget.update_budget_year(db, i, f),
        delete=lambda i: budget.delete_budget_year(db, i),
        undo_create=lambda i: budget.delete_budget_year(db, i, totals_before.get(i)),
        model=tables.BUDGET_YEAR,
        deletion_question=lambda i: f"Supprimer la ligne de budget {load(i).year} ? "
                                    "Les totaux de l'action deviennent la somme des autres "
                                    "années.",
        describe=lambda f: str(f.year),
    )
