"""Create and open Charte files, refusing anything we do not fully understand."""

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from charte_desktop.db.engine import DISK_FULL_MESSAGE, Database, make_engine
from charte_desktop.db.fileguard import APPLICATION_ID, inspect_header
from charte_desktop.db.schema_version import (
    HEAD_REVISION,
    read_revision,
    refuse_unknown_revision,
)
from charte_desktop.db.server import ServerAddress
from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason, sqlite_reason


def open_database(
    path: Path | ServerAddress, *, read_only: bool = False,
    backup_folder: Path | None = None
) -> Database:
    """Open an existing Charte file, migrating it to this version's schema if needed.

    `path` may be a server's address: see `server_database.open_server`.

    Before any migration the file is backed up at its old version into `backup_folder`
    (default: `default_backup_folder(path)`); a failed migration leaves the file as it was.
    A file failing SQLite's integrity check is set aside beside itself and DamagedFileError
    names the newest good backup. Read-only opening never writes: no migration, no backup,
    no setting aside; an older or damaged file is refused with a message. A file Charte may
    not write (read-only file, folder or disk) is opened read-only even when asked for
    writing: `Database.read_only_reason` says why, and any write is refused in French.
    A file whose tables, columns or stored values Charte does not know is refused.
    Everything here is raw sqlite3 unless a migration is due: the Database returned makes
    its SQLAlchemy engine on first use, so the window can show a file before SQLAlchemy
    has loaded.
    """
    if isinstance(path, ServerAddress):
        from charte_desktop.db.server_database import open_server

        return open_server(path, read_only=read_only)
    from charte_desktop.db.damaged import has_journal, roll_back_hot_journal
    from charte_desktop.db.integrity_ahead import checked_integrity
    from charte_desktop.db.read_only import write_refusal

    # A file Charte may not write opens read-only, with the reason kept for the notice
    # and for the refusal of any write: it is not damaged.
    reason = None if read_only or not path.exists() else write_refusal(path)
    if reason is not None:
        read_only = True
    if not read_only and has_journal(path):
        # After a crash mid-save the header may announce pages the file does not hold yet:
        # check it is ours, let SQLite roll the interrupted save back, then check it all.
        inspect_header(path, check_size=False)
        roll_back_hot_journal(path)
    inspect_header(path)
    revision = read_revision(path)
    if revision is None:
        raise CharteError(
            f"Le fichier « {path} » est incomplet : il ne contient pas de base Charte."
        )
    refuse_unknown_revision(revision, str(path))
    problem = checked_integrity(path)
    if problem is not None:
        if reason is not None:
            raise CharteError(
                f"Le fichier « {path} » est endommagé ({problem}) et en lecture seule "
                f"({reason}) : Charte ne peut pas le mettre de côté. Restaurez une "
                "sauvegarde sous un autre nom."
            )
        if read_only:
            raise CharteError(
                f"Le fichier « {path} » est endommagé ({problem}) : ouvrez-le dans Charte "
                "pour le mettre de côté et restaurer une sauvegarde."
            )
        raise _damaged(path, problem, backup_folder)
    if read_only:
        if revision != HEAD_REVISION:
            raise CharteError(
                f"Le fichier « {path} » vient d'une version précédente de Charte : "
                + ("ouvrez-le une fois dans Charte pour le mettre à jour." if reason is None
                   else f"il doit être mis à jour mais est en lecture seule ({reason}).")
            )
        _refuse_unknown_content(path, revision)
        return Database(path, read_only=True, read_only_reason=reason)
    if revision != HEAD_REVISION:
        _upgrade(path, backup_folder)
    _refuse_unknown_content(path, HEAD_REVISION, backup_folder or _default_folder(path))
    return Database(path)


def _default_folder(path: Path) -> Path:
    from charte_desktop.db.backups import default_backup_folder

    return default_backup_folder(path)


class UnknownContentError(CharteError):
    """The file holds tables, columns or values Charte does not know; nothing was changed.

    `newest_good_backup` (the window offers to restore it) is looked for only when the
    file was opened for writing with a backup folder.
    """

    def __init__(self, message: str, *, newest_good_backup: Path | None = None) -> None:
        super().__init__(message)
        self.newest_good_backup = newest_good_backup


