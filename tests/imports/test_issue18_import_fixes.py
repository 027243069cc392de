"""Issue 18, reviewer's findings on the plan import: progress formatted as a percentage in
Excel, the plan's title taken from a real title row only, partners split at « ; » and
line breaks only, names matched whatever their punctuation, unreadable dates left empty."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from charte_desktop.db import Database, open_database
from charte_desktop.db.models import Action, Organisation, Plan, Policy
from charte_desktop.imports.action_plan import (
    ACTION_FIELDS,
    ActionsPreview,
    Target,
    apply_actions,
    preview_actions,
)
from charte_desktop.imports.columns import guess_header
from charte_desktop.imports.contacts import CONTACT_FIELDS, preview_contacts
from charte_desktop.imports.people import NameIndex, name_key
from charte_desktop.imports.plan_title import suggested_plan_title
from charte_desktop.imports.table_reader import read_table
from charte_desktop.imports.values import (
    fraction_column,
    is_percent_format,
    parse_progress,
)
from charte_desktop.services.directory import OrganisationFields, create_organisation
from tests.command_line import run_cli, sha256

REGION_SERVICE = "Région Bourgogne-Franche-Comté, Direction de l'agriculture"


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    database = open_database(demo)
    yield database
    database.close()


def _workbook(path: Path, rows: list[tuple[object, ...]],
              formats: dict[str, str] | None = None) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    workbook.save(path)
    return path


def _preview(db: Database, path: Path, target: Target | None = None) -> ActionsPreview:
    table = read_table(path)
    return preview_actions(db, table, guess_header(table, ACTION_FIELDS), target or Target())


def _actions(db: Database, title: str) -> dict[str, Action]:
    with db.session() as session:
        plan_id = session.scalars(select(Plan.id).where(Plan.title == title)).one()
        actions = session.scalars(select(Action).where(Action.plan_id == plan_id).options(
            selectinload(Action.partners), selectinload(Action.policies))).all()
        session.expunge_all()
    return {action.code: action for action in actions}


def _count(db: Database, model: type, *where: Any) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


# --- 1. Progress: a cell formatted « % » holds a share, any other number a percentage -------

def test_a_percent_format_says_the_number_is_a_share(demo_db: Database, tmp_path: Path
                                                     ) -> None:
    path = _workbook(tmp_path / "avancement.xlsx", [
        ("Plan vélo 2026",),
        ("N°", "Intitulé", "Avancement"),
        ("1", "Pistes cyclables", 1),      # « 100 % » in Excel
        ("2", "Abris vélos", 40),          # typed 40 in a plain cell
        ("3", "Vélo-école", 75),
        ("4", "Prime vélo", 0.5),          # « 50 % » in Excel
        ("5", "Carte des itinéraires", 40),  # « 40 % » with a literal percent sign
        ("6", "Stationnement", 0.25),      # a share typed without a format
    ], formats={"C3": "0%", "C6": "0.0 %", "C7": '0" %"'})
    table = read_table(path)
    assert table.rows[2].number_formats == {2: "0%"}
    assert table.rows[3].number_formats == {}
    preview = _preview(demo_db, path)
    assert preview.ok, preview.problems
    assert [(item.fields.code, item.fields.progress) for item in preview.actions] == [
        ("1", 100), ("2", 40), ("3", 75), ("4", 50), ("5", 40), ("6", 25)]
    apply_actions(demo_db, preview)
    assert _actions(demo_db, "Plan vélo 2026")["1"].progress == 100


def test_a_column_of_shares_formatted_as_percentages(demo_db: Database, tmp_path: Path
                                                     ) -> None:
    path = _workbook(tmp_path / "parts.xlsx", [
        ("N°", "Intitulé", "Avancement"),
        ("1", "Pistes cyclables", 1),
        ("2", "Abris vélos", 0.4),
        ("3", "Vélo-école", 0),
    ], formats={"C2": "0%", "C3": "0%", "C4": "0%"})
    preview = _preview(demo_db, path)
    assert [item.fields.progress for item in preview.actions] == [100, 40, 0]


def test_a_percentage_out_of_range_is_shown_as_excel_shows_it(demo_db: Database,
                                                              tmp_path: Path) -> None:
    path = _workbook(tmp_path / "trop.xlsx", [
        ("N°", "Intitulé", "Avancement"),
        ("1", "Pistes cyclables", 40),  # 40 formatted « 0% » afterwards: « 4000 % »
    ], formats={"C2": "0%"})
    preview = _preview(demo_db, path)
    assert [str(problem) for problem in preview.problems] == [
        "ligne 2 : avancement « 4\u202f000\u00a0% » hors de 0 à 100 %"]


def test_a_csv_file_keeps_the_rule_without_formats(demo_db: Database, tmp_path: Path
                                                   ) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("N°;Intitulé;Avancement\n1;Pistes;1\n2;Abris;40\n3;École;0,4\n",
                    encoding="utf-8")
    preview = _preview(demo_db, path)
    assert [item.fields.progress for item in preview.actions] == [1, 40, 40]
    shares = tmp_path / "parts.csv"
    shares.write_text("N°;Intitulé;Avancement\n1;Pistes;1\n2;Abris;0,4\n", encoding="utf-8")
    assert [item.fields.progress for item in _preview(demo_db, shares).actions] == [100, 40]


def test_percent_formats_and_progress_values() -> None:
    assert is_percent_format("0%") and is_percent_format("0.00 %")
    assert is_percent_format("[Red]0%;-0%")
    assert not is_percent_format('0" %"') and not is_percent_format("0\\%")
    assert not is_percent_format("General") and not is_percent_format(None)
    assert parse_progress(1, fractions=False, percent_format=True) == 100
    assert parse_progress(0.4, fractions=False, percent_format=True) == 40
    assert parse_progress("40 %", fractions=False, percent_format=True) == 40  # a text
    assert parse_progress(1, fractions=False) == 1
    assert not fraction_column([1, 40, 75], [True, False, False])
    assert fraction_column([1, 0.4])


# --- 2. The new plan's title: a title row only, else the file's name ------------------------

def _title(path: Path) -> str:
    table = read_table(path)
    return suggested_plan_title(table, guess_header(table, ACTION_FIELDS))


def test_the_plan_title_is_a_real_title_row_or_the_file_name(tmp_path: Path) -> None:
    header = ("N°", "Intitulé", "Pilote", "Échéance")
    row = ("1", "Pistes cyclables", "Hélène Barbier", "2026")
    titled = _workbook(tmp_path / "titre.xlsx", [
        ("  Plan vélo\ndu Val d'Aubrance  ",), (), header, row])
    assert _title(titled) == "Plan vélo du Val d'Aubrance"
    # A column's title alone above the header (« Action » over N° and Intitulé) is none.
    action = _workbook(tmp_path / "plan-velo.xlsx", [("Action",), header, row])
    assert _title(action) == "plan-velo"
    # Nor is a label just above some columns (« Calendrier » over « Échéance »), nor a date.
    label = _workbook(tmp_path / "calendrier.xlsx", [
        (None, None, None, "Calendrier"), header, row])
    assert _title(label) == "calendrier"
    dated = _workbook(tmp_path / "2026.xlsx", [("12/01/2026",), (), header, row])
    assert _title(dated) == "2026"
    bare = _workbook(tmp_path / "sans-titre.xlsx", [header, row])
    assert _title(bare) == "sans-titre"


def test_the_command_line_names_the_plan_after_the_file_without_a_title(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _workbook(tmp_path / "Plan vélo 2026.xlsx", [
        ("Actions",), ("N°", "Intitulé", "Pilote"), ("1", "Pistes cyclables", None)])
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    assert out.startswith("1 action importée dans le nouveau plan « Plan vélo 2026 »")


# --- 3 and 4. Partners: split at « ; » and line breaks; names matched loosely ---------------

def test_a_comma_stays_in_a_partner_name(demo_db: Database, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "partenaires.xlsx", [
        ("Plan vélo 2026",),
        ("N°", "Intitulé", "Partenaires", "Politiques publiques"),
        ("1", "Pistes cyclables", f"{REGION_SERVICE} ; Club vélo des Granges", "PCAET, PDM"),
        ("2", "Abris vélos", "Club vélo des Granges\nCommune de Lons, services techniques",
         None),
    ])
    preview = _preview(demo_db, path)
    assert preview.new_partners == [REGION_SERVICE, "Club vélo des Granges",
                                    "Commune de Lons, services techniques"]
    apply_actions(demo_db, preview)
    actions = _actions(demo_db, "Plan vélo 2026")
    assert sorted(org.name for org in actions["1"].partners) == [
        "Club vélo des Granges", REGION_SERVICE]
    assert sorted(policy.code for policy in actions["1"].policies) == ["PCAET", "PDM"]
    assert _count(demo_db, Organisation, Organisation.name == "Direction de l'agriculture") == 0


def test_a_structure_written_short_is_the_directory_s_not_a_second_one(
        demo_db: Database, tmp_path: Path) -> None:
    """« ADEME » is the directory's « ADEME — direction régionale … », « Région » its one
    Région: the COPIL's table by funder lists each once. The preview says so; a name that
    could be two structures, or a more precise one, is created as written."""
    create_organisation(demo_db, OrganisationFields(name="Syndicat des eaux — nord"))
    create_organisation(demo_db, OrganisationFields(name="Syndicat des eaux — sud"))
    with demo_db.session() as session:  # both in the demo's directory
        region = session.scalars(select(Organisation.id).where(
            Organisation.name == "Région Bourgogne-Franche-Comté")).one()
        ademe = session.scalars(select(Organisation.id).where(
            Organisation.name == "ADEME — direction régionale Bourgogne-Franche-Comté")).one()
    path = _workbook(tmp_path / "courts.xlsx", [
        ("Plan vélo 2026",),
        ("N°", "Intitulé", "Partenaires"),
        ("1", "Pistes cyclables", "ADEME ; Région"),
        ("2", "Abris vélos", f"ademe ; Syndicat des eaux ; {REGION_SERVICE}"),
    ])
    preview = _preview(demo_db, path)
    assert preview.new_partners == ["Syndicat des eaux", REGION_SERVICE]
    notes = [str(note) for note in preview.notes]
    assert ("ligne 3 : partenaire « ADEME » pris pour « ADEME — direction régionale "
            "Bourgogne-Franche-Comté », déjà dans l'annuaire") in notes
    assert ("ligne 3 : partenaire « Région » pris pour « Région Bourgogne-Franche-Comté », "
            "déjà dans l'annuaire") in notes
    apply_actions(demo_db, preview)
    actions = _actions(demo_db, "Plan vélo 2026")
    assert sorted(org.id for org in actions["1"].partners) == sorted([ademe, region])
    assert ademe in [org.id for org in actions["2"].partners]


def test_names_match_whatever_their_case_accents_punctuation_and_spaces(
        demo_db: Database, tmp_path: Path) -> None:
    known = create_organisation(demo_db, OrganisationFields(name="région bfc")).id
    organisations, policies = _count(demo_db, Organisation), _count(demo_db, Policy)
    path = _workbook(tmp_path / "noms.xlsx", [
        ("Plan vélo 2026",),
        ("N°", "Intitulé", "Partenaires", "Politiques publiques"),
        ("1", "Pistes cyclables", "Région BFC", "PLUi"),
        ("2", "Abris vélos", "REGION B.F.C. ; Club Vélo-des-Granges", "plu (i) ; Scot"),
        ("3", "Vélo-école", "club vélo des granges", "SDIRVE ; S.D.I.R.V.E."),
    ])
    preview = _preview(demo_db, path)
    assert preview.new_partners == ["Club Vélo-des-Granges"]  # once, as first written
    assert preview.new_policies == ["SDIRVE"]
    apply_actions(demo_db, preview)
    assert (_count(demo_db, Organisation), _count(demo_db, Policy)) == (
        organisations + 1, policies + 1)
    actions = _actions(demo_db, "Plan vélo 2026")
    assert [org.id for org in actions["1"].partners] == [known]
    assert [policy.code for policy in actions["1"].policies] == ["PLU(i)"]
    assert sorted(policy.code for policy in actions["2"].policies) == ["PLU(i)", "SCoT"]
    assert [org.name for org in actions["3"].partners] == ["Club Vélo-des-Granges"]


def test_a_name_index_prefers_the_exact_spelling() -> None:
    assert name_key("PLU(i)") == name_key("PLUi") == "plui"
    assert name_key("Région BFC") == name_key("région b.f.c.") == "regionbfc"
    assert name_key(" -/- ") == "-/-"  # no letter: the name folded
    index = NameIndex()
    index.add("C.C.A.S.", 1)
    index.add("CCAS", 2)
    assert (index.get("ccas"), index.get("c.c.a.s."), index.get("C C A S")) == (2, 1, None)
    first = NameIndex(keep_first=True)
    first.add("Mairie", 1)
    first.add("mairie", 2)
    assert first.get("MAIRIE") == 1


def test_the_contacts_import_matches_structures_the_same_way(demo_db: Database,
                                                             tmp_path: Path) -> None:
    path = _workbook(tmp_path / "contacts.xlsx", [
        ("Nom", "Prénom", "Structure"),
        ("Durand", "Paule", "REGION BOURGOGNE FRANCHE COMTE"),
    ])
    table = read_table(path)
    preview = preview_contacts(demo_db, table, guess_header(table, CONTACT_FIELDS))
    assert preview.ok and preview.new_organisations == []


# --- 6. An unreadable date is left empty, with a note; a row without title still refused ---

def test_an_unreadable_date_is_left_empty_and_said(demo_db: Database, tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [
        ("Plan vélo 2026",), ("N°", "Intitulé", "Date de début", "Échéance")]
    rows += [(str(number), f"Action {number}", "01/03/2026", "30/06/2026")
             for number in range(1, 12)]
    rows.append(("12", "Pistes cyclables", "31/02/2026", "bientôt"))  # line 14
    path = _workbook(tmp_path / "dates.xlsx", rows)
    preview = _preview(demo_db, path)
    assert preview.ok, preview.problems
    notes = [str(note) for note in preview.notes]
    assert "Ligne 14 : date « 31/02/2026 » illisible, laissée vide." in notes
    assert "Ligne 14 : date « bientôt » illisible, laissée vide." in notes
    assert preview.counts().endswith(" ; 2 dates illisibles laissées vides")
    assert "Ligne 14 : date « 31/02/2026 » illisible, laissée vide." in preview.skip_notes
    apply_actions(demo_db, preview)
    actions = _actions(demo_db, "Plan vélo 2026")
    assert len(actions) == 12
    assert (actions["12"].start_date, actions["12"].end_date) == (None, None)
    assert actions["1"].start_date == date(2026, 3, 1)


def test_a_row_without_title_is_still_refused(demo: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = _workbook(tmp_path / "sans-intitule.xlsx", [
        ("N°", "Intitulé", "Date de début"),
        ("1", "Pistes cyclables", "31/02/2026"),
        ("2", None, "01/03/2026"),
    ])
    before = sha256(demo)
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, out) == (1, "")
    assert "ligne 3 : intitulé de l'action manquant" in err
    assert sha256(demo) == before
    path = _workbook(tmp_path / "date-seule.xlsx", [
        ("N°", "Intitulé", "Date de début"), ("1", "Pistes cyclables", "31/02/2026")])
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == ["Ligne 2 : date « 31/02/2026 » illisible, laissée vide."]
