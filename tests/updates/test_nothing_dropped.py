"""Issue 18: every answer of a returned workbook is applied or listed with its reason.

The pilot writes « En cours » for an action the workbook showed « En retard »: the late
status is computed, so the review says the action is already « en cours », why it shows
« En retard » and what would lift it; the other answers that cannot be taken are listed
with their French reason, in the review and on the command line alike.
"""

from pathlib import Path

import pytest
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action
from charte_desktop.exports.update_workbook import write_update_workbook
from charte_desktop.imports.updates import load_update
from charte_desktop.services.update_merge import apply_update, describe_review
from tests.command_line import run_cli
from tests.updates.workbooks import fill

# Action 2.5 of the demo on the tests' day (21/11/2026): due 11/11/2026, its milestone
# « Réunion de lancement… » due 22/09/2026 not reached.
# Worded by services/late_reasons, the one reader of the reasons.
LATE_2_5 = ("échéance dépassée le 11/11/2026 et jalon « Réunion de lancement avec les trois "
            "principaux employeurs » non atteint au 22/09/2026")


def set_status(db: Database, code: str, status: ActionStatus) -> None:
    with db.session() as session:
        session.scalars(select(Action).where(Action.code == code)).one().status = status


def stored(db: Database, code: str) -> tuple[ActionStatus, int]:
    with db.session() as session:
        action = session.scalars(select(Action).where(Action.code == code)).one()
        return action.status, action.progress


@pytest.fixture
def late_in_progress(demo_db: Database, plan_id: int, camille: int, tmp_path: Path) -> Path:
    """Camille's workbook with 2.5 stored « En cours » and shown « En retard », returned
    with « En cours » typed for it, an unreadable progress and an unknown status."""
    set_status(demo_db, "2.5", ActionStatus.IN_PROGRESS)
    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    return fill(sent, actions={
        "2.5": {"new_status": "En cours", "comment": "Les employeurs ont été relancés."},
        "1.5": {"new_progress": "presque fini"},
        "1.1": {"new_status": "Terminé"},
    })


def test_a_late_action_already_in_progress_says_why_it_is_late(
    demo_db: Database, late_in_progress: Path
) -> None:
    review = load_update(demo_db, late_in_progress)
    assert review.skipped == (
        "Action 2.5 : statut « En cours » non repris : l'action est déjà « en cours » ; elle "
        f"apparaît « En retard » : {LATE_2_5}. Pour lever le retard : repousser "
        "l'échéance, cocher le jalon comme atteint ou passer l'action en « Réalisée ».",
    )
    # The comment still goes to the journal; the unreadable cells are named.
    assert [c.describe() for c in review.changes] == [
        "Journal de suivi : + « Les employeurs ont été relancés. »"]
    assert review.problems == (
        "Feuille « Actions », cellule I13 (action 1.1) : « Terminé » n'est pas un statut ; "
        "choisissez parmi « À lancer », « En cours », « Réalisée », « Suspendue », "
        "« Abandonnée ».",
        "Feuille « Actions », cellule J14 (action 1.5) : « presque fini » n'est pas un "
        "avancement : saisissez un nombre entier de 0 à 100.",
    )
    apply_update(demo_db, review, [c.key for c in review.changes])
    assert stored(demo_db, "2.5") == (ActionStatus.IN_PROGRESS, 0)


def test_a_status_typed_on_a_late_action_is_applied_and_says_it_stays_late(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)  # 2.5 stored « À lancer », late
    review = load_update(demo_db, fill(sent, actions={"2.5": {"new_status": "En cours"}}))
    (change,) = review.changes
    assert change.describe() == f"Statut : À lancer → En cours (restera « En retard » : " \
                                f"{LATE_2_5})"
    assert review.skipped == ()
    apply_update(demo_db, review, [change.key])
    assert stored(demo_db, "2.5") == (ActionStatus.IN_PROGRESS, 0)


