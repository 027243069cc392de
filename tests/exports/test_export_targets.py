"""An export never writes over what it must not: a Charte file (the one exported or another,
open in a window or not), its journal, WAL or lock file, a read-only file, a link, a folder,
a device or a pipe. One French line, exit 1, the target byte-identical. New documents get
the permissions a file created with open() gets; suggested names fit a file system."""

import hashlib
import os
import shutil
import sqlite3
import stat
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from charte_desktop.db import open_database
from charte_desktop.exports.naming import (
    MAX_NAME_BYTES,
    action_sheet_name,
    safe_file_name,
    suggested_name,
)
from charte_desktop.exports.safe_write import write_atomically
from tests.exports.test_cli_export import run_cli

CHOOSE = "choisissez un autre nom de fichier."
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file types and modes")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_action_id(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT min(id) FROM action").fetchone()[0])
    finally:
        connection.close()


def export_argv(kind: str, demo: Path, meeting_id: int) -> list[str]:
    """`export KIND FILE …` for each kind of document, without -o."""
    extra = {
        "minutes": ["--meeting", str(meeting_id)],
        "convocation": ["--meeting", str(meeting_id)],
        "attendance": ["--meeting", str(meeting_id)],
        "ics": ["--meeting", str(meeting_id)],
        "email": ["--meeting", str(meeting_id), "--document", "minutes"],
        "action": ["--action", str(first_action_id(demo)) if kind == "action" else ""],
        "monitoring": [],
        "update-workbook": [],
        "contacts": [],
        "report": ["--year", "2026"],
    }[kind]
    return ["export", kind, str(demo), *extra]


def assert_refused(code: int, out: str, err: str, message: str) -> None:
    assert (code, out) == (1, "")
    assert err == message + "\n"
    assert "Traceback" not in err


def assert_no_leftover(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.startswith(".~charte-")] == []


def assert_still_opens(path: Path) -> None:
    with open_database(path, read_only=True):
        pass


@pytest.mark.parametrize("kind", [
    "minutes", "convocation", "attendance", "ics", "email", "action", "monitoring",
    "update-workbook", "contacts", "report",
])
def test_export_over_the_exported_charte_file_is_refused(
    demo: Path, held_meeting_id: int, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    before = sha256(demo)
    code, out, err = run_cli(capsys, *export_argv(kind, demo, held_meeting_id),
                             "-o", str(demo))
    assert_refused(code, out, err, f"« {demo} » est un fichier Charte : un document exporté "
                                   f"ne le remplace pas ; {CHOOSE}")
    assert sha256(demo) == before
    assert_still_opens(demo)
    assert_no_leftover(demo.parent)


def test_relative_target_naming_the_exported_file_is_refused(
    demo: Path, held_meeting_id: int, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(demo.parent)
    before = sha256(demo)
    code, out, err = run_cli(capsys, "export", "minutes", demo.name, "--meeting",
                             str(held_meeting_id), "-o", demo.name)
    assert_refused(code, out, err, f"« {demo} » est un fichier Charte : un document exporté "
                                   f"ne le remplace pas ; {CHOOSE}")
    assert sha256(demo) == before


def test_export_over_another_charte_file_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "autre.docx"  # a Charte file, whatever its name says
    shutil.copyfile(demo, other)
    before = sha256(other)
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(other))
    assert_refused(code, out, err, f"« {other} » est un fichier Charte : un document "
                                   f"exporté ne le remplace pas ; {CHOOSE}")
    assert sha256(other) == before
    assert_still_opens(other)


def test_export_over_a_charte_file_open_in_a_window_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "ouvert.sqlite"
    shutil.copyfile(demo, other)
    with open_database(other):  # as a window holds it: lock file beside it
        before = sha256(other)
        code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                                 "-o", str(other))
        assert_refused(code, out, err, f"« {other} » est un fichier Charte : un document "
                                       f"exporté ne le remplace pas ; {CHOOSE}")
        assert sha256(other) == before
    assert_still_opens(other)


