"""File names valid on Windows, suggested from a meeting's body and date or an action's code
and title."""

import re
import unicodedata
from datetime import date

MAX_STEM_LENGTH = 120  # leaves room for a long folder within Windows' 260 characters
# Most file systems cap a name at 255 bytes (ext4, in UTF-8) or 255 UTF-16 units (NTFS):
# 255 UTF-8 bytes never exceed 255 UTF-16 units. Emoji take 4 bytes each.
MAX_NAME_BYTES = 255

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in "123456789¹²³"}
    | {f"LPT{i}" for i in "123456789¹²³"}
)


def is_reserved(name: str) -> bool:
    """Whether Windows reserves `name` (CON, NUL.txt, com1.docx…), whatever its extension."""
    base = name.split(".", 1)[0].rstrip(" ").upper()
    return base in _RESERVED


def _is_unsafe(char: str) -> bool:
    """Controls, format characters (bidirectional overrides such as U+202E, which make
    "fdp.exe" read as "exe.pdf", zero-width marks…), lone surrogates and non-characters."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf", "Cs")
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )


def _without_unsafe(text: str) -> str:
    """`text` without unsafe characters; a control that separates words (tab, line break)
    becomes a space."""
    return "".join(
        " " if char.isspace() else char for char in text if char.isspace() or not _is_unsafe(char)
    )


def _cut_to_bytes(text: str, limit: int) -> str:
    """`text` cut to at most `limit` bytes in UTF-8, on a character boundary."""
    return text.encode("utf-8")[: max(limit, 0)].decode("utf-8", errors="ignore")


def safe_file_name(text: str, *, suffix: str = "", fallback: str = "document") -> str:
    """`text` made into a valid Windows file name (accents kept), then `suffix`.

    Forbidden characters become spaces or hyphens, control and format characters (such as
    bidirectional overrides) go, runs of spaces collapse, a trailing dot or space goes, the
    length is limited (the whole name within 255 bytes in UTF-8) and reserved device names
    get a "_".
    """
    text = unicodedata.normalize("NFC", _without_unsafe(text))
    suffix = _without_unsafe(suffix)
    text = text.replace("/", "-").replace("\\", "-").replace(":", " -")
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text[:MAX_STEM_LENGTH]
    # Room for the suffix and the "_" a reserved name may get.
    text = _cut_to_bytes(text, MAX_NAME_BYTES - 1 - len(suffix.encode("utf-8")))
    text = text.rstrip(". ")
    text = text.lstrip(" ")
    if not text.strip("."):
        text = fallback
    if is_reserved(text + suffix):  # "CON" -> "CON_", "nul.x" -> "nul_.x"
        head, dot, tail = text.partition(".")
        text = f"{head.rstrip()}_{dot}{tail}"
    return text + suffix


def suggested_name(kind: str, body: str, day: date, *, suffix: str = ".docx") -> str:
    """E.g. "Compte rendu - COTECH - 2026-03-14.docx"."""
    return safe_file_name(f"{kind} - {body} - {day.isoformat()}", suffix=suffix)


TITLE_IN_NAME_LENGTH = 60  # enough to recognise an action, short enough for a folder view
# Short words a shortened title should not end on.
_DANGLING = frozenset({
    "à", "au", "aux", "avec", "d'", "dans", "de", "des", "du", "en", "et", "l'", "la", "le",
    "les", "ou", "par", "pour", "sur", "un", "une", "-", "–", "—", "&",
})


def shortened(text: str, length: int = TITLE_IN_NAME_LENGTH) -> str:
    """`text` cut at a word boundary to at most `length` characters."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    words = text[: length + 1].split(" ")[:-1]  # the last one may be cut
    while len(words) > 1 and words[-1].casefold() in _DANGLING:
        words.pop()  # "… et les arrêtés de" reads as a mistake: "… et les arrêtés"
    cut = " ".join(words)
    return (cut if len(cut) >= length // 2 else text[:length]).rstrip(" ,;:.-–")


def action_sheet_name(code: str, title: str, *, suffix: str = ".docx") -> str:
    """E.g. "Fiche action 2.3 - Proposer des vélos à assistance électrique.docx"."""
    return safe_file_name(f"Fiche action {code} - {shortened(title)}", suffix=suffix)


def annual_report_name(year: int, subject: str, *, suffix: str = ".docx") -> str:
    """E.g. "Bilan 2026 - Charte pour une logistique urbaine durable.docx" (the plan's
    title, or the collectivité's name for every plan); "Bilan 2026.docx" without one."""
    subject = shortened(subject)
    return safe_file_name(f"Bilan {year} - {subject}" if subject else f"Bilan {year}",
                          suffix=suffix)


def suggested_person_data_name(full_name: str, day: date) -> str:
    """E.g. "Données personnelles - Marie Dupont - 2026-03-14.xlsx"."""
    return safe_file_name(f"Données personnelles - {full_name} - {day.isoformat()}",
                          suffix=".xlsx")
