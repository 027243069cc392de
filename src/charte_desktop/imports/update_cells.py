"""Cells of a returned update workbook that hold something Charte does not take: a gray
(protected) cell the pilot changed, a value typed beside the table. Each becomes a French
sentence for the review, so that nothing the pilot wrote is dropped without a word.

The protection has no password (see `exports/update_workbook.py`): a pilot may lift it
and type the new end date over the old one, or the indicator's value in « Dernière
valeur ». The workbook's hidden sheet holds a print of each protected cell as sent
(`update_layout.row_prints`); a cell whose print differs was changed.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol

from charte_desktop.exports import update_layout as layout

# What the officer (and the pilot) should do instead, by column key.
_IN_CHARTE = "cette information se modifie dans Charte, pas dans le classeur."
_INSTEAD = {
    "title": _IN_CHARTE, "axis": _IN_CHARTE, "pilot": _IN_CHARTE, "unit": _IN_CHARTE,
    "actions": _IN_CHARTE, "target": _IN_CHARTE,
    "status": "le nouveau statut se choisit dans la colonne « Nouveau statut ».",
    "progress": "le nouvel avancement se saisit dans la colonne « Nouvel avancement (%) ».",
    "end_date": "pour repousser l'échéance, modifiez l'action dans Charte.",
    "milestones": "un jalon atteint se coche dans Charte, sur la fiche de l'action.",
    "latest_value": "la nouvelle valeur se saisit dans la colonne « Nouvelle valeur », "
                    "avec sa date dans « Date de la nouvelle valeur ».",
    "latest_date": "la date de la nouvelle valeur se saisit dans la colonne « Date de la "
                   "nouvelle valeur ».",
}


class Sheet(Protocol):
    title: str
    rows: dict[int, Any]

    def value(self, row: int, column: int) -> Any: ...

    def problem(self, row: int, column: int) -> str | None: ...


def prints_by_row(id_rows: list[tuple[Any, ...]]) -> dict[tuple[str, int], str]:
    """(sheet, row) -> the prints sent, from the hidden sheet's id lines (none before the
    prints were written: then nothing is compared)."""
    return {(str(line[0]), line[1]): line[5] for line in id_rows
            if len(line) > 5 and isinstance(line[5], str) and isinstance(line[1], int)}


def _where(sheet: Sheet, row: int, column: int, about: str) -> str:
    from charte_desktop.imports.table_rows import column_letter

    about = f" ({about})" if about else ""
    return f"Feuille « {sheet.title} », cellule {column_letter(column - 1)}{row}{about}"


def _read(sheet: Sheet, row: int, column: int, key: str, shown: Callable[[Any], str]) -> str:
    if sheet.problem(row, column):
        return "on y lit une formule ou une erreur"
    value = sheet.value(row, column)
    if value is None or value == "":
        return "elle a été vidée"
    if key == "progress" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"on y lit {round(value * 100)} %"
    if isinstance(value, datetime | date | int | float) and not isinstance(value, bool):
        return f"on y lit {shown(value)}"
    return f"on y lit « {' '.join(shown(value).split())} »"


def changed_cells(
    sheet: Sheet, columns: tuple[layout.Column, ...], rows: list[tuple[int, int, str]],
    prints: dict[tuple[str, int], str], what: str, shown: Callable[[Any], str],
) -> list[str]:
    """The protected cells changed since the workbook was sent, and the cells written
    right of the table, each with why it is not taken."""
    found = []
    protected = layout.protected_columns(columns)
    for number, _item, key in rows:
        about_row = f"indicateur « {key} »" if what == "indicateur" else f"{what} {key}"
        sent = prints.get((sheet.title, number))
        if sent is not None:
            now = layout.row_prints([
                "#" if sheet.problem(number, c) else sheet.value(number, c) for c in protected])
            for column, before, after in zip(protected, sent.split(","), now.split(","),
                                             strict=False):
                if before != after:
                    column_key = columns[column - 1].key
                    found.append(
                        f"{_where(sheet, number, column, about_row)} : cette cellule grise "
                        f"« {columns[column - 1].header} » a été modifiée "
                        f"({_read(sheet, number, column, column_key, shown)}) ; elle n'est "
                        f"pas reprise : {_INSTEAD.get(column_key, _IN_CHARTE)}")
        found.extend(_beside(sheet, number, len(columns) + 1, about_row, shown))
    return found


_IN_YELLOW = "les réponses se saisissent dans les cellules jaunes."


def _beside(sheet: Sheet, number: int, first: int, about: str,
            shown: Callable[[Any], str], instead: str = _IN_YELLOW) -> list[str]:
    """Cells written from column `first` on in row `number`: outside the table (`about`
    empty: above it)."""
    row = sheet.rows.get(number)
    width = 0 if row is None else max([len(row.values), *(c + 1 for c in row.problems)])
    found = []
    for column in range(first, width + 1):
        if sheet.value(number, column) in (None, "") and not sheet.problem(number, column):
            continue
        place = "hors du tableau" if about else "au-dessus du tableau"
        found.append(f"{_where(sheet, number, column, about)} : {place} "
                     f"({_read(sheet, number, column, '', shown)}) ; elle n'est pas reprise : "
                     f"{instead}")
    return found


def beside_no_indicator(sheet: Sheet, number: int, shown: Callable[[Any], str]) -> list[str]:
    """Values typed on the line saying that no indicator follows these actions."""
    return _beside(sheet, number, 2, "aucun indicateur", shown,
                   "aucun indicateur n'est rattaché à ces actions.")


def above_table(sheet: Sheet, header_row: int, shown: Callable[[Any], str]) -> list[str]:
    """Cells written right of the instructions: Charte writes them in columns A and B
    only, so anything from column C on above the table is the pilot's."""
    return [note for number in sorted(sheet.rows) if number < header_row
            for note in _beside(sheet, number, 3, "", shown)]
