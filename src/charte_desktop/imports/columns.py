"""Find the header row of a sheet typed by hand and propose which column holds what.

Headers are compared folded (case and accents ignored, punctuation dropped), so
« Echeance », « ÉCHÉANCE » and « Échéance : » all mean the end date. The header row is the
one, among the first rows, naming the most known fields: title rows merged above it and
blank lines are skipped. The proposal is only a proposal: the window lets the officer
change every column; the command line uses it as is.

A header may take two rows: « Calendrier » merged over « Début | Fin », « Budget » over
« Prévu | Réalisé ». The upper label is carried right over its merged span (the empty
cells after it, as long as there are labels below) and joined to each label below:
« Calendrier Début » is the start date. Two rows are taken together only when that
recognises more fields than either row alone.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from charte_desktop.errors import CharteError
from charte_desktop.imports.table_rows import Table, TableRow, column_letter
from charte_desktop.imports.values import text
from charte_desktop.text import fold

HEADER_SCAN_ROWS = 30

Mapping = dict[str, int | None]  # field key → 0-based column, None when not imported


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # French, as the mapping page and the messages show it
    synonyms: tuple[str, ...]  # header texts meaning this field (any case, any accents)
    required: bool = False
    folded: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        folded = tuple(normalise_header(name) for name in (self.label, *self.synonyms))
        object.__setattr__(self, "folded", folded)


@dataclass
class HeaderGuess:
    row_index: int  # in table.rows
    line: int  # the row number in the sheet
    headers: list[str]  # one label per column: the header's text, or « Colonne F »
    mapping: Mapping = field(default_factory=dict)
    upper_line: int | None = None  # a two-row header's first row (line is its second)

    @property
    def first_index(self) -> int:
        """The index in table.rows of the header's first row."""
        return self.row_index - (self.upper_line is not None)


_PUNCTUATION = re.compile(r"[^\w']+")


def normalise_header(value: object) -> str:
    """ "N° d'action :" → "n d action"; "Budget (€ HT)" → "budget ht"."""
    folded = fold(str(value or "")).replace("’", "'").replace("°", " ")
    return " ".join(_PUNCTUATION.sub(" ", folded).replace("'", " ").split())


def _score(header: str, synonyms: tuple[str, ...]) -> int:
    """3: the header is a synonym; 2: it starts with one; 1: it contains one as words."""
    best = 0
    padded = f" {header} "
    for synonym in synonyms:
        if not synonym:
            continue
        if header == synonym:
            return 3
        if header.startswith(synonym + " "):
            best = max(best, 2)
        elif f" {synonym} " in padded:
            best = max(best, 1)
    return best


def propose_mapping(headers: list[str], specs: tuple[FieldSpec, ...]) -> Mapping:
    """Each field to its best-matching column, best matches first, each column once."""
    normalised = [normalise_header(header) for header in headers]
    candidates = sorted(
        ((_score(header, spec.folded), -column, -position, spec.key, column)
         for position, spec in enumerate(specs)
         for column, header in enumerate(normalised)),
        reverse=True,
    )
    mapping: Mapping = {spec.key: None for spec in specs}
    used: set[int] = set()
    for score, _, _, key, column in candidates:
        if score and mapping[key] is None and column not in used:
            mapping[key] = column
            used.add(column)
    return mapping


def _headers(values: tuple[object, ...]) -> list[str]:
    return [text(value) or untitled(column)  # type: ignore[arg-type]
            for column, value in enumerate(values)]


def untitled(column: int) -> str:
    """The label of a column without a title: « Colonne F »."""
    return f"Colonne {column_letter(column)}"


def _two_row_headers(upper: TableRow, lower: TableRow) -> list[str] | None:
    """The labels of a header on `upper` and `lower` (the next row), or None when these
    rows cannot be one: not next to each other, or holding anything but text."""
    if lower.number != upper.number + 1 or upper.problems or lower.problems:
        return None
    if not all(isinstance(value, str) or value is None
               for value in (*upper.values, *lower.values)):
        return None
    width = max(len(upper.values), len(lower.values))
    headers: list[str] = []
    carried = ""
    for column in range(width):
        above, below = text(upper.value(column)), text(lower.value(column))
        if above:
            carried = above if below else ""  # a span over sub-headers starts here
        elif not below:
            carried = ""
        top = above or carried
        if top and below and top != below:
            headers.append(f"{top} {below}")
        else:
            headers.append(below or top or untitled(column))
    return headers


def _count(mapping: Mapping) -> int:
    return sum(column is not None for column in mapping.values())


def _guess_at(table: Table, index: int, specs: tuple[FieldSpec, ...]) -> HeaderGuess:
    """The header on row `index`, or on it and the row above when that recognises more."""
    row = table.rows[index]
    headers = _headers(row.values)
    best = HeaderGuess(index, row.number, headers, propose_mapping(headers, specs))
    if index == 0:
        return best
    upper = table.rows[index - 1]
    combined = _two_row_headers(upper, row)
    if combined is None:
        return best
    mapping = propose_mapping(combined, specs)
    alone = max(_count(best.mapping),
                _count(propose_mapping(_headers(upper.values), specs)))
    if _count(mapping) > alone:
        return HeaderGuess(index, row.number, combined, mapping, upper_line=upper.number)
    return best


