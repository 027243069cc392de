"""Hostile text (issue 15): control characters and non-characters, whether they come in
now (a script, a paste, an import) or sit in a file an older version let them into.

Nothing stores them, and every writer (Word, Excel, agenda, e-mail, terminal) copes with
an older file holding them: exit 0, and no part of what is written holds one.
"""

import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from charte_desktop.cli.main import run
from charte_desktop.db import open_database
from charte_desktop.services.actions import ActionFields, create_action
from charte_desktop.text import clean_line, clean_text

# ESC sequences, vertical tab (Word's manual break), SOH, NEL, non-characters, a lone
# surrogate (an undecodable byte of a file name), Windows line ends.
HOSTILE = "A\x1b[31mB\x0bC\x01D\ufffeE\uffffF\x85G\udcffH\r\nI\x7fJ\U0010ffff"
# SQLite's text is UTF-8: a lone surrogate cannot even be stored.
STORABLE_HOSTILE = HOSTILE.replace("\udcff", "")
AS_PARAGRAPHS = "A[31mB\nCDEF\nGH\nIJ"  # what is stored of it in a note
AS_LINE = "A[31mB CDEF GH IJ"  # in a title
# What the XML 1.0 and e-mail writers could not, or should not, carry.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Every text column an officer fills, by table (enums and timestamps are not free text).
HOSTILE_COLUMNS = {
    "action": ("title", "description", "code"),
    "axis": ("title", "description"),
    "plan": ("title", "description"),
    "meeting": ("place", "notes"),
    "agenda_item": ("title", "minutes_text"),
    "decision": ("text",),
    "follow_up": ("text",),
    "contact": ("first_name", "last_name", "function", "phone", "notes"),
    "organisation": ("name", "address", "notes"),
    "body": ("name", "mission", "frequency"),
    "indicator": ("name", "unit", "source", "description"),
    "milestone": ("title",),
    "territory": ("name",),
}


@pytest.fixture
def older_file(demo: Path) -> Path:
    """The demo file, as if an older version had let hostile text into every text column."""
    with sqlite3.connect(demo) as connection:
        for table, columns in HOSTILE_COLUMNS.items():
            for column in columns:
                connection.execute(f"UPDATE {table} SET {column} = ? || {column}",
                                   (STORABLE_HOSTILE,))
    connection.close()
    return demo


def _written_text(path: Path) -> str:
    """Every part of a Word or Excel document, or the whole of an .ics or .eml file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(name).decode("utf-8", errors="strict")
                           for name in archive.namelist() if name.endswith((".xml", ".rels")))
    return path.read_bytes().decode("utf-8", errors="strict").replace("\r\n", "\n")


EXPORTS = [
    ("convocation", "--meeting", "1"),
    ("attendance", "--meeting", "1"),
    ("minutes", "--meeting", "1"),
    ("action", "--action", "1"),
    ("monitoring",),
    ("contacts",),
    ("ics", "--meeting", "1"),
    ("email", "--meeting", "1", "--document", "minutes"),
    ("email", "--meeting", "1", "--document", "convocation"),
    ("update-workbook",),
]


@pytest.mark.parametrize("export", EXPORTS, ids=[" ".join(e) for e in EXPORTS])
def test_every_export_copes_with_an_older_file_holding_hostile_text(
    older_file: Path, tmp_path: Path, export: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "sortie" / "document"
    target.parent.mkdir()
    code = run(["export", export[0], str(older_file), *export[1:], "-o", str(target)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    assert out.strip() == str(target)
    written = _written_text(target)
    assert not _UNWRITABLE.search(written)
    assert "[31mB" in written or export[0] in ("ics", "email", "update-workbook")


def test_the_terminal_and_json_get_the_text_without_its_controls(
    older_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["list", "actions", str(older_file), "--json"]) == 0
    titles = [row["title"] for row in json.loads(capsys.readouterr().out)]
    assert titles and all(title.startswith(AS_LINE) for title in titles)


def test_what_a_use_case_is_given_is_stored_clean(db_path: Path) -> None:
    from charte_desktop.db import create_database
    from charte_desktop.services.plans import PlanFields, create_plan

    with create_database(db_path) as db:
        plan = create_plan(db, PlanFields(title="Plan " + HOSTILE))
        create_action(db, ActionFields(plan_id=plan.id, code="1", title="Titre " + HOSTILE,
                                       description="Ligne 1" + HOSTILE))
    with sqlite3.connect(db_path) as connection:
        stored = connection.execute(
            "SELECT plan.title, action.title, action.description FROM action JOIN plan"
        ).fetchone()
    connection.close()
    assert stored == ("Plan " + AS_LINE, "Titre " + AS_LINE, "Ligne 1" + AS_PARAGRAPHS)


def test_an_old_value_reads_clean(older_file: Path) -> None:
    from charte_desktop.services.actions import get_action

    with open_database(older_file) as db:
        action = get_action(db, 1)
    assert action.title.startswith(AS_LINE)
    assert action.description.startswith(AS_PARAGRAPHS)


@pytest.mark.parametrize(("raw", "line", "paragraphs"), [
    ("Réunion du COPIL", "Réunion du COPIL", "Réunion du COPIL"),
    ("a\tb", "a b", "a\tb"),
    ("Salle\r\nB", "Salle B", "Salle\nB"),
    ("Mot\x0bmot", "Mot mot", "Mot\nmot"),  # Word's Maj+Entrée
    ("\x1b[2Jtitre\x07", "[2Jtitre", "[2Jtitre"),
    ("fin\ufffe\uffff\U0001fffe", "fin", "fin"),
    ("émoji 😀 et عربي \u202b", "émoji 😀 et عربي \u202b", "émoji 😀 et عربي \u202b"),
    ("§1\u2028§2\u2029§3", "§1 §2 §3", "§1\n§2\n§3"),
])
def test_clean_text_and_clean_line(raw: str, line: str, paragraphs: str) -> None:
    assert clean_line(raw) == line
    assert clean_text(raw) == paragraphs


def test_a_text_another_program_wrote_in_another_encoding_is_named_by_check(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes that are not UTF-8 (written as Latin-1 by another program) cannot be read:
    `check` says where, and a listing says to run it, in one French line each."""
    with sqlite3.connect(demo) as connection:
        connection.execute("UPDATE action SET title = CAST(X'4372E86368652046FF' AS TEXT) "
                           "WHERE id = 2")
    connection.close()
    before = demo.read_bytes()
    assert run(["check", str(demo)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"Le fichier « {demo} » contient des valeurs inconnues de Charte : table "
                   "« action », ligne 2 : le texte de la colonne « title » est mal codé (pas "
                   "en UTF-8).\n")
    assert run(["list", "actions", str(demo)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("Le fichier est endommagé ou illisible : un texte écrit par un autre "
                   "programme y est mal codé (« charte-desktop check » dit où).\n")
    assert demo.read_bytes() == before
