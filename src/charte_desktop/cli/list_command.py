"""`charte-desktop list KIND FILE [--json]`: the file's plans, actions, bodies…"""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from charte_desktop.cli.output import Column, to_json, to_table
from charte_desktop.db import Database, open_database


def _label(attribute: str) -> Callable[[Any], str]:
    return lambda row: getattr(row, attribute).label


def _plans(db: Database) -> Sequence[Any]:
    from charte_desktop.services.plans import list_plans

    return list_plans(db)


def _actions(db: Database) -> Sequence[Any]:
    from charte_desktop.services.actions import list_actions

    return list_actions(db)


def _bodies(db: Database) -> Sequence[Any]:
    from charte_desktop.services.bodies import list_bodies

    return list_bodies(db)


def _meetings(db: Database) -> Sequence[Any]:
    from charte_desktop.services.meetings import list_meetings

    return list_meetings(db)


def _indicators(db: Database) -> Sequence[Any]:
    from charte_desktop.services.indicators import list_indicators

    return list_indicators(db)


def _contacts(db: Database) -> Sequence[Any]:
    from charte_desktop.services.directory import list_contacts

    return list_contacts(db)


def _calls(db: Database) -> Sequence[Any]:
    from charte_desktop.services.calls import list_calls

    return list_calls(db)


def _c(key: str, header: str | None, **options: Any) -> Column:
    return Column(key, header, lambda row: getattr(row, key), **options)


LISTINGS: dict[str, tuple[Callable[[Database], Sequence[Any]], list[Column], str]] = {
    "plans": (_plans, [
        _c("id", "N°"), _c("title", "Intitulé"), _c("period_start", "Début"),
        _c("period_end", "Fin"), _c("action_count", "Actions"),
    ], "Aucun plan."),
    "actions": (_actions, [
        _c("id", "N°"), _c("plan_id", None), _c("code", "Code"), _c("title", "Intitulé"),
        _c("status", None), Column("status_label", "Statut", _label("status")),
        _c("priority", None), _c("axis_code", None), _c("axis_title", None),
        _c("pilot_id", None), _c("pilot_name", "Pilote"), _c("start_date", None),
        _c("end_date", "Échéance"), _c("progress", "Avancement %"),
        _c("budget_planned", "Budget prévu", money=True),
        _c("budget_committed", None), _c("budget_spent", None),
    ], "Aucune action."),
    "bodies": (_bodies, [
        _c("id", "N°"), _c("kind", None), Column("kind_label", "Type", _label("kind")),
        _c("name", "Nom"), _c("member_count", "Membres"), _c("meeting_count", "Réunions"),
        _c("next_meeting_date", "Prochaine réunion"),
    ], "Aucune instance."),
    "meetings": (_meetings, [
        _c("id", "N°"), _c("body_id", None), _c("body", "Instance"), _c("date", "Date"),
        _c("start_time", "Début"), _c("end_time", None), _c("place", "Lieu"),
        _c("state", None), Column("state_label", "État", _label("state")),
        _c("agenda_count", None), _c("invitee_count", None),
    ], "Aucune réunion."),
    "indicators": (_indicators, [
        _c("id", "N°"), _c("plan_id", None), _c("name", "Indicateur"), _c("kind", None),
        Column("kind_label", "Type", _label("kind")), _c("dimension", None),
        _c("unit", "Unité"), _c("direction", None), _c("baseline_value", None),
        _c("baseline_date", None), _c("target_value", "Cible"), _c("target_date", None),
        _c("latest_value", "Dernière valeur"), _c("latest_date", "Mesurée le"),
        _c("state", None), Column("state_label", "État", _label("state")),
    ], "Aucun indicateur."),
    "contacts": (_contacts, [
        _c("id", "N°"), _c("name", "Nom"), _c("function", "Fonction"),
        _c("organisation_id", None), _c("organisation", "Structure"),
        _c("circle", "Cercle"), _c("email", "Courriel"), _c("phone", "Téléphone"),
    ], "Aucun contact."),
    "calls": (_calls, [
        _c("id", "N°"), _c("funder_id", None), _c("funder", "Financeur"),
        _c("title", "Intitulé"), _c("opening_date", None),
        _c("pre_deposit_deadline", None), _c("submission_deadline", "Dépôt"),
        _c("decision_date", None), _c("rate", None), _c("amount", None),
        _c("state", None), Column("state_label", "État", _label("state")),
        Column("action_ids", None, lambda row: list(row.action_ids)),
        _c("action_codes", "Actions"), _c("days_to_next", "Jours avant échéance"),
    ], "Aucun appel à projets."),
}


def run_list(kind: str, path: Path, *, as_json: bool) -> int:
    fetch, columns, empty = LISTINGS[kind]
    with open_database(path, read_only=True) as db:
        rows = fetch(db)
    print(to_json(rows, columns) if as_json else to_table(rows, columns, empty))
    return 0
