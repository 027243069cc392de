"""Create and open Charte files, refusing anything we do not fully understand."""

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from charte_desktop.db.defaults import add_defaults
from charte_desktop.db.engine import Database, connect_sqlite, make_engine
from charte_desktop.db.fileguard import APPLICATION_ID, inspect_header
from charte_desktop.db.migrate import refuse_unknown_revision, upgrade_to_head
from charte_desktop.db.schema_version import HEAD_REVISION
from charte_desktop.errors import CharteError


def read_revision(path: Path) -> str | None:
    """The schema revision of a file that passed the header check, read without writing."""
    connection = connect_sqlite(path, read_only=True)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise CharteError(
            f"Le fichier « {path} » est endommagé : Charte ne peut pas le lire ({exc})."
        ) from None
    finally:
        connection.close()


def open_database(path: Path, *, read_only: bool = False) -> Database:
    """Open an existing Charte file, migrating it to this version's schema if needed.

    Read-only opening never migrates: an older file is then refused with a message.
    """
    inspect_header(path)
    revision = read_revision(path)
    if revision is None:
        raise CharteError(
            f"Le fichier « {path} » est incomplet : il ne contient pas de base Charte."
        )
    refuse_unknown_revision(revision, str(path))
    if read_only:
        if revision != HEAD_REVISION:
            raise CharteError(
                f"Le fichier « {path} » vient d'une version précédente de Charte : "
                "ouvrez-le une fois dans Charte pour le mettre à jour."
            )
        return Database(path, make_engine(path, read_only=True))
    engine = make_engine(path)
    if revision != HEAD_REVISION:
        upgrade_to_head(engine)
    return Database(path, engine)


def _initialise(path: Path) -> None:
    """Give an empty file our application id, the whole schema and the reference lists."""
    raw = connect_sqlite(path)
    try:
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        raw.close()
    engine = make_engine(path)
    try:
        upgrade_to_head(engine)
        with Session(engine) as session, session.begin():
            add_defaults(session)
    finally:
        engine.dispose()


def create_database(
    path: Path, *, overwrite: bool = False, fill: Callable[[Database], None] | None = None
) -> Database:
    """Create a new Charte file at `path`, optionally filled by `fill`, then open it.

    The file is built under a temporary name beside `path` and renamed into place only
    when complete, so a failure never leaves a half-made file nor harms an existing one.
    """
    if path.exists() and not overwrite:
        raise CharteError(
            f"Le fichier « {path} » existe déjà : choisissez un autre nom "
            "(ou confirmez le remplacement)."
        )
    if path.is_dir():
        raise CharteError(f"« {path} » est un dossier, pas un fichier Charte.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CharteError(f"Le dossier « {folder} » n'existe pas.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CharteError(
            f"Impossible d'écrire dans le dossier « {folder} » : {exc.strerror}."
        ) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        _initialise(temp)
        if fill is not None:
            with Database(temp, make_engine(temp)) as database:
                fill(database)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return open_database(path)
