"""Recognise a Charte file from its 100-byte SQLite header, before SQLite touches it.

Reading the header never writes, so a file that is missing, empty, truncated, of another
application or of a newer Charte is refused with the file left byte-identical.
"""

from dataclasses import dataclass
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason

# PRAGMA application_id written into every Charte file: "CHRT" in ASCII.
APPLICATION_ID = 0x43485254
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class HeaderInfo:
    page_size: int
    page_count: int
    application_id: int


def _read_header(path: Path) -> tuple[bytes, int]:
    try:
        with path.open("rb") as handle:
            return handle.read(HEADER_SIZE), path.stat().st_size
    except FileNotFoundError:
        raise CharteError(f"Le fichier « {path} » est introuvable.") from None
    except IsADirectoryError:
        raise CharteError(f"« {path} » est un dossier, pas un fichier Charte.") from None
    except PermissionError:
        raise CharteError(f"Le fichier « {path} » ne peut pas être lu (accès refusé).") from None
    except OSError as exc:
        raise CharteError(
            f"Le fichier « {path} » ne peut pas être lu : {os_reason(exc)}."
        ) from None


def inspect_header(path: Path, *, check_size: bool = True) -> HeaderInfo:
    """Check that `path` looks like a whole Charte database; raise CharteError otherwise.

    `check_size=False` is for a file with a crash journal beside it: until SQLite rolls the
    journal back, the header may announce pages the file does not hold yet.
    """
    if path.is_dir():
        raise CharteError(f"« {path} » est un dossier, pas un fichier Charte.")
    header, size = _read_header(path)
    if size == 0:
        raise CharteError(f"Le fichier « {path} » est vide : ce n'est pas une base Charte.")
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise CharteError(
            f"Le fichier « {path} » n'est pas une base de données Charte (format inconnu)."
        )
    page_size = int.from_bytes(header[16:18], "big")
    if page_size == 1:
        page_size = 65536
    page_count = int.from_bytes(header[28:32], "big")
    # The in-header page count is only trusted when its "valid-for" counter matches.
    count_is_valid = header[92:96] == header[24:28] and page_count > 0
    if page_size < 512 or (
        check_size and (size % page_size or (count_is_valid and size < page_size * page_count))
    ):
        if check_size and Path(f"{path}-journal").exists():
            raise CharteError(
                f"Le fichier « {path} » n'a pas été fermé correctement (Charte ou l'ordinateur "
                "s'est arrêté pendant un enregistrement) : ouvrez-le dans Charte, qui annulera "
                "l'enregistrement interrompu."
            )
        raise CharteError(
            f"Le fichier « {path} » est tronqué ou endommagé : Charte ne peut pas l'ouvrir."
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise CharteError(
            f"Le fichier « {path} » est une base de données d'une autre application : "
            "Charte ne l'ouvre pas."
        )
    return HeaderInfo(page_size, page_count, application_id)
