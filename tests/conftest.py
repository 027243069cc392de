"""Shared fixtures: every test gets a fresh Charte file in its own temporary folder."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# GUI tests run without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from charte_desktop.db import Database, create_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "charte.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = create_database(db_path)
    yield database
    database.close()
