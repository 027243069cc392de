"""Migrations: the shipped scripts build exactly the schema the models describe."""

from importlib import resources
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from charte_desktop.db.engine import make_engine
from charte_desktop.db.migrate import current_revision, upgrade_to_head
from charte_desktop.db.models import Base
from charte_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from charte_desktop.db.sqlite_connection import connect_sqlite


def script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("charte_desktop.db") / "migrations")
    )
    return ScriptDirectory.from_config(config)


def test_known_revisions_match_the_shipped_scripts() -> None:
    scripts = script_directory()
    chain = [rev.revision for rev in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == KNOWN_REVISIONS
    assert scripts.get_heads() == [HEAD_REVISION]


def test_empty_file_upgraded_to_head_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "vierge.sqlite"
    connect_sqlite(path).close()
    engine = make_engine(path)
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_at_head_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "vierge.sqlite"
    engine = make_engine(path)
    upgrade_to_head(engine)
    before = path.read_bytes()
    upgrade_to_head(engine)
    engine.dispose()
    assert path.read_bytes() == before
