"""An update workbook goes out, a pilot fills it, it comes back: the officer sees the
changes old → new, accepts some, and the file holds exactly those."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, ActionNote, Indicator, Measurement, UpdateImport
from charte_desktop.errors import CharteError
from charte_desktop.exports.update_workbook import write_update_workbook
from charte_desktop.imports.updates import load_update
from charte_desktop.services.update_merge import ChangeKind, apply_update
from tests.updates.workbooks import fill

QUARTER_END = datetime(2026, 9, 30)


@pytest.fixture
def sent(demo_db: Database, plan_id: int, camille: int, tmp_path: Path) -> Path:
    return write_update_workbook(demo_db, tmp_path / "envoye.xlsx", plan_id=plan_id,
                                 pilot_id=camille)


def filled_by_camille(sent: Path) -> Path:
    return fill(
        sent, sent.with_name("rempli.xlsx"),
        actions={
            "1.1": {"new_status": "Réalisée", "new_progress": 100},  # both unchanged
            "1.5": {"new_status": "En cours", "new_progress": 35,
                    "comment": "Opérateur retenu,\nlancement en octobre."},
            "2.5": {"comment": "=HYPERLINK(\"x\")"},  # typed as a formula
            "3.1": {"new_status": "en cours"},  # any case; unchanged
        },
        indicators={
            "Aires": {"value": 17, "measure_comment": "Deux aires de plus"},
            "Concentration": {"value": "24,5", "measure_date": QUARTER_END},
        },
    )


def snapshot(db: Database, code: str) -> tuple[ActionStatus, int, list[str]]:
    with db.session() as session:
        action = session.scalars(select(Action).where(Action.code == code)).one()
        notes = list(session.scalars(
            select(ActionNote.text).where(ActionNote.action_id == action.id)))
        return action.status, action.progress, notes


def measurements(db: Database, name_start: str) -> dict[date, tuple[Decimal, str]]:
    with db.session() as session:
        rows = session.execute(
            select(Measurement.date, Measurement.value, Measurement.comment)
            .join(Indicator).where(Indicator.name.startswith(name_start))
        ).all()
    return {row.date: (row.value, row.comment) for row in rows}


def test_changes_are_listed_old_to_new_action_by_action(
    demo_db: Database, sent: Path
) -> None:
    review = load_update(demo_db, filled_by_camille(sent))
    assert [a.code for a in review.actions] == ["1.1", "1.5"]
    first, second = review.actions
    assert [c.kind for c in second.changes] == [ChangeKind.STATUS, ChangeKind.PROGRESS,
                                                ChangeKind.COMMENT]
    assert [c.describe() for c in second.changes] == [
        "Statut : Suspendue → En cours",
        "Avancement : 20 % → 35 %",
        "Journal de suivi : + « Opérateur retenu, lancement en octobre. »",
    ]
    # Both measurements are shown under 1.1, the first action following each indicator.
    aires, no2 = first.changes
    today = clock.today().strftime("%d/%m/%Y")
    assert aires.what == f"Indicateur « Aires de livraison réaménagées » au {today}"
    assert (aires.old, aires.new) == ("", "17 aires")
    assert aires.hint.startswith("dernière valeur : 14 aires au ")
    assert no2.what.endswith("au 30/09/2026") and no2.new == "24,5 µg/m³"
    # The formula is a problem of its cell, never a value: not even its text is kept.
    assert len(review.problems) == 1
    problem = review.problems[0]
    assert problem.startswith("Feuille « Actions », cellule K15 (action 2.5) : formule")
    assert all("HYPERLINK" not in c.new for c in review.changes)
    # What was typed but changes nothing is said, not dropped (issue 18).
    assert review.skipped == (
        "Action 1.1 : statut « Réalisée » non repris : c'est déjà le statut enregistré.",
        "Action 1.1 : avancement 100 % non repris : c'est déjà l'avancement enregistré.",
        "Action 3.1 : statut « En cours » non repris : c'est déjà le statut enregistré.",
    )


def test_accepted_changes_only_are_recorded_in_one_go(
    demo_db: Database, sent: Path
) -> None:
    review = load_update(demo_db, filled_by_camille(sent))
    keys = {c.describe().split(" :")[0]: c.key for c in review.changes}
    accepted = {keys["Statut"], keys["Journal de suivi"],
                next(c.key for c in review.changes if c.new == "17 aires")}
    before_no2 = measurements(demo_db, "Concentration")

    applied = apply_update(demo_db, review, accepted, today=date(2026, 10, 2))

    assert (applied.accepted, applied.rejected) == (3, 2)
    assert (applied.notes, applied.measurements) == (2, 1)
    status, progress, notes = snapshot(demo_db, "1.5")
    assert (status, progress) == (ActionStatus.IN_PROGRESS, 20)  # progress refused
    assert notes[-1] == (
        f"Mise à jour de Camille Roussel (classeur de mise à jour envoyé le "
        f"{clock.today():%d/%m/%Y}).\nStatut : Suspendue → En cours.\n"
        "Opérateur retenu,\nlancement en octobre."
    )
    _status, _progress, notes_11 = snapshot(demo_db, "1.1")
    assert notes_11[-1].endswith("Indicateur « Aires de livraison réaménagées » au "
                                 f"{clock.today():%d/%m/%Y} : 17 aires.")
    aires = measurements(demo_db, "Aires")
    assert aires[clock.today()][0] == Decimal("17")
    assert aires[clock.today()][1] == ("Transmise par Camille Roussel (classeur de mise à "
                                      f"jour du {clock.today():%d/%m/%Y}) : Deux aires de plus")
    assert measurements(demo_db, "Concentration") == before_no2  # refused
    with demo_db.session() as session:
        note_dates = set(session.scalars(
            select(ActionNote.note_date).where(ActionNote.text.startswith("Mise à jour"))))
        record = session.scalars(select(UpdateImport)).one()
    assert note_dates == {date(2026, 10, 2)}
    assert (record.accepted, record.rejected, record.file_name) == (3, 2, "rempli.xlsx")
    assert record.pilot_name == "Camille Roussel"


def test_a_workbook_is_imported_once(demo_db: Database, sent: Path) -> None:
    filled = filled_by_camille(sent)
    apply_update(demo_db, load_update(demo_db, filled), [])
    before = demo_db.path.read_bytes()
    with pytest.raises(CharteError, match=r"a déjà été importé le .* : 0 changement "
                                          r"accepté, 5 refusés\. Rien n'a été modifié\."):
        load_update(demo_db, filled)
    assert demo_db.path.read_bytes() == before


def test_applying_twice_the_same_review_is_refused(demo_db: Database, sent: Path) -> None:
    review = load_update(demo_db, filled_by_camille(sent))
    apply_update(demo_db, review, [c.key for c in review.changes])
    before = demo_db.path.read_bytes()
    with pytest.raises(CharteError, match="déjà été importé"):
        apply_update(demo_db, review, [c.key for c in review.changes])
    assert demo_db.path.read_bytes() == before


def test_a_value_already_recorded_for_that_date_is_not_a_change(
    demo_db: Database, sent: Path
) -> None:
    aires = measurements(demo_db, "Aires")
    latest = max(aires)
    filled = fill(sent, indicators={"Aires": {
        "value": float(aires[latest][0]), "measure_date": datetime.combine(latest,
                                                                         datetime.min.time())}})
    assert load_update(demo_db, filled).changes == []


def test_a_new_value_for_a_recorded_date_replaces_it(demo_db: Database, sent: Path) -> None:
    latest = max(measurements(demo_db, "Aires"))
    filled = fill(sent, indicators={"Aires": {
        "value": 99, "measure_date": datetime.combine(latest, datetime.min.time())}})
    review = load_update(demo_db, filled)
    (change,) = review.changes
    assert (change.old, change.new, change.hint) == ("14 aires", "99 aires", "")
    apply_update(demo_db, review, [change.key])
    assert measurements(demo_db, "Aires")[latest][0] == Decimal("99")


def test_what_the_officer_changed_since_sending_is_the_old_value(
    demo_db: Database, sent: Path
) -> None:
    from charte_desktop.services.actions import get_action

    with demo_db.session() as session:
        session.scalars(select(Action).where(Action.code == "1.5")).one().progress = 30
    review = load_update(demo_db, fill(sent, actions={"1.5": {"new_progress": 35}}))
    (change,) = review.changes
    assert (change.old, change.new) == ("30 %", "35 %")
    apply_update(demo_db, review, [change.key])
    assert get_action(demo_db, review.actions[0].action_id or 0).progress == 35


def test_answers_for_an_action_deleted_since_are_set_aside(
    demo_db: Database, sent: Path
) -> None:
    from charte_desktop.services.actions import delete_action

    with demo_db.session() as session:
        action_id = session.scalars(select(Action.id).where(Action.code == "2.5")).one()
    delete_action(demo_db, action_id)
    review = load_update(demo_db, fill(sent, actions={"2.5": {"comment": "Fait."},
                                                      "1.1": {"comment": "Bien."}}))
    assert [a.code for a in review.actions] == ["1.1"]
    assert review.skipped == ("Action 2.5 : elle n'existe plus dans le plan (supprimée ou "
                              "renumérotée depuis l'envoi) ; ses réponses ne sont pas "
                              "reprises.",)


def test_progress_computed_from_milestones_is_not_taken(
    demo_db: Database, sent: Path
) -> None:
    review = load_update(demo_db, fill(sent, actions={"3.1": {"new_progress": 90}}))
    assert review.changes == []
    assert review.skipped == ("Action 3.1 : l'avancement (90 %) n'est pas repris, il est "
                              "calculé d'après les jalons de l'action.",)


@pytest.mark.parametrize(("answers", "problem"), [
    ({"actions": {"1.5": {"new_status": "En retard"}}},
     "cellule I14 (action 1.5) : « En retard » est calculé par Charte"),
    ({"actions": {"1.5": {"new_status": "Terminée"}}},
     "cellule I14 (action 1.5) : « Terminée » n'est pas un statut ; choisissez parmi "
     "« À lancer », « En cours », « Réalisée », « Suspendue », « Abandonnée »."),
    ({"actions": {"1.5": {"new_progress": 120}}},
     "cellule J14 (action 1.5) : l'avancement doit être un nombre entier de 0 à 100 "
     "(saisi : 120)."),
    ({"actions": {"1.5": {"new_progress": 33.5}}}, "(saisi : 33,5)"),
    ({"actions": {"1.5": {"new_progress": "beaucoup"}}},
     "« beaucoup » n'est pas un avancement"),
    ({"indicators": {"Aires": {"value": "douze"}}},
     "« douze » n'est pas un nombre (par exemple 12 ou 12,5)."),
    ({"indicators": {"Aires": {"value": 12, "measure_date": None}}},
     "la valeur n'a pas de date"),
    ({"indicators": {"Aires": {"value": 12, "measure_date": "31/02/2026"}}},
     "« 31/02/2026 » n'est pas une date"),
    ({"indicators": {"Aires": {"value": "=A1*2"}}}, "formule « =A1*2 »"),
    ({"actions": {"1.5": {"new_progress": "#REF!"}}},
     "cellule J14 (action 1.5) : cellule en erreur « #REF! »."),
    ({"indicators": {"Aires": {"measure_comment": "Je ne sais pas"}}},
     "un commentaire sans valeur n'est pas repris"),
])
def test_cells_that_make_no_sense_are_problems_not_changes(
    demo_db: Database, sent: Path, answers: dict, problem: str  # type: ignore[type-arg]
) -> None:
    review = load_update(demo_db, fill(sent, **answers))
    assert review.changes == []
    assert len(review.problems) == 1 and problem in review.problems[0], review.problems


def test_text_numbers_and_dates_typed_the_french_way_are_understood(
    demo_db: Database, sent: Path
) -> None:
    review = load_update(demo_db, fill(sent, actions={"1.5": {"new_progress": "45 %"}},
                                       indicators={"Aires": {"value": "1 234,5",
                                                             "measure_date": "30/09/2026"}}))
    assert review.problems == ()
    by_kind = {change.kind: change for change in review.changes}
    progress, value = by_kind[ChangeKind.PROGRESS], by_kind[ChangeKind.MEASUREMENT]
    assert progress.progress == 45
    assert value.value == Decimal("1234.5") and value.measured_on == date(2026, 9, 30)