def test_export_over_another_applications_database_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "autre.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    before = sha256(other)
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(other))
    assert_refused(code, out, err, f"« {other} » est une base de données : un document "
                                   f"exporté ne la remplace pas ; {CHOOSE}")
    assert sha256(other) == before


@pytest.mark.parametrize("suffix", ["-journal", "-wal", "-shm", ".lock"])
@pytest.mark.parametrize("exists", [True, False])
def test_export_over_a_charte_files_companion_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    suffix: str, exists: bool,
) -> None:
    # The exported file itself, or (a journal beside it would stop the export) another one.
    owner = tmp_path / "autre.sqlite" if exists else demo
    if exists:
        shutil.copyfile(demo, owner)
    companion = owner.with_name(owner.name + suffix)
    if exists:
        companion.write_bytes(b"compagnon")
    before = sha256(owner)
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(companion))
    assert_refused(code, out, err, f"« {companion} » accompagne le fichier Charte "
                                   f"« {owner} » : un document exporté ne le remplace pas ; "
                                   f"{CHOOSE}")
    assert sha256(owner) == before
    if exists:
        assert companion.read_bytes() == b"compagnon"
    else:
        assert not companion.exists()
        assert_still_opens(owner)
    assert_no_leftover(owner.parent)


def test_export_over_a_read_only_file_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cr.docx"
    target.write_bytes(b"version signee")
    target.chmod(stat.S_IREAD)
    try:
        code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                                 "-o", str(target))
        assert_refused(code, out, err, f"Le fichier « {target} » est en lecture seule : "
                                       f"Charte ne le remplace pas ; {CHOOSE}")
        assert target.read_bytes() == b"version signee"
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)
    assert_no_leftover(tmp_path)


@pytest.mark.parametrize("points_to", ["document", "charte", "absent"])
def test_export_through_a_symbolic_link_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    points_to: str,
) -> None:
    document = tmp_path / "vrai.docx"
    document.write_bytes(b"ancien")
    pointed = {"document": document, "charte": demo, "absent": tmp_path / "absent.docx"}
    link = tmp_path / "lien.docx"
    try:
        link.symlink_to(pointed[points_to])
    except OSError:
        pytest.skip("no symbolic links here")
    before = sha256(demo)
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(link))
    assert_refused(code, out, err, f"« {link} » est un lien vers un autre fichier : Charte "
                                   f"n'écrit pas à travers un lien ; {CHOOSE}")
    assert link.is_symlink() and os.readlink(link) == str(pointed[points_to])
    assert document.read_bytes() == b"ancien" and sha256(demo) == before
    assert not (tmp_path / "absent.docx").exists()


@POSIX
@pytest.mark.parametrize("special", ["device", "fifo"])
def test_export_over_a_device_or_a_pipe_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    special: str,
) -> None:
    if special == "device":
        target = Path("/dev/null")
    else:
        target = tmp_path / "tube.docx"
        os.mkfifo(target)
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(target))
    assert_refused(code, out, err, f"« {target} » n'est pas un fichier ordinaire "
                                   f"(périphérique, tube…) : Charte n'écrit pas dessus ; "
                                   f"{CHOOSE}")
    mode = target.lstat().st_mode
    assert stat.S_ISCHR(mode) if special == "device" else stat.S_ISFIFO(mode)
    assert_no_leftover(tmp_path)


