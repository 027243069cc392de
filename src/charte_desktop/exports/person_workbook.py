"""One person's data (RGPD, droit d'accès) as an Excel workbook: one sheet per kind —
Identité, Instances, Présences, Suites à donner, Actions, Mentions — read from
`services.person_record`, written through `xlsx_cells` like the other workbooks.

Importing this module is cheap: openpyxl is loaded when writing.
"""

from datetime import date
from pathlib import Path
from typing import Any

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.formatting import format_date
from charte_desktop.services.person_record import PersonRecord, person_record

KIND = "Données personnelles"


def suggested_person_name(db: Database, contact_id: int, *,
                          today: date | None = None) -> str:
    """E.g. "Données personnelles - Marie Dupont - 2026-03-14.xlsx"."""
    from charte_desktop.exports.naming import suggested_person_data_name
    from charte_desktop.services.directory import contact_name

    return suggested_person_data_name(contact_name(db, contact_id).full_name,
                                      today or clock.today())


def write_person_workbook(db: Database, contact_id: int, target: Path, *,
                          today: date | None = None) -> Path:
    """Write everything the file holds about contact `contact_id` to `target`; its path.
    An unknown contact is a French CharteError and nothing is written; never written over
    a Charte file."""
    from charte_desktop.exports.safe_write import check_target
    from charte_desktop.exports.xlsx_cells import WorkbookLooks, new_workbook, save_workbook

    target = check_target(target)
    record = person_record(db, contact_id)
    today = today or clock.today()
    workbook = new_workbook(f"{KIND} – {record.full_name}")
    looks = WorkbookLooks(workbook)
    subtitle = f"{record.full_name} · situation au {format_date(today)}"
    footer = f"{KIND} – {record.full_name} – au {format_date(today)}"
    for write in (_identity, _memberships, _meetings, _follow_ups, _actions, _mentions):
        write(workbook, looks, record, subtitle, footer)
    return save_workbook(workbook, target)


def _sheet(workbook: Any, looks: Any, title: str, subtitle: str, footer: str,
           columns: list[Any], rows: list[tuple[Any, ...]], empty: str) -> None:
    from charte_desktop.exports.xlsx_cells.table_sheet import table_sheet

    count = len(rows)
    table_sheet(workbook, looks, title=title,
                subtitle=f"{subtitle} · {count} ligne{'s' if count > 1 else ''}"
                if rows else f"{subtitle} · {empty}",
                footer=footer, columns=columns, rows=rows)


def _identity(workbook: Any, looks: Any, record: PersonRecord, subtitle: str,
              footer: str) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column

    columns = [Column("Donnée", width=22), Column("Valeur", width=70, look=WRAPPED_LOW)]
    rows = [(label, value or None) for label, value in record.identity]
    _sheet(workbook, looks, "Identité", subtitle, footer, columns, rows, "aucune donnée")


def _memberships(workbook: Any, looks: Any, record: PersonRecord, subtitle: str,
                 footer: str) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind

    columns = [Column("Instance", width=40, look=WRAPPED_LOW), Column("Type", width=22),
               Column("Rôle", width=18), Column("Votant", Kind.YES_NO, 8),
               Column("Depuis", Kind.DATE, 11), Column("Jusqu'au", Kind.DATE, 11)]
    rows = [(line.body, line.kind, line.role, line.voting, line.start, line.end)
            for line in record.memberships]
    _sheet(workbook, looks, "Instances", subtitle, footer, columns, rows,
           "membre d'aucune instance")


def _meetings(workbook: Any, looks: Any, record: PersonRecord, subtitle: str,
              footer: str) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind

    columns = [Column("Date", Kind.DATE, 11), Column("Instance", width=36, look=WRAPPED_LOW),
               Column("Réunion", width=12), Column("Présence ou rôle", width=26),
               Column("Précision", width=44, look=WRAPPED_LOW)]
    rows = [(line.day, line.body, line.meeting_state, line.role, line.detail or None)
            for line in record.meetings]
    _sheet(workbook, looks, "Présences", subtitle, footer, columns, rows,
           "aucune réunion")


def _follow_ups(workbook: Any, looks: Any, record: PersonRecord, subtitle: str,
                footer: str) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind

    columns = [Column("Réunion du", Kind.DATE, 11),
               Column("Instance", width=30, look=WRAPPED_LOW),
               Column("Suite à donner", width=60, look=WRAPPED_LOW),
               Column("Échéance", Kind.DATE, 11), Column("Faite", Kind.YES_NO, 8),
               Column("Faite le", Kind.DATE, 11)]
    rows = [(line.day, line.body, line.text, line.due, line.done, line.done_on)
            for line in record.follow_ups]
    _sheet(workbook, looks, "Suites à donner", subtitle, footer, columns, rows,
           "aucune suite à donner")


def _actions(workbook: Any, looks: Any, record: PersonRecord, subtitle: str,
             footer: str) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column

    columns = [Column("Plan", width=30, look=WRAPPED_LOW), Column("Code", width=10),
               Column("Action", width=50, look=WRAPPED_LOW), Column("Rôle", width=22),
               Column("Précision", width=22, look=WRAPPED_LOW)]
    rows = [(line.plan, line.code or None, line.title, line.role, line.detail or None)
            for line in record.actions]
    _sheet(workbook, looks, "Actions", subtitle, footer, columns, rows, "aucune action")


def _mentions(workbook: Any, looks: Any, record: PersonRecord, subtitle: str,
              footer: str) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind

    columns = [Column("Où", width=36, look=WRAPPED_LOW), Column("N°", Kind.INTEGER, 8),
               Column("Extrait", width=80, look=WRAPPED_LOW)]
    rows = [(mention.where, mention.row_id, mention.excerpt) for mention in record.mentions]
    _sheet(workbook, looks, "Mentions", subtitle, footer, columns, rows,
           "nom et courriel cités nulle part ailleurs")
