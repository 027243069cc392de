"""What a fiche action carries: milestones, fundings, journal; policies; prioritisation."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Integer, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, FundingState
from charte_desktop.db.models import (
    Action,
    ActionNote,
    Decision,
    Funding,
    FundingCall,
    Milestone,
    Organisation,
    Policy,
    PriorityCriterion,
    PriorityScore,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.action_rows import natural_key
from charte_desktop.services.actions import recompute_progress
from charte_desktop.services.common import (
    assign,
    ensure_exists,
    fetch_all,
    get_or_fail,
    is_absent,
)
from charte_desktop.services.form_fields import load_fields
from charte_desktop.services.weights import checked_criterion_weight

NOTE_MAX_LENGTH = 100_000
MAX_WEIGHT = 100  # a criterion's weight: services/weights.py checks it
MAX_SCORE = 3

# --- Milestones ---------------------------------------------------------------------------


@dataclass
class MilestoneFields:
    action_id: int
    title: str
    due_date: date | None = None
    done: bool = False
    done_date: date | None = None  # kept only when done


def _milestone_values(session: Session, fields: MilestoneFields) -> dict[str, Any]:
    title = rules.required_text(fields.title, "title", "Intitulé du jalon")
    get_or_fail(session, Action, fields.action_id, "L'action")
    if fields.done_date is not None and not fields.done:
        # A date typed there says the milestone is reached: never dropped in silence.
        raise CharteError("Cochez « Atteint » pour garder cette date, ou videz le champ.",
                          field="done_date")
    return {
        "action_id": fields.action_id,
        "title": title,
        "due_date": fields.due_date,
        "done": bool(fields.done),
        "done_date": fields.done_date if fields.done else None,
    }


def _refresh_progress(session: Session, *action_ids: int) -> None:
    """Recompute the progress of the actions that follow their milestones."""
    session.flush()
    for action_id in dict.fromkeys(action_ids):
        action = session.get(Action, action_id)
        if action is not None:
            recompute_progress(session, action)


def create_milestone(db: Database, fields: MilestoneFields) -> Milestone:
    with db.session() as session:
        milestone = Milestone(**_milestone_values(session, fields))
        session.add(milestone)
        _refresh_progress(session, milestone.action_id)
        return milestone


def update_milestone(db: Database, milestone_id: int, fields: MilestoneFields) -> Milestone:
    with db.session() as session:
        milestone = get_or_fail(session, Milestone, milestone_id, "Le jalon")
        previous_action_id = milestone.action_id
        values = _milestone_values(session, fields)
        assign(milestone, values, list(values))
        _refresh_progress(session, previous_action_id, milestone.action_id)
        return milestone


def set_milestone_done(
    db: Database, milestone_id: int, done: bool, *, done_date: date | None = None
) -> Milestone:
    """Tick or untick a milestone (a checkbox in a list)."""
    with db.session() as session:
        milestone = get_or_fail(session, Milestone, milestone_id, "Le jalon")
        milestone.done = done
        milestone.done_date = done_date if done else None
        _refresh_progress(session, milestone.action_id)
        return milestone


def delete_milestone(db: Database, milestone_id: int) -> None:
    with db.session() as session:
        milestone = get_or_fail(session, Milestone, milestone_id, "Le jalon")
        action_id = milestone.action_id
        session.delete(milestone)
        _refresh_progress(session, action_id)


def milestone_fields(db: Database, milestone_id: int) -> MilestoneFields:
    return load_fields(db, Milestone, milestone_id, "Le jalon", MilestoneFields)


def list_milestones(db: Database, action_id: int) -> list[Milestone]:
    """The action's milestones by due date, undated ones last."""
    query = (
        select(Milestone)
        .where(Milestone.action_id == action_id)
        .order_by(Milestone.due_date.is_(None), Milestone.due_date, Milestone.id)
    )
    with db.session() as session:
        return list(session.scalars(query))


