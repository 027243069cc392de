"""Milestones, fundings, journal, policies, prioritisation criteria, scores and ranking."""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, FundingState
from charte_desktop.db.models import Body, Decision, Meeting, Organisation, PriorityCriterion
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details as svc
from charte_desktop.services.action_details import (
    ActionNoteFields,
    CriterionFields,
    FundingFields,
    MilestoneFields,
    PolicyFields,
)
from charte_desktop.services.actions import (
    ActionFields,
    ActionFilter,
    create_action,
    get_action,
    list_actions,
    milestone_progress,
    update_action,
)
from charte_desktop.services.plans import PlanFields, create_plan

DAY = date(2025, 3, 14)


@contextmanager
def expect_error(field: str | None, *words: str) -> Iterator[None]:
    """Expect a CharteError naming `field`, whose French message holds `words`."""
    with pytest.raises(CharteError) as info:
        yield
    assert info.value.field == field, info.value.message
    for word in words:
        assert word in info.value.message


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte")).id


@pytest.fixture
def action_id(db: Database, plan_id: int) -> int:
    return create_action(db, ActionFields(plan_id, "1.1", "Action")).id


def organisation(db: Database, name: str = "Région") -> int:
    with db.session() as session:
        row = Organisation(name=name)
        session.add(row)
        session.flush()
        return row.id


def progress_of(db: Database, action_id: int) -> int:
    return get_action(db, action_id).progress


# --- milestones and progress ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "total", "progress"),
    [(0, 0, 0), (0, 3, 0), (1, 3, 33), (2, 3, 67), (3, 3, 100), (1, 8, 13), (1, 2, 50)],
)
def test_milestone_progress_rounds_half_up(done: int, total: int, progress: int) -> None:
    assert milestone_progress(done, total) == progress


def test_progress_follows_milestones_when_asked(db: Database, plan_id: int) -> None:
    action = create_action(
        db, ActionFields(plan_id, "1", "Action", progress=90, progress_from_milestones=True)
    ).id
    assert progress_of(db, action) == 0  # no milestone yet: the typed 90 % is not kept

    ids = [svc.create_milestone(db, MilestoneFields(action, f"J{n}")).id for n in range(3)]
    assert progress_of(db, action) == 0
    svc.set_milestone_done(db, ids[0], True, done_date=DAY)
    assert progress_of(db, action) == 33
    svc.update_milestone(db, ids[1], MilestoneFields(action, "J1", done=True))
    assert progress_of(db, action) == 67
    svc.delete_milestone(db, ids[2])
    assert progress_of(db, action) == 100
    svc.set_milestone_done(db, ids[0], False)
    assert progress_of(db, action) == 50
    svc.create_milestone(db, MilestoneFields(action, "J3", done=True))
    assert progress_of(db, action) == 67
    # Rows in the plan's table agree with the fiche.
    [row] = list_actions(db, ActionFilter(plan_id=plan_id))
    assert row.progress == 67


