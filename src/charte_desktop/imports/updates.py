"""Read an update workbook a pilot sent back (see `exports/update_workbook.py`).

The file is checked as untrusted before any parsing (`table_reader` runs the guard), then
recognised: not an update workbook at all, made by a newer Charte, or altered in its
structure (sheet renamed, column or row moved, added or deleted) are refused with a French
CharteError naming what is wrong. Then each yellow cell is read as typed: a formula or an
error (#REF!) is a problem of that cell, never evaluated, as is a value that makes no sense
(an unknown status, 120 %); the other answers become a `ReturnedWorkbook` that
`services.update_merge` compares with the file.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.errors import CharteError
from charte_desktop.exports import update_layout as layout
from charte_desktop.formatting import format_date, format_number
from charte_desktop.services.update_merge import (
    ActionAnswer,
    MeasurementAnswer,
    ReturnedWorkbook,
    UpdateReview,
    WorkbookIdentity,
    review_update,
)

_STATUS_LIST = ", ".join(f"« {status.label} »" for status in ActionStatus)
_COMMENT_MAX = 10_000


class _Sheet:
    """One sheet's non-empty rows by number, with their formula/error problems."""

    def __init__(self, path: Path, title: str) -> None:
        from charte_desktop.imports.table_reader import read_table

        table = read_table(path, title)
        self.title = title
        self.rows = {row.number: row for row in table.rows}

    def value(self, row: int, column: int) -> Any:
        found = self.rows.get(row)
        return None if found is None else found.value(column - 1)

    def problem(self, row: int, column: int) -> str | None:
        found = self.rows.get(row)
        return None if found is None else found.problems.get(column - 1)

    def text(self, row: int, column: int) -> str:
        """A context cell as text, the way the reader compares it with what was written."""
        value = self.value(row, column)
        if self.problem(row, column):
            return "#"
        return "" if value is None else str(value).strip()


def _not_an_update_workbook(name: str) -> CharteError:
    return CharteError(
        f"« {name} » n'est pas un classeur de mise à jour envoyé par Charte : importez un "
        "classeur préparé par « Classeurs de mise à jour pour les pilotes » et rempli par le "
        "pilote, ou utilisez l'import d'un plan d'actions pour un autre tableau."
    )


def _altered(name: str, detail: str) -> CharteError:
    return CharteError(
        f"La structure du classeur « {name} » a été modifiée ({detail}) : Charte ne peut pas "
        "reprendre ses réponses sans risque de les attribuer à la mauvaise action. Rien n'a "
        "été modifié. Demandez au pilote de remplir le classeur tel qu'il a été envoyé (ou "
        "envoyez-lui-en un nouveau)."
    )


# --- Identity and structure --------------------------------------------------------------------


def _identity(name: str, sheet: _Sheet) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """The identity values by key, and the per-row ids, from the hidden sheet."""
    values: dict[str, Any] = {}
    rows: list[tuple[Any, ...]] = []
    in_rows = False
    for number in sorted(sheet.rows):
        row = sheet.rows[number]
        if row.problems:
            raise _altered(name, "sa feuille d'identification contient des formules")
        key = row.value(0)
        if in_rows:  # sheet, row, id, key, actions, prints (see `update_cells`)
            rows.append(tuple(row.value(i) for i in range(1, 7)))
        elif key == layout.ROWS_MARKER:
            in_rows = True
        elif isinstance(key, str):
            values[key] = row.value(1)
    if values.get("format") != layout.FORMAT_MARKER:
        raise _not_an_update_workbook(name)
    version = values.get("version")
    if not isinstance(version, int | float) or int(version) != layout.FORMAT_VERSION:
        if isinstance(version, int | float) and version > layout.FORMAT_VERSION:
            raise CharteError(
                f"Le classeur « {name} » a été préparé par une version plus récente de Charte : "
                "mettez Charte à jour pour l'importer. Rien n'a été modifié."
            )
        raise _altered(name, "sa feuille d'identification est incomplète")
    return values, rows