def test_export_over_a_folder_is_refused(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dossier.docx"
    folder.mkdir()
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(folder))
    assert_refused(code, out, err, f"« {folder} » est un dossier : indiquez un nom de fichier.")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_an_ordinary_document_is_still_replaced(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cr.docx"
    target.write_bytes(b"ancienne version")
    code, out, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                             "-o", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")
    assert target.read_bytes().startswith(b"PK")


def test_a_charte_file_appearing_while_writing_is_not_replaced(tmp_path: Path, demo: Path
                                                               ) -> None:
    from charte_desktop.errors import CharteError

    target = tmp_path / "cr.docx"

    def write(stream: object) -> None:
        shutil.copyfile(demo, target)  # saved there meanwhile
        stream.write(b"document")  # type: ignore[attr-defined]

    with pytest.raises(CharteError, match="est un fichier Charte"):
        write_atomically(target, write)
    assert sha256(target) == sha256(demo)
    assert_no_leftover(tmp_path)


# Permissions: those of a file created with open(), not mkstemp's 0600.

@POSIX
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_new_document_gets_the_umask_permissions(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    mask: int,
) -> None:
    target = tmp_path / "cr.docx"
    old = os.umask(mask)
    try:
        code, _, err = run_cli(capsys, *export_argv("minutes", demo, held_meeting_id),
                               "-o", str(target))
        reference = tmp_path / "reference"
        with open(reference, "wb"):
            pass
    finally:
        os.umask(old)
    assert (code, err) == (0, "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(reference.stat().st_mode)


@POSIX
def test_replaced_document_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "cr.docx"
    target.write_bytes(b"ancien")
    target.chmod(0o640)
    write_atomically(target, lambda stream: stream.write(b"nouveau"))
    assert target.read_bytes() == b"nouveau"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# Suggested names: within 255 bytes, no bidirectional or other invisible controls.

BIDI_AND_FORMAT = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_emoji_title_gives_a_name_within_255_bytes() -> None:
    name = action_sheet_name("1.1", "🚲" * 300)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES and name.endswith(".docx")
    name = safe_file_name("🎉" * 200, suffix=".docx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name == "🎉" * ((MAX_NAME_BYTES - 1 - len(".docx")) // 4) + ".docx"


@pytest.mark.parametrize("filler", ["é", "€", "𝄞", "a🎉", "👨\u200d👩\u200d👧"])
def test_long_names_are_cut_on_a_character_boundary(filler: str) -> None:
    name = suggested_name("Compte rendu", filler * 200, date(2026, 3, 14))
    encoded = name.encode("utf-8")
    assert len(encoded) <= MAX_NAME_BYTES and name.endswith(".docx")
    assert encoded.decode("utf-8") == name  # whole characters only
    assert name.startswith("Compte rendu - ")


def test_bidirectional_controls_are_removed() -> None:
    name = safe_file_name("Compte rendu \u202efdp.exe", suffix=".docx")
    assert name == "Compte rendu fdp.exe.docx"
    name = safe_file_name(f"A{BIDI_AND_FORMAT}B\u200b\u2060\ufeffC", suffix=".ics")
    assert name == "AB" + "C" + ".ics"
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)


def test_controls_non_characters_and_lone_surrogates_are_removed() -> None:
    name = safe_file_name("Réunion\x1b[31m\x01 \ufffe\uffff\ud800 COTECH\tbis\nter",
                          suffix=".docx")
    assert name == "Réunion[31m COTECH bis ter.docx"
    name.encode("utf-8")  # no lone surrogate left


def test_only_invisible_characters_give_the_fallback() -> None:
    assert safe_file_name("\u202e\u200f\u2066", suffix=".docx") == "document.docx"


def test_suggested_name_of_a_hostile_action_title() -> None:
    name = action_sheet_name("2.3", "\u202eVélos 🚲 " * 40)
    assert "\u202e" not in name and len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_window_export_over_its_own_open_file_is_refused(demo: Path, held_meeting_id: int
                                                        ) -> None:
    """The window shares the core: its file open for writing, a target naming that file."""
    from charte_desktop.errors import CharteError
    from charte_desktop.exports.meeting_exports import export_meeting_document

    with open_database(demo) as db:
        before = sha256(demo)
        with pytest.raises(CharteError) as caught:
            export_meeting_document(db, "minutes", held_meeting_id, demo)
        assert caught.value.message == (f"« {demo} » est un fichier Charte : un document "
                                        f"exporté ne le remplace pas ; {CHOOSE}")
        assert sha256(demo) == before
    assert_still_opens(demo)