def guess_header(table: Table, specs: tuple[FieldSpec, ...]) -> HeaderGuess:
    """The row naming the most fields among the first ones (or two rows, see above), with
    its proposed mapping."""
    best: HeaderGuess | None = None
    best_count = 0
    for index in range(min(len(table.rows), HEADER_SCAN_ROWS)):
        guess = _guess_at(table, index, specs)
        count = _count(guess.mapping)
        if count > best_count:
            best, best_count = guess, count
    if best is None or best_count < 2:
        raise no_header(table, specs)
    return best


def no_header(table: Table, specs: tuple[FieldSpec, ...]) -> CharteError:
    where = f"la feuille « {table.sheet} »" if table.sheet else f"« {table.source.name} »"
    expected = ", ".join(f"« {spec.label} »" for spec in specs if spec.required)
    return CharteError(
        f"Aucune ligne d'en-tête reconnue dans {where} : la ligne des titres de colonnes "
        f"doit se trouver dans les {HEADER_SCAN_ROWS} premières lignes et nommer au moins "
        f"{expected} et une autre colonne connue."
    )


def has_header(rows: list[TableRow], specs: tuple[FieldSpec, ...]) -> bool:
    """Whether a header row would be recognised among `rows` (a sheet's first rows)."""
    table = Table(Path(), "", rows)
    return any(_count(_guess_at(table, index, specs).mapping) >= 2
               for index in range(min(len(rows), HEADER_SCAN_ROWS)))


def header_at(table: Table, row_index: int, specs: tuple[FieldSpec, ...]) -> HeaderGuess:
    """The header row chosen by the officer (with the row above when it is the first row
    of a two-row header), with the mapping proposed for it."""
    return _guess_at(table, row_index, specs)


# --- What the officer should know about the file read --------------------------------------


def ignored_columns(table: Table, header: HeaderGuess) -> list[str]:
    """Every column titled or holding data under the header that no field reads:
    « « Commentaire » (F) », « colonne H sans titre »."""
    used = {column for column in header.mapping.values() if column is not None}
    filled: set[int] = set()
    for row in table.rows[header.row_index + 1:]:
        filled.update(column for column, value in enumerate(row.values)
                      if value is not None or column in row.problems)
    titled = {column for column, label in enumerate(header.headers)
              if label != untitled(column)}
    ignored = []
    for column in sorted((titled | filled) - used):
        if column in titled:
            ignored.append(f"« {header.headers[column]} » ({column_letter(column)})")
        else:
            ignored.append(f"colonne {column_letter(column)} sans titre")
    return ignored


def line_list(numbers: list[int] | tuple[int, ...], shown: int = 20) -> str:
    """ "4, 7 à 9, 12": row numbers, runs shortened; at most `shown` items."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    items = [str(first) if first == last else
             (f"{first}, {last}" if last == first + 1 else f"{first} à {last}")
             for first, last in runs]
    if len(items) > shown:
        return f"{', '.join(items[:shown])}… ({len(numbers)} lignes en tout)"
    return ", ".join(items)


def source_notes(table: Table, header: HeaderGuess) -> list[str]:
    """What was read and what was not, in French: a hidden sheet read because named, rows
    hidden in Excel (read all the same), a two-row header, columns no field reads."""
    notes: list[str] = []
    if table.sheet_hidden:
        notes.append(f"La feuille « {table.sheet} » est masquée dans le classeur : elle est "
                     "lue parce qu'elle a été choisie.")
    below = [number for number in table.hidden_rows if number > header.line]
    if below:
        notes.append(f"Lignes masquées dans Excel, importées quand même : {line_list(below)}.")
    below = [number for number in table.filtered_rows if number > header.line]
    if below:
        notes.append("Lignes masquées par un filtre dans Excel, importées quand même : "
                     f"{line_list(below)}.")
    if header.upper_line is not None:
        lower = table.rows[header.row_index]
        joined = [label for column, label in enumerate(header.headers)
                  if column in header.mapping.values()
                  and text(lower.value(column)) not in ("", label)]
        notes.append(f"En-tête sur deux lignes ({header.upper_line} et {header.line})"
                     + (f" : {', '.join(f'« {label} »' for label in joined)}." if joined
                        else "."))
    ignored = ignored_columns(table, header)
    if ignored:
        notes.append(f"Colonne{'s' if len(ignored) > 1 else ''} ignorée"
                     f"{'s' if len(ignored) > 1 else ''} : {', '.join(ignored)}.")
    return notes


def missing_required(mapping: Mapping, specs: tuple[FieldSpec, ...]) -> list[str]:
    return [spec.label for spec in specs if spec.required and mapping.get(spec.key) is None]


def check_mapping(mapping: Mapping, specs: tuple[FieldSpec, ...], headers: list[str]) -> None:
    """Refuse a mapping without a required field, or using one column for two fields."""
    missing = missing_required(mapping, specs)
    if missing:
        names = ", ".join(f"« {label} »" for label in missing)
        plural = "s" if len(missing) > 1 else ""
        raise CharteError(
            f"Colonne{plural} obligatoire{plural} introuvable{plural} : {names}. Colonnes "
            f"du fichier : {', '.join(f'« {header} »' for header in headers)}."
        )
    labels = {spec.key: spec.label for spec in specs}
    seen: dict[int, str] = {}
    for key, column in mapping.items():
        if column is None:
            continue
        if column in seen:
            raise CharteError(
                f"La colonne « {headers[column] if column < len(headers) else column} » est "
                f"choisie pour « {labels[seen[column]]} » et pour « {labels[key]} »."
            )
        seen[column] = key