# --- Fundings -----------------------------------------------------------------------------


@dataclass
class FundingFields:
    action_id: int
    funder_id: int | None  # an Organisation
    amount: Decimal | int | str | None
    state: FundingState = FundingState.REQUESTED
    note: str = ""
    call_id: int | None = None  # the call for projects it came from, if any


def _funding_values(session: Session, fields: FundingFields) -> dict[str, Any]:
    if fields.funder_id is None:
        raise CharteError("Le champ « Financeur » est obligatoire.", field="funder_id")
    amount = rules.required_amount(fields.amount, "amount", "Montant")
    if not isinstance(fields.state, FundingState):
        raise CharteError("Le champ « État du financement » n'est pas valide.", field="state")
    get_or_fail(session, Action, fields.action_id, "L'action")
    ensure_exists(session, Organisation, fields.funder_id, "La structure", "funder_id")
    call_id = None if is_absent(fields.call_id) else fields.call_id
    ensure_exists(session, FundingCall, call_id, "L'appel à projets", "call_id")
    return {
        "action_id": fields.action_id,
        "funder_id": fields.funder_id,
        "amount": amount,
        "state": fields.state,
        "note": (fields.note or "").strip(),
        "call_id": call_id,
    }


def create_funding(db: Database, fields: FundingFields) -> Funding:
    with db.session() as session:
        funding = Funding(**_funding_values(session, fields))
        session.add(funding)
        session.flush()
        return funding


def update_funding(db: Database, funding_id: int, fields: FundingFields) -> Funding:
    with db.session() as session:
        funding = get_or_fail(session, Funding, funding_id, "Le financement")
        values = _funding_values(session, fields)
        assign(funding, values, list(values))
        return funding


def delete_funding(db: Database, funding_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_fail(session, Funding, funding_id, "Le financement"))


def list_fundings(db: Database, action_id: int) -> list[Funding]:
    """The action's fundings with their funder loaded."""
    query = (
        select(Funding)
        .where(Funding.action_id == action_id)
        .options(selectinload(Funding.funder))
        .order_by(Funding.id)
    )
    with db.session() as session:
        return list(session.scalars(query))


class FundingRow(NamedTuple):
    """A funding as the action's detail list shows it: plain values, the funder named."""

    id: int
    action_id: int
    funder_id: int
    funder_name: str
    amount: Decimal
    state: FundingState
    note: str
    call_id: int | None = None


def funding_rows(db: Database, action_id: int) -> list[FundingRow]:
    """The action's fundings as rows (the window's list): no ORM object reaches a painted
    cell, so no relationship is followed after the session has closed."""
    query = (
        select(Funding.id, Funding.action_id, Funding.funder_id, Organisation.name,
               Funding.amount, Funding.state, Funding.note, Funding.call_id)
        .join(Organisation, Organisation.id == Funding.funder_id)
        .where(Funding.action_id == action_id)
        .order_by(Funding.id)
    )
    with db.session() as session:
        return [FundingRow(*row) for row in session.execute(query)]


# --- Journal ------------------------------------------------------------------------------


@dataclass
class ActionNoteFields:
    action_id: int
    note_date: date | None
    text: str
    decision_id: int | None = None


def _note_values(session: Session, fields: ActionNoteFields) -> dict[str, Any]:
    if fields.note_date is None:
        raise CharteError("Le champ « Date » est obligatoire.", field="note_date")
    text = rules.required_text(fields.text, "text", "Texte", max_length=NOTE_MAX_LENGTH)
    get_or_fail(session, Action, fields.action_id, "L'action")
    ensure_exists(session, Decision, fields.decision_id, "La décision", "decision_id")
    return {
        "action_id": fields.action_id,
        "note_date": fields.note_date,
        "text": text,
        "decision_id": fields.decision_id,
    }


def create_note(db: Database, fields: ActionNoteFields) -> ActionNote:
    with db.session() as session:
        note = ActionNote(**_note_values(session, fields))
        session.add(note)
        session.flush()
        return note


