"""Hostile input on the command line (issue 15): ids out of range, system errors, a closed
pipe, a failed Excel export, control characters. Every failure is one French line."""

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.cli.main import BROKEN_PIPE_EXIT, run
from charte_desktop.system_errors import os_reason, sqlite_reason
from tests.bad_files import copy_of
from tests.command_line import run_cli, sha256
from tests.fixed_day import TEST_DAY

HUGE = "99999999999999999999999"
ENGLISH = ("Traceback", "Exception ignored", "Error", "No space", "denied", "too long",
           "Broken pipe", "No such file", "Read-only", "OverflowError")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with clock.fixed(TEST_DAY):
        assert run(["demo", str(path)]) == 0
    return path




def assert_one_french_line(err: str, expected: str) -> None:
    assert err == expected + "\n"
    for english in ENGLISH:
        assert english not in err


# --- ids beyond SQLite's 64-bit range: « … n° N est introuvable. », exit 1 -------------

ID_CASES = [
    (["export", "monitoring", "{file}", "--plan", HUGE], f"Le plan n° {HUGE} est introuvable."),
    (["export", "update-workbook", "{file}", "--plan", HUGE],
     f"Le plan n° {HUGE} est introuvable."),
    (["export", "update-workbook", "{file}", "--pilot", HUGE],
     f"Le contact n° {HUGE} est introuvable."),
    (["export", "contacts", "{file}", "--body", HUGE], f"L'instance n° {HUGE} est introuvable."),
    (["export", "ics", "{file}", "--meeting", HUGE], f"La réunion n° {HUGE} est introuvable."),
    (["export", "ics", "{file}", "--body", HUGE], f"L'instance n° {HUGE} est introuvable."),
    (["export", "convocation", "{file}", "--meeting", HUGE],
     f"La réunion n° {HUGE} est introuvable."),
    (["export", "attendance", "{file}", "--meeting", HUGE],
     f"La réunion n° {HUGE} est introuvable."),
    (["export", "minutes", "{file}", "--meeting", HUGE], f"La réunion n° {HUGE} est introuvable."),
    (["export", "email", "{file}", "--meeting", HUGE, "--document", "convocation"],
     f"La réunion n° {HUGE} est introuvable."),
    (["export", "action", "{file}", "--action", HUGE],
     f"L'action n° {HUGE} est introuvable (peut-être supprimée)."),
    (["export", "action", "{file}", "--action", str(2**63)],
     f"L'action n° {2**63} est introuvable (peut-être supprimée)."),
    (["import", "actions", "{file}", "{source}", "--plan", HUGE, "--dry-run"],
     f"Le plan n° {HUGE} est introuvable (voir « list plans »)."),
]


@pytest.mark.parametrize(("argv", "expected"), ID_CASES, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else "")
def test_an_id_beyond_sqlite_range_is_not_found(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv: list[str], expected: str,
) -> None:
    path = copy_of(demo_file, tmp_path)
    source = tmp_path / "plan.csv"
    source.write_text("Intitulé\nUne action\n", encoding="utf-8")
    before = sha256(path)
    output = ["-o", str(tmp_path / "sortie.bin")] if argv[0] == "export" else []
    args = [a.format(file=path, source=source) for a in argv] + output
    code, out, err = run_cli(capsys, *args)
    assert (code, out) == (1, "")
    assert_one_french_line(err, expected)
    assert sha256(path) == before
    assert not (tmp_path / "sortie.bin").exists()


def test_the_largest_sqlite_id_is_an_ordinary_unknown_id(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "export", "action", str(demo_file), "--action",
                           str(2**63 - 1), "-o", str(tmp_path / "a.docx"))
    assert code == 1
    assert_one_french_line(err, f"L'action n° {2**63 - 1} est introuvable (peut-être supprimée).")


def test_an_id_that_is_not_a_number_is_a_usage_error(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "export", "action", str(demo_file), "--action", "١٢")
    assert code == 2
    assert "argument --action : valeur invalide '١٢'" in err


