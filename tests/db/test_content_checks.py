"""The lists opening and `check` compare a file with stay true to the models and to what
each released revision wrote; the checks name what another program changed."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import CheckConstraint, Enum

from charte_desktop.db.expected_schema import expected_tables, schema_problems
from charte_desktop.db.health import check_file
from charte_desktop.db.integrity_text import french_integrity
from charte_desktop.db.known_values import ENUM_COLUMNS, RULES, rule_problems, value_problems
from charte_desktop.db.models import Base
from charte_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _tables_of(connection: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: tuple(row[1] for row in connection.execute(f'PRAGMA table_info("{name}")'))
            for name in names}


def test_the_head_schema_is_the_models_one() -> None:
    models = {table.name: tuple(column.name for column in table.columns)
              for table in Base.metadata.sorted_tables}
    models["alembic_version"] = ("version_num",)
    assert expected_tables(HEAD_REVISION) == models


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_each_revision_schema_is_what_that_charte_wrote(revision: str) -> None:
    connection = sqlite3.connect(f"file:{FIXTURES / f'schema-{revision}.sqlite'}?mode=ro",
                                 uri=True)
    try:
        assert _tables_of(connection) == expected_tables(revision)
        assert schema_problems(connection, revision) == []
        assert value_problems(connection) == []
        assert rule_problems(connection) == []
    finally:
        connection.close()


def test_every_enum_column_is_checked() -> None:
    columns = {
        (table.name, column.name): column.type.enum_class
        for table in Base.metadata.sorted_tables for column in table.columns
        if isinstance(column.type, Enum)
    }
    assert {key: closed for key, (_, _, closed) in ENUM_COLUMNS.items()} == columns


def test_every_other_rule_is_checked() -> None:
    rules = {
        constraint.name: (table.name, str(constraint.sqltext))
        for table in Base.metadata.sorted_tables for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and "IN (" not in str(constraint.sqltext)
    }
    assert {name: (table, rule) for name, (table, rule, *_) in RULES.items()} == rules


def test_rows_breaking_a_rule_are_named(demo: Path) -> None:
    connection = sqlite3.connect(demo, isolation_level=None)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE action SET progress = 250 WHERE id = 4")
    connection.execute("UPDATE priority_score SET score = 9 WHERE rowid = "
                       "(SELECT min(rowid) FROM priority_score)")
    first = connection.execute("SELECT action_id FROM priority_score WHERE score = 9"
                               ).fetchone()[0]
    connection.close()
    report = check_file(demo)
    assert report.rule_problems == [
        "L'action n° 4 a un avancement hors de 0 à 100 %",
        f"La note de priorité de l'action n° {first} a une note hors de 0 à 3",
    ]
    assert report.verdict() == (
        f"Le fichier « {demo} » contient des valeurs que Charte n'accepte pas : l'action "
        "n° 4 a un avancement hors de 0 à 100 % (et 1 autre(s) problème(s)).")


def test_unknown_values_are_named_row_by_row(demo: Path) -> None:
    connection = sqlite3.connect(demo, isolation_level=None)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE action SET status = 'bogus' WHERE id IN (3, 5)")
    connection.execute("UPDATE meeting SET state = 7 WHERE id = 2")
    connection.close()
    report = check_file(demo)
    assert not report.sound
    assert report.value_problems == [
        "L'action n° 3 a un statut inconnu « bogus »",
        "L'action n° 5 a un statut inconnu « bogus »",
        "La réunion n° 2 a un état inconnu « 7 »",
    ]
    # Named above, SQLite's bare "CHECK constraint failed" is not repeated.
    assert report.integrity_problems == []


def test_the_copy_in_memory_finds_what_a_read_only_check_skips(demo: Path) -> None:
    """A CHECK the models do not know (another program's): only SQLite's word for it."""
    connection = sqlite3.connect(demo, isolation_level=None)
    connection.execute("CREATE TABLE extra (x INTEGER CHECK (x > 0))")
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("INSERT INTO extra VALUES (-1)")
    connection.close()
    assert check_file(demo).integrity_problems == [
        "une ligne de la table « extra » ne respecte pas ses règles"]


def test_integrity_lines_are_told_in_french() -> None:
    assert french_integrity("NULL value in action.title") == (
        "la colonne obligatoire « title » de la table « action » est vide")
    assert french_integrity("row 3 missing from index ix_action_plan_id") == (
        "l'index « ix_action_plan_id » est incomplet")
    assert french_integrity("Page 7 is never used") == "ses pages internes sont incohérentes"