def test_a_milestone_late_action_lifts_with_its_milestone(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    """1.5, resumed: due in 2027, but its milestone of 22/10/2026 is not reached."""
    set_status(demo_db, "1.5", ActionStatus.IN_PROGRESS)
    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    review = load_update(demo_db, fill(sent, actions={"1.5": {"new_status": "En cours"}}))
    assert review.skipped == (
        "Action 1.5 : statut « En cours » non repris : l'action est déjà « en cours » ; elle "
        "apparaît « En retard » : jalon « Convention avec un opérateur de "
        "cyclologistique » non atteint au 22/10/2026. Pour lever le retard : cocher "
        "le jalon comme atteint ou passer l'action en « Réalisée ».",
    )


def test_values_already_recorded_are_said(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    fill(sent, actions={"1.5": {"new_progress": 20}, "3.1": {"new_progress": 80}})
    review = load_update(demo_db, sent)
    assert review.changes == []
    assert review.skipped == (
        "Action 1.5 : avancement 20 % non repris : c'est déjà l'avancement enregistré.",
        "Action 3.1 : l'avancement (80 %) n'est pas repris, il est calculé d'après les "
        "jalons de l'action.",
    )


def test_the_command_line_prints_the_same_reasons(
    demo_db: Database, demo: Path, late_in_progress: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    review = load_update(demo_db, late_in_progress)
    demo_db.close()
    code, out, err = run_cli(capsys, "import", "updates", str(demo), str(late_in_progress),
                             "--dry-run")
    assert (code, err) == (1, "")  # cells to correct: the command line refuses them
    assert out.splitlines()[:-1] == describe_review(review).splitlines()
    assert "Non repris :" in out
    assert (f"  - {review.skipped[0]}") in out.splitlines()
    assert f"  - {review.problems[0]}" in out.splitlines()


def test_the_command_line_import_lists_what_it_does_not_take(
    demo_db: Database, demo: Path, plan_id: int, camille: int, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_status(demo_db, "2.5", ActionStatus.IN_PROGRESS)
    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    demo_db.close()
    fill(sent, actions={"2.5": {"new_status": "En cours"}, "1.5": {"new_progress": 30}})
    type_in(sent, {("Actions", "D15"): "Camille"})  # a gray cell: the pilot's name
    code, out, err = run_cli(capsys, "import", "updates", str(demo), str(sent))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "  Avancement : 20 % → 30 %" in lines
    first = lines.index("Non repris :") + 1
    assert lines[first:first + 2] == [
        "  - Feuille « Actions », cellule D15 (action 2.5) : cette cellule grise « Pilote » a "
        "été modifiée (on y lit « Camille ») ; elle n'est pas reprise : cette information se "
        "modifie dans Charte, pas dans le classeur.",
        "  - Action 2.5 : statut « En cours » non repris : l'action est déjà « en cours » ; "
        "elle apparaît « En retard » : échéance dépassée le 11/11/2026 et jalon « Réunion de "
        "lancement avec les trois principaux employeurs » non atteint au 22/09/2026. Pour "
        "lever le retard : repousser l'échéance, cocher le jalon comme atteint ou passer "
        "l'action en « Réalisée ».",
    ]
    assert lines[-1].startswith("1 changement enregistré")


def type_in(path: Path, cells: dict[tuple[str, str], object]) -> Path:
    """What a pilot who lifted the protection (it has no password) types in gray cells."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for (sheet, cell), value in cells.items():
        workbook[sheet][cell] = value
    workbook.save(path)
    return path


def test_gray_cells_changed_and_values_beside_the_table_are_said(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    from datetime import datetime

    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    type_in(sent, {
        ("Actions", "G15"): datetime(2026, 12, 31),  # 2.5's end date pushed back
        ("Actions", "E14"): "En cours",  # 1.5's status typed over the current one
        ("Actions", "L13"): "voir mon courriel",
        ("Indicateurs", "D7"): 16,  # the new value typed over the latest one
    })
    review = load_update(demo_db, sent)
    assert review.changes == [] and review.problems == ()
    assert review.skipped == (
        "Feuille « Actions », cellule L13 (action 1.1) : hors du tableau (on y lit « voir "
        "mon courriel ») ; elle n'est pas reprise : les réponses se saisissent dans les "
        "cellules jaunes.",
        "Feuille « Actions », cellule E14 (action 1.5) : cette cellule grise « Statut "
        "actuel » a été modifiée (on y lit « En cours ») ; elle n'est pas reprise : le "
        "nouveau statut se choisit dans la colonne « Nouveau statut ».",
        "Feuille « Actions », cellule G15 (action 2.5) : cette cellule grise « Date de fin » "
        "a été modifiée (on y lit 31/12/2026) ; elle n'est pas reprise : pour repousser "
        "l'échéance, modifiez l'action dans Charte.",
        "Feuille « Indicateurs », cellule D7 (indicateur « Aires de livraison réaménagées ») : "
        "cette cellule grise « Dernière valeur » a été modifiée (on y lit 16) ; elle "
        "n'est pas reprise : la nouvelle valeur se saisit dans la colonne « Nouvelle "
        "valeur », avec sa date dans « Date de la nouvelle valeur ».",
    )
    assert "Non repris :" in describe_review(review)


def test_a_workbook_resaved_by_libreoffice_has_no_gray_cell_changed(
    demo_db: Database, plan_id: int, camille: int, tmp_path: Path
) -> None:
    from tests.exports.libreoffice import SOFFICE, convert

    if SOFFICE is None:
        pytest.skip("LibreOffice absent (.ci/run l'installe)")
    sent = write_update_workbook(demo_db, tmp_path / "camille.xlsx", plan_id=plan_id,
                                 pilot_id=camille)
    resaved = convert(fill(sent, actions={"1.5": {"new_progress": 35}}), "xlsx",
                      tmp_path / "lo")
    review = load_update(demo_db, resaved)
    assert review.skipped == () and len(review.changes) == 1


def test_notes_above_the_table_and_values_with_no_indicator_are_said(
    demo_db: Database, plan_id: int, tmp_path: Path
) -> None:
    from charte_desktop.services.update_content import plan_pilots

    # A pilot whose actions follow no indicator: the sheet says so on its first line.
    pilot = next(row.id for row in plan_pilots(demo_db, plan_id)
                 if not _follows_indicators(demo_db, row.id))
    sent = write_update_workbook(demo_db, tmp_path / "pilote.xlsx", plan_id=plan_id,
                                 pilot_id=pilot)
    type_in(sent, {("Actions", "F2"): "Merci de me rappeler",
                   ("Indicateurs", "H7"): 12})
    review = load_update(demo_db, sent)
    assert review.skipped == (
        "Feuille « Actions », cellule F2 : au-dessus du tableau (on y lit « Merci de me "
        "rappeler ») ; elle n'est pas reprise : les réponses se saisissent dans les cellules "
        "jaunes.",
        "Feuille « Indicateurs », cellule H7 (aucun indicateur) : hors du tableau (on y lit "
        "12) ; elle n'est pas reprise : aucun indicateur n'est rattaché à ces actions.",
    )


def _follows_indicators(db: Database, pilot: int) -> bool:
    with db.session() as session:
        return any(action.indicators for action in session.scalars(
            select(Action).where(Action.pilot_id == pilot)))