# --- system errors in French ---------------------------------------------------------

@pytest.mark.parametrize(("code", "expected"), [
    (errno.ENOSPC, "le disque est plein"),
    (errno.EACCES, "accès refusé"),
    (errno.EPERM, "accès refusé"),
    (errno.ENAMETOOLONG, "nom de fichier trop long"),
    (errno.EROFS, "support en lecture seule"),
    (errno.ENOENT, "fichier ou dossier introuvable"),
    (errno.EISDIR, "c'est un dossier"),
    (errno.ENOTDIR, "une partie du chemin n'est pas un dossier"),
    (errno.EBUSY, "fichier ou périphérique occupé"),
    (errno.EMFILE, "trop de fichiers ouverts"),
    (12345, "erreur du système (code 12345)"),
])
def test_a_system_error_is_told_in_french(code: int, expected: str) -> None:
    error = OSError(code, "English text from the system")
    assert os_reason(error) == expected
    assert os_reason(OSError("no errno at all")) == "erreur du système"


def test_a_sqlite_error_is_told_in_french(tmp_path: Path) -> None:
    not_a_database = tmp_path / "texte.sqlite"
    not_a_database.write_text("bonjour " * 200, encoding="utf-8")
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(not_a_database).execute("SELECT * FROM sqlite_master").fetchall()
    assert sqlite_reason(caught.value) == "ce n'est pas un fichier Charte"


def test_a_name_too_long_is_told_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / ("a" * 300 + ".sqlite")
    code, out, err = run_cli(capsys, "list", "actions", str(name))
    assert (code, out) == (1, "")
    assert_one_french_line(err, f"Erreur d'accès au fichier « {name} » : nom de fichier "
                                "trop long.")


