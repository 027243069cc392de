"""`charte-desktop import actions|contacts`: the contract, and refused files change nothing."""

import json
from pathlib import Path

import pytest

from tests.command_line import run_cli
from tests.imports.bad_workbooks import BAD_WORKBOOKS
from tests.imports.replace_cells import replace_cells
from tests.imports.sample_files import clean_plan, contacts_list, plan_typed_by_someone_else


@pytest.mark.parametrize("kind", ["actions", "contacts"])
@pytest.mark.parametrize("case", sorted(BAD_WORKBOOKS))
def test_untrusted_files_are_refused_and_change_nothing(
        case: str, kind: str, demo: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    build, words = BAD_WORKBOOKS[case]
    bad = build(tmp_path)
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "import", kind, demo, bad)
    assert (code, out) == (1, "")
    assert words in err
    assert len(err.strip().splitlines()) == 1  # one French line, no traceback
    assert demo.read_bytes() == before


def test_dry_run_prints_the_preview_and_writes_nothing(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "import", "actions", demo,
                             plan_typed_by_someone_else(tmp_path), "--dry-run")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Aperçu de l'import de « plan-partenaires.xlsx » (feuille « Plan 2025 », en-tête "
        "ligne 4) : 3 actions, 2 axes et 2 pilotes (contacts) à créer dans le nouveau plan "
        "« Plan d'actions de la charte mobilité 2025-2030 » ; 1 date illisible laissée vide "
        "; 1 ligne a des problèmes.")
    assert "  - 1 – Mobilité du quotidien" in lines
    assert "Problèmes (1) :" in lines
    # An unreadable date is left empty with a note: it no longer refuses the import.
    assert "  - Ligne 7 : date « 31/02/2025 » illisible, laissée vide." in lines
    assert lines[-1] == "L'import serait refusé : corrigez ces lignes puis recommencez."
    assert demo.read_bytes() == before


def test_rows_with_problems_refuse_the_whole_import(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo.read_bytes()
    code, out, err = run_cli(capsys, "import", "actions", demo,
                             plan_typed_by_someone_else(tmp_path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Problèmes (1) :",
        "  ligne 10 : statut « En réflexion » inconnu (possibles : À lancer, En cours, "
        "Réalisée, Suspendue, Abandonnée)",
        "Import refusé : 1 problème sur 1 ligne ; rien n'a été modifié. Corrigez le "
        "fichier puis recommencez.",
    ]
    assert demo.read_bytes() == before


def test_import_into_a_new_plan_then_an_existing_one(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        private_data_folder: Path) -> None:
    path = plan_typed_by_someone_else(tmp_path)
    replace_cells(path, {"G7": "28/02/2025", "E10": "Suspendue"})
    code, out, err = run_cli(capsys, "import", "actions", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Rien n'a été écrit (--dry-run)."
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, err) == (0, "")
    assert out == ("4 actions importées dans le nouveau plan « Plan d'actions de la charte "
                   "mobilité 2025-2030 » (n° 2) ; 2 axes et 2 pilotes créés.\n")
    assert list(private_data_folder.rglob("*-import.sqlite"))  # backed up first
    code, out, err = run_cli(capsys, "import", "actions", demo, clean_plan(tmp_path),
                             "--plan", "2")
    assert (code, err) == (0, "")
    assert out.startswith("3 actions importées dans le plan « Plan d'actions")
    code, out, _ = run_cli(capsys, "list", "actions", demo, "--json")
    codes = {action["code"] for action in json.loads(out) if action["plan_id"] == 2}
    assert codes == {"1.1", "1.2", "2.1", "2.2", "9.1", "9.2", "9.3"}


def test_missing_required_column_is_named(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "suivi.csv"
    path.write_text("N°;Pilote;Statut;Échéance\n1;Zoé Lefèvre;En cours;2026\n",
                    encoding="utf-8")
    code, out, err = run_cli(capsys, "import", "actions", demo, path)
    assert (code, out) == (1, "")
    assert err == ("Colonne obligatoire introuvable : « Intitulé ». Colonnes du fichier : "
                   "« N° », « Pilote », « Statut », « Échéance ».\n")


def test_unknown_plan_and_usage_errors(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo.read_bytes()
    code, _, err = run_cli(capsys, "import", "actions", demo, clean_plan(tmp_path),
                           "--plan", "99")
    assert (code, err) == (1, "Le plan n° 99 est introuvable (voir « list plans »).\n")
    code, _, err = run_cli(capsys, "import", "actions", demo)
    assert code == 2 and "arguments obligatoires manquants : CLASSEUR" in err
    code, _, err = run_cli(capsys, "import", "agenda", demo, clean_plan(tmp_path))
    assert code == 2
    assert demo.read_bytes() == before


def test_import_contacts(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                         ) -> None:
    path = contacts_list(tmp_path)
    code, out, err = run_cli(capsys, "import", "contacts", demo, path)
    assert code == 1
    assert "  ligne 6 : le champ « Courriel » n'est pas une adresse électronique valide " \
           "(« anne.roux@example »)." in err.splitlines()
    replace_cells(path, {"F6": "anne.roux@transports-rapides.example"})
    code, out, err = run_cli(capsys, "import", "contacts", demo, path, "--dry-run")
    assert (code, err) == (0, "")
    assert "3 contacts, 2 structures et 1 cercle à créer dans l'annuaire" in out
    assert "  - ligne 7 : Hélène Barbier est déjà dans l'annuaire : ligne ignorée" in out
    code, out, err = run_cli(capsys, "import", "contacts", demo, path)
    assert (code, out, err) == (0, "3 contacts importés ; 2 structures et 1 cercle créés.\n",
                                "")


def test_a_file_open_in_charte_is_not_imported_into(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from charte_desktop.db.lock import acquire_lock

    before = demo.read_bytes()
    with acquire_lock(demo):
        code, _, err = run_cli(capsys, "import", "actions", demo, clean_plan(tmp_path))
    assert code == 1 and "déjà ouvert" in err
    assert demo.read_bytes() == before
