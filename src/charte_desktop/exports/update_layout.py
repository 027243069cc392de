"""The shape of an update workbook, shared by its writer and its reader.

A pilot's workbook has two visible sheets (« Actions », « Indicateurs »), each an
instruction block then one table whose first column identifies the row (action code,
indicator name), and a hidden sheet « Charte » holding its identity (file, plan, pilot,
export) and, per table row, the id it stands for. The structure signature is a hash of
the sheet titles, the header rows and those row keys: recomputed from a returned
workbook, it differs as soon as a sheet was renamed, a column or a row moved, added or
deleted.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

FORMAT_MARKER = "charte-classeur-de-mise-a-jour"
FORMAT_VERSION = 1

ACTIONS_SHEET = "Actions"
INDICATORS_SHEET = "Indicateurs"
IDENTITY_SHEET = "Charte"

ACTIONS_HEADER_ROW = 12
INDICATORS_HEADER_ROW = 6

# Shown in the progress cell of an action whose progress follows its milestones.
PROGRESS_FROM_MILESTONES = "Calculé d'après les jalons"
NO_INDICATOR = "Aucun indicateur n'est rattaché à ces actions."


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    editable: bool = False


ACTION_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", 10),
    Column("title", "Action", 42),
    Column("axis", "Axe", 24),
    Column("pilot", "Pilote", 18),
    Column("status", "Statut actuel", 13),
    Column("progress", "Avancement actuel", 12),
    Column("end_date", "Date de fin", 12),
    Column("milestones", "Jalons à venir", 34),
    Column("new_status", "Nouveau statut", 16, editable=True),
    Column("new_progress", "Nouvel avancement (%)", 14, editable=True),
    Column("comment", "Commentaire (fait, difficultés, prochaines étapes)", 50, editable=True),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("name", "Indicateur", 44),
    Column("unit", "Unité", 14),
    Column("actions", "Actions", 12),
    Column("latest_value", "Dernière valeur", 13),
    Column("latest_date", "Date de la dernière valeur", 13),
    Column("target", "Cible", 20),
    Column("measure_date", "Date de la nouvelle valeur", 14, editable=True),
    Column("value", "Nouvelle valeur", 14, editable=True),
    Column("measure_comment", "Commentaire sur la valeur", 40, editable=True),
)


def column_number(columns: Sequence[Column], key: str) -> int:
    """1-based column of `key`."""
    return next(i for i, column in enumerate(columns, start=1) if column.key == key)


# Keys of the identity sheet, in order (column A: key, B: value, C: what it is, in French).
IDENTITY_KEYS: tuple[tuple[str, str], ...] = (
    ("format", "nature du classeur"),
    ("version", "version du format"),
    ("file", "identité du fichier Charte d'origine"),
    ("file_name", "nom du fichier Charte d'origine"),
    ("plan", "numéro du plan"),
    ("plan_created", "création du plan"),
    ("plan_title", "intitulé du plan"),
    ("pilot", "numéro du pilote (vide : tous)"),
    ("pilot_name", "nom du pilote"),
    ("export", "identité de cet envoi"),
    ("exported_at", "date de l'envoi"),
    ("signature", "empreinte de la structure"),
)
ROWS_MARKER = "lignes"  # column A of the row that starts the per-row ids
# Column G of a row's id line: a print of each protected cell of the row (`row_prints`),
# so that a gray cell changed by the pilot is named in the review, never silently dropped.
# Absent from the workbooks written before it: nothing is compared then.
PRINTS_HEADER = "empreintes"


def protected_columns(columns: Sequence[Column]) -> tuple[int, ...]:
    """The 1-based columns the pilot may not change, but the first (the row's key, which
    the structure's check already compares)."""
    return tuple(i for i, column in enumerate(columns, start=1)
                 if not column.editable and i > 1)


def cell_print(value: Any) -> str:
    """A short print of a cell's value, the same as written and as read back (a date
    comes back as a datetime, a number as a float, a text maybe with other spaces)."""
    if value is None or value == "":
        text = ""
    elif isinstance(value, datetime):
        text = value.date().isoformat()
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        text = format(Decimal(repr(round(float(value), 9))).normalize(), "f")
    else:
        text = " ".join(str(value).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def row_prints(values: Sequence[Any]) -> str:
    return ",".join(cell_print(value) for value in values)


@dataclass(frozen=True)
class SheetShape:
    """What the reader relies on in one visible sheet."""

    title: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, int, str], ...]  # (row number, id, key shown in column A)


def structure_signature(shapes: Sequence[SheetShape]) -> str:
    """A stable hash of the visible structure (hex, 64 characters)."""
    canonical = [
        [shape.title, shape.header_row, list(shape.headers), [list(row) for row in shape.rows]]
        for shape in shapes
    ]
    data = json.dumps([FORMAT_VERSION, canonical], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
