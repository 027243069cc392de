"""The title a new plan takes from its file: the title typed above the header row
(« Plan d'actions 2025-2030 »), else the file's name without its extension.

A row above the header is a title only when it reads as one: a lone text holding a
letter, not a column's title (« Action », « Intitulé ») nor a label over some columns
just above the header (« Calendrier » over « Début | Fin »).
"""

from charte_desktop.imports.action_columns import ACTION_FIELDS
from charte_desktop.imports.columns import FieldSpec, HeaderGuess, normalise_header
from charte_desktop.imports.table_rows import Table, TableRow

TITLE_MAX = 300  # as a plan's title (services.rules.required_text)


def suggested_plan_title(table: Table, header: HeaderGuess,
                         specs: tuple[FieldSpec, ...] = ACTION_FIELDS) -> str:
    """The title typed above the header, else `table.source`'s name without extension.

    `specs`: the fields whose column titles are no plan title."""
    labels = {label for spec in specs for label in spec.folded}
    rows = table.rows[: header.first_index]
    first_header = (table.rows[header.first_index] if header.first_index < len(table.rows)
                    else None)
    for row in rows:
        title = _lone_text(row)
        if title is None or normalise_header(title) in labels:
            continue
        if first_header is not None and row.number == first_header.number - 1 and (
                _first_column(row) > _first_column(first_header)):
            continue  # a label over some columns of the header, not the sheet's title
        return title
    return table.source.stem


def _lone_text(row: TableRow) -> str | None:
    """The row's one text, on one line, when it holds a letter and fits a title."""
    texts = [value for value in row.values if isinstance(value, str)]
    if len(texts) != 1:
        return None
    title = " ".join(texts[0].split())
    if not any(character.isalpha() for character in title) or len(title) > TITLE_MAX:
        return None
    return title


def _first_column(row: TableRow) -> int:
    return next((column for column, value in enumerate(row.values) if value is not None),
                len(row.values))