def test_progress_typed_by_hand_is_left_alone(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1", "Action", progress=40)).id
    svc.create_milestone(db, MilestoneFields(action, "Étude", done=True))
    svc.create_milestone(db, MilestoneFields(action, "Travaux"))
    assert progress_of(db, action) == 40


def test_switching_to_milestones_recomputes_progress(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1", "Action", progress=10)).id
    svc.create_milestone(db, MilestoneFields(action, "A", done=True))
    svc.create_milestone(db, MilestoneFields(action, "B"))
    assert progress_of(db, action) == 10
    update_action(db, action, ActionFields(plan_id, "1", "Action", progress_from_milestones=True))
    assert progress_of(db, action) == 50


def test_moving_a_milestone_updates_both_actions(db: Database, plan_id: int) -> None:
    first = create_action(db, ActionFields(plan_id, "1", "A", progress_from_milestones=True)).id
    second = create_action(db, ActionFields(plan_id, "2", "B", progress_from_milestones=True)).id
    svc.create_milestone(db, MilestoneFields(first, "Reste"))
    moved = svc.create_milestone(db, MilestoneFields(first, "Déplacé", done=True)).id
    assert (progress_of(db, first), progress_of(db, second)) == (50, 0)
    svc.update_milestone(db, moved, MilestoneFields(second, "Déplacé", done=True))
    assert (progress_of(db, first), progress_of(db, second)) == (0, 100)


def test_milestone_rules_and_done_date(db: Database, action_id: int) -> None:
    with expect_error("title", "« Intitulé du jalon »", "obligatoire"):
        svc.create_milestone(db, MilestoneFields(action_id, "  "))
    with pytest.raises(CharteError, match="L'action n° 999 est introuvable"):
        svc.create_milestone(db, MilestoneFields(999, "Étude"))
    # A date of completion only for a done milestone; typed without the tick, it is said.
    with expect_error("done_date", "Cochez « Atteint »"):
        svc.create_milestone(db, MilestoneFields(action_id, "Étude", DAY, done=False,
                                                 done_date=DAY))
    milestone = svc.create_milestone(db, MilestoneFields(action_id, "Étude", DAY))
    ticked = svc.set_milestone_done(db, milestone.id, True, done_date=DAY)
    assert (ticked.done, ticked.done_date) == (True, DAY)


def test_milestones_are_listed_by_due_date_undated_last(db: Database, action_id: int) -> None:
    svc.create_milestone(db, MilestoneFields(action_id, "Sans date"))
    svc.create_milestone(db, MilestoneFields(action_id, "Tard", date(2026, 1, 1)))
    svc.create_milestone(db, MilestoneFields(action_id, "Tôt", date(2025, 1, 1)))
    titles = [m.title for m in svc.list_milestones(db, action_id)]
    assert titles == ["Tôt", "Tard", "Sans date"]


# --- fundings ------------------------------------------------------------------------------


def test_funding_round_trip_with_funder_loaded(db: Database, action_id: int) -> None:
    funder = organisation(db, "ADEME")
    funding = svc.create_funding(
        db, FundingFields(action_id, funder, "12500.255", FundingState.GRANTED, " Accord ")
    )
    assert funding.amount == Decimal("12500.26")
    [listed] = svc.list_fundings(db, action_id)
    assert (listed.funder.name, listed.state, listed.note) == (
        "ADEME",
        FundingState.GRANTED,
        "Accord",
    )
    svc.update_funding(db, funding.id, FundingFields(action_id, funder, 0, FundingState.PAID))
    assert svc.list_fundings(db, action_id)[0].amount == Decimal("0.00")
    svc.delete_funding(db, funding.id)
    assert svc.list_fundings(db, action_id) == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"funder_id": None}, "funder_id", ("« Financeur »", "obligatoire")),
        ({"funder_id": 999}, "funder_id", ("structure n° 999",)),
        ({"amount": "-1"}, "amount", ("« Montant »", "négatif")),
        ({"amount": "mille"}, "amount", ("« Montant »", "montant en euros")),
        ({"state": "versé"}, "state", ("« État du financement »",)),
    ],
)
def test_funding_rules(
    db: Database, action_id: int, changes: dict[str, Any], field: str, words: tuple[str, ...]
) -> None:
    values: dict[str, Any] = {"funder_id": organisation(db), "amount": "10", **changes}
    with expect_error(field, *words):
        svc.create_funding(db, FundingFields(action_id, **values))
    assert svc.list_fundings(db, action_id) == []


# --- journal -------------------------------------------------------------------------------


def test_journal_entries_newest_first_and_linked_to_a_decision(
    db: Database, action_id: int
) -> None:
    with db.session() as session:
        body = Body(kind=BodyKind.COPIL, name="COPIL")
        meeting = Meeting(body=body, date=DAY)
        decision = Decision(meeting=meeting, text="Lancer l'étude")
        session.add_all([body, meeting, decision])
        session.flush()
        decision_id = decision.id
    svc.create_note(db, ActionNoteFields(action_id, date(2025, 1, 5), "Réunion de lancement"))
    note = svc.create_note(db, ActionNoteFields(action_id, DAY, "Étude validée", decision_id))
    long_text = "Compte rendu détaillé. " * 2000  # nothing the officer typed is cut
    svc.update_note(db, note.id, ActionNoteFields(action_id, DAY, long_text, decision_id))

    notes = svc.list_notes(db, action_id)
    assert [n.note_date for n in notes] == [DAY, date(2025, 1, 5)]
    assert notes[0].text == long_text.strip() and notes[0].decision_id == decision_id
    svc.delete_note(db, note.id)
    assert len(svc.list_notes(db, action_id)) == 1


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ((None, "Texte"), "note_date", ("« Date »", "obligatoire")),
        ((DAY, " "), "text", ("« Texte »", "obligatoire")),
        ((DAY, "Texte", 999), "decision_id", ("décision n° 999",)),
    ],
)
def test_journal_rules(
    db: Database, action_id: int, fields: tuple[Any, ...], field: str, words: tuple[str, ...]
) -> None:
    with expect_error(field, *words):
        svc.create_note(db, ActionNoteFields(action_id, *fields))


# --- policies ------------------------------------------------------------------------------


def test_policy_codes_are_required_and_unique_ignoring_case(db: Database) -> None:
    assert "PCAET" in [p.code for p in svc.list_policies(db)]  # a new file has the usual ones
    with expect_error("code", "« Code »", "« pcaet »", "existe déjà"):
        svc.create_policy(db, PolicyFields("pcaet"))
    with expect_error("code", "« Code »", "obligatoire"):
        svc.create_policy(db, PolicyFields(""))
    created = svc.create_policy(db, PolicyFields(" SRADDET ", "Schéma régional"))
    assert (created.code, created.label) == ("SRADDET", "Schéma régional")
    renamed = svc.update_policy(db, created.id, PolicyFields("SRADDET", "Schéma régional (Sud)"))
    assert renamed.label == "Schéma régional (Sud)"


def test_deleting_a_policy_untags_its_actions(db: Database, plan_id: int) -> None:
    policy = svc.create_policy(db, PolicyFields("PAT", "Projet alimentaire territorial")).id
    action = create_action(db, ActionFields(plan_id, "1", "Cantines", policy_ids=[policy])).id
    svc.delete_policy(db, policy)
    assert get_action(db, action).policies == []


