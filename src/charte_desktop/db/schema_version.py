"""Schema revisions this Charte knows, oldest first, without importing Alembic.

Kept in step with `migrations/versions/` by a test; a file whose revision is not listed
here was written by a newer Charte and is refused untouched.
"""

from charte_desktop.errors import CharteError

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_budget_year", "0003_update_workbooks")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def refuse_unknown_revision(revision: str | None, file_label: str) -> None:
    """Refuse, untouched, a file written by a newer Charte (its revision is not ours)."""
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise CharteError(
            f"Le fichier « {file_label} » a été enregistré par une version plus récente de "
            "Charte : mettez Charte à jour pour l'ouvrir. Le fichier n'a pas été modifié."
        )
