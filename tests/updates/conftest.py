"""Fixtures of the update workbook tests: the demo territory, open, and its pilots."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from charte_desktop.db import Database, open_database
from charte_desktop.db.models import Contact, Plan


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    database = open_database(demo)
    yield database
    database.close()


def contact_id(db: Database, last_name: str) -> int:
    with db.session() as session:
        return int(session.scalars(select(Contact.id).where(Contact.last_name == last_name)).one())


@pytest.fixture
def camille(demo_db: Database) -> int:
    """Camille Roussel pilots actions 1.1, 1.5 (suspended), 2.5 (late) and 3.1 (progress
    computed from its milestones) of the demo plan."""
    return contact_id(demo_db, "Roussel")


@pytest.fixture
def plan_id(demo_db: Database) -> int:
    with demo_db.session() as session:
        return int(session.scalars(select(Plan.id)).one())
