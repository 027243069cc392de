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
    """Copy the Charte file `path` into the empty base at `address`; the tables copied."""
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
