"""Files Charte may read but not write: a read-only file, folder or disk.

Such a file is opened read-only with a notice: consulting and exporting work, and every
writing command says the file is read-only, never that it is damaged (an officer told
« endommagé » may restore a backup for nothing).
"""

import os
from pathlib import Path

from charte_desktop.errors import CharteError


class ReadOnlyFileError(CharteError):
    """A writing command met a file Charte may only read; nothing was written."""


def _writable(path: Path) -> bool:
    # os.access asks the system itself (ACLs, read-only mounts, the Windows attribute).
    return os.access(path, os.W_OK)


def _on_read_only_disk(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # POSIX only
    if statvfs is None:
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def write_refusal(path: Path) -> str | None:
    """Why the existing file `path` cannot be written, in French; None when it can.

    The folder counts too: SQLite writes its journal beside the file at every save.
    """
    folder = path.absolute().parent
    if _on_read_only_disk(path):
        return "il se trouve sur un support en lecture seule"
    if not _writable(path):
        return "ses propriétés interdisent de le modifier"
    if not _writable(folder):
        return f"son dossier « {folder} » n'autorise pas l'écriture"
    return None


def read_only_message(path: Path, reason: str) -> str:
    """The refusal of a writing command."""
    return (f"Le fichier « {path} » est en lecture seule : {reason}. Rien n'a été modifié ; "
            "pour y écrire, rendez-le modifiable ou travaillez sur une copie.")


def read_only_notice(path: Path, reason: str) -> str:
    """The notice shown while a read-only file is open (window, `check`)."""
    return (f"Fichier en lecture seule : « {path} » ({reason}). Vous pouvez le consulter et "
            "l'exporter, pas le modifier.")


def refuse_if_read_only(path: Path) -> None:
    """Raise ReadOnlyFileError before a command writes over or into the file `path`."""
    if not path.exists():
        return
    reason = write_refusal(path)
    if reason is not None:
        raise ReadOnlyFileError(read_only_message(path, reason))
