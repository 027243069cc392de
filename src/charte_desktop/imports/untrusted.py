"""Checks on a file brought in from elsewhere, run before any parser touches it.

A workbook received by e-mail is untrusted: it may be huge, a zip bomb, a macro-enabled or
encrypted workbook, another kind of file renamed `.xlsx`, or carry XML entity bombs. Each
case gets one French CharteError naming the file and what to do, and nothing is read
further. Only the file's first bytes and the zip's central directory are looked at here.
"""

import zipfile
from enum import StrEnum
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number
from charte_desktop.system_errors import os_reason

MAX_FILE_BYTES = 20 * 1024 * 1024  # a 2,000-action plan is about 150 kB
# Zip limits, from the central directory's declared sizes. Python's zipfile stops every
# entry at its declared size (and fails its CRC if there is more), so declared sizes
# bound the real work of any parser reading through it.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2_000  # real workbooks hold a few dozen parts
MAX_RATIO = 200  # sheet XML compresses 10-50×; deflate bombs reach ~1,000×
_RATIO_FLOOR = 1024 * 1024  # tiny parts may compress absurdly well, harmlessly
_CONTENT_TYPES_MAX = 1024 * 1024

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .xls, encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# Other formats often renamed by mistake, recognised by their first bytes.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"%PDF", "un document PDF"),
    (b"{\\rtf", "un document RTF"),
    (b"Rar!", "une archive RAR"),
    (b"7z\xbc\xaf", "une archive 7-Zip"),
    (b"\x1f\x8b", "une archive gzip"),
    (b"SQLite format 3\x00", "une base de données SQLite"),
    (b"MZ", "un programme Windows"),
)

_SAVE_AS_XLSX = ("ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur "
                 "Excel (.xlsx) »")


class SourceKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def require_defused_xml() -> None:
    """Refuse to read any workbook unless openpyxl parses its XML through defusedxml.

    Without defusedxml openpyxl expands XML entities (a "billion laughs" sheet would eat
    all memory); it uses defusedxml by itself when installed, unless an environment
    variable (OPENPYXL_DEFUSEDXML=False) turned it off.
    """
    import openpyxl
    from openpyxl.xml import functions

    if not (openpyxl.DEFUSEDXML and functions.iterparse.__module__.startswith("defusedxml")):
        raise CharteError(
            "La protection contre les fichiers XML piégés (bibliothèque defusedxml) est "
            "absente ou désactivée : l'import de classeurs est impossible. Réinstallez Charte."
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " Mo"


def _what_it_is(head: bytes) -> str | None:
    for magic, description in _SIGNATURES:
        if head.startswith(magic):
            return description
    return None


def _describe_cfb(path: Path, data: bytes) -> str:
    """Why an OLE2 compound file is refused: encrypted workbook or old .xls, most likely."""
    name = path.name
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (f"Le classeur « {name} » est protégé par un mot de passe (chiffré) : Charte ne "
                "peut pas le lire. Ouvrez-le dans Excel, retirez le mot de passe (Fichier › "
                "Informations › Protéger le classeur › Chiffrer avec mot de passe, puis videz "
                "le champ) et enregistrez-le.")
    if any(stream.encode("utf-16-le") in data for stream in ("Workbook", "Book")):
        return (f"« {name} » est un classeur Excel 97-2003 (.xls), format que Charte ne lit "
                f"pas : {_SAVE_AS_XLSX}.")
    return (f"« {name} » est un ancien document Office (format 97-2003), pas un classeur "
            f".xlsx : {_SAVE_AS_XLSX}.")


def _read_head(path: Path, max_bytes: int) -> tuple[bytes, int]:
    if not path.exists():
        raise CharteError(f"Le fichier « {path} » est introuvable.")
    if path.is_dir():
        raise CharteError(f"« {path} » est un dossier : choisissez un fichier.")
    size = path.stat().st_size
    if size == 0:
        raise CharteError(f"Le fichier « {path.name} » est vide.")
    if size > max_bytes:
        raise CharteError(
            f"Le fichier « {path.name} » est trop gros ({_megabytes(size)}, "
            f"{_megabytes(max_bytes)} au plus) : un plan d'actions ou un annuaire tient en "
            "bien moins ; vérifiez qu'il s'agit du bon fichier."
        )
    with path.open("rb") as stream:
        return stream.read(64), size


def check_untrusted_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> SourceKind:
    """Check `path` before parsing it; its kind, or a French CharteError saying why not."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam", ".xlsb"):
        kind = "binaire (.xlsb)" if suffix == ".xlsb" else f"avec macros ({suffix})"
        raise CharteError(
            f"« {path.name} » est un classeur {kind} : par sécurité Charte ne lit que les "
            f"classeurs .xlsx sans macros ; {_SAVE_AS_XLSX}."
        )
    head, size = _read_head(path, max_bytes)
    if suffix in (".csv", ".txt", ".tsv"):
        _check_text(path, head)
        return SourceKind.CSV
    if head.startswith(CFB_MAGIC):
        raise CharteError(_describe_cfb(path, path.read_bytes()))
    if not head.startswith((ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        what = _what_it_is(head)
        if suffix in (".xlsx", ".xltx"):
            actually = (f"c'est en réalité {what}" if what
                        else "son contenu n'est pas celui d'un classeur")
            raise CharteError(
                f"« {path.name} » n'est pas un classeur Excel : {actually}. Choisissez le "
                "classeur (.xlsx) ou un fichier CSV."
            )
        raise CharteError(
            f"« {path.name} » n'est ni un classeur Excel (.xlsx) ni un fichier CSV"
            + (f" : c'est {what}." if what else ".")
        )
    _check_zip(path, size)
    return SourceKind.XLSX


def _check_text(path: Path, head: bytes) -> None:
    if head.startswith((ZIP_MAGIC, CFB_MAGIC)):
        raise CharteError(
            f"« {path.name} » porte l'extension d'un fichier CSV mais contient un classeur : "
            "renommez-le en .xlsx ou enregistrez-le au format CSV."
        )
    if looks_utf16(head):
        return  # UTF-16 text, as Excel's « Texte Unicode (*.txt) » writes it
    what = _what_it_is(head)
    if what is not None or b"\x00" in head:
        raise CharteError(
            f"« {path.name} » n'est pas un fichier texte CSV"
            + (f" : c'est {what}." if what else " (il contient des données binaires).")
        )


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_utf16(head: bytes) -> bool:
    """A UTF-16 text file: with a byte order mark (Excel's « Texte Unicode »), or without
    one, every other byte NUL (Latin text)."""
    if head.startswith(UTF16_BOMS):
        return True
    even, odd = head[0::2], head[1::2]
    return len(head) >= 8 and (not odd.strip(b"\x00") or not even.strip(b"\x00"))


def _check_zip(path: Path, size: int) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_zip_directory(name, entries)
            _check_parts(name, archive)
    except zipfile.BadZipFile:
        raise CharteError(
            f"Le classeur « {name} » est tronqué ou endommagé (copie ou téléchargement "
            "interrompu ?) : demandez-en une nouvelle copie."
        ) from None
    except OSError as error:
        raise CharteError(f"Le classeur « {name} » est illisible ({os_reason(error)}).") from None
    except (EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        raise CharteError(f"Le classeur « {name} » est illisible ({error}).") from None


def _bomb(name: str, why: str) -> CharteError:
    return CharteError(
        f"Le classeur « {name} » est refusé : {why}. Il peut s'agir d'un fichier piégé "
        "(« bombe zip ») ; s'il vient d'une source sûre, enregistrez-le à nouveau depuis Excel."
    )


def _check_zip_directory(name: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise _bomb(name, f"il contient {format_number(len(entries))} éléments "
                           f"({format_number(MAX_ENTRIES)} au plus)")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise CharteError(
                f"Le classeur « {name} » contient des parties chiffrées : Charte ne peut pas "
                f"le lire ; {_SAVE_AS_XLSX}."
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _bomb(name, "il utilise une méthode de compression inhabituelle")
        total += entry.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            limit = _megabytes(MAX_UNCOMPRESSED_BYTES)
            raise _bomb(name, f"décompressé, il ferait plus de {limit}")
        if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise _bomb(name, f"une de ses parties est comprimée {ratio} fois, ce qui est anormal")


def _check_parts(name: str, archive: zipfile.ZipFile) -> None:
    names = {entry.filename.lower(): entry for entry in archive.infolist()}
    if "mimetype" in names and names["mimetype"].file_size < 200:
        mimetype = archive.read("mimetype")
        if b"opendocument.spreadsheet" in mimetype:
            raise CharteError(
                f"« {name} » est un classeur LibreOffice (.ods) : dans LibreOffice, "
                "Fichier › Enregistrer sous, type « Excel 2007-365 (.xlsx) »."
            )
    if any(part.endswith("vbaproject.bin") for part in names):
        raise _macros(name)
    content_types = names.get("[content_types].xml")
    if content_types is None or content_types.file_size > _CONTENT_TYPES_MAX:
        raise CharteError(f"« {name} » est une archive zip, pas un classeur Excel (.xlsx).")
    # Searched as bytes, not parsed: nothing XML is interpreted before the checks pass.
    types = archive.read(content_types)
    if b"macroEnabled" in types:
        raise _macros(name)
    other_office = b"wordprocessingml" in types or b"presentationml" in types
    if not other_office and (
            _STRICT in types or _STRICT in _small_part(archive, names.get("_rels/.rels"))):
        raise CharteError(
            f"Le classeur « {name} » est au format « Classeur Open XML strict », que Charte "
            "ne lit pas : ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel "
            "(.xlsx) » (Fichier › Enregistrer sous), puis recommencez."
        )
    if b"spreadsheetml.sheet.main" not in types and b"spreadsheetml.template.main" not in types:
        if b"wordprocessingml" in types:
            actually = "un document Word"
        elif b"presentationml" in types:
            actually = "une présentation PowerPoint"
        else:
            actually = "une archive zip"
        raise CharteError(f"« {name} » n'est pas un classeur Excel : c'est {actually}.")


# Strict Open XML ("ISO/IEC 29500 Strict") names its parts' relations and XML in this
# namespace instead of schemas.openxmlformats.org; openpyxl does not understand it.
_STRICT = b"purl.oclc.org/ooxml"


def _small_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo | None) -> bytes:
    if entry is None or entry.file_size > _CONTENT_TYPES_MAX:
        return b""
    return archive.read(entry)


def _macros(name: str) -> CharteError:
    return CharteError(
        f"« {name} » contient des macros : par sécurité Charte ne lit que les classeurs "
        f"sans macros ; {_SAVE_AS_XLSX}."
    )
