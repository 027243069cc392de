"""`export update-workbook` and `import updates` on the command line: exit codes 0 / 1 / 2,
--dry-run writes nothing, without it every change is recorded."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from charte_desktop import clock
from charte_desktop.db import open_database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, ActionNote, UpdateImport
from tests.command_line import run_cli
from tests.updates.workbooks import fill

CAMILLE = 8  # Camille Roussel's number in the demo (see `list contacts`)



@pytest.fixture
def sent(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run_cli(capsys, "export", "update-workbook", str(demo), "--pilot",
                             str(CAMILLE), "-o", str(tmp_path / "camille.xlsx"))
    assert (code, err) == (0, "")
    return Path(out.strip())


def test_export_writes_the_suggested_name_in_the_current_folder(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "sortie"
    folder.mkdir()
    monkeypatch.chdir(folder)
    code, out, err = run_cli(capsys, "export", "update-workbook", str(demo), "--pilot",
                             str(CAMILLE))
    assert (code, err) == (0, "")
    assert Path(out.strip()) == folder / f"Mise à jour - Camille Roussel - {clock.today()}.xlsx"
    code, out, _ = run_cli(capsys, "export", "update-workbook", str(demo))
    assert code == 0
    assert Path(out.strip()).name == f"Mise à jour - toutes les actions - {clock.today()}.xlsx"
    assert load_workbook(out.strip())["Actions"].max_row == 12 + 15


def test_export_to_a_chosen_file(sent: Path, tmp_path: Path) -> None:
    assert sent == tmp_path / "camille.xlsx" and sent.stat().st_size > 0


@pytest.mark.parametrize(("argv", "message"), [
    (("--pilot", "9999"), "Le contact n° 9999 est introuvable.\n"),
    (("--plan", "9999"), "Le plan n° 9999 est introuvable.\n"),
])
def test_export_errors_exit_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = run_cli(capsys, "export", "update-workbook", str(demo), *argv,
                             "-o", str(tmp_path / "x.xlsx"))
    assert (code, out, err) == (1, "", message)
    assert not (tmp_path / "x.xlsx").exists()


def test_dry_run_prints_the_changes_and_writes_nothing(
    demo: Path, sent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(sent, actions={"1.5": {"new_status": "En cours", "comment": "Relancé."}})
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "import", "updates", str(demo), str(sent), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "Action 1.5 — Développer la cyclologistique pour le dernier kilomètre",
        "  Statut : Suspendue → En cours",
        "  Journal de suivi : + « Relancé. »",
        "2 changements.",
        "Rien n'a été enregistré (--dry-run).",
    ]
    assert out.startswith("Classeur « camille.xlsx » : plan « Charte pour une logistique")
    assert demo.read_bytes() == before


def test_import_records_every_change(
    demo: Path, sent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(sent, actions={"1.5": {"new_status": "En cours", "new_progress": 40,
                                "comment": "Relancé."}},
         indicators={"Aires": {"value": 16}})
    code, out, err = run_cli(capsys, "import", "updates", str(demo), str(sent))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == ("4 changements enregistrés (2 entrées du journal de "
                                    "suivi, 1 mesure) ; le classeur est noté comme importé.")
    with open_database(demo, read_only=True) as db, db.session() as session:
        action = session.scalars(select(Action).where(Action.code == "1.5")).one()
        assert (action.status, action.progress) == (ActionStatus.IN_PROGRESS, 40)
        assert session.scalars(select(ActionNote.text).where(
            ActionNote.action_id == action.id).order_by(ActionNote.id.desc())).first(
            ).endswith("Relancé.")
        assert session.scalars(select(UpdateImport.accepted)).one() == 4
    code, out, err = run_cli(capsys, "import", "updates", str(demo), str(sent))
    assert (code, out) == (1, "") and "a déjà été importé" in err and err.count("\n") == 1


def test_a_workbook_with_cells_to_correct_is_refused_whole(
    demo: Path, sent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(sent, actions={"1.5": {"new_status": "En cours"}, "2.5": {"new_progress": 150}})
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "import", "updates", str(demo), str(sent))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "  Feuille « Actions », cellule J15 (action 2.5) : l'avancement doit être un nombre "
        "entier de 0 à 100 (saisi : 150).",
        "Le classeur « camille.xlsx » a une cellule à corriger : rien n'a été importé. "
        "Corrigez-les (ou demandez au pilote de le faire) puis recommencez.",
    ]
    assert demo.read_bytes() == before
    code, out, _ = run_cli(capsys, "import", "updates", str(demo), str(sent), "--dry-run")
    assert code == 1 and "À corriger dans le classeur :" in out
    assert demo.read_bytes() == before


def test_the_file_is_backed_up_before_the_import(
    demo: Path, sent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from charte_desktop.db.backups import REASON_IMPORT, chosen_backup_folder, list_backups

    fill(sent, actions={"1.5": {"comment": "Relancé."}})
    code, _, _ = run_cli(capsys, "import", "updates", str(demo), str(sent))
    assert code == 0
    (backup,) = list_backups(chosen_backup_folder(demo))
    assert backup.reason_key == REASON_IMPORT


def test_not_an_update_workbook_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.imports.bad_workbooks import good_workbook

    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "import", "updates", str(demo),
                             str(good_workbook(tmp_path)))
    assert (code, out) == (1, "") and "n'est pas un classeur de mise à jour" in err
    assert demo.read_bytes() == before


@pytest.mark.parametrize("argv", [
    ("import", "updates"),
    ("import", "updates", "f.sqlite"),
    ("import", "updates", "f.sqlite", "c.xlsx", "--force"),
    ("export", "update-workbook", "f.sqlite", "--pilot", "un"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "erreur" in err
