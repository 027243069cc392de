"""What a Charte file holds, read whole, to compare before and after an undo."""

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.models import (
    Action,
    ActionNote,
    Base,
    Body,
    BudgetYear,
    Decision,
    FollowUp,
    Funding,
    Milestone,
)

if TYPE_CHECKING:
    from charte_desktop.services.action_rows import ActionRow

Dump = dict[str, list[tuple[tuple[str, Any], ...]]]
# The history of changes only grows (an undo is a change too): not what an undo restores.
JOURNALS = ("change_log",)


def dump(db: Database, *, skip: tuple[str, ...] = ()) -> Dump:
    """Every row of every table, as sorted tuples: two dumps are equal when the files hold
    the same data (same ids, links and timestamps)."""
    out: Dump = {}
    with db.session() as session:
        for name, table in Base.metadata.tables.items():
            if name in JOURNALS:
                continue
            rows = (
                tuple(sorted((k, v) for k, v in row.items() if k not in skip))
                for row in session.execute(select(table)).mappings()
            )
            out[name] = sorted(rows, key=repr)
    return out


def counts(db: Database) -> dict[str, int]:
    """The number of rows of every table."""
    with db.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items() if name not in JOURNALS
        }


def richest_action(db: Database) -> int:
    """The demo's action that carries the most: milestones, fundings, budget years, journal,
    scores and links, and named by decisions, follow-ups and a groupe projet."""
    with db.session() as session:
        action_id = session.scalar(
            select(Action.id)
            .join(Body, Body.action_id == Action.id)
            .join(BudgetYear, BudgetYear.action_id == Action.id)
            .join(Decision, Decision.action_id == Action.id)
            .join(FollowUp, FollowUp.action_id == Action.id)
            .join(Funding, Funding.action_id == Action.id)
            .join(Milestone, Milestone.action_id == Action.id)
            .join(ActionNote, ActionNote.action_id == Action.id)
            .order_by(Action.id)
            .limit(1)
        )
    assert action_id is not None
    return action_id


def actions_titled(db: Database, words: str) -> "list[ActionRow]":
    """The list's rows whose title holds `words` (ignoring case and accents): how a test
    finds the action a form has just created."""
    from charte_desktop.services.actions import list_actions
    from charte_desktop.text import fold

    return [row for row in list_actions(db) if fold(words) in fold(row.title)]
