"""Schema revisions this Charte knows, oldest first, without importing Alembic.

Kept in step with `migrations/versions/` by a test; a file whose revision is not listed
here was written by a newer Charte and is refused untouched.
"""

import sqlite3
from pathlib import Path

from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.errors import CharteError
from charte_desktop.system_errors import sqlite_reason

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial", "0002_budget_year", "0003_update_workbooks", "0004_meetings_as_run",
    "0005_weighted_progress", "0006_funding_calls", "0007_row_history",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


def refuse_unknown_revision(revision: str | None, file_label: str) -> None:
    """Refuse, untouched, a file written by a newer Charte (its revision is not ours)."""
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise CharteError(
            f"Le fichier « {file_label} » a été enregistré par une version plus récente de "
            "Charte : mettez Charte à jour pour l'ouvrir. Le fichier n'a pas été modifié."
        )


def read_revision(path: Path) -> str | None:
    """The schema revision of a file that passed the header check, read without writing."""
    connection = connect_sqlite(path, read_only=True)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            from charte_desktop.db.damaged import unusable_now

            raise unusable_now(path, exc) from None
        raise CharteError(
            f"Le fichier « {path} » est endommagé : Charte ne peut pas le lire "
            f"({sqlite_reason(exc)})."
        ) from None
    finally:
        connection.close()
