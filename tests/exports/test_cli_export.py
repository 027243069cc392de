"""`charte-desktop export …`: written path on stdout, exit codes 0 / 1 / 2."""

from pathlib import Path

import pytest

from tests.command_line import run_cli
from tests.exports.docx_reading import all_text, open_docx


@pytest.mark.parametrize(("kind", "title"), [
    ("convocation", "Convocation"), ("attendance", "Feuille d'émargement"),
    ("minutes", "Compte rendu"),
])
def test_export_writes_the_suggested_name_in_the_current_folder(
    demo: Path, held_meeting_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], kind: str, title: str,
) -> None:
    out_folder = tmp_path / "sortie"
    out_folder.mkdir()
    monkeypatch.chdir(out_folder)
    code, out, err = run_cli(capsys, "export", kind, str(demo), "--meeting",
                             str(held_meeting_id))
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == out_folder and written.name.startswith(f"{title} - ")
    assert written.suffix == ".docx" and title in all_text(open_docx(written))


def test_export_to_a_chosen_file(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cr.docx"
    code, out, _ = run_cli(capsys, "export", "minutes", str(demo), "--meeting",
                           str(held_meeting_id), "-o", str(target))
    assert code == 0 and out.strip() == str(target) and target.stat().st_size > 0


def test_unknown_meeting_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "export", "minutes", str(demo), "--meeting", "9999",
                             "-o", str(tmp_path / "x.docx"))
    assert (code, out) == (1, "")
    assert err == "La réunion n° 9999 est introuvable.\n"
    assert not (tmp_path / "x.docx").exists()


def test_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "export", "minutes", str(tmp_path / "absent.sqlite"),
                             "--meeting", "1")
    assert code == 1 and out == "" and err.count("\n") == 1 and err.strip()


def test_missing_output_folder_exits_1(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "export", "minutes", str(demo), "--meeting",
                           str(held_meeting_id), "-o", str(tmp_path / "absent" / "x.docx"))
    assert code == 1 and "n'existe pas" in err


@pytest.mark.parametrize("argv", [
    ("export", "minutes"),
    ("export", "minutes", "f.sqlite"),
    ("export", "agenda", "f.sqlite", "--meeting", "1"),
    ("export", "minutes", "f.sqlite", "--meeting", "un"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "erreur" in err


def test_export_action_sheet_under_its_suggested_name(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "export", "action", str(demo), "--action", "1")
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == tmp_path and written.name.startswith("Fiche action 1.1 - ")
    assert "Fiche action 1.1" in all_text(open_docx(written))


def test_export_action_sheet_to_a_chosen_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fiche.docx"
    code, out, err = run_cli(capsys, "export", "action", str(demo), "--action", "7",
                             "-o", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")


def test_export_unknown_action_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "export", "action", str(demo), "--action", "999",
                             "-o", str(tmp_path / "f.docx"))
    assert (code, out) == (1, "")
    assert err == "L'action n° 999 est introuvable (peut-être supprimée).\n"
    assert not (tmp_path / "f.docx").exists()


@pytest.mark.parametrize("argv", [
    ("export", "action", "f.sqlite"),
    ("export", "action", "f.sqlite", "--action", "deux"),
    ("export", "action", "f.sqlite", "--meeting", "1"),
])
def test_action_sheet_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "erreur" in err
