"""A person's name or e-mail written in free text (minutes, decisions, notes…): found
ignoring case, accents and runs of spaces, and replaced where it stands."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from charte_desktop.services.person_data import text_column_label, text_columns_by_table
from charte_desktop.text import fold


@dataclass(frozen=True)
class Mention:
    """One free-text value that names the person."""

    table: str
    column: str
    row_id: int
    where: str  # « Compte rendu (Point de l'ordre du jour) »
    excerpt: str  # the words around the first mention


def needles(first_name: str, last_name: str, email: str) -> list[str]:
    """What names the person in text: « Prénom Nom », « Nom Prénom », the e-mail; folded,
    longest first. A contact without a first name is found by their last name."""
    full = " ".join(f"{first_name} {last_name}".split())
    reverse = " ".join(f"{last_name} {first_name}".split())
    found = {_fold_words(value) for value in (full, reverse, email.strip()) if value.strip()}
    return sorted((value for value in found if len(value) >= 2), key=len, reverse=True)


def _fold_words(text: str) -> str:
    return " ".join(fold(text).split())


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """`text` folded, each run of spaces as one, with the index in `text` of each folded
    character."""
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            folded = " "
        else:
            folded = fold(char)
        for piece in folded:
            out.append(piece)
            positions.append(index)
    return "".join(out), positions


def spans(text: str, folded_needles: Iterable[str]) -> list[tuple[int, int]]:
    """Where in `text` the needles stand, as (start, end) indexes, whole words only,
    without overlaps, in order."""
    if not text:
        return []
    folded, positions = _folded_with_positions(text)
    found: list[tuple[int, int]] = []
    for needle in folded_needles:
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            before = folded[start - 1] if start else " "
            after = folded[end] if end < len(folded) else " "
            if not before.isalnum() and not after.isalnum():
                span = (positions[start], positions[end - 1] + 1)
                if not any(s < span[1] and span[0] < e for s, e in found):
                    found.append(span)
            start = folded.find(needle, start + 1)
    return sorted(found)


def replace_mentions(text: str, folded_needles: Iterable[str], replacement: str) -> str:
    """`text` with each mention replaced by `replacement`."""
    result = text
    for start, end in reversed(spans(text, list(folded_needles))):
        result = result[:start] + replacement + result[end:]
    return result


def _excerpt(text: str, span: tuple[int, int], room: int = 60) -> str:
    start, end = span
    head = max(0, start - room)
    tail = min(len(text), end + room)
    piece = " ".join(text[head:tail].split())
    return f"{'…' if head else ''}{piece}{'…' if tail < len(text) else ''}"


def _candidates(session: Session, contact_id: int,
                folded_needles: list[str]) -> Iterator[tuple[str, str, int, str]]:
    """(table, column, row id, text) of every free-text value naming the person, outside
    their own contact row."""
    from charte_desktop.db.models import Base

    if not folded_needles:
        return
    # A cheap first sieve: every word of some needle in the folded value.
    words = [needle.split() for needle in folded_needles]
    for table_name, columns in text_columns_by_table().items():
        table = Base.metadata.tables[table_name]
        if "id" not in table.columns:
            continue
        query = select(table.c.id, *(table.c[name] for name in columns))
        for row in session.connection().execute(query):
            row_id = row[0]
            if table_name == "contact" and row_id == contact_id:
                continue
            for name, value in zip(columns, row[1:], strict=True):
                if not value:
                    continue
                haystack = fold(value)
                if any(all(word in haystack for word in group) for group in words):
                    yield table_name, name, row_id, value


def find_mentions(session: Session, contact_id: int,
                  folded_needles: list[str]) -> list[Mention]:
    """Every free-text value naming the person (their own contact row apart)."""
    found = []
    for table, column, row_id, value in _candidates(session, contact_id, folded_needles):
        places = spans(value, folded_needles)
        if places:
            found.append(Mention(table, column, row_id, text_column_label(table, column),
                                 _excerpt(value, places[0])))
    return found


def replace_all_mentions(session: Session, contact_id: int, folded_needles: list[str],
                         replacement: str) -> list[Mention]:
    """Replace every mention in the file; the mentions as they were found."""
    from sqlalchemy import update

    from charte_desktop.db.models import Base

    found = []
    for table, column, row_id, value in list(_candidates(session, contact_id,
                                                          folded_needles)):
        places = spans(value, folded_needles)
        if not places:
            continue
        found.append(Mention(table, column, row_id, text_column_label(table, column),
                             _excerpt(value, places[0])))
        model_table = Base.metadata.tables[table]
        session.connection().execute(
            update(model_table).where(model_table.c.id == row_id)
            .values({column: replace_mentions(value, folded_needles, replacement)}))
    return found