def test_any_system_error_reaching_the_command_line_is_french(
    demo_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from charte_desktop.cli import list_command

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/plein")

    monkeypatch.setattr(list_command, "open_database", full)
    code, _, err = run_cli(capsys, "list", "plans", str(demo_file))
    assert code == 1
    assert_one_french_line(err, "Erreur d'accès au fichier « /tmp/plein » : le disque est plein.")


# --- in a real process: what is printed at exit counts too ----------------------------

def _child(code: str, *argv: str, stdout: int | None = subprocess.PIPE,
           cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    prelude = ("import errno, os, sys\n" + code +
               "\nfrom charte_desktop.cli.main import run\nsys.exit(run(sys.argv[1:]))\n")
    return subprocess.run([sys.executable, "-c", prelude, *argv], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=cwd,
                          timeout=120, check=False)


DISK_FULL = """
_fdopen = os.fdopen
class _Full:
    def __init__(self, stream): self.stream = stream
    def write(self, data): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    def __getattr__(self, name): return getattr(self.stream, name)
    def __enter__(self): return self
    def __exit__(self, *exc): self.stream.close()
os.fdopen = lambda *args, **kwargs: _Full(_fdopen(*args, **kwargs))
"""

TEMPORARY_FILE_FULL = """
import openpyxl.worksheet._writer as _writer
def _full(self): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/tmp/openpyxl.tmp")
_writer.WorksheetWriter.write_tail = _full
"""


FULL_DISK_EXPORTS = {
    "monitoring": ("sortie.xlsx",), "update-workbook": ("sortie.xlsx", "--plan", "1"),
    "contacts": ("sortie.xlsx",), "minutes": ("sortie.docx", "--meeting", "1"),
    "action": ("sortie.docx", "--action", "1"), "ics": ("sortie.ics", "--meeting", "1"),
    "email": ("sortie.eml", "--meeting", "1", "--document", "convocation"),
}


@pytest.mark.parametrize("kind", FULL_DISK_EXPORTS)
def test_an_export_to_a_full_disk_names_the_document_in_one_line(
    demo_file: Path, tmp_path: Path, kind: str
) -> None:
    name, *options = FULL_DISK_EXPORTS[kind]
    result = _child(DISK_FULL, "export", kind, str(demo_file), *options,
                    "-o", str(tmp_path / name))
    assert (result.returncode, result.stdout) == (1, "")
    assert_one_french_line(result.stderr, f"Le document « {name} » n'a pas pu être écrit "
                                          f"dans « {tmp_path} » : le disque est plein.")
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_an_excel_export_failing_inside_openpyxl_prints_one_line(
    demo_file: Path, tmp_path: Path
) -> None:
    result = _child(TEMPORARY_FILE_FULL, "export", "monitoring", str(demo_file),
                    "-o", str(tmp_path / "suivi.xlsx"))
    assert result.returncode == 1
    assert_one_french_line(result.stderr, "Erreur d'accès au fichier « /tmp/openpyxl.tmp » : "
                                          "le disque est plein.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_closed_pipe_ends_quietly(demo_file: Path, json_flag: list[str]) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # `list … | head` once head has gone
    try:
        result = _child("", "list", "actions", str(demo_file), *json_flag, stdout=writer)
    finally:
        os.close(writer)
    assert result.returncode == BROKEN_PIPE_EXIT
    assert result.stderr == ""


# --- control characters never reach the terminal ---------------------------------------

HOSTILE_TITLE = "\x1b]0;piégé\x07\x1b[31mRouge\x9b2J\u202eetêlbat"
# What an older file's hostile title reads as: controls dropped, the override kept as text.
READ_TITLE = "]0;piégé[31mRouge2J\u202eetêlbat"


def _with_hostile_title(demo_file: Path, tmp_path: Path) -> Path:
    path = copy_of(demo_file, tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE action SET title = ? WHERE id = 1", (HOSTILE_TITLE,))
    connection.close()
    return path


def test_list_shows_control_characters_as_replacement_marks(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_hostile_title(demo_file, tmp_path)
    code, out, err = run_cli(capsys, "list", "actions", str(path))
    assert (code, err) == (0, "")
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in out
    assert "]0;piégé[31mRouge2J\ufffdetêlbat" in out


def test_list_json_escapes_what_a_terminal_obeys_and_keeps_the_text(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_hostile_title(demo_file, tmp_path)
    code, out, err = run_cli(capsys, "list", "actions", str(path), "--json")
    assert (code, err) == (0, "")
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in out
    titles = {row["id"]: row["title"] for row in json.loads(out)}
    assert titles[1] == READ_TITLE


def test_an_error_line_carries_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "rapport\x1b[2J.sqlite"
    code, _, err = run_cli(capsys, "list", "plans", str(name))
    assert code == 1 and "\x1b" not in err and err.count("\n") == 1
    assert "rapport\ufffd[2J.sqlite" in err


def test_an_unknown_value_met_while_reading_is_one_french_line(
    demo_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening names unknown values first; a value written by another program while the
    file is read still ends in one French line, not SQLAlchemy's LookupError."""
    from charte_desktop.cli import list_command
    from charte_desktop.cli.main import UNKNOWN_VALUES_MESSAGE

    def unknown(_db: object) -> list[object]:
        raise LookupError("'bogus' is not among the defined enum values. Enum name: "
                          "actionstatus. Possible values: to_start, ..., abandoned")

    _fetch, columns, empty = list_command.LISTINGS["actions"]
    monkeypatch.setitem(list_command.LISTINGS, "actions", (unknown, columns, empty))
    code, out, err = run_cli(capsys, "list", "actions", str(demo_file))
    assert (code, out) == (1, "")
    assert_one_french_line(err, UNKNOWN_VALUES_MESSAGE)


def test_any_other_lookup_error_is_a_bug_and_not_disguised(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from charte_desktop.cli import list_command

    def bug(_db: object) -> list[object]:
        raise KeyError("colonne")

    _fetch, columns, empty = list_command.LISTINGS["plans"]
    monkeypatch.setitem(list_command.LISTINGS, "plans", (bug, columns, empty))
    with pytest.raises(KeyError):
        run(["list", "plans", str(demo_file)])
