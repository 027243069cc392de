"""The tables and columns each schema revision has, known without importing SQLAlchemy.

A file whose table or column was dropped by another program would pass SQLite's checks
and fail later, in the middle of a listing or an export: opening and `check` compare the
file with what its revision must hold and name what is missing. Kept in step with the
models and the migration fixtures by `tests/db/test_content_checks.py`.
"""

import sqlite3

from charte_desktop.db.schema_version import KNOWN_REVISIONS

_HEAD_TABLES: dict[str, tuple[str, ...]] = {
    "action": ("id", "plan_id", "axis_id", "code", "title", "description", "status",
               "priority", "pilot_id", "project_group_id", "start_date", "end_date",
               "progress", "progress_from_milestones", "budget_planned", "budget_committed",
               "budget_spent", "created_at", "updated_at", "weight", "version"),
    "action_copilot": ("action_id", "contact_id"),
    "action_note": ("id", "action_id", "note_date", "text", "decision_id", "created_at",
                    "updated_at"),
    "action_partner": ("action_id", "organisation_id"),
    "action_policy": ("action_id", "policy_id"),
    "agenda_item": ("id", "meeting_id", "position", "title", "presenter_id",
                    "duration_minutes", "minutes_text", "postponed"),
    "alembic_version": ("version_num",),
    "attendance": ("id", "meeting_id", "contact_id", "state", "represented_by_id"),
    "axis": ("id", "plan_id", "parent_id", "position", "code", "title", "description"),
    "body": ("id", "kind", "name", "mission", "frequency", "action_id", "quorum_rule",
             "quorum_value", "created_at", "updated_at", "archived"),
    "budget_year": ("id", "action_id", "year", "planned", "committed", "spent"),
    "change_log": ("id", "table_name", "row_id", "at", "author", "kind", "summary"),
    "circle": ("id", "name", "position"),
    "contact": ("id", "first_name", "last_name", "function", "organisation_id", "circle_id",
                "email", "phone", "notes", "created_at", "updated_at", "civility", "title",
                "archived", "version"),
    "decision": ("id", "meeting_id", "agenda_item_id", "position", "text", "action_id",
                 "unanimous", "votes_for", "votes_against", "abstentions"),
    "file_identity": ("id", "token", "created_at"),
    "follow_up": ("id", "meeting_id", "agenda_item_id", "position", "text", "owner_id",
                  "due_date", "done", "done_date", "action_id"),
    "funding": ("id", "action_id", "funder_id", "amount", "state", "note", "call_id"),
    "funding_call": ("id", "funder_id", "title", "url", "opening_date",
                     "pre_deposit_deadline", "submission_deadline", "decision_date", "rate",
                     "amount", "state", "notes", "created_at", "updated_at"),
    "funding_call_action": ("call_id", "action_id"),
    "indicator": ("id", "plan_id", "name", "description", "kind", "dimension", "unit",
                  "direction", "baseline_value", "baseline_date", "target_value",
                  "target_date", "source", "frequency", "created_at", "updated_at"),
    "indicator_action": ("indicator_id", "action_id"),
    "measurement": ("id", "indicator_id", "date", "value", "comment"),
    "meeting": ("id", "body_id", "date", "start_time", "end_time", "place", "state",
                "secretary_id", "notes", "created_at", "updated_at", "series_id",
                "signatory_id", "sequence", "version"),
    "meeting_series": ("id", "body_id", "description"),
    "membership": ("id", "body_id", "contact_id", "role", "voting", "start_date", "end_date"),
    "milestone": ("id", "action_id", "title", "due_date", "done", "done_date"),
    "organisation": ("id", "name", "circle_id", "address", "notes", "created_at",
                     "updated_at"),
    "plan": ("id", "title", "period_start", "period_end", "description", "created_at",
             "updated_at"),
    "policy": ("id", "code", "label"),
    "priority_criterion": ("id", "name", "description", "weight", "position"),
    "priority_score": ("action_id", "criterion_id", "score"),
    "territory": ("id", "name", "kind", "address", "logo", "logo_filename", "created_at",
                  "updated_at", "town", "officer_name", "officer_function", "officer_phone",
                  "officer_email", "reminder_minutes"),
    "update_import": ("id", "export_token", "plan_id", "pilot_id", "pilot_name",
                      "exported_at", "imported_at", "file_name", "accepted", "rejected"),
}

# The revision that created each table not in the first schema: older files lack it.
_ADDED_BY: dict[str, str] = {
    "budget_year": "0002_budget_year",
    "file_identity": "0003_update_workbooks",
    "update_import": "0003_update_workbooks",
    "meeting_series": "0004_meetings_as_run",
    "funding_call": "0006_funding_calls",
    "funding_call_action": "0006_funding_calls",
    "change_log": "0007_row_history",
}
# The revision that added each column to a table of an earlier one.
_COLUMNS_ADDED_BY: dict[str, str] = {
    **{f"contact.{c}": "0004_meetings_as_run" for c in ("civility", "title")},
    **{f"territory.{c}": "0004_meetings_as_run" for c in (
        "town", "officer_name", "officer_function", "officer_phone", "officer_email",
        "reminder_minutes")},
    **{f"meeting.{c}": "0004_meetings_as_run" for c in ("series_id", "signatory_id",
                                                         "sequence")},
    "agenda_item.postponed": "0004_meetings_as_run",
    **{f"decision.{c}": "0004_meetings_as_run" for c in (
        "unanimous", "votes_for", "votes_against", "abstentions")},
    "action.weight": "0005_weighted_progress",
    "funding.call_id": "0006_funding_calls",
    "contact.archived": "0006_funding_calls",
    "body.archived": "0006_funding_calls",
    **{f"{table}.version": "0007_row_history" for table in ("action", "meeting", "contact")},
}


def expected_tables(revision: str) -> dict[str, tuple[str, ...]]:
    """The tables (with their columns) a file at `revision` must hold.

    A revision missing from this list (a test's extra migration) holds at least the head's
    tables: revisions only ever add to the schema.
    """
    if revision not in KNOWN_REVISIONS:
        return dict(_HEAD_TABLES)
    rank = KNOWN_REVISIONS.index(revision)

    def present(name: str, added: dict[str, str]) -> bool:
        return name not in added or KNOWN_REVISIONS.index(added[name]) <= rank

    return {
        table: tuple(c for c in columns if present(f"{table}.{c}", _COLUMNS_ADDED_BY))
        for table, columns in _HEAD_TABLES.items() if present(table, _ADDED_BY)
    }


def schema_problems(connection: sqlite3.Connection, revision: str) -> list[str]:
    """What the file lacks for its revision, in French; empty when nothing is missing."""
    present = {
        row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    problems: list[str] = []
    for table, columns in expected_tables(revision).items():
        if table not in present:
            problems.append(f"la table « {table} » manque")
            continue
        # table_info takes no bound parameter; the name comes from the list above.
        found = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        problems.extend(f"la colonne « {column} » de la table « {table} » manque"
                        for column in columns if column not in found)
    return problems
