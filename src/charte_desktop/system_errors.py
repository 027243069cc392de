"""System errors (OSError) told in French: the officer never reads "No space left on device".

`os_reason(error)` is the one place where an errno becomes a French phrase; every message
built from a system error uses it instead of `strerror`, which is in the system's language
(English on most machines) and sometimes absent.
"""

import errno

_REASONS: dict[int, str] = {
    errno.ENOSPC: "le disque est plein",
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EROFS: "support en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "une partie du chemin n'est pas un dossier",
    errno.EBUSY: "fichier ou périphérique occupé",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts sur le système",
    errno.EEXIST: "le fichier existe déjà",
    errno.EXDEV: "déplacement impossible d'un disque à un autre",
    errno.EIO: "erreur d'entrée-sortie (disque ou clé défaillant ?)",
    errno.ELOOP: "trop de liens symboliques dans le chemin",
    errno.EINVAL: "nom ou opération invalide",
    errno.EPIPE: "la sortie a été fermée",
    errno.ENOTEMPTY: "le dossier n'est pas vide",
    errno.ETXTBSY: "fichier en cours d'utilisation",
    errno.EFBIG: "fichier trop volumineux",
    errno.ENOMEM: "mémoire insuffisante",
    errno.EAGAIN: "ressource momentanément indisponible",
    errno.ETIMEDOUT: "délai dépassé (lecteur réseau ?)",
    errno.ENODEV: "périphérique absent",
    errno.ENXIO: "périphérique absent",
}
_QUOTA = getattr(errno, "EDQUOT", None)
if _QUOTA is not None:
    _REASONS[_QUOTA] = "quota de disque dépassé"

# Windows error codes (OSError.winerror) the errno above does not tell apart.
_WINDOWS_REASONS: dict[int, str] = {
    32: "le fichier est ouvert dans un autre programme",  # ERROR_SHARING_VIOLATION
    33: "le fichier est verrouillé par un autre programme",  # ERROR_LOCK_VIOLATION
    112: "le disque est plein",  # ERROR_DISK_FULL
    206: "nom de fichier trop long",  # ERROR_FILENAME_EXCED_RANGE
}

GENERIC_REASON = "erreur du système"


def os_reason(error: BaseException) -> str:
    """A short French phrase for a system error, never English system text.

    Unknown errors give « erreur du système (code N) »: the code helps support, and no
    English `strerror` reaches the officer.
    """
    winerror = getattr(error, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    code = getattr(error, "errno", None)
    if isinstance(code, int) and code in _REASONS:
        return _REASONS[code]
    if isinstance(error, PermissionError):
        return _REASONS[errno.EACCES]
    if isinstance(error, FileNotFoundError):
        return _REASONS[errno.ENOENT]
    if isinstance(code, int):
        return f"{GENERIC_REASON} (code {code})"
    return GENERIC_REASON


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE_DAMAGED = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_REASONS: dict[int, str] = {
    3: "accès refusé",  # SQLITE_PERM
    5: "le fichier est occupé par un autre programme",  # SQLITE_BUSY
    6: "le fichier est occupé par un autre programme",  # SQLITE_LOCKED
    8: "fichier ou support en lecture seule",  # SQLITE_READONLY
    10: "erreur d'entrée-sortie (disque ou clé défaillant ?)",  # SQLITE_IOERR
    11: "fichier endommagé",  # SQLITE_CORRUPT
    13: "le disque est plein",  # SQLITE_FULL
    14: "le fichier ne peut pas être ouvert",  # SQLITE_CANTOPEN
    23: "accès refusé",  # SQLITE_AUTH
    26: "ce n'est pas un fichier Charte",  # SQLITE_NOTADB
}


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def sqlite_damaged(error: BaseException) -> bool:
    """Whether a sqlite3 error says the file itself is damaged (or is no database)."""
    code = _sqlite_code(error)
    return code is None or code in _SQLITE_DAMAGED or code not in _SQLITE_REASONS


# What Python's sqlite3 says of a text value that is not UTF-8 (another program wrote it).
_UNDECODABLE = "Could not decode to UTF-8"
UNDECODABLE_REASON = ("un texte écrit par un autre programme y est mal codé "
                      "(« charte-desktop check » dit où)")


def sqlite_reason(error: BaseException) -> str:
    """A short French phrase for a sqlite3 error, never SQLite's English text."""
    if _UNDECODABLE in str(error):
        return UNDECODABLE_REASON
    code = _sqlite_code(error)
    if code in _SQLITE_REASONS:
        return _SQLITE_REASONS[code]
    return "erreur de la base de données" + (f" (code {code})" if code is not None else "")