def _workbook_identity(name: str, values: dict[str, Any]) -> WorkbookIdentity:
    try:
        pilot = values.get("pilot")
        return WorkbookIdentity(
            file_token=str(values["file"]),
            file_name=str(values.get("file_name") or ""),
            plan_id=int(values["plan"]),
            plan_created_at=datetime.fromisoformat(str(values["plan_created"])),
            plan_title=str(values.get("plan_title") or ""),
            pilot_id=None if pilot in (None, "") else int(pilot),
            pilot_name=str(values.get("pilot_name") or ""),
            export_token=str(values["export"]),
            exported_at=datetime.fromisoformat(str(values["exported_at"])),
        )
    except (KeyError, TypeError, ValueError):
        raise _altered(name, "sa feuille d'identification est incomplète") from None


def _shape(
    name: str, sheet: _Sheet | None, title: str, header_row: int,
    columns: tuple[layout.Column, ...], rows: list[tuple[int, int, str]],
) -> layout.SheetShape:
    """The sheet's structure as found, after explaining the first difference found."""
    from charte_desktop.imports.table_rows import column_letter

    if sheet is None:
        raise _altered(name, f"la feuille « {title} » a été renommée ou supprimée")
    for number, column in enumerate(columns, start=1):
        found = sheet.text(header_row, number)
        if found != column.header:
            where = f"{column_letter(number - 1)}{header_row}"
            seen = f"on y lit « {found} »" if found else "elle est vide"
            raise _altered(name, f"feuille « {title} », la colonne « {column.header} » n'est "
                                 f"plus en {where} : {seen}")
    extra = sheet.text(header_row, len(columns) + 1)
    if extra:
        raise _altered(name, f"feuille « {title} », une colonne « {extra} » a été ajoutée")
    for number, _item, key in rows:
        found = sheet.text(number, 1)
        if found != key:
            seen = f"« {found} »" if found else "rien"
            raise _altered(name, f"feuille « {title} », la ligne {number} devait porter "
                                 f"« {key} » et porte {seen} : des lignes ont été ajoutées, "
                                 "déplacées ou supprimées")
    last = rows[-1][0] if rows else header_row + 1  # the "no indicator" line, if any
    below = [n for n in sheet.rows if n > last]
    if below:
        raise _altered(name, f"feuille « {title} », la ligne {min(below)} a été ajoutée sous "
                             "le tableau")
    headers = tuple(sheet.text(header_row, n) for n in range(1, len(columns) + 1))
    return layout.SheetShape(title, header_row, headers,
                             tuple((n, item, sheet.text(n, 1)) for n, item, _key in rows))


def _rows_of(name: str, rows: list[tuple[Any, ...]], title: str) -> list[tuple[int, int, str]]:
    found = []
    for sheet_title, number, item, key, *_more in rows:
        if sheet_title != title:
            continue
        if not isinstance(number, int) or not isinstance(item, int):
            raise _altered(name, "sa feuille d'identification est incomplète")
        found.append((number, item, "" if key is None else str(key)))
    return found


# --- Answers -----------------------------------------------------------------------------------


class _Answers:
    """Reads the editable cells, collecting problems as French sentences."""

    def __init__(self, sheet: _Sheet) -> None:
        self.sheet = sheet
        self.problems: list[str] = []

    def cell(self, row: int, column: int, about: str, parse: Callable[[Any], Any]) -> Any:
        from charte_desktop.imports.table_rows import column_letter

        cell = f"{column_letter(column - 1)}{row}"
        where = f"Feuille « {self.sheet.title} », cellule {cell} ({about})"
        problem = self.sheet.problem(row, column)
        if problem:
            self.problems.append(f"{where} : {problem}.")
            return None
        value = self.sheet.value(row, column)
        if value is None or value == "":
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.problems.append(f"{where} : {error}")
            return None


def _shown(value: Any) -> str:
    if isinstance(value, datetime | date):
        return format_date(value if isinstance(value, date) else value.date())
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        return format_number(Decimal(str(value)))
    return str(value)