def update_note(db: Database, note_id: int, fields: ActionNoteFields) -> ActionNote:
    with db.session() as session:
        note = get_or_fail(session, ActionNote, note_id, "L'entrée du journal")
        values = _note_values(session, fields)
        assign(note, values, list(values))
        return note


def delete_note(db: Database, note_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_fail(session, ActionNote, note_id, "L'entrée du journal"))


def note_fields(db: Database, note_id: int) -> ActionNoteFields:
    return load_fields(db, ActionNote, note_id, "L'entrée du journal", ActionNoteFields)


def list_notes(db: Database, action_id: int) -> list[ActionNote]:
    """The action's journal, most recent first."""
    query = (
        select(ActionNote)
        .where(ActionNote.action_id == action_id)
        .order_by(ActionNote.note_date.desc(), ActionNote.id.desc())
    )
    with db.session() as session:
        return list(session.scalars(query))


# --- Public policies ----------------------------------------------------------------------


@dataclass
class PolicyFields:
    code: str
    label: str = ""


def _policy_values(session: Session, fields: PolicyFields, policy_id: int | None) -> dict[str, Any]:
    code = rules.required_text(fields.code, "code", "Code", max_length=40)
    label = rules.limited_text(fields.label, "label", "Libellé", max_length=200)
    query = select(Policy.id).where(func.lower(Policy.code) == code.lower())
    if policy_id is not None:
        query = query.where(Policy.id != policy_id)
    if session.scalars(query).first() is not None:
        raise CharteError(
            f"Le champ « Code » doit être unique : la politique publique « {code} » existe déjà.",
            field="code",
        )
    return {"code": code, "label": label}


def create_policy(db: Database, fields: PolicyFields) -> Policy:
    with db.session() as session:
        policy = Policy(**_policy_values(session, fields, None))
        session.add(policy)
        session.flush()
        return policy


def update_policy(db: Database, policy_id: int, fields: PolicyFields) -> Policy:
    with db.session() as session:
        policy = get_or_fail(session, Policy, policy_id, "La politique publique")
        values = _policy_values(session, fields, policy_id)
        assign(policy, values, list(values))
        return policy


def delete_policy(db: Database, policy_id: int) -> None:
    """Delete a policy; the actions tagged with it simply lose the tag."""
    with db.session() as session:
        session.delete(get_or_fail(session, Policy, policy_id, "La politique publique"))


def policy_fields(db: Database, policy_id: int) -> PolicyFields:
    return load_fields(db, Policy, policy_id, "La politique publique", PolicyFields)


def list_policies(db: Database) -> list[Policy]:
    with db.session() as session:
        return list(session.scalars(select(Policy).order_by(func.lower(Policy.code))))


# --- Prioritisation -----------------------------------------------------------------------


@dataclass
class CriterionFields:
    name: str
    weight: Decimal | int | str = 1  # two decimals at most, typed « 1,5 »
    description: str = ""
    position: int = 0


def _criterion_values(
    session: Session, fields: CriterionFields, criterion_id: int | None
) -> dict[str, Any]:
    name = rules.required_text(fields.name, "name", "Nom du critère", max_length=120)
    weight = checked_criterion_weight(fields.weight)  # above 0
    query = select(PriorityCriterion.id).where(func.lower(PriorityCriterion.name) == name.lower())
    if criterion_id is not None:
        query = query.where(PriorityCriterion.id != criterion_id)
    if session.scalars(query).first() is not None:
        raise CharteError(
            f"Le champ « Nom du critère » doit être unique : le critère « {name} » existe déjà.",
            field="name",
        )
    return {
        "name": name,
        "weight": weight,
        "description": (fields.description or "").strip(),
        "position": fields.position,
    }


