"""Open a Charte base on a PostgreSQL server, as `files.open_database` opens a file.

The server checks its own integrity and foreign keys; what is checked here is that the
base is Charte's, at a revision this Charte knows, and that the server answers at all,
each with one French line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from charte_desktop.db.engine import Database
from charte_desktop.db.schema_version import HEAD_REVISION, refuse_unknown_revision
from charte_desktop.db.server import (
    ServerAddress,
    connection_refusal,
    server_engine,
    write_refusal,
)
from charte_desktop.errors import CharteError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.exc import DBAPIError


class ServerDatabase(Database):
    """A Charte base on a server: same sessions and use cases as a file."""

    def __init__(self, address: ServerAddress, engine: Engine, *, read_only: bool = False,
                 read_only_reason: str | None = None) -> None:
        # `path` names no file: it only gives the base's name where a file name is shown.
        super().__init__(Path(address.base), engine, read_only=read_only,
                         read_only_reason=read_only_reason)
        self.server = address

    def _refusal(self, exc: DBAPIError) -> CharteError | None:
        return write_refusal(exc)

    def _scratch_engine(self) -> Engine:
        # A server rolls a dry run back itself: no copy in memory is needed.
        return self.engine


def count_writes(engine: Engine) -> None:
    """Mark a connection that changed rows: `Database.session` bumps its generation then."""
    from sqlalchemy import event

    @event.listens_for(engine, "after_cursor_execute")
    def _after(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
        if cursor.rowcount and cursor.rowcount > 0 and not statement.lstrip()[:6].upper() \
                .startswith("SELECT"):
            connection.info["charte_wrote"] = True

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.info["charte_wrote"] = False


def base_state(connection: Connection) -> tuple[str | None, list[str]]:
    """(Charte's schema revision or None, the base's tables in the public schema)."""
    from sqlalchemy import inspect, text

    tables = sorted(inspect(connection).get_table_names())
    revision = None
    if "alembic_version" in tables:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision, tables


def connect(address: ServerAddress, *, read_only: bool = False) -> Engine:
    """An engine that has answered once, or a French refusal (wrong password, no server…)."""
    engine = server_engine(address, read_only=read_only)
    try:
        with engine.connect():
            pass
    except Exception as exc:
        engine.dispose()
        refusal = connection_refusal(address, exc)
        if refusal is None:
            raise
        raise refusal from None
    return engine


def not_charte(address: ServerAddress) -> CharteError:
    return CharteError(
        f"La base « {address.base} » du serveur {address.where} n'est pas une base Charte : "
        "Charte ne l'utilise pas et ne l'a pas modifiée.")


def open_server(address: ServerAddress, *, read_only: bool = False) -> ServerDatabase:
    """Open the Charte base at `address`, migrating it when it is older and writable."""
    engine = connect(address, read_only=read_only)
    try:
        with engine.connect() as connection:  # the one `connect` opened, from the pool
            revision, tables = base_state(connection)
            # Asked of a Charte base only: an empty or foreign one has no `action` table.
            may_write = read_only or revision is None or _may_write(connection)
        if revision is None:
            if not tables:
                raise CharteError(
                    f"La base « {address.base} » du serveur {address.where} est vide : un "
                    "fichier Charte doit d'abord y être publié (commande « charte-desktop "
                    "publish », voir « Travailler à plusieurs » dans le guide).")
            raise not_charte(address)
        refuse_unknown_revision(revision, address.label)
        if revision != HEAD_REVISION:
            if read_only:
                raise CharteError(
                    f"La base « {address.base} » vient d'une version précédente de Charte : "
                    "ouvrez-la une fois pour la modifier afin de la mettre à jour.")
            if not may_write:
                raise CharteError(
                    f"La base « {address.base} » vient d'une version précédente de Charte : "
                    "un compte qui peut la modifier doit l'ouvrir une fois pour la mettre à "
                    "jour ; le vôtre permet seulement de la consulter.")
            from charte_desktop.db.migrate import upgrade_to_head

            upgrade_to_head(engine)  # one transaction on a server: all of it or nothing
        reason = None if may_write else READ_ONLY_ROLE
    except BaseException:
        engine.dispose()
        raise
    count_writes(engine)
    return ServerDatabase(address, engine, read_only=read_only, read_only_reason=reason)


READ_ONLY_ROLE = "votre compte sur le serveur permet de consulter la base, pas de la modifier"


def _may_write(connection: Connection) -> bool:
    """Whether this role may change the base: a DGS or an elected member may only read.
    (Before a migration: the tables it would create are the team's, as `action` is.)"""
    from sqlalchemy import text

    return bool(connection.execute(
        text("SELECT has_table_privilege('action', 'UPDATE')")).scalar())
