"""Stored values outside their closed list or rules (written by another program).

SQLAlchemy raises LookupError on reading a value outside its list, and a backup's check
refuses any row breaking a CHECK constraint, which `integrity_check` verifies only on a
writable connection: opening and `check` look for them with plain queries and name each
row (« L'action n° 3 a un statut inconnu « bogus » »).
"""

import sqlite3
from enum import StrEnum

from charte_desktop.db import enums

# (table, column) -> (the row's name, what the value is, its closed list). Kept in step
# with the models' Enum columns by `tests/db/test_content_checks.py`.
ENUM_COLUMNS: dict[tuple[str, str], tuple[str, str, type[StrEnum]]] = {
    ("action", "status"): ("L'action", "un statut inconnu", enums.ActionStatus),
    ("action", "priority"): ("L'action", "une priorité inconnue", enums.Priority),
    ("body", "kind"): ("L'instance", "un type inconnu", enums.BodyKind),
    ("body", "quorum_rule"): ("L'instance", "une règle de quorum inconnue", enums.QuorumRule),
    ("territory", "kind"): ("Le territoire", "un type inconnu", enums.TerritoryKind),
    ("contact", "civility"): ("Le contact", "une civilité inconnue", enums.Civility),
    ("indicator", "kind"): ("L'indicateur", "un type inconnu", enums.IndicatorKind),
    ("indicator", "dimension"): ("L'indicateur", "une dimension inconnue", enums.Dimension),
    ("indicator", "direction"): ("L'indicateur", "un sens inconnu", enums.Direction),
    ("meeting", "state"): ("La réunion", "un état inconnu", enums.MeetingState),
    ("membership", "role"): ("Le membre d'instance", "un rôle inconnu", enums.MembershipRole),
    ("attendance", "state"): ("La présence", "un état inconnu", enums.AttendanceState),
    ("funding", "state"): ("Le financement", "un état inconnu", enums.FundingState),
    ("funding_call", "state"): ("L'appel à projets", "un état inconnu", enums.CallState),
}


# The models' other CHECK constraints, by name: (table, the rule as in the models, the
# row's id column and name, what is wrong). In step with the models (same test).
RULES: dict[str, tuple[str, str, str, str, str]] = {
    "ck_action_progress_range": (
        "action", "progress BETWEEN 0 AND 100", "id", "L'action",
        "un avancement hors de 0 à 100 %"),
    "ck_action_budget_positive": (
        "action", "budget_planned >= 0 AND budget_committed >= 0 AND budget_spent >= 0",
        "id", "L'action", "un budget négatif"),
    "ck_action_dates_order": (
        "action", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", "id",
        "L'action", "une échéance avant sa date de début"),
    "ck_action_weight_positive": (
        "action", "weight >= 0", "id", "L'action", "un poids négatif"),
    "ck_body_quorum_positive": (
        "body", "quorum_value >= 0", "id", "L'instance", "un quorum négatif"),
    "ck_file_identity_single_row": (
        "file_identity", "id = 1", "id", "L'identité du fichier", "un numéro autre que 1"),
    "ck_priority_criterion_weight_positive": (
        "priority_criterion", "weight >= 0", "id", "Le critère de priorité",
        "un poids négatif"),
    "ck_meeting_times_order": (
        "meeting", "end_time IS NULL OR start_time IS NULL OR end_time >= start_time", "id",
        "La réunion", "une heure de fin avant son heure de début"),
    "ck_membership_dates_order": (
        "membership", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
        "id", "Le membre d'instance", "une date de fin avant sa date de début"),
    "ck_agenda_item_duration_positive": (
        "agenda_item", "duration_minutes >= 0", "id", "Le point d'ordre du jour",
        "une durée négative"),
    "ck_budget_year_amounts_positive": (
        "budget_year", "planned >= 0 AND committed >= 0 AND spent >= 0", "id",
        "L'année budgétaire", "un montant négatif"),
    "ck_budget_year_year_plausible": (
        "budget_year", "year BETWEEN 1900 AND 2200", "id", "L'année budgétaire",
        "une année hors de 1900 à 2200"),
    "ck_funding_amount_positive": (
        "funding", "amount >= 0", "id", "Le financement", "un montant négatif"),
    "ck_funding_call_rate_range": (
        "funding_call", "rate IS NULL OR rate BETWEEN 0 AND 10000", "id", "L'appel à projets",
        "un taux hors de 0 à 100 %"),
    "ck_funding_call_amount_positive": (
        "funding_call", "amount IS NULL OR amount >= 0", "id", "L'appel à projets",
        "un montant négatif"),
    "ck_funding_call_deadlines_order": (
        "funding_call", "submission_deadline IS NULL OR pre_deposit_deadline IS NULL OR "
        "pre_deposit_deadline <= submission_deadline", "id", "L'appel à projets",
        "un pré-dépôt après sa date de dépôt"),
    "ck_decision_votes_positive": (
        "decision", "votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0", "id",
        "La décision", "un nombre de voix négatif"),
    "ck_priority_score_score_range": (
        "priority_score", "score BETWEEN 0 AND 3", "action_id",
        "La note de priorité de l'action", "une note hors de 0 à 3"),
}


