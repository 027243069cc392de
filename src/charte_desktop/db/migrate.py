"""Bring a file's schema to this Charte's revision with Alembic, programmatically.

Alembic is imported only here, when a migration is actually needed.
"""

from importlib import resources
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from charte_desktop.db.schema_version import HEAD_REVISION


def current_revision(connection: Connection) -> str | None:
    """The file's schema revision, or None when it has no version table yet."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("charte_desktop.db") / "migrations")
    )
    return config


def upgrade_in(connection: Connection) -> None:
    """Run pending migrations on a server's connection, inside its transaction."""
    from alembic import command

    if current_revision(connection) != HEAD_REVISION:
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def upgrade_to_head(engine: Engine) -> None:
    """Run pending migrations in one transaction: all of them, or none on failure."""
    from alembic import command

    config = _config()
    if engine.dialect.name != "sqlite":
        # A server runs DDL in transactions and checks foreign keys itself.
        with engine.begin() as connection:
            upgrade_in(connection)
        return
    with engine.connect() as connection:
        # Batch migrations recreate a table (copy, drop, rename): with foreign keys on, the
        # drop would cascade to every row pointing at it. SQLite's own procedure: keys off
        # outside the transaction, every key checked before committing. Set on the driver's
        # connection: a statement through SQLAlchemy would begin the transaction first.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                if current_revision(connection) == HEAD_REVISION:
                    return
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"foreign_key_check: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
