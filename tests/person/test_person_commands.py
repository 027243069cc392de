"""`export person` and `anonymise` on the command line: exit codes, French lines."""

import os
import stat
from pathlib import Path

import openpyxl
import pytest

from charte_desktop.db import read_only
from tests.command_line import run_cli, sha256


def test_export_person_writes_the_workbook_and_prints_its_path(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "personne.xlsx"
    code, out, err = run_cli(capsys, "export", "person", demo, "--contact", 10, "-o", target)
    assert (code, err) == (0, "") and out.strip() == str(target)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Identité"


def test_export_person_default_name(demo: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _err = run_cli(capsys, "export", "person", demo, "--contact", 10)
    assert code == 0 and Path(out.strip()).name.startswith("Données personnelles - ")
    assert Path(out.strip()).suffix == ".xlsx"


@pytest.mark.parametrize("command", [("export", "person"), ("anonymise",)])
@pytest.mark.parametrize("number", ["9999", "0", "-3", "99999999999999999999999"])
def test_a_bad_contact_is_one_french_line_and_exit_1(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        command: tuple[str, ...], number: str) -> None:
    before = sha256(demo)
    code, out, err = run_cli(capsys, *command, demo, "--contact", number,
                             *(["-o", tmp_path / "x.xlsx"] if command[0] == "export" else []))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "introuvable" in err
    assert sha256(demo) == before


@pytest.mark.parametrize("command", [("export", "person"), ("anonymise",)])
def test_a_contact_number_that_is_no_number_is_a_usage_error(
        demo: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    code, _out, err = run_cli(capsys, *command, demo, "--contact", "abc")
    assert code == 2 and "valeur invalide" in err


def test_anonymise_prints_the_backup_and_what_was_replaced(
        demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "anonymise", demo, "--contact", 10)
    assert (code, err) == (0, "")
    assert "est devenu·e « Personne anonymisée »" in out
    assert "Effacé : " in out and "courriel" in out
    backup = out.split("Sauvegarde faite avant : « ")[1].split(" »")[0]
    assert Path(backup).exists()
    code, _out, err = run_cli(capsys, "anonymise", demo, "--contact", 10)
    assert code == 1 and "déjà anonymisé" in err


def test_anonymise_refuses_a_read_only_file_in_french(
        demo: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:  # root writes anyway: Charte is told what the bits say
        monkeypatch.setattr(read_only, "_writable",
                            lambda path: bool(path.stat().st_mode & stat.S_IWUSR))
    before = sha256(demo)
    demo.chmod(0o444)
    try:
        code, out, err = run_cli(capsys, "anonymise", demo, "--contact", 10)
    finally:
        demo.chmod(0o644)
    assert code == 1 and out == ""
    assert "lecture seule" in err and err.count("\n") == 1
    assert sha256(demo) == before