def rule_problems(connection: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Rows breaking one of the models' rules, at most `limit`, in French. A rule is
    broken when false; NULL passes, as in SQLite's own CHECK."""
    problems: list[str] = []
    for table, rule, id_column, row_name, what in RULES.values():
        try:
            rows = connection.execute(
                f'SELECT "{id_column}" FROM "{table}" WHERE NOT ({rule}) '
                f'ORDER BY "{id_column}" LIMIT ?', [limit - len(problems)]).fetchall()
        except sqlite3.OperationalError:  # no such table or column
            continue
        problems.extend(f"{row_name} n° {row[0]} a {what}" for row in rows)
        if len(problems) >= limit:
            break
    return problems


def value_problems(connection: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Rows whose stored value is not in its closed list, at most `limit`, in French.

    Columns the file lacks are skipped: `schema_problems` names them.
    """
    problems: list[str] = []
    for (table, column), (row_name, what, closed) in ENUM_COLUMNS.items():
        # Looked up first: SQLite reads a double-quoted name it cannot find as a string.
        found = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        if column not in found:
            continue
        try:
            rows = connection.execute(
                f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND '
                f'"{column}" NOT IN ({", ".join("?" for _ in closed)}) ORDER BY id LIMIT ?',
                [member.value for member in closed] + [limit - len(problems)],
            ).fetchall()
        except sqlite3.OperationalError:  # no such table or column
            continue
        for row_id, value in rows:
            problems.append(f"{row_name} n° {row_id} a {what} « {str(value)[:60]} »")
        if len(problems) >= limit:
            break
    return problems


_TEXT_TYPES = ("CHAR", "TEXT", "CLOB")


def encoding_problems(connection: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Text values that are not UTF-8 (another program wrote bytes), at most `limit`: the
    rows Charte cannot read, named by table, line and column. Every text is read, about
    0.15 s for the large territory: `check` runs it, not every opening."""
    problems: list[str] = []
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for table in tables:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                   if any(kind in (row[2] or "").upper() for kind in _TEXT_TYPES)]
        if not columns:
            continue
        as_bytes = ", ".join(f'CAST("{column}" AS BLOB)' for column in columns)
        for rowid, *values in connection.execute(f'SELECT rowid, {as_bytes} FROM "{table}"'):
            for column, value in zip(columns, values, strict=True):
                try:
                    if value is not None:
                        value.decode("utf-8")
                except UnicodeDecodeError:
                    problems.append(f"table « {table} », ligne {rowid} : le texte de la "
                                    f"colonne « {column} » est mal codé (pas en UTF-8)")
                    if len(problems) >= limit:
                        return problems
    return problems
