"""Schema revisions this Charte knows, oldest first, without importing Alembic.

Kept in step with `migrations/versions/` by a test; a file whose revision is not listed
here was written by a newer Charte and is refused untouched.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_budget_year", "0003_update_workbooks")
HEAD_REVISION = KNOWN_REVISIONS[-1]
