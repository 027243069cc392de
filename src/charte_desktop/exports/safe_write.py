"""Write a file aside, then replace the target: never a partial document at the target."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from charte_desktop.errors import CharteError

# Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION (the file is open in Word).
_LOCKED_WINERRORS = (32, 33)


def _locked_message(target: Path) -> str:
    return (f"Le fichier « {target} » est ouvert dans un autre programme (Word ?) : "
            "fermez-le puis recommencez.")


def _is_locked(error: OSError) -> bool:
    return isinstance(error, PermissionError) or getattr(error, "winerror", None) in (
        _LOCKED_WINERRORS
    )


def check_target(target: Path) -> Path:
    """The absolute target, or a French error if it cannot be a new document's path."""
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise CharteError(f"« {target} » est un dossier : indiquez un nom de fichier.")
    if not target.parent.is_dir():
        raise CharteError(f"Le dossier « {target.parent} » n'existe pas.")
    return target


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call `write` on a temporary file beside `target`, then move it over `target`.

    A file open in another program gives a French CharteError; on any failure the old
    target is left as it was and the temporary file is removed.
    """
    target = check_target(target)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=".~charte-", suffix=".tmp", dir=target.parent
        )
    except PermissionError as error:
        raise CharteError(
            f"Impossible d'écrire dans le dossier « {target.parent} » : accès refusé."
        ) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if _is_locked(error):
            raise CharteError(_locked_message(target)) from error
        raise
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target