def create_criterion(db: Database, fields: CriterionFields) -> PriorityCriterion:
    with db.session() as session:
        criterion = PriorityCriterion(**_criterion_values(session, fields, None))
        session.add(criterion)
        session.flush()
        return criterion


def update_criterion(db: Database, criterion_id: int, fields: CriterionFields) -> PriorityCriterion:
    with db.session() as session:
        criterion = get_or_fail(session, PriorityCriterion, criterion_id, "Le critère")
        values = _criterion_values(session, fields, criterion_id)
        assign(criterion, values, list(values))
        return criterion


def delete_criterion(db: Database, criterion_id: int) -> None:
    """Delete a criterion with the scores given on it."""
    with db.session() as session:
        session.delete(get_or_fail(session, PriorityCriterion, criterion_id, "Le critère"))


def criterion_fields(db: Database, criterion_id: int) -> CriterionFields:
    return load_fields(db, PriorityCriterion, criterion_id, "Le critère", CriterionFields)


def list_criteria(db: Database) -> list[PriorityCriterion]:
    query = select(PriorityCriterion).order_by(PriorityCriterion.position, PriorityCriterion.id)
    with db.session() as session:
        return list(session.scalars(query))


def get_scores(db: Database, action_id: int) -> dict[int, int]:
    """The action's scores by criterion id (criteria not scored are absent)."""
    query = select(PriorityScore.criterion_id, PriorityScore.score).where(
        PriorityScore.action_id == action_id
    )
    with db.session() as session:
        return {criterion_id: score for criterion_id, score in session.execute(query)}


def set_scores(db: Database, action_id: int, scores: Mapping[int, int | None]) -> None:
    """Record the action's scores (0 to 3) on the given criteria; None clears a score.

    Criteria absent from `scores` keep their score. All or nothing: one bad score and
    nothing is changed.
    """
    with db.session() as session:
        get_or_fail(session, Action, action_id, "L'action")
        criteria = fetch_all(session, PriorityCriterion, scores, "Le critère", "scores")
        for criterion in criteria:
            score = scores[criterion.id]
            if score is not None:
                rules.integer_between(score, 0, MAX_SCORE, "scores", criterion.name)
        existing = {
            row.criterion_id: row
            for row in session.scalars(
                select(PriorityScore).where(PriorityScore.action_id == action_id)
            )
        }
        for criterion_id, score in scores.items():
            row = existing.get(criterion_id)
            if score is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    PriorityScore(action_id=action_id, criterion_id=criterion_id, score=score)
                )
            else:
                row.score = score


@dataclass(frozen=True)
class RankingRow:
    action_id: int
    code: str
    title: str
    status: ActionStatus
    score: Decimal  # sum of weight × score over the criteria (weights have decimals)
    rank: int  # 1 = best; equal scores share a rank (1, 1, 3…)


def priority_ranking(db: Database, plan_id: int) -> list[RankingRow]:
    """Every action of the plan with its weighted score and rank, in one query.

    Actions not scored yet have a score of 0. Rows come best first, then by code.
    """
    # In hundredths, as the weights are stored: exact sums and ranks.
    total = func.coalesce(func.sum(
        type_coerce(PriorityCriterion.weight, Integer) * PriorityScore.score), 0)
    query = (
        select(
            Action.id,
            Action.code,
            Action.title,
            Action.status,
            total.label("score"),
            func.rank().over(order_by=total.desc()).label("rank"),
        )
        .outerjoin(PriorityScore, PriorityScore.action_id == Action.id)
        .outerjoin(PriorityCriterion, PriorityCriterion.id == PriorityScore.criterion_id)
        .where(Action.plan_id == plan_id)
        .group_by(Action.id)
    )
    with db.session() as session:
        rows = [
            RankingRow(r.id, r.code, r.title, r.status, Decimal(int(r.score)) / 100,
                       int(r.rank))
            for r in session.execute(query)
        ]
    rows.sort(key=lambda row: (row.rank, natural_key(row.code), row.action_id))
    return rows
