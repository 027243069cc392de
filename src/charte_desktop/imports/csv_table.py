"""Read a CSV (or Excel « Texte Unicode ») file as numbered rows: its encoding and
delimiter guessed, streamed line by line, and refused past MAX_ROWS rows."""

import csv
from collections.abc import Iterator
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.imports.progress import REPORT_EVERY, Monitor
from charte_desktop.imports.table_rows import (
    MAX_COLUMNS,
    MAX_ROWS,
    READING,
    TableRow,
    clean_cell,
    too_many_rows,
)
from charte_desktop.imports.untrusted import UTF16_BOMS, looks_utf16

_CSV_DELIMITERS = (";", "\t", ",")  # in order of preference on a tie (French Excel: ";")

# Read as a stream: a file of 20 MB (the most accepted) is never held whole, decoded, in
# memory, and reading stops at the first row beyond the limit.


def _encodings(path: Path) -> tuple[str, ...]:
    """The encodings to try in turn: UTF-16 by its byte order mark (Excel's « Texte
    Unicode »), or without one when every other byte is NUL; else UTF-8 (with or without
    BOM) as recent Excel writes it, then Windows-1252 (which never fails)."""
    with path.open("rb") as stream:
        head = stream.read(64)
    if looks_utf16(head):
        if head.startswith(UTF16_BOMS):
            return ("utf-16",)
        return ("utf-16-le",) if not head[1::2].strip(b"\x00") else ("utf-16-be",)
    return ("utf-8-sig", "cp1252")


def _count_lines(path: Path) -> int:
    """For the progress bar: the file's lines, counted in chunks."""
    count = 1
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            count += chunk.count(b"\n")
    return count


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (> 1) of fields."""
    sample = [line for line in text[:64 * 1024].splitlines()[:30] if line.strip()]
    best, best_score = _CSV_DELIMITERS[0], -1
    for delimiter in _CSV_DELIMITERS:
        widths = [len(fields) for fields in csv.reader(sample, delimiter=delimiter)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) if common > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_rows(path: Path, monitor: Monitor, max_rows: int = MAX_ROWS) -> list[TableRow]:
    total = _count_lines(path)
    encodings = _encodings(path)
    for encoding in encodings:
        try:
            return list(_csv_rows_in(path, encoding, monitor, max_rows, total))
        except UnicodeDecodeError:  # not UTF-8 after all: the next encoding, from the start
            if encoding == encodings[-1]:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _csv_rows_in(path: Path, encoding: str, monitor: Monitor, max_rows: int, total: int
                 ) -> Iterator[TableRow]:
    errors = "strict" if encoding == "utf-8-sig" else "replace"
    with path.open(encoding=encoding, errors=errors, newline="") as stream:
        delimiter = _sniff_delimiter(stream.read(64 * 1024))
        stream.seek(0)
        reader = csv.reader(stream, delimiter=delimiter)
        monitor.update(READING, 0, total)
        start = 1
        kept = 0
        try:
            for count, fields in enumerate(reader, start=1):
                if count % REPORT_EVERY == 0:
                    monitor.update(READING, reader.line_num, total)
                values = tuple(clean_cell(value) if value else None
                               for value in fields[:MAX_COLUMNS])
                if any(value is not None for value in values):
                    kept += 1
                    if kept > max_rows:
                        raise too_many_rows(path.name)
                    yield TableRow(start, values)
                start = reader.line_num + 1  # a quoted field may span several lines
        except csv.Error as error:
            raise CharteError(
                f"Le fichier « {path.name} » est mal formé vers la ligne {reader.line_num} "
                f"({_csv_reason(error)})."
            ) from None
    monitor.update(READING, total, total)


def _csv_reason(error: csv.Error) -> str:
    """The csv module's English reason, in French."""
    message = str(error)
    if "NUL" in message or "null" in message.lower():
        return "caractère nul"
    if "field larger than field limit" in message:
        return "champ démesurément long"
    if "new-line character seen in unquoted field" in message:
        return "saut de ligne inattendu"
    if "expected after" in message or "quote" in message:
        return "guillemets mal fermés"
    return "format non reconnu"
