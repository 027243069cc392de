"""The update workbook sent to an action pilot each quarter (Excel, openpyxl).

The pilot sees their actions with what they need to answer (read-only, protected) and
fills yellow cells: new status from a drop-down list, progress, a comment, and on the
« Indicateurs » sheet the value of the period with its date. A hidden sheet carries the
workbook's identity and structure (see `update_layout`), so that `imports/updates.py`
recognises it when it comes back. The protection has no password: it prevents accidents,
not a determined pilot, and whatever comes back is checked anyway.
"""

import uuid
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.types import utcnow
from charte_desktop.exports import update_layout as layout
from charte_desktop.exports.naming import safe_file_name
from charte_desktop.exports.progress import SILENT, Cancelled, Progress
from charte_desktop.formatting import format_date, format_number
from charte_desktop.services.update_content import (
    ActionLine,
    IndicatorLine,
    UpdateContent,
    plan_pilots,
    update_content,
)

EDITABLE_FILL = "FFF2CC"  # light yellow: the cells to fill in
EDITABLE_HEADER_FILL = "7F6000"  # dark gold, white text
COMPUTED_FILL = "EDEDED"

STATUS_CHOICES = tuple(status.label for status in ActionStatus)


def suggested_name(pilot_name: str, day: date) -> str:
    """E.g. "Mise à jour - Camille Roussel - 2026-03-14.xlsx"."""
    who = pilot_name or "toutes les actions"
    return safe_file_name(f"Mise à jour - {who} - {day.isoformat()}", suffix=".xlsx")


def default_name(db: Database, pilot_id: int | None, *, day: date | None = None) -> str:
    """The suggested file name of a pilot's workbook (or of the whole plan's)."""
    from charte_desktop.services.directory import get_contact

    name = get_contact(db, pilot_id).full_name if pilot_id is not None else ""
    return suggested_name(name, day or clock.today())