# --- criteria, scores and ranking ----------------------------------------------------------


def criterion(db: Database, name: str, weight: int) -> int:
    return svc.create_criterion(db, CriterionFields(name, weight)).id


def drop_default_criteria(db: Database) -> None:
    for existing in svc.list_criteria(db):
        svc.delete_criterion(db, existing.id)


def test_criterion_rules(db: Database) -> None:
    with expect_error("name", "« Nom du critère »", "« facilité »", "existe déjà"):
        svc.create_criterion(db, CriterionFields("facilité"))
    for refused in (-1, 0, "0,00"):  # a criterion that counts for nothing is deleted
        with expect_error("weight", "Le poids doit être supérieur à 0, par exemple 1,5."):
            svc.create_criterion(db, CriterionFields("Coût", refused))
    with expect_error("weight", "au plus 100"):
        svc.create_criterion(db, CriterionFields("Coût", 101))
    with expect_error("name", "obligatoire"):
        svc.create_criterion(db, CriterionFields(" "))
    cost = svc.create_criterion(db, CriterionFields("Coût", "0,01"))
    assert cost.weight == Decimal("0.01")
    assert svc.update_criterion(db, cost.id, CriterionFields("Coût", 2)).weight == 2


def test_scores_are_set_partially_cleared_and_checked(db: Database, action_id: int) -> None:
    drop_default_criteria(db)
    ease, speed = criterion(db, "Facilité", 1), criterion(db, "Rapidité", 2)
    svc.set_scores(db, action_id, {ease: 3, speed: 1})
    svc.set_scores(db, action_id, {speed: 2})  # the other score is kept
    assert svc.get_scores(db, action_id) == {ease: 3, speed: 2}

    with expect_error("scores", "« Rapidité »", "entre 0 et 3", "4"):
        svc.set_scores(db, action_id, {ease: 0, speed: 4})
    with expect_error("scores", "critère n° 999"):
        svc.set_scores(db, action_id, {ease: 0, 999: 1})
    assert svc.get_scores(db, action_id) == {ease: 3, speed: 2}  # all or nothing

    svc.set_scores(db, action_id, {ease: None})
    assert svc.get_scores(db, action_id) == {speed: 2}
    with pytest.raises(CharteError, match="L'action n° 999 est introuvable"):
        svc.set_scores(db, 999, {speed: 1})


def test_ranking_weights_scores_and_ties_share_a_rank(db: Database, plan_id: int) -> None:
    drop_default_criteria(db)
    ease, will = criterion(db, "Facilité", 1), criterion(db, "Volonté politique", 3)
    ids = {
        code: create_action(db, ActionFields(plan_id, code, f"Action {code}")).id
        for code in ("1.10", "1.2", "2", "3", "4")
    }
    svc.set_scores(db, ids["1.10"], {ease: 3, will: 2})  # 3 + 6 = 9
    svc.set_scores(db, ids["1.2"], {ease: 0, will: 3})  # 9
    svc.set_scores(db, ids["2"], {ease: 2, will: 1})  # 5
    svc.set_scores(db, ids["3"], {ease: 1})  # 1; "4" has no score: 0
    other_plan = create_plan(db, PlanFields("Autre")).id
    create_action(db, ActionFields(other_plan, "9", "Ailleurs"))

    ranking = svc.priority_ranking(db, plan_id)

    assert [(r.code, r.score, r.rank) for r in ranking] == [
        ("1.2", 9, 1),
        ("1.10", 9, 1),
        ("2", 5, 3),
        ("3", 1, 4),
        ("4", 0, 5),
    ]
    svc.update_criterion(db, will, CriterionFields("Volonté politique", 1))  # above 0
    by_code = {r.code: (r.score, r.rank) for r in svc.priority_ranking(db, plan_id)}
    assert by_code == {"1.10": (5, 1), "2": (3, 2), "1.2": (3, 2), "3": (1, 4), "4": (0, 5)}
    svc.delete_criterion(db, ease)  # only « Volonté politique » left
    assert {r.code: r.score for r in svc.priority_ranking(db, plan_id)} == {
        "1.2": 3, "1.10": 2, "2": 1, "3": 0, "4": 0}
    assert svc.priority_ranking(db, 999) == []


_plans = itertools.count()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scores=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=6))
def test_rank_is_one_plus_the_number_of_better_actions(
    db: Database, scores: list[tuple[int, int]]
) -> None:
    with db.session() as session:
        ease, will = session.scalars(select(PriorityCriterion.id).order_by("id")).all()[:2]
        session.get_one(PriorityCriterion, will).weight = 2
    plan = create_plan(db, PlanFields(f"Plan {next(_plans)}")).id
    for number, (first, second) in enumerate(scores):
        action = create_action(db, ActionFields(plan, str(number), "A")).id
        svc.set_scores(db, action, {ease: first, will: second})

    ranking = svc.priority_ranking(db, plan)

    totals = sorted((first + 2 * second for first, second in scores), reverse=True)
    assert [r.score for r in ranking] == totals
    for row in ranking:
        assert row.rank == 1 + sum(total > row.score for total in totals)
