"""Between the preview and « Importer », another officer (on a shared server) may have
created the very pilot, partner or policy the import would create: the import uses hers,
and the directory never holds the same name twice."""

from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.models import Contact, Organisation, Policy
from charte_desktop.imports.action_plan import (
    ACTION_FIELDS,
    Target,
    apply_actions,
    preview_actions,
)
from charte_desktop.imports.columns import guess_header
from charte_desktop.imports.table_reader import read_table
from charte_desktop.services.action_details import PolicyFields, create_policy
from charte_desktop.services.directory import (
    ContactFields,
    OrganisationFields,
    create_contact,
    create_organisation,
)


def plan(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Plan vélo 2027"])
    sheet.append(["N°", "Intitulé", "Pilote", "Partenaires", "Politiques publiques"])
    sheet.append(["1.1", "Stationnement vélo en gare", "Zoé Lefèvre", "Club vélo ; Région",
                  "PVD"])
    sheet.append(["1.2", "Vélo-école", "Zoé Lefèvre", "Club vélo", "PVD"])
    path = folder / "plan-velo.xlsx"
    book.save(path)
    return path


def count(db: Database, column: object, value: str) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).where(column == value)) or 0)


def test_the_import_uses_what_another_officer_created_since_the_preview(
        db: Database, tmp_path: Path) -> None:
    table = read_table(plan(tmp_path))
    preview = preview_actions(db, table, guess_header(table, ACTION_FIELDS), Target())
    assert preview.new_pilots == ["Zoé Lefèvre"] and not preview.problems

    # Meanwhile, on the server, a colleague's import created the same ones.
    zoe = create_contact(db, ContactFields(last_name="Lefèvre", first_name="Zoé")).id
    club = create_organisation(db, OrganisationFields(name="Club vélo")).id
    pdm = create_policy(db, PolicyFields(code="PVD")).id

    result = apply_actions(db, preview)
    assert result.actions == 2
    assert (result.contacts, result.organisations, result.policies) == (0, 1, 0)  # « Région »
    assert count(db, Contact.last_name, "Lefèvre") == 1
    assert count(db, Organisation.name, "Club vélo") == 1
    assert count(db, Policy.code, "PVD") == 1
    with db.session() as session:
        from charte_desktop.db.models import Action

        actions = session.scalars(select(Action).order_by(Action.code)).all()
        assert {action.pilot_id for action in actions} == {zoe}
        assert all(club in {p.id for p in action.partners} for action in actions)
        assert all([p.id for p in action.policies] == [pdm] for action in actions)


def test_two_people_of_that_name_already_make_a_third(db: Database, tmp_path: Path) -> None:
    """As in the preview: a name the directory holds twice designates no one."""
    table = read_table(plan(tmp_path))
    preview = preview_actions(db, table, guess_header(table, ACTION_FIELDS), Target())
    for _ in range(2):
        create_contact(db, ContactFields(last_name="Lefèvre", first_name="Zoé"))
    result = apply_actions(db, preview)
    assert result.contacts == 1
    assert count(db, Contact.last_name, "Lefèvre") == 3