def write_update_workbook(
    db: Database, target: Path, *, plan_id: int, pilot_id: int | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the workbook of `pilot_id`'s actions of the plan (every action when None)."""
    now = now or utcnow()
    content = update_content(db, plan_id, pilot_id, today=now.astimezone().date())
    return _write(content, target, now)


def write_pilot_workbooks(
    db: Database, folder: Path, *, plan_id: int, now: datetime | None = None,
    progress: Progress | Callable[[int, int, str], bool] | None = None,
) -> list[Path]:
    """One workbook per pilot of the plan in `folder`; the paths written.

    `progress` steps before each workbook (`step(done, total, name)`); stopped there
    (Cancelled, or False from a plain function `progress(done, total, name)`), the series
    ends: the workbooks already written are whole and kept, no other is begun.
    """
    steps = _as_progress(progress)
    now = now or utcnow()
    day = now.astimezone().date()
    pilots = plan_pilots(db, plan_id)
    written: list[Path] = []
    taken: set[str] = set()
    for index, pilot in enumerate(pilots):
        try:
            steps.step(index, len(pilots), pilot.name)
        except Cancelled:
            break
        name = suggested_name(pilot.name, day)
        if name.casefold() in taken:  # two pilots of the same name
            name = suggested_name(f"{pilot.name} ({pilot.id})", day)
        taken.add(name.casefold())
        content = update_content(db, plan_id, pilot.id, today=day)
        written.append(_write(content, folder / name, now))
    with suppress(Cancelled):  # the end: nothing is left to stop
        steps.step(len(written), len(pilots), "")
    return written


class _Asking:
    """A plain function `progress(done, total, name) -> bool` seen as a Progress."""

    def __init__(self, report: Callable[[int, int, str], bool]) -> None:
        self.report = report

    def step(self, done: int, total: int, label: str = "") -> None:
        if self.report(done, total, label) is False:
            raise Cancelled()


def _as_progress(progress: Progress | Callable[[int, int, str], bool] | None) -> Progress:
    if progress is None:
        return SILENT
    if hasattr(progress, "step"):
        return cast(Progress, progress)
    return _Asking(progress)


# --- Writing ----------------------------------------------------------------------------------


def _write(content: UpdateContent, target: Path, now: datetime) -> Path:
    from openpyxl.workbook.protection import WorkbookProtection

    from charte_desktop.exports.xlsx_cells import new_workbook, save_workbook

    workbook = new_workbook(f"Mise à jour — {content.plan_title}", write_only=False)
    looks = _Looks()
    actions_shape = _actions_sheet(workbook, content, now, looks)
    indicators_shape = _indicators_sheet(workbook, content, now, looks)
    _identity_sheet(workbook, content, now, (actions_shape, indicators_shape))
    # Sheets cannot be renamed, moved, deleted or unhidden; no password (see module doc).
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 0
    return save_workbook(workbook, target)


class _Looks:
    """The looks of this workbook, built on the shared ones."""

    def __init__(self) -> None:
        from charte_desktop.exports.xlsx_cells import HEADER, WRAPPED, Look

        self.context = WRAPPED.but(border=True)
        self.editable = Look(fill=EDITABLE_FILL, border=True, locked=False, vertical="top",
                             wrap=True)
        self.header = HEADER
        self.editable_header = HEADER.but(fill=EDITABLE_HEADER_FILL)
        self.computed = WRAPPED.but(border=True, italic=True, colour="595959",
                                    fill=COMPUTED_FILL)
        self.legend = Look(fill=EDITABLE_FILL, border=True, bold=True, horizontal="center")


def _protect(ws: Any) -> None:
    """Locked cells stay as they are; columns and rows may still be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _intro(ws: Any, lines: list[Any], header_row: int) -> None:
    """The rows above the table; `lines` are cell lists, padded with blank rows."""
    assert len(lines) < header_row, "the instructions overflow the table's place"
    for line in lines:
        ws.append(line)
    for _blank in range(header_row - 1 - len(lines)):
        ws.append([])


def _heading(content: UpdateContent, what: str, now: datetime) -> tuple[str, str, str]:
    pilot = f"Pilote : {content.pilot_name}" if content.pilot_id is not None else (
        "Toutes les actions du plan")
    sender = f" par {content.territory}" if content.territory else ""
    return (f"{what} — {content.plan_title}", pilot,
            f"Classeur envoyé le {format_date(now.astimezone().date())}{sender}.")


def _actions_sheet(
    workbook: Any, content: UpdateContent, now: datetime, looks: _Looks
) -> layout.SheetShape:
    from openpyxl.worksheet.datavalidation import DataValidation

    from charte_desktop.exports.xlsx_cells import (
        SECTION,
        SUBTITLE,
        TITLE,
        SheetCells,
        prepare_sheet,
    )

    ws = workbook.create_sheet(layout.ACTIONS_SHEET)
    columns = layout.ACTION_COLUMNS
    header = layout.ACTIONS_HEADER_ROW
    prepare_sheet(ws, [c.width for c in columns], freeze=f"B{header + 1}",
                  title_rows=f"{header}:{header}", footer=content.plan_title)
    cells = SheetCells(ws)
    title, pilot, sent = _heading(content, "Mise à jour des actions", now)
    _intro(ws, [
        [cells.text(title, TITLE)],
        [cells.text(pilot, SUBTITLE)],
        [cells.text(sent, SUBTITLE)],
        [],
        [cells.text("Comment remplir ce classeur", SECTION)],
        [cells.text("À remplir", looks.legend),
         "Seules les cellules jaunes se remplissent ; le reste du classeur est protégé. "
         "Laissez vide ce qui n'a pas changé."],
        ["1. Nouveau statut : choisissez-le dans la liste déroulante de la cellule."],
        ["2. Nouvel avancement : un nombre entier de 0 à 100 (en %)."],
        ["3. Commentaire : ce qui a été fait, les difficultés, les prochaines étapes ; il "
         "rejoindra le journal de suivi de l'action."],
        ["4. Feuille « Indicateurs » : la nouvelle valeur de chaque indicateur et sa date."],
        ["5. N'ajoutez, ne déplacez ni ne supprimez aucune ligne, colonne ou feuille ; "
         "enregistrez le classeur au format Excel (.xlsx) puis renvoyez-le."],
    ], header)
    ws.append([cells.text(c.header, looks.editable_header if c.editable else looks.header)
               for c in columns])
    _fit_row(ws, header, {i: c.header for i, c in enumerate(columns, start=1)}, columns,
             density=0.9)  # bold
    for index, line in enumerate(content.actions, start=header + 1):
        ws.append(_action_row(cells, looks, line))
        _fit_row(ws, index, {2: line.title, 3: line.axis, 8: "\n".join(line.milestones_due)},
                 columns, minimum=2)  # two lines at least: room to write a comment
    first, last = header + 1, header + len(content.actions)
    status_col = _letter(columns, "new_status")
    progress_col = _letter(columns, "new_progress")
    statuses = DataValidation(
        type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Statut inconnu",
        error="Choisissez un statut de la liste (« En retard » est calculé par Charte).",
        showInputMessage=True, promptTitle="Nouveau statut",
        prompt="Choisissez le statut dans la liste, s'il a changé.",
    )  # showDropDown stays False: True would *hide* the arrow (inverted in the format)
    statuses.add(f"{status_col}{first}:{status_col}{last}")
    percent = DataValidation(
        type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
        showErrorMessage=True, errorTitle="Avancement",
        error="Saisissez un nombre entier de 0 à 100.",
    )
    percent.add(f"{progress_col}{first}:{progress_col}{last}")
    ws.add_data_validation(statuses)
    ws.add_data_validation(percent)
    _protect(ws)
    return layout.SheetShape(
        layout.ACTIONS_SHEET, header, tuple(c.header for c in columns),
        tuple((first + i, line.action_id, _key(line.code))
              for i, line in enumerate(content.actions)),
    )


def _action_row(cells: Any, looks: _Looks, line: ActionLine) -> list[Any]:
    progress = (cells.text(layout.PROGRESS_FROM_MILESTONES, looks.computed)
                if line.progress_from_milestones else _blank(cells, looks.editable))
    return [
        cells.text(line.code, looks.context),
        cells.text(line.title, looks.context),
        cells.text(line.axis, looks.context),
        cells.text(line.pilot, looks.context),
        cells.text(line.status.label, looks.context),
        cells.percent(line.progress / 100, looks.context),
        cells.date(line.end_date, looks.context) or _blank(cells, looks.context),
        cells.text("\n".join(line.milestones_due), looks.context),
        _blank(cells, looks.editable),
        progress,
        _blank(cells, looks.editable),
    ]


def _indicators_sheet(
    workbook: Any, content: UpdateContent, now: datetime, looks: _Looks
) -> layout.SheetShape:
    from openpyxl.worksheet.datavalidation import DataValidation

    from charte_desktop.exports.xlsx_cells import SUBTITLE, TITLE, SheetCells, prepare_sheet

    ws = workbook.create_sheet(layout.INDICATORS_SHEET)
    columns = layout.INDICATOR_COLUMNS
    header = layout.INDICATORS_HEADER_ROW
    prepare_sheet(ws, [c.width for c in columns], freeze=f"B{header + 1}",
                  title_rows=f"{header}:{header}", footer=content.plan_title)
    cells = SheetCells(ws)
    title, pilot, _sent = _heading(content, "Indicateurs", now)
    _intro(ws, [
        [cells.text(title, TITLE)],
        [cells.text(pilot, SUBTITLE)],
        ["Saisissez dans les cellules jaunes la nouvelle valeur de chaque indicateur, dans "
         "son unité (12 ou 12,5), et la date à laquelle elle se rapporte."],
        ["La date proposée est celle de l'envoi : changez-la si besoin (fin de trimestre…). "
         "Laissez la ligne vide si la valeur n'est pas connue."],
    ], header)
    ws.append([cells.text(c.header, looks.editable_header if c.editable else looks.header)
               for c in columns])
    day = now.astimezone().date()
    _fit_row(ws, header, {i: c.header for i, c in enumerate(columns, start=1)}, columns,
             density=0.9)  # bold
    for index, line in enumerate(content.indicators, start=header + 1):
        ws.append(_indicator_row(cells, looks, line, day))
        _fit_row(ws, index, {1: line.name, 6: _target(line)}, columns)
    if not content.indicators:
        ws.append([cells.text(layout.NO_INDICATOR, looks.computed)])
    else:
        first, last = header + 1, header + len(content.indicators)
        date_col = _letter(columns, "measure_date")
        value_col = _letter(columns, "value")
        dates = DataValidation(
            type="date", operator="between", formula1="36526", formula2="73050",
            allow_blank=True, showErrorMessage=True, errorTitle="Date",
            error="Saisissez une date, par exemple 31/03/2026.",
        )  # 01/01/2000 to 31/12/2099
        dates.add(f"{date_col}{first}:{date_col}{last}")
        values = DataValidation(
            type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
            allow_blank=True, showErrorMessage=True, errorTitle="Valeur",
            error="Saisissez un nombre, par exemple 12 ou 12,5.",
        )
        values.add(f"{value_col}{first}:{value_col}{last}")
        ws.add_data_validation(dates)
        ws.add_data_validation(values)
    _protect(ws)
    return layout.SheetShape(
        layout.INDICATORS_SHEET, header, tuple(c.header for c in columns),
        tuple((header + 1 + i, line.indicator_id, _key(line.name))
              for i, line in enumerate(content.indicators)),
    )


def _target(line: IndicatorLine) -> str:
    if line.target_value is None:
        return ""
    target = f"{format_number(line.target_value)} {line.unit}".strip()
    if line.target_date is not None:
        target += f" au {format_date(line.target_date)}"
    return target


def _indicator_row(cells: Any, looks: _Looks, line: IndicatorLine, day: date) -> list[Any]:
    latest = (cells.number(line.latest_value, looks.context)
              if line.latest_value is not None else _blank(cells, looks.context))
    return [
        cells.text(line.name, looks.context),
        cells.text(line.unit, looks.context),
        cells.text(", ".join(line.action_codes), looks.context),
        latest,
        cells.date(line.latest_date, looks.context) or _blank(cells, looks.context),
        cells.text(_target(line), looks.context),
        cells.date(day, looks.editable),
        _blank(cells, looks.editable),
        _blank(cells, looks.editable),
    ]


def _identity_sheet(
    workbook: Any, content: UpdateContent, now: datetime, shapes: tuple[layout.SheetShape, ...]
) -> None:
    """The hidden sheet: identity, then the id behind each table row."""
    from charte_desktop.exports.xlsx_cells import SheetCells

    ws = workbook.create_sheet(layout.IDENTITY_SHEET)
    cells = SheetCells(ws)
    values: dict[str, Any] = {
        "format": layout.FORMAT_MARKER,
        "version": layout.FORMAT_VERSION,
        "file": content.file_token,
        "file_name": content.file_name,
        "plan": content.plan_id,
        "plan_created": content.plan_created_at.isoformat(timespec="microseconds"),
        "plan_title": content.plan_title,
        "pilot": content.pilot_id,
        "pilot_name": content.pilot_name,
        "export": uuid.uuid4().hex,
        "exported_at": now.isoformat(timespec="seconds"),
        "signature": layout.structure_signature(shapes),
    }
    ws.append([cells.text("Ne pas modifier : cette feuille permet à Charte de reconnaître le "
                          "classeur à son retour.")])
    for key, meaning in layout.IDENTITY_KEYS:
        value = values[key]
        ws.append([key, cells.text(value) if isinstance(value, str) else value, meaning])
    ws.append([layout.ROWS_MARKER, "feuille", "ligne", "numéro", "clé", "actions",
               layout.PRINTS_HEADER])
    codes = {line.indicator_id: line for line in content.indicators}
    action_ids = {line.code: line.action_id for line in content.actions}
    for shape in shapes:
        sheet = workbook[shape.title]
        protected = layout.protected_columns(
            layout.INDICATOR_COLUMNS if shape.title == layout.INDICATORS_SHEET
            else layout.ACTION_COLUMNS)
        for row, item_id, key in shape.rows:
            extra = ""
            if shape.title == layout.INDICATORS_SHEET:
                extra = ",".join(str(action_ids[code]) for code in codes[item_id].action_codes)
            prints = layout.row_prints([sheet.cell(row, c).value for c in protected])
            ws.append(["", cells.text(shape.title), row, item_id, cells.text(key),
                       cells.text(extra), prints])
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


LINE_HEIGHT = 15.0  # points per line of 11-point text


def _lines(text: str, width: float, density: float = 1.15) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (roughly:
    proportional letters are narrower than the digit the width is counted in)."""
    per_line = max(1, int(width * density))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _fit_row(
    ws: Any, row: int, texts: dict[int, str], columns: Any, *, minimum: int = 1,
    density: float = 1.15,
) -> None:
    """Give a row the height of its longest wrapped text: neither Excel nor LibreOffice
    does it by itself for rows written by a program."""
    lines = max([minimum, *(_lines(text, columns[i - 1].width, density)
                            for i, text in texts.items())])
    ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3


def _blank(cells: Any, look: Any) -> Any:
    """An empty cell with a look (an editable one must exist to be unlocked and yellow)."""
    return cells.styled(None, look, "n")


def _key(text: str) -> str:
    """A row's key as the reader will see it (cleaned and stripped like any cell)."""
    from charte_desktop.exports.xlsx_cells import clean_text

    return clean_text(text).strip()


def _letter(columns: tuple[layout.Column, ...], key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(layout.column_number(columns, key))