def _refuse_unknown_content(path: Path, revision: str,
                            backup_folder: Path | None = None) -> None:
    """Refuse a file whose tables, columns or stored values Charte does not know (another
    program changed it): reading it would fail midway, in a listing or an export, and
    every backup of it would be refused."""
    from charte_desktop.db.health import content_heading, content_problems, lower_first

    connection = connect_sqlite(path, read_only=True)
    try:
        unknown, broken, missing = content_problems(connection, revision)
    finally:
        connection.close()
    what = content_heading(unknown, broken, missing)
    if what is None:
        return
    problems = [*unknown, *broken, *missing]
    more = f" (et {len(problems) - 1} autre(s))" if len(problems) > 1 else ""
    message = (f"Le fichier « {path} » {what} : {lower_first(problems[0])}{more}. Il a pu "
               "être modifié par un autre programme : vérifiez-le (charte-desktop check) ou "
               "restaurez une sauvegarde.")
    if backup_folder is None:
        raise UnknownContentError(message)
    from charte_desktop.db.backups import newest_good_backup

    raise UnknownContentError(message, newest_good_backup=newest_good_backup(backup_folder))


def _damaged(path: Path, problem: str, backup_folder: Path | None) -> CharteError:
    from charte_desktop.db.backups import (
        backup_created_at,
        default_backup_folder,
        format_moment,
        newest_good_backup,
    )
    from charte_desktop.db.damaged import DamagedFileError, set_aside

    folder = backup_folder or default_backup_folder(path)
    aside = set_aside(path)
    good = newest_good_backup(folder)
    if good is None:
        offer = f"Aucune sauvegarde en bon état n'a été trouvée dans « {folder} »."
    else:
        offer = (f"Sauvegarde en bon état la plus récente : « {good} » "
                 f"(du {format_moment(backup_created_at(good))}) ; vous pouvez la restaurer.")
    return DamagedFileError(
        f"Le fichier « {path} » est endommagé ({problem}). Il a été mis de côté, sans être "
        f"modifié, sous « {aside} ». {offer}",
        set_aside=aside, newest_good_backup=good,
    )


def _upgrade(path: Path, backup_folder: Path | None) -> None:
    """Back up the file at its old version, then migrate it in one transaction."""
    from charte_desktop.db.backups import REASON_UPGRADE, default_backup_folder, make_backup
    from charte_desktop.db.migrate import upgrade_to_head

    backup = make_backup(path, backup_folder or default_backup_folder(path),
                         reason=REASON_UPGRADE)
    engine = make_engine(path)
    try:
        upgrade_to_head(engine)
    except CharteError:
        raise
    except Exception as exc:
        raise CharteError(
            f"La mise à jour du fichier « {path} » a échoué ({exc}) : le fichier n'a pas été "
            f"modifié et sera mis à jour à la prochaine ouverture. Une copie de sa version "
            f"précédente est dans « {backup} »."
        ) from exc
    finally:
        engine.dispose()


def initialise(path: Path) -> None:
    """Give an empty file our application id, the whole schema and the reference lists."""
    from sqlalchemy.orm import Session

    from charte_desktop.db.defaults import add_defaults
    from charte_desktop.db.migrate import upgrade_to_head

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
            f"Impossible d'écrire dans le dossier « {folder} » : {os_reason(exc)}."
        ) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        initialise(temp)
        if fill is not None:
            with Database(temp) as database:
                fill(database)
        os.replace(temp, path)
    except Exception as exc:
        temp.unlink(missing_ok=True)
        failure = _creation_failure(path, exc)
        if failure is None:
            raise
        raise failure from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return open_database(path)


def _creation_failure(path: Path, exc: Exception) -> CharteError | None:
    """Why a new file could not be written (disk full…), blaming the disk, not the file:
    the new file is being built, it cannot be « endommagé »."""
    detail = getattr(exc, "orig", None) or exc
    if isinstance(exc, CharteError):
        if exc.message != DISK_FULL_MESSAGE:
            return None  # a use case's own refusal: already French and precise
        reason = "le disque est plein"
    elif isinstance(detail, sqlite3.Error):
        reason = sqlite_reason(detail)
    elif isinstance(exc, OSError):
        reason = os_reason(exc)
    else:
        return None
    return CharteError(f"Le fichier « {path} » n'a pas pu être écrit : {reason}. "
                       "Rien n'a été enregistré.")
