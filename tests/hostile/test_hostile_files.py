"""Hostile Charte files on the command line (issue 15): read-only files and folders, values
and schemas changed by another program, a dry run on a WAL file, a restore under another
writer, a full disk, ids below 1. Every failure is one French line; nothing is written
where nothing is to be written."""

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from charte_desktop.db import read_only
from tests.command_line import run_cli, sha256

# English words that must never reach the officer (system text, program internals).
ENGLISH = ("Traceback", "Error", "error", "LookupError", "No space", "denied", "readonly",
           "database", "Exception")
COUNTED = ("action", "plan", "meeting", "contact", "circle")
PLAN_CSV = "Intitulé;Statut\nUne action importée;En cours\n"




def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in COUNTED}
    finally:
        connection.close()


def assert_one_french_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    for word in words:
        assert word in err, err
    for english in ENGLISH:
        assert english not in err, err


@pytest.fixture
def plan_csv(tmp_path: Path) -> Path:
    source = tmp_path / "plan.csv"
    source.write_text(PLAN_CSV, encoding="utf-8")
    return source


# --- 1. A read-only file or folder: consulted and exported, never called damaged -------

@pytest.fixture
def permissions_as_for_an_officer(monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (CI containers) chmod does not stop writing and os.access says yes: Charte
    is then told what the permission bits tell an ordinary user."""
    if os.geteuid() != 0:
        return

    def writable(path: Path) -> bool:
        return bool(path.stat().st_mode & stat.S_IWUSR)

    monkeypatch.setattr(read_only, "_writable", writable)


@pytest.fixture(params=["file", "folder"])
def read_only_file(request: pytest.FixtureRequest, demo: Path,
                   permissions_as_for_an_officer: None) -> Iterator[tuple[Path, str]]:
    """The demo file made read-only (0444), or left writable in a read-only folder (0555);
    with the words the refusal must hold."""
    target = demo if request.param == "file" else demo.parent
    mode = stat.S_IMODE(target.stat().st_mode)
    target.chmod(0o444 if request.param == "file" else 0o555)
    words = ("ses propriétés interdisent de le modifier" if request.param == "file"
             else f"son dossier « {demo.parent} » n'autorise pas l'écriture")
    try:
        yield demo, words
    finally:
        target.chmod(mode)


def test_a_read_only_file_is_consulted_and_exported(
    read_only_file: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, words = read_only_file
    before, rows = sha256(path), counts(path)

    code, out, err = run_cli(capsys, "list", "actions", path, "--json")
    assert (code, err) == (0, "") and out.startswith("[")  # stdout stays clean JSON
    code, out, err = run_cli(capsys, "list", "plans", path)
    assert (code, err) == (0, "") and "Charte pour une logistique" in out
    target = tmp_path / "suivi.xlsx"
    code, out, err = run_cli(capsys, "export", "monitoring", path, "-o", target)
    assert (code, err) == (0, "") and target.is_file()

    code, out, err = run_cli(capsys, "check", path)
    assert code == 0 and "sain" in out
    assert_one_french_line(err, f"Fichier en lecture seule : « {path} » ({words})")

    assert (sha256(path), counts(path)) == (before, rows)


def test_a_dry_run_previews_a_read_only_file(
    read_only_file: tuple[Path, str], plan_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = read_only_file
    before, rows = sha256(path), counts(path)
    code, out, err = run_cli(capsys, "import", "actions", path, plan_csv, "--dry-run")
    assert (code, err) == (0, "")
    assert "1 action" in out and "Rien n'a été écrit (--dry-run)." in out
    assert (sha256(path), counts(path)) == (before, rows)


def test_writing_commands_say_the_file_is_read_only(
    read_only_file: tuple[Path, str], plan_csv: Path, demo_template: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, words = read_only_file
    before, rows = sha256(path), counts(path)
    refusal = f"Le fichier « {path} » est en lecture seule : {words}. Rien n'a été modifié"
    for argv in (["import", "actions", path, plan_csv],
                 ["restore", demo_template, path],
                 ["demo", path, "--force"]):
        code, out, err = run_cli(capsys, *argv)
        assert (code, out) == (1, ""), argv
        assert_one_french_line(err, refusal)
        assert "endommagé" not in err
        assert (sha256(path), counts(path)) == (before, rows)
    assert not Path(f"{path}.lock").exists()


def test_a_write_on_a_file_opened_read_only_is_refused_in_french(
    demo: Path, permissions_as_for_an_officer: None
) -> None:
    """The window's path: open_database opens the file read-only, with the reason, and a
    use case that writes gets the French refusal (no crash, nothing written)."""
    from charte_desktop.db import open_database
    from charte_desktop.db.read_only import ReadOnlyFileError
    from charte_desktop.services.directory import CircleFields, create_circle

    before = sha256(demo)
    demo.chmod(0o444)
    try:
        with open_database(demo) as db:
            assert db.read_only and db.read_only_reason == (
                "ses propriétés interdisent de le modifier")
            with pytest.raises(ReadOnlyFileError, match="est en lecture seule"):
                create_circle(db, CircleFields(name="Nouveau cercle"))
    finally:
        demo.chmod(0o644)
    assert sha256(demo) == before


# --- 2. Values and schemas another program changed: the verdict a backup would give -----

def _change(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")  # as a careless tool
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


CHANGED = {
    "unknown status": (
        ["UPDATE action SET status = 'bogus' WHERE id = 3"],
        "contient des valeurs inconnues de Charte : l'action n° 3 a un statut inconnu "
        "« bogus »"),
    "unknown priority": (
        ["UPDATE action SET priority = 'urgentissime' WHERE id = 2"],
        "contient des valeurs inconnues de Charte : l'action n° 2 a une priorité inconnue "
        "« urgentissime »"),
    "progress out of range": (
        ["UPDATE action SET progress = 250 WHERE id = 4"],
        "contient des valeurs que Charte n'accepte pas : l'action n° 4 a un avancement hors "
        "de 0 à 100 %"),
    "dropped column": (
        ["ALTER TABLE measurement DROP COLUMN comment"],
        "n'a pas la structure attendue par Charte : la colonne « comment » de la table "
        "« measurement » manque"),
    "dropped table": (
        ["DROP TABLE budget_year"],
        "n'a pas la structure attendue par Charte : la table « budget_year » manque"),
}


@pytest.mark.parametrize("case", sorted(CHANGED))
def test_check_list_and_export_name_what_another_program_changed(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    statements, problem = CHANGED[case]
    _change(demo, *statements)
    before, rows = sha256(demo), counts(demo)

    code, out, err = run_cli(capsys, "check", demo)
    assert (code, out) == (1, "")
    assert_one_french_line(err, f"Le fichier « {demo} » {problem}")
    assert "sain" not in err

    for argv in (["list", "actions", demo], ["list", "meetings", demo, "--json"],
                 ["export", "monitoring", demo, "-o", tmp_path / "suivi.xlsx"]):
        code, out, err = run_cli(capsys, *argv)
        assert (code, out) == (1, ""), argv
        assert_one_french_line(err, problem, "charte-desktop check")
    assert not (tmp_path / "suivi.xlsx").exists()
    assert (sha256(demo), counts(demo)) == (before, rows)


def test_a_status_the_backup_refuses_is_not_called_sound(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _change(demo, "UPDATE action SET status = 'bogus' WHERE id = 3")
    backup_code, _, _ = run_cli(capsys, "backup", demo, "--to", tmp_path / "copies")
    check_code, _, _ = run_cli(capsys, "check", demo)
    assert backup_code == check_code == 1


def test_an_index_out_of_step_gets_the_same_verdict_everywhere(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's quick check skips the indexes; a backup's full check does not: neither do
    opening and `check`, so a file is never opened whose every backup would be refused."""
    _change(demo, "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_action_end_date ON action "
            "(start_date)' WHERE name = 'ix_action_end_date'")
    before = sha256(demo)
    problem = "l'index « ix_action_end_date » est incomplet"
    for argv in (["check", demo], ["list", "plans", demo],
                 ["backup", demo, "--to", tmp_path / "copies"]):
        code, out, err = run_cli(capsys, *argv)
        assert (code, out) == (1, ""), argv
        assert_one_french_line(err, problem)
    assert sha256(demo) == before


def test_a_restore_replaces_a_file_the_backup_check_refuses(
    demo: Path, demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a file cannot be backed up: it is set aside, untouched, instead."""
    _change(demo, "UPDATE action SET status = 'bogus' WHERE id = 3")
    before = sha256(demo)
    code, out, err = run_cli(capsys, "restore", demo_template, demo)
    assert (code, err) == (0, "")
    (aside,) = demo.parent.glob("charte.endommage-*.sqlite")
    assert f"Fichier actuel conservé d'abord dans « {aside} »." in out
    assert sha256(aside) == before and counts(demo) == counts(demo_template)
    code, _, _ = run_cli(capsys, "check", demo)
    assert code == 0


# --- 3. A dry run changes nothing, the journal mode included ----------------------------

def _journal_mode(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        connection.close()


def test_a_dry_run_keeps_a_wal_file_as_it_is(
    demo: Path, plan_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(demo)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    connection.close()
    before, rows = sha256(demo), counts(demo)

    code, out, err = run_cli(capsys, "import", "actions", demo, plan_csv, "--dry-run")
    assert (code, err) == (0, "") and "Rien n'a été écrit (--dry-run)." in out
    assert _journal_mode(demo) == "wal"
    assert (sha256(demo), counts(demo)) == (before, rows)

    # A real import writes, and only then brings the file back to a single file.
    code, out, err = run_cli(capsys, "import", "actions", demo, plan_csv)
    assert (code, err) == (0, "")
    assert _journal_mode(demo) == "delete"
    assert counts(demo)["action"] == rows["action"] + 1


# --- 4. No restore while another program is writing the file ----------------------------

def test_restore_waits_for_no_other_writer(
    demo: Path, demo_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = counts(demo)
    other = sqlite3.connect(demo, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO circle (name, position) VALUES ('Cercle d''un autre', 99)")
        code, out, err = run_cli(capsys, "restore", demo_template, demo)
        assert (code, out) == (1, "")
        assert_one_french_line(err, f"Restauration refusée : le fichier « {demo} » est en "
                                    "cours d'écriture par un autre programme")
        other.execute("COMMIT")  # the other program's work is not lost
    finally:
        other.close()
    assert counts(demo)["circle"] == rows["circle"] + 1
    assert not Path(f"{demo}.lock").exists()


# --- 5. A full disk is the disk's fault, not the file's --------------------------------

@pytest.fixture
def full_disk_under(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every SQLite file opened under a listed folder is on a full disk: SQLite fails with
    SQLITE_FULL exactly as it does when the disk is full (`PRAGMA max_page_count`)."""
    folders: list[Path] = []
    real_connect = sqlite3.connect

    def connect(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(database, *args, **kwargs)  # type: ignore[call-overload]
        name = str(database).removeprefix("file:").split("?")[0]
        if any(name.startswith(str(folder)) for folder in folders):
            connection.execute("PRAGMA max_page_count = 3")
        return connection  # type: ignore[no-any-return]

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield folders


def test_a_backup_to_a_full_disk_blames_the_destination(
    demo: Path, tmp_path: Path, full_disk_under: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    copies = tmp_path / "cle-usb"
    copies.mkdir()
    full_disk_under.append(copies)
    before = sha256(demo)
    code, out, err = run_cli(capsys, "backup", demo, "--to", copies)
    assert (code, out) == (1, "")
    assert_one_french_line(err, f"Sauvegarde impossible dans « {copies} » : le disque est "
                                "plein. Aucune copie n'a été gardée.")
    assert "ne peut pas être lu" not in err
    assert list(copies.iterdir()) == [] and sha256(demo) == before


def test_a_demo_on_a_full_disk_is_not_called_damaged(
    tmp_path: Path, full_disk_under: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plein"
    folder.mkdir()
    full_disk_under.append(folder)
    code, out, err = run_cli(capsys, "demo", folder / "demo.sqlite")
    assert (code, out) == (1, "")
    assert_one_french_line(err, "le disque est plein")
    assert "endommagé" not in err
    assert list(folder.iterdir()) == []  # no half-made file, no temporary


# --- 6. Ids below 1: « … introuvable », without the number ----------------------------

ID_CASES = [
    (["export", "minutes", "{file}", "--meeting", "0"], "La réunion est introuvable."),
    (["export", "convocation", "{file}", "--meeting", "-1"], "La réunion est introuvable."),
    (["export", "monitoring", "{file}", "--plan", "-3"], "Le plan est introuvable."),
    (["export", "update-workbook", "{file}", "--plan", "0"], "Le plan est introuvable."),
    (["export", "update-workbook", "{file}", "--plan", "1", "--pilot", "-1"],
     "Le contact est introuvable."),
    (["export", "contacts", "{file}", "--body", "0"], "L'instance est introuvable."),
    (["export", "ics", "{file}", "--body", "-7"], "L'instance est introuvable."),
    (["export", "action", "{file}", "--action", "0"],
     "L'action est introuvable (peut-être supprimée)."),
    (["export", "action", "{file}", "--action", "-00"],
     "L'action est introuvable (peut-être supprimée)."),
]


@pytest.mark.parametrize(("argv", "expected"), ID_CASES,
                         ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_an_id_below_one_is_not_found_without_its_number(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv: list[str], expected: str,
) -> None:
    before = sha256(demo)
    output = tmp_path / "sortie.bin"
    code, out, err = run_cli(capsys, *[a.format(file=demo) for a in argv], "-o", output)
    assert (code, out) == (1, "")
    assert err == expected + "\n"
    assert sha256(demo) == before and not output.exists()


def test_an_import_into_plan_zero_is_not_found_without_its_number(
    demo: Path, plan_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "import", "actions", demo, plan_csv, "--plan", "0",
                           "--dry-run")
    assert code == 1
    assert err == "Le plan est introuvable (voir « list plans »).\n"


def test_a_dry_run_on_a_file_of_an_older_version_changes_nothing(
    tmp_path: Path, plan_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = tmp_path / "ancien.sqlite"
    older.write_bytes((Path(__file__).parents[1] / "fixtures"
                       / "schema-0001_initial.sqlite").read_bytes())
    before = sha256(older)
    code, out, err = run_cli(capsys, "import", "actions", older, plan_csv, "--dry-run")
    assert (code, out) == (1, "")
    assert err == (f"Le fichier « {older} » vient d'une version précédente de Charte : "
                   "ouvrez-le une fois dans Charte pour le mettre à jour.\n")
    assert sha256(older) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ancien.sqlite", plan_csv.name]


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are always Unicode")
def test_a_file_name_that_is_not_utf8_is_backed_up_and_listed(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Linux allows any bytes in a name (a USB key written elsewhere): the name is never
    an error, and what is printed of it is readable."""
    odd = demo.with_name(os.fsdecode(b"plan-\xe9t\xe9.sqlite"))  # Latin-1 "été"
    demo.rename(odd)
    code, out, err = run_cli(capsys, "backup", odd)
    assert (code, err) == (0, "")
    assert Path(out.strip().replace("\ufffd", "?")).name.endswith("-manuelle.sqlite")
    code, out, err = run_cli(capsys, "list", "plans", odd)
    assert (code, err) == (0, "") and out.count("\n") >= 3
