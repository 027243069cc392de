"""`charte-desktop export contacts FILE [--body ID] [-o OUT.xlsx]`."""

from pathlib import Path

import pytest

from tests.exports.test_cli_export import run_cli
from tests.exports.xlsx_reading import open_xlsx


def test_directory_under_the_suggested_name(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "export", "contacts", str(demo))
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == tmp_path and written.name.startswith("Annuaire - ")
    assert open_xlsx(written).sheetnames == ["Contacts", "Structures"]


def test_body_members_to_a_chosen_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copil.xlsx"
    code, out, _ = run_cli(capsys, "export", "contacts", str(demo), "--body", "1",
                           "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    assert open_xlsx(target).sheetnames == ["Membres", "Courriels"]


def test_unknown_body_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "export", "contacts", str(demo), "--body", "999",
                             "-o", str(tmp_path / "x.xlsx"))
    assert (code, out, err) == (1, "", "L'instance n° 999 est introuvable.\n")
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("argv", [
    ("export", "contacts"),
    ("export", "contacts", "f.sqlite", "--body", "copil"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "erreur" in err
