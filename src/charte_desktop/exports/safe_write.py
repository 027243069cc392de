"""Write a file aside, then replace the target: never a partial document at the target."""

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason

# Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION (the file is open in Word).
_LOCKED_WINERRORS = (32, 33)


def _locked_message(target: Path) -> str:
    return (f"Le fichier « {target} » est ouvert dans un autre programme (Word ?) : "
            "fermez-le puis recommencez.")


def _is_locked(error: OSError) -> bool:
    return isinstance(error, PermissionError) or getattr(error, "winerror", None) in (
        _LOCKED_WINERRORS
    )


# What SQLite and Charte keep beside a database: never overwritten by a document.
_COMPANION_SUFFIXES = ("-journal", "-wal", "-shm", ".lock")
_CHOOSE_ANOTHER = "choisissez un autre nom de fichier."


def _database_kind(path: Path) -> str | None:
    """"Charte" or "SQLite" if the regular file `path` is such a database, else None."""
    from charte_desktop.db.fileguard import APPLICATION_ID, SQLITE_MAGIC

    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return None
    if not header.startswith(SQLITE_MAGIC):
        return None
    if len(header) == 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return "Charte"
    return "SQLite"


def _refuse_database(target: Path, kind: str) -> CharteError:
    if kind == "Charte":
        return CharteError(f"« {target} » est un fichier Charte : un document exporté ne le "
                           f"remplace pas ; {_CHOOSE_ANOTHER}")
    return CharteError(f"« {target} » est une base de données : un document exporté ne la "
                       f"remplace pas ; {_CHOOSE_ANOTHER}")


def _check_companion(target: Path) -> None:
    """Refuse the journal, WAL, shared-memory or lock file of a database beside it."""
    for suffix in _COMPANION_SUFFIXES:
        if not target.name.endswith(suffix) or target.name == suffix:
            continue
        database = target.with_name(target.name[: -len(suffix)])
        kind = _database_kind(database) if database.is_file() else None
        if kind:
            owner = "le fichier Charte" if kind == "Charte" else "la base de données"
            raise CharteError(
                f"« {target} » accompagne {owner} « {database} » : un document exporté ne "
                f"le remplace pas ; {_CHOOSE_ANOTHER}"
            )


def check_target(target: Path) -> Path:
    """The absolute target, or a French error if it cannot be a new document's path.

    A document never replaces a Charte file (or any database), the files SQLite and Charte
    keep beside one, a read-only file, or anything but a regular file: a link, a folder, a
    device, a pipe. The target is then left untouched.
    """
    target = Path(target).expanduser().absolute()
    try:
        status = target.lstat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise CharteError(f"« {target} » ne peut pas être examiné : {_CHOOSE_ANOTHER}") from error
    if status is not None:
        if stat.S_ISLNK(status.st_mode):
            raise CharteError(f"« {target} » est un lien vers un autre fichier : Charte n'écrit "
                              f"pas à travers un lien ; {_CHOOSE_ANOTHER}")
        if stat.S_ISDIR(status.st_mode):
            raise CharteError(f"« {target} » est un dossier : indiquez un nom de fichier.")
        if not stat.S_ISREG(status.st_mode):
            raise CharteError(f"« {target} » n'est pas un fichier ordinaire (périphérique, "
                              f"tube…) : Charte n'écrit pas dessus ; {_CHOOSE_ANOTHER}")
        kind = _database_kind(target)
        if kind:
            raise _refuse_database(target, kind)
        if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise CharteError(f"Le fichier « {target} » est en lecture seule : Charte ne le "
                              f"remplace pas ; {_CHOOSE_ANOTHER}")
    if not target.parent.is_dir():
        raise CharteError(f"Le dossier « {target.parent} » n'existe pas.")
    _check_companion(target)
    return target


def _create_temporary(folder: Path) -> tuple[int, Path]:
    """A new empty file in `folder`, open for writing, with the permissions the user's
    umask gives a new file (as open() would do; mkstemp would make it 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temp = folder / f".~charte-{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _keep_permissions(descriptor: int, target: Path) -> None:
    """A document written over an older one keeps its permissions, as with open()."""
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(target.stat().st_mode) & 0o777
    except FileNotFoundError:
        return
    os.fchmod(descriptor, mode)


def write_atomically(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call `write` on a temporary file beside `target`, then move it over `target`.

    A file open in another program, or a target `check_target` refuses, gives a French
    CharteError; on any failure the old target is left as it was and the temporary file is
    removed. The new document gets the permissions of a file created with open().
    """
    target = check_target(target)
    try:
        handle, temp = _create_temporary(target.parent)
    except OSError as error:
        raise CharteError(
            f"Impossible d'écrire dans le dossier « {target.parent} » : {os_reason(error)}."
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            _keep_permissions(stream.fileno(), target)
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        check_target(target)  # still not a Charte file, link… after the time spent writing
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if _is_locked(error):
            raise CharteError(_locked_message(target)) from error
        kept = " ; l'ancien fichier est intact" if target.exists() else ""
        raise CharteError(
            f"Le document « {target.name} » n'a pas pu être écrit dans « {target.parent} » : "
            f"{os_reason(error)}{kept}."
        ) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target
