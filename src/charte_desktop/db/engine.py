"""Engines and sessions on one Charte file (SQLite's settings: `sqlite_connection`)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.errors import CharteError

# SQLAlchemy costs about half a second to import: the window opens and checks a file with
# raw sqlite3 first, and SQLAlchemy is imported here only when a session or engine is used.
if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.exc import DBAPIError, OperationalError
    from sqlalchemy.orm import Session

    from charte_desktop.db.server import ServerAddress


def make_engine(path: Path, *, read_only: bool = False,
                creator: Callable[[], sqlite3.Connection] | None = None) -> Engine:
    """An engine whose transactions really are transactions, DDL included.

    The driver is put in autocommit mode and SQLAlchemy's "begin" emits BEGIN itself:
    otherwise Python's sqlite3 silently commits around DDL and a failed migration could
    leave a half-altered file. `creator` replaces the file (a scratch copy in memory).
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool, StaticPool

    if creator is not None:
        engine = create_engine("sqlite+pysqlite://", creator=creator, poolclass=StaticPool)
    else:
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: connect_sqlite(path, read_only=read_only),
            poolclass=NullPool if read_only else None,
        )

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


T = TypeVar("T")

DISK_FULL_MESSAGE = (
    "Le disque est plein : l'enregistrement n'a pas été fait. Libérez de la place puis "
    "recommencez ; rien n'a été modifié."
)
LOCKED_MESSAGE = (
    "Le fichier est occupé par un autre programme : l'enregistrement n'a pas été fait. "
    "Réessayez dans un instant ; rien n'a été modifié."
)


def storage_error_message(exc: OperationalError) -> str | None:
    """The French message for a disk-full or locked-file error from SQLite, else None."""
    original = exc.orig
    code = getattr(original, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(original).lower()
    if primary == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return DISK_FULL_MESSAGE
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in text:
        return LOCKED_MESSAGE
    return None


def _is_read_only_error(exc: OperationalError) -> bool:
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_READONLY


_dry_run: ContextVar[bool] = ContextVar("charte_dry_run", default=False)


class Database:
    """One open Charte file: hands out one short session per use case.

    `Database(path, engine)` uses the given engine; `Database(path, read_only=…)` makes
    its engine (and imports SQLAlchemy) only when a session or the engine is first used.
    `read_only_reason` (French) says why a file opened for writing can only be read:
    writes are then refused with ReadOnlyFileError, and dry runs work on a copy in memory.
    """

    def __init__(self, path: Path, engine: Engine | None = None, *,
                 read_only: bool = False, read_only_reason: str | None = None) -> None:
        self.path = path
        self.read_only = read_only or read_only_reason is not None
        self.read_only_reason = read_only_reason
        self._engine = engine
        self._scratch: Engine | None = None  # the in-memory copy dry runs write to
        self._journal_settled = False
        # The window may warm SQLAlchemy up in a background thread while the first screen
        # is painted: only one of them must make the engine.
        self._engine_lock = threading.Lock()
        # Bumped by every committed write: lets screens keep reference lists (contacts,
        # organisations…) between forms and know when to read them again.
        self.generation = 0
        self._memo: dict[str, tuple[int, Any]] = {}
        # A base on a PostgreSQL server (see db.server); None for a file.
        self.server: ServerAddress | None = None
        self._author: str | None = None

    @property
    def author(self) -> str:
        """Who the changes are recorded for (db/history.py): the server's user, or the
        name of the computer's session for a file."""
        if self._author is None:
            if self.server is not None and self.server.user:
                self._author = self.server.user
            else:
                import getpass

                try:
                    self._author = getpass.getuser()
                except Exception:  # no login name known (a service account…)
                    self._author = ""
        return self._author

    @property
    def label(self) -> str:
        """The file's path or the server's address (without password), as shown."""
        return self.server.label if self.server is not None else str(self.path)

    @property
    def engine(self) -> Engine:
        """The file's engine, made (with SQLAlchemy imported) on first use."""
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = make_engine(self.path, read_only=self.read_only)
        return self._engine

    def memo(self, key: str, load: Callable[[], T]) -> T:
        """`load()`'s result, read again only after a write to the file."""
        cached = self._memo.get(key)
        if cached is not None and cached[0] == self.generation:
            return cached[1]
        value = load()
        self._memo[key] = (self.generation, value)
        return value

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed when the block ends, rolled back on error.

        Objects stay readable after the block (expire_on_commit=False), so a use case can
        return them to the window or the command line. Inside `dry_run()` the transaction
        is always rolled back.
        """
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session
        from sqlalchemy.orm.exc import StaleDataError

        from charte_desktop.db import history, row_versions  # noqa: F401  (their listeners)

        engine = self._scratch_engine() if self.read_only and _dry_run.get() else self.engine
        with Session(engine, expire_on_commit=False, info={"author": self.author}) as session:
            try:
                session.begin()
                connection = session.connection()
                raw = connection.connection.dbapi_connection
                if not isinstance(raw, sqlite3.Connection):
                    raw = None  # a server: writes are counted by db.server_database
                changes_before = raw.total_changes if raw is not None else 0
                try:
                    yield session
                except BaseException:
                    session.rollback()
                    raise
                if _dry_run.get():
                    session.rollback()
                    return
                session.flush()
                wrote = (raw.total_changes != changes_before if raw is not None
                         else connection.info.pop("charte_wrote", True))
                session.commit()
            except StaleDataError:
                with suppress(Exception):
                    session.rollback()
                raise CharteError(row_versions.CHANGED_DURING_SAVE) from None
            except DBAPIError as exc:
                refusal = self._refusal(exc)
                if refusal is None:
                    raise
                # SQLite may have rolled back by itself; the first error is the one to tell.
                with suppress(Exception):
                    session.rollback()
                raise refusal from None
            if wrote:
                self.generation += 1
                if not self._journal_settled and raw is not None:
                    from charte_desktop.db.sqlite_connection import settle_journal_mode

                    self._journal_settled = settle_journal_mode(raw)

    def _refusal(self, exc: DBAPIError) -> CharteError | None:
        """The French refusal for a write SQLite could not make, None for other errors."""
        from sqlalchemy.exc import OperationalError

        if not isinstance(exc, OperationalError):
            return None
        if self.read_only and _is_read_only_error(exc):
            from charte_desktop.db.read_only import ReadOnlyFileError, read_only_message

            return ReadOnlyFileError(read_only_message(
                self.path, self.read_only_reason
                or "Charte l'a ouvert pour le consulter seulement"))
        message = storage_error_message(exc)
        return None if message is None else CharteError(message)

    def _scratch_engine(self) -> Engine:
        """An engine on a copy in memory of the file, taken at the first dry run: checks
        that write and roll back work on a file Charte may not write."""
        if self._scratch is None:
            from charte_desktop.db.memory_copy import memory_copy

            copy = memory_copy(self.path)
            self._scratch = make_engine(self.path, creator=lambda: copy)
        return self._scratch

    @contextmanager
    def dry_run(self) -> Iterator[None]:
        """Run use cases for their checks only: nothing they write is kept.

        Forms use it to show the use case's own French message while the officer types.
        """
        token = _dry_run.set(True)
        try:
            yield
        finally:
            _dry_run.reset(token)

    def close(self) -> None:
        # An engine never made holds no connection: nothing to release, nothing to import.
        if self._engine is not None:
            self._engine.dispose()
        if self._scratch is not None:
            self._scratch.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
