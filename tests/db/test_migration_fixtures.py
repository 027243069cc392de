"""Frozen databases of every released schema revision upgrade to head with their data intact.

Each `tests/fixtures/schema-<revision>.sqlite` was written by the Charte of that revision
(see `tests/fixtures/make_fixture.py`) and sits beside the data the use cases read from it
then, `schema-<revision>.expected.json`. Here a copy of each is opened (which migrates it
to head) and must read back the same, pass SQLite's checks, and have exactly the schema
the models describe. A new revision only needs its fixture file: the tests pick it up.
"""

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from charte_desktop.db import Database, open_database
from charte_desktop.db.migrate import current_revision
from charte_desktop.db.models import Base
from charte_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from tests.fixtures.make_fixture import MAX_FIXTURE_BYTES
from tests.fixtures.snapshot import differences, snapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("schema-*.sqlite"))


def revision_of_name(fixture: Path) -> str:
    return fixture.stem.removeprefix("schema-")


def stored_revision(fixture: Path) -> str | None:
    """The revision written in the file, read without any chance of writing it."""
    connection = sqlite3.connect(f"{fixture.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])


@pytest.fixture
def isolated_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep whatever opening writes beside the officer's data (backups before a
    migration) inside the test's folder."""
    folder = tmp_path / "donnees"
    for variable in ("XDG_DATA_HOME", "LOCALAPPDATA", "APPDATA", "HOME", "USERPROFILE"):
        monkeypatch.setenv(variable, str(folder))
    return folder


@pytest.fixture(params=FIXTURE_FILES, ids=revision_of_name)
def fixture_file(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture
def migrated(
    fixture_file: Path, tmp_path: Path, isolated_data_folder: Path
) -> Iterator[Database]:
    """A copy of the fixture, opened (and so migrated to head) the way the app opens it."""
    copy = tmp_path / "charte.sqlite"
    shutil.copyfile(fixture_file, copy)
    database = open_database(copy)
    yield database
    database.close()


def test_there_is_a_fixture_for_every_released_revision() -> None:
    assert sorted(revision_of_name(f) for f in FIXTURE_FILES) == sorted(KNOWN_REVISIONS), (
        "Every released schema revision needs its frozen fixture: run "
        "`python -m tests.fixtures.make_fixture` on the release's code and commit the files."
    )


def test_fixture_is_what_its_name_says_and_small(fixture_file: Path) -> None:
    revision = revision_of_name(fixture_file)
    assert revision in KNOWN_REVISIONS
    assert stored_revision(fixture_file) == revision
    assert (FIXTURES / f"schema-{revision}.expected.json").is_file()
    assert fixture_file.stat().st_size < MAX_FIXTURE_BYTES


# Values whose meaning a later Charte changed on purpose: not compared for fixtures written
# before that revision.
CHANGED_MEANING = {
    # A proxy counts towards the quorum only when its holder is present.
    "/quorum/present_or_represented": "0004_meetings_as_run",
}


def kept_meaning(found: list[str], revision: str) -> list[str]:
    rank = KNOWN_REVISIONS.index(revision)
    return [line for line in found if not any(
        f"{path}:" in line and rank < KNOWN_REVISIONS.index(since)
        for path, since in CHANGED_MEANING.items())]


# Whole numbers a later Charte reads as decimals, the same values: a criterion's weight
# (2 → "2") and the weighted score of the ranking, since weights take decimals.
BECAME_DECIMAL = ("0005_weighted_progress", {"criteria": "weight", "ranking": "score"})


def with_decimals(expected: Any, revision: str, key: str = "") -> Any:
    since, fields = BECAME_DECIMAL
    if KNOWN_REVISIONS.index(revision) >= KNOWN_REVISIONS.index(since):
        return expected
    if isinstance(expected, dict):
        return {k: with_decimals(v, revision, k) for k, v in expected.items()}
    if isinstance(expected, list):
        field = fields.get(key)
        return [{**item, field: str(item[field])}
                if field and isinstance(item, dict) and type(item.get(field)) is int
                else with_decimals(item, revision) for item in expected]
    return expected


def test_fixture_upgrades_to_head_and_reads_back_the_same(
    fixture_file: Path, migrated: Database
) -> None:
    expected_file = fixture_file.with_name(f"{fixture_file.stem}.expected.json")
    expected = with_decimals(json.loads(expected_file.read_text(encoding="utf-8")),
                             revision_of_name(fixture_file))
    actual = snapshot(migrated, date.fromisoformat(expected["today"]))
    found = kept_meaning(differences(expected, actual), revision_of_name(fixture_file))
    assert found == [], f"{len(found)} differences, first ones:\n" + "\n".join(found[:30])


def test_upgraded_fixture_passes_sqlite_checks_and_matches_the_models(
    migrated: Database,
) -> None:
    with migrated.engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        foreign_keys = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        schema_differences = compare_metadata(context, Base.metadata)
    assert integrity == [("ok",)]
    assert foreign_keys == []
    assert schema_differences == []



def test_the_comparison_notices_one_changed_character(
    fixture_file: Path, tmp_path: Path, isolated_data_folder: Path
) -> None:
    """Guards the guard: a migration that altered the end of a long text would be caught."""
    copy = tmp_path / "altered.sqlite"
    shutil.copyfile(fixture_file, copy)
    connection = sqlite3.connect(copy)
    with connection:
        connection.execute(
            "UPDATE agenda_item SET minutes_text = substr(minutes_text, 1, "
            "length(minutes_text) - 1) || 'X' WHERE length(minutes_text) > 10000"
        )
    connection.close()
    expected_file = fixture_file.with_name(f"{fixture_file.stem}.expected.json")
    expected = with_decimals(json.loads(expected_file.read_text(encoding="utf-8")),
                             revision_of_name(fixture_file))
    with open_database(copy) as database:
        found = kept_meaning(
            differences(expected, snapshot(database, date.fromisoformat(expected["today"]))),
            revision_of_name(fixture_file))
    assert len(found) == 1
    assert "/minutes_text" in found[0]
