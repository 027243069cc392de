"""`charte-desktop export report FILE --year YYYY [--plan N°] [-o OUT.docx]`."""

from pathlib import Path

import pytest

from charte_desktop.exports.naming import annual_report_name
from tests.command_line import run_cli
from tests.exports.docx_reading import open_docx


def test_writes_the_suggested_name_in_the_current_folder(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out_folder = tmp_path / "sortie"
    out_folder.mkdir()
    monkeypatch.chdir(out_folder)
    code, out, err = run_cli(capsys, "export", "report", str(demo), "--year", "2026")
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == out_folder
    assert written.name == "Bilan 2026 - Communauté de communes du Val d'Aubrance.docx"
    assert open_docx(written).paragraphs


def test_one_plan_to_a_chosen_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bilan.docx"
    code, out, _ = run_cli(capsys, "export", "report", str(demo), "--year", "2026",
                           "--plan", "1", "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    assert "Charte pour une logistique" in open_docx(target).core_properties.title


@pytest.mark.parametrize(("year", "message"), [
    ("26", "« 26 » n'est pas une année : indiquez-la sur quatre chiffres, par exemple 2026."),
    ("deux", "« deux » n'est pas une année : indiquez-la sur quatre chiffres, par exemple "
             "2026."),
    ("٢٠٢٦", "« ٢٠٢٦ » n'est pas une année : indiquez-la sur quatre chiffres, par exemple "
             "2026."),
    ("1066", "L'année 1066 n'est pas valable : indiquez une année entre 1900 et 2999, par "
             "exemple 2026."),
])
def test_a_bad_year_exits_1_and_writes_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str, message: str,
) -> None:
    target = tmp_path / "bilan.docx"
    code, out, err = run_cli(capsys, "export", "report", str(demo), "--year", year,
                             "-o", str(target))
    assert (code, out, err) == (1, "", message + "\n")
    assert not target.exists()


def test_unknown_plan_exits_1_and_writes_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bilan.docx"
    code, out, err = run_cli(capsys, "export", "report", str(demo), "--year", "2026",
                             "--plan", "42", "-o", str(target))
    assert (code, out, err) == (1, "", "Le plan n° 42 est introuvable.\n")
    assert not target.exists()


def test_never_written_over_a_charte_file(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "export", "report", str(demo), "--year", "2026",
                             "-o", str(demo))
    assert (code, out) == (1, "") and "est un fichier Charte" in err
    assert demo.read_bytes() == before


@pytest.mark.parametrize("argv", [
    ("export", "report", "f.sqlite"),  # --year is required
    ("export", "report", "f.sqlite", "--year", "2026", "--plan", "un"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "erreur" in err


def test_name_of_the_bilan() -> None:
    assert annual_report_name(2026, "Plan climat : 2025/2030") == \
        "Bilan 2026 - Plan climat - 2025-2030.docx"
    assert annual_report_name(2026, "") == "Bilan 2026.docx"