def _status(value: Any) -> ActionStatus:
    if isinstance(value, str):
        status = ActionStatus.from_label(value)
        if isinstance(status, ActionStatus):
            return status
        if value.strip().casefold() == "en retard":
            raise ValueError("« En retard » est calculé par Charte, ce n'est pas un statut à "
                             f"choisir ; choisissez parmi {_STATUS_LIST}.")
    raise ValueError(f"« {_shown(value)} » n'est pas un statut ; choisissez parmi "
                     f"{_STATUS_LIST}.")


def _progress(value: Any) -> int | None:
    if isinstance(value, str):
        text = value.replace("%", "").replace("\u202f", "").replace("\u00a0", "").strip()
        if value.strip() == layout.PROGRESS_FROM_MILESTONES:
            return None
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"« {value} » n'est pas un avancement : saisissez un nombre "
                             "entier de 0 à 100.") from None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"« {_shown(value)} » n'est pas un avancement : saisissez un nombre "
                         "entier de 0 à 100.")
    number = Decimal(str(value))
    if number != number.to_integral_value() or not 0 <= number <= 100:
        raise ValueError(f"l'avancement doit être un nombre entier de 0 à 100 (saisi : "
                         f"{_shown(value)}).")
    return int(number)


def _text(value: Any) -> str:
    text = _shown(value).strip()
    if len(text) > _COMMENT_MAX:
        raise ValueError(f"le commentaire est trop long ({len(text)} caractères, "
                         f"{_COMMENT_MAX} au plus).")
    return text


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        text = value.strip()
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                value = datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
    if not isinstance(value, date):
        raise ValueError(f"« {_shown(value)} » n'est pas une date (par exemple 31/03/2026).")
    if not 2000 <= value.year <= 2099:
        raise ValueError(f"la date {format_date(value)} n'est pas plausible.")
    return value


def _number(value: Any) -> Decimal:
    if isinstance(value, bool | datetime | date):
        raise ValueError(f"« {_shown(value)} » n'est pas un nombre.")
    text = str(value)
    if isinstance(value, str):
        for removed in (" ", "\u00a0", "\u202f"):
            text = text.replace(removed, "")
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"« {value} » n'est pas un nombre (par exemple 12 ou 12,5).") from None
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValueError(f"« {value} » n'est pas un nombre utilisable.")
    return number


def _action_answers(
    sheet: _Sheet, rows: list[tuple[int, int, str]], answers: _Answers
) -> list[ActionAnswer]:
    columns = layout.ACTION_COLUMNS
    status_col = layout.column_number(columns, "new_status")
    progress_col = layout.column_number(columns, "new_progress")
    comment_col = layout.column_number(columns, "comment")
    found = []
    for number, action_id, code in rows:
        about = f"action {code}"
        status = answers.cell(number, status_col, about, _status)
        progress = answers.cell(number, progress_col, about, _progress)
        comment = answers.cell(number, comment_col, about, _text) or ""
        if status is not None or progress is not None or comment:
            found.append(ActionAnswer(action_id, code, status, progress, comment))
    return found


def _measurement_answers(
    sheet: _Sheet, rows: list[tuple[int, int, str]], answers: _Answers
) -> list[MeasurementAnswer]:
    columns = layout.INDICATOR_COLUMNS
    date_col = layout.column_number(columns, "measure_date")
    value_col = layout.column_number(columns, "value")
    comment_col = layout.column_number(columns, "measure_comment")
    found = []
    for number, indicator_id, name in rows:
        about = f"indicateur « {name} »"
        value = answers.cell(number, value_col, about, _number)
        measured_on = answers.cell(number, date_col, about, _date)
        comment = answers.cell(number, comment_col, about, _text) or ""
        if value is None:
            if comment and sheet.problem(number, value_col) is None:
                answers.problems.append(
                    f"Feuille « {sheet.title} », ligne {number} ({about}) : un commentaire "
                    "sans valeur n'est pas repris ; saisissez la valeur."
                )
            continue
        if measured_on is None:
            if sheet.problem(number, date_col) is None and sheet.value(number, date_col) is None:
                answers.problems.append(
                    f"Feuille « {sheet.title} », ligne {number} ({about}) : la valeur n'a pas "
                    "de date ; saisissez la date à laquelle elle se rapporte."
                )
            continue
        found.append(MeasurementAnswer(indicator_id, name, measured_on, value, comment))
    return found


