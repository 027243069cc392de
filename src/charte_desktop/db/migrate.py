"""Bring a file's schema to this Charte's revision with Alembic, programmatically.

Alembic is imported only here, when a migration is actually needed.
"""

from importlib import resources

from sqlalchemy import Connection, Engine, inspect, text

from charte_desktop.db.schema_version import HEAD_REVISION


def current_revision(connection: Connection) -> str | None:
    """The file's schema revision, or None when it has no version table yet."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Run pending migrations in one transaction: all of them, or none on failure."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("charte_desktop.db") / "migrations")
    )
    with engine.begin() as connection:
        if current_revision(connection) == HEAD_REVISION:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
