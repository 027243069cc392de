"""Demo territories: a small realistic one to discover Charte, a large one to test scale.

Both fill a freshly created file (see `db.files.create_database(path, fill=...)`), written
directly with the models in one transaction. The builders are imported on first use, so
importing this package costs nothing.
"""

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from charte_desktop.db.engine import Database


def fill_small_demo(db: "Database", *, today: date | None = None) -> None:
    """The Val d'Aubrance: a fictional communauté de communes and its charter, around `today`."""
    from charte_desktop.demo.small import fill_small_demo as fill

    fill(db, today=today)


def fill_large_demo(db: "Database", *, today: date | None = None, seed: int = 2026) -> None:
    """A generated territory with thousands of actions, meetings and measurements."""
    from charte_desktop.demo.large import fill_large_demo as fill

    fill(db, today=today, seed=seed)


__all__ = ["fill_large_demo", "fill_small_demo"]
