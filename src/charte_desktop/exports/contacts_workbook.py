"""Contacts out: the directory, or one body's members with their role, as an Excel
workbook made with the same care as the tableau de suivi (real tables, frozen headers,
e-mail addresses as links, text that never becomes a formula).

Not exported: the contacts' private notes (the file is made to be shared).
Importing this module is cheap: openpyxl is loaded when writing.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import Civility
from charte_desktop.db.models import Membership
from charte_desktop.formatting import format_date
from charte_desktop.services import bodies, directory, plans

DIRECTORY_KIND, MEMBERS_KIND = "Annuaire", "Membres"


@dataclass
class _Context:
    today: date
    territory: str

    def footer(self, what: str) -> str:
        return " – ".join(part for part in (self.territory, f"{what} au "
                                            f"{format_date(self.today)}") if part)

    def subtitle(self, *parts: str) -> str:
        return " · ".join(part for part in (self.territory, *parts,
                                             f"situation au {format_date(self.today)}")
                          if part)


def suggested_contacts_name(db: Database, body_id: int | None = None, *,
                            today: date | None = None) -> str:
    """E.g. "Annuaire - CC du Val d'Aubrance - 2026-03-14.xlsx" or
    "Membres - COPIL de la charte - 2026-03-14.xlsx"."""
    from charte_desktop.exports.naming import safe_file_name

    if body_id is not None:
        kind, what = MEMBERS_KIND, bodies.get_body(db, body_id).name
    else:
        territory = plans.get_territory(db)
        kind, what = DIRECTORY_KIND, territory.name if territory else "contacts"
    stem = safe_file_name(what)[:80].rstrip(". ")
    day = (today or clock.today()).isoformat()
    return safe_file_name(f"{kind} - {stem} - {day}", suffix=".xlsx")


def write_contacts_workbook(db: Database, target: Path, *, body_id: int | None = None,
                            today: date | None = None) -> Path:
    """Write the directory (contacts and organisations), or the members of body
    `body_id`, to `target`; its path. An unknown body is a French CharteError and
    nothing is written; the file appears whole or not at all."""
    from charte_desktop.exports.safe_write import check_target
    from charte_desktop.exports.xlsx_cells import WorkbookLooks, new_workbook, save_workbook

    target = check_target(target)
    today = today or clock.today()
    territory = plans.get_territory(db)
    context = _Context(today, territory.name if territory else "")
    if body_id is not None:
        body = bodies.get_body(db, body_id)  # a French error if unknown
        memberships = bodies.list_memberships(db, body_id)
        workbook = new_workbook(f"Membres – {body.name}")
        looks = WorkbookLooks(workbook)
        _members_sheet(workbook, looks, context, body.name, body.kind.label, memberships)
        _addresses_sheet(workbook, looks, context, body.name, memberships)
    else:
        workbook = new_workbook(f"Annuaire – {context.territory}".rstrip(" –"))
        looks = WorkbookLooks(workbook)
        _contacts_sheet(workbook, looks, context, db)
        _organisations_sheet(workbook, looks, context, db)
    return save_workbook(workbook, target)


# --- The directory ------------------------------------------------------------------------


def _contacts_sheet(workbook: Any, looks: Any, context: _Context, db: Database) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind, fitted_width
    from charte_desktop.exports.xlsx_cells.table_sheet import table_sheet

    contacts = directory.list_contacts(db)
    addressing = directory.civilities_and_titles(db)
    memberships = bodies.bodies_by_contact(db, today=context.today)
    emails = fitted_width("Courriel", (row.email for row in contacts), maximum=40)
    columns = [
        Column("Civilité", width=10), Column("Nom", width=18), Column("Prénom", width=14),
        Column("Titre (élu·e)", width=18, look=WRAPPED_LOW),
        Column("Fonction", width=26, look=WRAPPED_LOW),
        Column("Structure", width=30, look=WRAPPED_LOW),
        Column("Cercle", width=20, look=WRAPPED_LOW),
        Column("Courriel", Kind.EMAIL, emails), Column("Téléphone", width=16),
        Column("Instances (membre actuel)", width=44, look=WRAPPED_LOW),
    ]

    def rows() -> Iterator[tuple[Any, ...]]:
        for row in contacts:
            civility, title = addressing.get(row.id, (Civility.NONE, ""))
            yield (_civility_cell(civility), row.last_name,
                   row.first_name or None, title or None, row.function or None,
                   row.organisation or None, row.circle or None, row.email or None,
                   row.phone or None, _bodies_text(memberships.get(row.id, [])) or None)

    count = len(contacts)
    table_sheet(
        workbook, looks, title="Contacts",
        subtitle=context.subtitle("Annuaire", f"{count} contact{'s' if count > 1 else ''}"),
        footer=context.footer("Annuaire"), columns=columns, rows=rows(),
        frozen_columns=3)


def _civility_cell(civility: Civility) -> str | None:
    """« Madame », « Monsieur »: the word a mail merge puts before a name or in a greeting
    (the contacts import reads it back)."""
    return None if civility is Civility.NONE else civility.label


def _bodies_text(memberships: list[tuple[str, Any]]) -> str:
    """ "COPIL de la charte (président·e), COTECH" : the role only when not "membre"."""
    from charte_desktop.db.enums import MembershipRole

    return ", ".join(name if role is MembershipRole.MEMBER else f"{name} ({role.label.lower()})"
                     for name, role in memberships)


def _organisations_sheet(workbook: Any, looks: Any, context: _Context, db: Database) -> None:
    from charte_desktop.exports.xlsx_cells import WRAPPED_LOW, Column, Kind
    from charte_desktop.exports.xlsx_cells.table_sheet import table_sheet

    organisations = directory.list_organisations(db)
    columns = [
        Column("Structure", width=44, look=WRAPPED_LOW),
        Column("Cercle", width=24, look=WRAPPED_LOW),
        Column("Adresse", width=48, look=WRAPPED_LOW),
        Column("Contacts", Kind.INTEGER, 10),
    ]
    rows = ((row.name, row.circle or None, row.address or None, row.contact_count)
            for row in organisations)
    count = len(organisations)
    table_sheet(workbook, looks, title="Structures",
                subtitle=context.subtitle("Annuaire",
                                          f"{count} structure{'s' if count > 1 else ''}"),
                footer=context.footer("Annuaire"), columns=columns, rows=rows,
                frozen_columns=1)


# --- A body's members ---------------------------------------------------------------------

FORMER = "Non"  # "Membre actuel" of a membership that has ended (or not begun)


def _is_current(membership: Membership, today: date) -> bool:
    started = membership.start_date is None or membership.start_date <= today
    running = membership.end_date is None or membership.end_date >= today
    return started and running


def _members_sheet(workbook: Any, looks: Any, context: _Context, body_name: str,
                   kind: str, memberships: list[Membership]) -> None:
    from charte_desktop.exports.xlsx_cells import (
        WRAPPED_LOW,
        Column,
        Highlight,
        Kind,
        fitted_width,
    )
    from charte_desktop.exports.xlsx_cells.table_sheet import table_sheet

    today = context.today
    ordered = sorted(memberships, key=lambda m: not _is_current(m, today))  # stable
    emails = fitted_width("Courriel", (m.contact.email for m in memberships), maximum=40)
    columns = [
        Column("Rôle", width=18), Column("Civilité", width=10), Column("Nom", width=18),
        Column("Prénom", width=14), Column("Titre (élu·e)", width=18, look=WRAPPED_LOW),
        Column("Fonction", width=24, look=WRAPPED_LOW),
        Column("Structure", width=28, look=WRAPPED_LOW),
        Column("Courriel", Kind.EMAIL, emails), Column("Téléphone", width=16),
        Column("Votant", Kind.YES_NO, 8), Column("Depuis", Kind.DATE, 11),
        Column("Jusqu'au", Kind.DATE, 11), Column("Membre actuel", Kind.YES_NO, 10),
    ]

    def rows() -> Iterator[tuple[Any, ...]]:
        for membership in ordered:
            contact = membership.contact
            organisation = contact.organisation.name if contact.organisation else None
            yield (membership.role.label, _civility_cell(contact.civility),
                   contact.last_name, contact.first_name or None, contact.title or None,
                   contact.function or None, organisation, contact.email or None,
                   contact.phone or None, membership.voting, membership.start_date,
                   membership.end_date, _is_current(membership, today))

    current = sum(_is_current(m, today) for m in memberships)
    sheet = table_sheet(
        workbook, looks, title="Membres",
        subtitle=context.subtitle(f"{body_name} ({kind})",
                                  f"{current} membre{'s' if current > 1 else ''} actuel"
                                  f"{'s' if current > 1 else ''}"),
        footer=context.footer(f"Membres – {body_name}"), columns=columns,
        rows=rows(), frozen_columns=4)
    sheet.colour_rows_where("Membre actuel", FORMER, Highlight(None, colour="808080"))


def _addresses_sheet(workbook: Any, looks: Any, context: _Context, body_name: str,
                     memberships: list[Membership]) -> None:
    """What the officer pastes into an e-mail's "To" field, and who cannot be reached."""
    from charte_desktop.exports.xlsx_cells import (
        SECTION,
        SUBTITLE,
        TITLE,
        WRAPPED,
        SheetCells,
        prepare_sheet,
        set_row_height,
    )

    current = [m.contact for m in memberships if _is_current(m, context.today)]
    addresses = "; ".join(c.email.strip() for c in current if c.email.strip())
    without = ", ".join(c.full_name for c in current if not c.email.strip())
    ws = workbook.create_sheet("Courriels")
    cells = SheetCells(ws, looks)
    width = 90
    prepare_sheet(ws, [width], footer=context.footer(f"Membres – {body_name}"))
    ws.append([cells.text(f"Courriels – {body_name}", TITLE)])
    ws.append([cells.text(context.subtitle("membres actuels"), SUBTITLE)])
    ws.append([])
    ws.append([cells.text("Adresses à copier dans le champ « À » d'un courriel", SECTION)])
    set_row_height(ws, 5, [(addresses, width)])
    ws.append([cells.text(addresses or "Aucun membre actuel n'a d'adresse électronique.",
                          WRAPPED)])
    ws.append([])
    ws.append([cells.text("Membres actuels sans adresse électronique", SECTION)])
    set_row_height(ws, 8, [(without, width)])
    ws.append([cells.text(without or "Aucun : tous peuvent être joints par courriel.",
                          WRAPPED)])