# --- Entry points ------------------------------------------------------------------------------


def read_update_workbook(path: Path) -> ReturnedWorkbook:
    """The answers of a returned update workbook; raises CharteError when it is refused."""
    from charte_desktop.imports.table_reader import sheet_names
    from charte_desktop.imports.untrusted import SourceKind, check_untrusted_file

    path = Path(path)
    name = path.name
    if check_untrusted_file(path) is not SourceKind.XLSX:
        raise _not_an_update_workbook(name)
    titles = sheet_names(path)
    if layout.IDENTITY_SHEET not in titles:
        raise _not_an_update_workbook(name)
    values, id_rows = _identity(name, _Sheet(path, layout.IDENTITY_SHEET))
    identity = _workbook_identity(name, values)
    sheets = {title: _Sheet(path, title) for title in titles
              if title in (layout.ACTIONS_SHEET, layout.INDICATORS_SHEET)}
    action_rows = _rows_of(name, id_rows, layout.ACTIONS_SHEET)
    indicator_rows = _rows_of(name, id_rows, layout.INDICATORS_SHEET)
    shapes = (
        _shape(name, sheets.get(layout.ACTIONS_SHEET), layout.ACTIONS_SHEET,
               layout.ACTIONS_HEADER_ROW, layout.ACTION_COLUMNS, action_rows),
        _shape(name, sheets.get(layout.INDICATORS_SHEET), layout.INDICATORS_SHEET,
               layout.INDICATORS_HEADER_ROW, layout.INDICATOR_COLUMNS, indicator_rows),
    )
    if layout.structure_signature(shapes) != values.get("signature"):
        raise _altered(name, "sa feuille d'identification ne correspond plus à ses feuilles")
    actions_sheet = sheets[layout.ACTIONS_SHEET]
    indicators_sheet = sheets[layout.INDICATORS_SHEET]
    action_answers = _Answers(actions_sheet)
    measurement_answers = _Answers(indicators_sheet)
    actions = _action_answers(actions_sheet, action_rows, action_answers)
    measurements = _measurement_answers(indicators_sheet, indicator_rows, measurement_answers)
    ignored = _ignored_cells(actions_sheet, action_rows, indicators_sheet, indicator_rows,
                             id_rows)
    followers = {
        item: tuple(int(i) for i in str(extra or "").split(",") if i.strip().isdigit())
        for sheet_title, _n, item, _key, extra, *_prints in id_rows
        if sheet_title == layout.INDICATORS_SHEET
    }
    return ReturnedWorkbook(
        identity, name, tuple(actions), tuple(measurements),
        tuple(action_answers.problems + measurement_answers.problems), followers,
        tuple(ignored),
    )


def _ignored_cells(
    actions_sheet: _Sheet, action_rows: list[tuple[int, int, str]],
    indicators_sheet: _Sheet, indicator_rows: list[tuple[int, int, str]],
    id_rows: list[tuple[Any, ...]],
) -> list[str]:
    """Gray cells changed and cells beside the tables: not taken, each said why."""
    from charte_desktop.imports import update_cells as cells

    prints = cells.prints_by_row(id_rows)  # sheet by sheet, top to bottom
    found = cells.above_table(actions_sheet, layout.ACTIONS_HEADER_ROW, _shown)
    found += cells.changed_cells(actions_sheet, layout.ACTION_COLUMNS, action_rows, prints,
                                 "action", _shown)
    found += cells.above_table(indicators_sheet, layout.INDICATORS_HEADER_ROW, _shown)
    found += cells.changed_cells(indicators_sheet, layout.INDICATOR_COLUMNS, indicator_rows,
                                 prints, "indicateur", _shown)
    if not indicator_rows:
        found += cells.beside_no_indicator(
            indicators_sheet, layout.INDICATORS_HEADER_ROW + 1, _shown)
    return found


def load_update(db: Database, path: Path) -> UpdateReview:
    """Read a returned workbook and compare it with the file: the changes to review."""
    return review_update(db, read_update_workbook(path))
