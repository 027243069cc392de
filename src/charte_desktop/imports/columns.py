"""Find the header row of a sheet typed by hand and propose which column holds what.

Headers are compared folded (case and accents ignored, punctuation dropped), so
« Echeance », « ÉCHÉANCE » and « Échéance : » all mean the end date. The header row is the
one, among the first rows, naming the most known fields: title rows merged above it and
blank lines are skipped. The proposal is only a proposal: the window lets the officer
change every column; the command line uses it as is.
"""

import re
from dataclasses import dataclass, field

from charte_desktop.errors import CharteError
from charte_desktop.imports.table_reader import Table, column_letter
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
    return [text(value) or f"Colonne {column_letter(column)}"  # type: ignore[arg-type]
            for column, value in enumerate(values)]


def guess_header(table: Table, specs: tuple[FieldSpec, ...]) -> HeaderGuess:
    """The row naming the most fields among the first ones, with its proposed mapping."""
    best: HeaderGuess | None = None
    best_count = 0
    for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        headers = _headers(row.values)
        mapping = propose_mapping(headers, specs)
        count = sum(column is not None for column in mapping.values())
        if count > best_count:
            best, best_count = HeaderGuess(index, row.number, headers, mapping), count
    if best is None or best_count < 2:
        where = f"la feuille « {table.sheet} »" if table.sheet else f"« {table.source.name} »"
        expected = ", ".join(f"« {spec.label} »" for spec in specs if spec.required)
        raise CharteError(
            f"Aucune ligne d'en-tête reconnue dans {where} : la ligne des titres de colonnes "
            f"doit se trouver dans les {HEADER_SCAN_ROWS} premières lignes et nommer au moins "
            f"{expected} et une autre colonne connue."
        )
    return best


def header_at(table: Table, row_index: int, specs: tuple[FieldSpec, ...]) -> HeaderGuess:
    """The header row chosen by the officer, with the mapping proposed for it."""
    row = table.rows[row_index]
    headers = _headers(row.values)
    return HeaderGuess(row_index, row.number, headers, propose_mapping(headers, specs))


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
