"""`charte-desktop export monitoring FILE [--plan ID] [-o OUT.xlsx]`."""

from pathlib import Path

import pytest

from tests.exports.test_cli_export import run_cli
from tests.exports.xlsx_reading import open_xlsx


def test_writes_the_suggested_name_in_the_current_folder(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out_folder = tmp_path / "sortie"
    out_folder.mkdir()
    monkeypatch.chdir(out_folder)
    code, out, err = run_cli(capsys, "export", "monitoring", str(demo))
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == out_folder and written.suffix == ".xlsx"
    assert written.name.startswith("Tableau de suivi - Charte pour une logistique")
    assert open_xlsx(written).sheetnames[0] == "Synthèse"


def test_one_plan_to_a_chosen_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "suivi.xlsx"
    code, out, _ = run_cli(capsys, "export", "monitoring", str(demo), "--plan", "1",
                           "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    assert open_xlsx(target)["Actions"].max_row > 3


def test_unknown_plan_exits_1_and_writes_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "suivi.xlsx"
    code, out, err = run_cli(capsys, "export", "monitoring", str(demo), "--plan", "42",
                             "-o", str(target))
    assert (code, out, err) == (1, "", "Le plan n° 42 est introuvable.\n")
    assert not target.exists()


def test_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "export", "monitoring", str(tmp_path / "absent.sqlite"))
    assert code == 1 and out == "" and err.count("\n") == 1 and err.strip()


@pytest.mark.parametrize("argv", [
    ("export", "monitoring"),
    ("export", "monitoring", "f.sqlite", "--plan", "un"),
    ("export", "monitoring", "f.sqlite", "--meeting", "1"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "erreur" in err
