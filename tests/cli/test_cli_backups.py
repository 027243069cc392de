"""`charte-desktop backup` and `restore`: exit codes, French lines, bad files untouched."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from charte_desktop.db.backups import default_backup_folder, list_backups
from charte_desktop.db.health import check_file
from charte_desktop.settings import AppSettings, save_settings
from tests.backup_helpers import all_rows, copy_file, corrupt_an_index_page
from tests.bad_files import BAD_FILES
from tests.cli.test_cli import run_cli


def test_backup_to_a_folder_prints_the_backup_path(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "backup", str(demo), "--to", str(tmp_path / "copies"))
    assert (code, err) == (0, "")
    backup = Path(out.strip())
    assert out.count("\n") == 1 and backup.parent == tmp_path / "copies"
    assert backup.name.startswith("charte-") and backup.name.endswith("-manuelle.sqlite")
    assert check_file(backup).sound and all_rows(backup) == all_rows(demo)


def test_backup_goes_to_the_settings_folder_else_the_default_one(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "backup", str(demo))
    assert code == 0 and Path(out.strip()).parent == default_backup_folder(demo)
    save_settings(AppSettings(backup_folder=tmp_path / "choisi"))
    code, out, _ = run_cli(capsys, "backup", str(demo))
    assert code == 0 and Path(out.strip()).parent == tmp_path / "choisi"


@pytest.mark.parametrize("case", sorted(set(BAD_FILES) - {"newer"}))
def test_backup_of_a_bad_file_exits_1_with_a_french_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, words = BAD_FILES[case]
    path = build(tmp_path)
    before = path.read_bytes() if path.exists() else None
    code, out, err = run_cli(capsys, "backup", str(path), "--to", str(tmp_path / "copies"))
    assert code == 1 and out == ""
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert (path.read_bytes() if path.exists() else None) == before
    assert not (tmp_path / "copies").exists()


def test_backup_of_a_damaged_file_keeps_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt_an_index_page(demo)
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "backup", str(demo), "--to", str(tmp_path / "copies"))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "Sauvegarde impossible" in err and "intégrité" in err
    assert demo.read_bytes() == before and list((tmp_path / "copies").iterdir()) == []


def test_restore_saves_the_current_file_then_restores(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(capsys, "backup", str(demo), "--to", str(tmp_path / "copies"))
    backup = Path(out.strip())
    connection = sqlite3.connect(demo)
    connection.execute("DELETE FROM action_note")
    connection.commit()
    connection.close()
    changed = all_rows(demo)
    code, out, err = run_cli(capsys, "restore", str(backup), str(demo))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Fichier actuel conservé d'abord dans « ")
    assert lines[1] == f"Sauvegarde « {backup} » restaurée dans « {demo} »."
    (saved,) = list_backups(default_backup_folder(demo))
    assert str(saved.path) in lines[0] and saved.reason == "avant restauration"
    assert all_rows(saved.path) == changed
    assert all_rows(demo) == all_rows(backup)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_restore_of_a_bad_backup_exits_1_and_touches_nothing(
    case: str, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, words = BAD_FILES[case]
    backup = build(tmp_path)
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "restore", str(backup), str(demo))
    assert code == 1 and out == ""
    assert err.startswith("Restauration refusée") and words in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert demo.read_bytes() == before
    assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name]
    assert not default_backup_folder(demo).exists()


def test_restore_of_a_damaged_backup_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = copy_file(demo, tmp_path / "copies" / "charte-2026-01-01-000000-manuelle.sqlite")
    corrupt_an_index_page(backup)
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "restore", str(backup), str(demo))
    assert code == 1 and out == "" and "endommagée" in err and err.count("\n") == 1
    assert demo.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [["backup"], ["restore"], ["restore", "a.sqlite"], ["backup", "a.sqlite", "--to"],
     ["backup", "a.sqlite", "--frobnicate"], ["restore", "a", "b", "c"]],
)
def test_usage_errors_exit_2_in_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "utilisation" in err and "Traceback" not in err


def test_real_entry_point(demo: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "donnees")}
    result = subprocess.run(
        [sys.executable, "-m", "charte_desktop", "backup", str(demo)],
        capture_output=True, timeout=60, env=environment,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8")
    backup = Path(result.stdout.decode("utf-8").strip())
    assert backup.parent == tmp_path / "donnees" / "Charte" / "sauvegardes" / backup.parent.name
    assert check_file(backup).sound


@pytest.mark.parametrize("command", ["restore", "demo"])
def test_a_file_open_in_charte_is_never_replaced(
    command: str, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from charte_desktop.db.backups import REASON_MANUAL, make_backup
    from charte_desktop.db.lock import acquire_lock

    backup = make_backup(demo, tmp_path / "sauvegardes", reason=REASON_MANUAL)
    before = demo.read_bytes()
    argv = (["restore", str(backup), str(demo)] if command == "restore"
            else ["demo", str(demo), "--force"])
    with acquire_lock(demo):  # a Charte window has it open
        code, _, err = run_cli(capsys, *argv)
    assert code == 1
    assert "déjà ouvert" in err
    assert demo.read_bytes() == before
