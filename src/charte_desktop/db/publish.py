"""Put a Charte file on a server, and take a server's content back into a file.

`publish` fills an empty server base in one transaction: schema by the same migrations,
every table copied then compared with the file; on any refusal the base is left as it was.
`backup_server` writes a checked Charte file of the server's content, named like the
file backups, for safekeeping or to take into the field.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from charte_desktop.db.server import ServerAddress
from charte_desktop.db.table_copy import CopiedTable, compare_tables, copy_tables
from charte_desktop.errors import CharteError


def publish(path: Path, address: ServerAddress) -> list[CopiedTable]:
    """Copy the Charte file `path` into the empty base at `address`; the tables copied.

    A file of an earlier Charte is published from a copy brought up to date in a
    temporary folder: the officer's file stays exactly as it was."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="charte-publication-") as folder:
        return _publish_current(_up_to_date(path, Path(folder)), address)


def _up_to_date(path: Path, folder: Path) -> Path:
    """`path` itself at this version's schema, else a copy of it migrated in `folder`;
    whatever the copy refuses is said of `path`."""
    import sqlite3

    from charte_desktop.db.damaged import has_journal, integrity_problem
    from charte_desktop.db.fileguard import inspect_header
    from charte_desktop.db.files import open_database
    from charte_desktop.db.schema_version import (
        HEAD_REVISION,
        read_revision,
        refuse_unknown_revision,
    )
    from charte_desktop.db.sqlite_connection import connect_sqlite

    if not path.is_file() or has_journal(path):
        return path  # opening it says why, or rolls the crashed save back, in its words
    inspect_header(path)
    revision = read_revision(path)
    if revision is None or revision == HEAD_REVISION:
        return path
    refuse_unknown_revision(revision, str(path))
    problem = integrity_problem(path)
    if problem is not None:
        raise CharteError(f"Le fichier « {path} » est endommagé ({problem}) : ouvrez-le "
                          "dans Charte pour le mettre de côté et restaurer une sauvegarde.")
    copy = folder / "a-publier.sqlite"
    source = connect_sqlite(path, read_only=True)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)  # consistent even while Charte has the file open
    finally:
        target.close()
        source.close()
    try:
        open_database(copy, backup_folder=folder / "avant-mise-a-jour").close()
    except CharteError as error:
        raise CharteError(error.message.replace(str(copy), str(path))) from None
    return copy


def _publish_current(path: Path, address: ServerAddress) -> list[CopiedTable]:
    from charte_desktop.db.files import open_database
    from charte_desktop.db.migrate import upgrade_in
    from charte_desktop.db.server_database import base_state, connect, not_charte

    with open_database(path, read_only=True) as source:
        engine = connect(address)
        try:
            with source.engine.connect() as reading, engine.begin() as writing:
                revision, tables = base_state(writing)
                if revision is not None:
                    raise CharteError(
                        f"La base « {address.base} » du serveur {address.where} contient "
                        "déjà une base Charte : Charte ne publie que dans une base vide. Rien "
                        "n'a été modifié.")
                if tables:
                    raise not_charte(address)
                upgrade_in(writing)
                copied = copy_tables(reading, writing)
                compare_tables(reading, writing, "Publication impossible")
        except CharteError:
            raise
        except Exception as exc:
            from charte_desktop.db.server import (
                connection_refusal,
                server_refusal,
                write_refusal,
            )

            refusal = connection_refusal(address, exc) or write_refusal(exc) \
                or server_refusal(exc)
            if refusal is None:
                raise
            raise CharteError(f"{refusal.message} Rien n'a été publié.") from None
        finally:
            engine.dispose()
    return copied


def server_backup_folder(address: ServerAddress) -> Path:
    """The data folder's `sauvegardes/<base>-<empreinte>`: one folder per server base."""
    import hashlib

    from charte_desktop.db.backups import BACKUP_FOLDER_NAME
    from charte_desktop.paths import data_folder

    digest = hashlib.sha256(address.label.encode("utf-8")).hexdigest()[:8]
    return data_folder() / BACKUP_FOLDER_NAME / f"{address.base}-{digest}"


def backup_server(address: ServerAddress, folder: Path, *,
                  now: datetime | None = None) -> Path:
    """Write a checked Charte file of the server's content into `folder`; its path."""
    from charte_desktop.db.backups import REASON_MANUAL, free_name, temp_in, utc
    from charte_desktop.db.files import initialise
    from charte_desktop.db.health import check_file
    from charte_desktop.db.server_database import open_server

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from charte_desktop.system_errors import os_reason

        raise CharteError(f"Impossible de créer le dossier « {folder} » : "
                          f"{os_reason(exc)}.") from None
    with open_server(address, read_only=True) as server:
        temp = temp_in(folder, ".charte-serveur-")
        try:
            temp.unlink()  # an empty name for a new SQLite file
            initialise(temp)
            from charte_desktop.db.engine import make_engine

            engine = make_engine(temp)
            try:
                # One read-only snapshot of the server for the copy and the comparison.
                with server.engine.connect() as reading, engine.begin() as writing:
                    from sqlalchemy import text

                    reading.execute(text(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
                    copy_tables(reading, writing)
                    compare_tables(reading, writing, "Sauvegarde impossible")
            finally:
                engine.dispose()
            report = check_file(temp)
            if not report.sound:
                raise CharteError("Sauvegarde impossible : la copie du serveur ne passe pas "
                                  "la vérification. Aucune copie n'a été gardée.")
            target = free_name(folder, utc(now), REASON_MANUAL)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    return target
