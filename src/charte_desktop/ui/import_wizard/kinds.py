"""The two things the assistant imports, described once: plan of actions, contacts list.

Each kind says which fields to map, how to preview and apply (the core's functions), what
the preview table shows, and how to tell the result. No widget here.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from charte_desktop.db import Database
from charte_desktop.formatting import NBSP, format_date, format_money
from charte_desktop.imports import action_plan, contacts
from charte_desktop.imports.columns import FieldSpec, HeaderGuess, Mapping, check_mapping
from charte_desktop.imports.progress import Monitor
from charte_desktop.imports.table_rows import Table
from charte_desktop.services.bulk_import import count_label


@dataclass(frozen=True)
class ImportKind:
    key: str
    title: str  # the window's title
    intro: str  # first page's explanation
    specs: tuple[FieldSpec, ...]
    has_target: bool  # a plan to choose
    check_mapping: Callable[[Mapping, list[str]], None]
    # The last argument: the row numbers the officer leaves out (see `can_skip`).
    preview: Callable[[Database, Table, HeaderGuess, Any, Monitor, Collection[int]], Any]
    apply: Callable[[Database, Any, Monitor], Any]
    item_columns: tuple[str, ...]
    items: Callable[[Any], list[tuple[str, ...]]]  # the preview's rows, as shown
    created: Callable[[Any], list[tuple[str, list[str]]]]  # (what, names) also created
    done: Callable[[Any], str]  # the result, in a sentence
    screen: str  # where to look afterwards
    can_skip: bool = False  # rows can be left out from the preview


def _action_items(preview: action_plan.ActionsPreview) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for item in preview.actions:
        fields = item.fields
        axis, pilot = preview.labels.get(item.line, ("", ""))
        rows.append((str(item.line), fields.code, fields.title, axis, pilot,
                     fields.status.label, f"{fields.progress}{NBSP}%",
                     fields.priority.label if fields.priority else "",
                     format_date(fields.start_date), format_date(fields.end_date),
                     format_money(fields.budget_planned),  # type: ignore[arg-type]
                     format_money(fields.budget_committed),  # type: ignore[arg-type]
                     format_money(fields.budget_spent)))  # type: ignore[arg-type]
    return rows


def _created(parts: list[tuple[int, str, str]], feminine: bool) -> str:
    """« ; 2 axes et 1 pilote créés », what was created and nothing of what was not."""
    shown = [count_label(count, one, many) for count, one, many in parts if count]
    if not shown:
        return ""
    total = sum(count for count, _, _ in parts)
    words = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} et {shown[-1]}"
    return f" ; {words} créé{'e' if feminine else ''}{'s' if total > 1 else ''}"


def _action_done(result: Any) -> str:
    where = "le nouveau plan" if result.new_plan else "le plan"
    return (f"{count_label(result.actions, 'action importée', 'actions importées')} dans "
            f"{where} « {result.plan_title} »"
            + _created([(result.axes, "axe", "axes"),
                        (result.contacts, "pilote", "pilotes")], feminine=False)
            + _created([(result.organisations, "structure", "structures"),
                        (result.policies, "politique publique", "politiques publiques")],
                       feminine=True) + ".")


ACTIONS = ImportKind(
    key="actions",
    title="Importer un plan d'actions",
    intro=("Choisissez le classeur Excel (.xlsx) ou le fichier CSV qui contient le plan "
           "d'actions, puis sa feuille. Rien n'est enregistré avant la dernière étape."),
    specs=action_plan.ACTION_FIELDS,
    has_target=True,
    check_mapping=lambda mapping, headers: check_mapping(mapping, action_plan.ACTION_FIELDS,
                                                         headers),
    preview=lambda db, table, header, target, monitor, skip: action_plan.preview_actions(
        db, table, header, target, monitor=monitor, skip_lines=skip),
    apply=lambda db, preview, monitor: action_plan.apply_actions(db, preview, monitor=monitor),
    item_columns=("Ligne", "N°", "Intitulé", "Axe", "Pilote", "Statut", "Avancement",
                  "Priorité", "Début", "Fin", "Budget prévisionnel", "Budget engagé",
                  "Budget dépensé"),
    items=_action_items,
    created=lambda preview: [("Axes à créer", preview.new_axes),
                             ("Pilotes à créer dans l'annuaire", preview.new_pilots),
                             ("Structures à créer", preview.new_partners),
                             ("Politiques publiques à créer", preview.new_policies)],
    done=_action_done,
    screen="actions",
    can_skip=True,
)


def _contact_items(preview: contacts.ContactsPreview) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for person in preview.people:
        fields = person.fields
        organisation, circle = preview.labels.get(person.line, ("", ""))
        rows.append((str(person.line), fields.last_name, fields.first_name, fields.function,
                     organisation, circle, fields.email, fields.phone))
    return rows


CONTACTS = ImportKind(
    key="contacts",
    title="Importer des contacts",
    intro=("Choisissez le classeur Excel (.xlsx) ou le fichier CSV qui contient la liste de "
           "contacts, puis sa feuille. Rien n'est enregistré avant la dernière étape."),
    specs=contacts.CONTACT_FIELDS,
    has_target=False,
    check_mapping=contacts.check_contact_mapping,
    preview=lambda db, table, header, _target, monitor, _skip: contacts.preview_contacts(
        db, table, header, monitor=monitor),
    apply=lambda db, preview, monitor: contacts.apply_contacts(db, preview, monitor=monitor),
    item_columns=("Ligne", "Nom", "Prénom", "Fonction", "Structure", "Cercle", "Courriel",
                  "Téléphone"),
    items=_contact_items,
    created=lambda preview: [("Structures à créer", preview.new_organisations),
                             ("Cercles à créer", preview.new_circles)],
    done=lambda result: (
        f"{count_label(result.contacts, 'contact importé', 'contacts importés')} ; "
        f"{count_label(result.organisations, 'structure', 'structures')} et "
        f"{count_label(result.circles, 'cercle', 'cercles')} créés."),
    screen="directory",
)

KINDS = {kind.key: kind for kind in (ACTIONS, CONTACTS)}
