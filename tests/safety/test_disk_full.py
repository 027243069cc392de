"""Disk full and locked file: a French message, nothing half written, work goes on after.

A full disk is simulated with `PRAGMA max_page_count`, set on each connection the engine
hands out: SQLite then fails exactly as it does when the disk is full (SQLITE_FULL).
"""

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from charte_desktop.db import Database, create_database
from charte_desktop.db.engine import DISK_FULL_MESSAGE, LOCKED_MESSAGE
from charte_desktop.db.models import Action, Milestone, action_copilot
from charte_desktop.demo import fill_small_demo
from charte_desktop.errors import CharteError
from charte_desktop.services.actions import duplicate_action, get_action

MILESTONES = 400
NO_LIMIT = 1_073_741_823  # SQLite's default max_page_count


class PageLimit:
    """Sets `PRAGMA max_page_count` (and a short busy timeout) on every checked-out connection."""

    def __init__(self, db: Database) -> None:
        self.pages = NO_LIMIT
        event.listen(db.engine, "checkout", self._apply)

    def _apply(self, dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {self.pages}")
        dbapi_connection.execute("PRAGMA busy_timeout = 200")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Database, int]]:
    """A demo file with one action holding many milestones: duplicating it writes a lot."""
    db = create_database(tmp_path / "plein.sqlite", fill=fill_small_demo)
    with db.session() as session:
        action = session.scalars(select(Action).order_by(Action.id)).first()
        assert action is not None
        action.milestones = [
            Milestone(title=f"Jalon n° {i} : {'é' * 200}", due_date=date(2027, 1, 1) + timedelta(i))
            for i in range(MILESTONES)
        ]
        action_id = action.id
    yield db, action_id
    db.close()


def counts(db: Database) -> tuple[int, int, int, int]:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Action)) or 0,
            session.scalar(select(func.count()).select_from(Milestone)) or 0,
            session.scalar(select(func.count()).select_from(action_copilot)) or 0,
            session.scalar(text("PRAGMA page_count")) or 0,
        )


def integrity(db: Database) -> tuple[list[str], list[Any]]:
    with db.session() as session:
        return (
            list(session.execute(text("PRAGMA integrity_check")).scalars()),
            list(session.execute(text("PRAGMA foreign_key_check")).all()),
        )


def test_disk_full_is_told_in_french_and_nothing_is_half_written(
    demo: tuple[Database, int],
) -> None:
    db, action_id = demo
    limit = PageLimit(db)
    before = counts(db)
    generation = db.generation
    limit.pages = before[3] + 2  # room for a few pages, not for 400 milestones

    with pytest.raises(CharteError) as refusal:
        duplicate_action(db, action_id)
    assert refusal.value.message == DISK_FULL_MESSAGE
    assert refusal.value.message == (
        "Le disque est plein : l'enregistrement n'a pas été fait. Libérez de la place puis "
        "recommencez ; rien n'a été modifié."
    )
    assert counts(db)[:3] == before[:3]
    assert integrity(db) == (["ok"], [])
    assert db.generation == generation  # screens need not reload: nothing changed

    # Still full: the same refusal, the file still whole; reading works meanwhile.
    with pytest.raises(CharteError, match="Le disque est plein"):
        duplicate_action(db, action_id)
    assert len(get_action(db, action_id).milestones) == MILESTONES

    # Space is back: the same use case on the same open Database succeeds.
    limit.pages = NO_LIMIT
    copy = duplicate_action(db, action_id)
    assert len(get_action(db, copy.id).milestones) == MILESTONES
    after = counts(db)
    assert after[:2] == (before[0] + 1, before[1] + MILESTONES)
    assert integrity(db) == (["ok"], [])
    assert db.generation == generation + 1


def test_locked_file_is_told_in_french_and_work_goes_on(demo: tuple[Database, int]) -> None:
    db, action_id = demo
    PageLimit(db)  # short busy timeout
    before = counts(db)
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program writing
        with pytest.raises(CharteError) as refusal:
            duplicate_action(db, action_id)
        assert refusal.value.message == LOCKED_MESSAGE
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert counts(db)[:3] == before[:3]
    duplicate_action(db, action_id)
    assert counts(db)[0] == before[0] + 1


@pytest.mark.file_only  # SQLite's own error
def test_other_database_errors_are_not_disguised(db: Database) -> None:
    with pytest.raises(OperationalError, match="no such table"), db.session() as session:
        session.execute(text("SELECT * FROM no_such_table"))
