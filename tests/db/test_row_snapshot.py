"""Undoing deletions: every row a deletion removed or changed comes back, with its ids."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from charte_desktop.db import Database, open_database
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Axis,
    Body,
    BudgetYear,
    Circle,
    Contact,
    Decision,
    FollowUp,
    Funding,
    Indicator,
    Measurement,
    Meeting,
    Membership,
    Milestone,
    Organisation,
    Plan,
    Policy,
    PriorityCriterion,
    action_copilot,
)
from charte_desktop.db.row_snapshot import (
    DeletionRecord,
    IncompleteRecord,
    record_deletion,
    restore_deletion,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details as details
from charte_desktop.services import (
    actions,
    bodies,
    budget,
    directory,
    indicators,
    meeting_outcomes,
    meetings,
    plans,
)
from tests.whole_file import counts, dump, richest_action


@pytest.fixture
def demo_db(demo: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """The demo; with CHARTE_TEST_ENGINE=postgresql, published to a base of the test
    server (an undo there runs without SQLite's pragmas), unless marked `file_only`."""
    from tests.server_engine import on_server, published_demo

    if on_server() and request.node.get_closest_marker("file_only") is None:
        with published_demo(demo) as database:
            yield database
        return
    database = open_database(demo)
    yield database
    database.close()


def test_an_action_comes_back_with_everything_that_went_with_it(demo_db: Database) -> None:
    action_id = richest_action(demo_db)
    before, counts_before = dump(demo_db), counts(demo_db)

    record = record_deletion(demo_db, Action, action_id,
                             lambda: actions.delete_action(demo_db, action_id))

    gone = record.counts()
    for table in ("action", "milestone", "funding", "action_note", "priority_score",
                  "budget_year", "action_copilot", "action_partner", "action_policy",
                  "indicator_action"):
        assert gone.get(table, 0) >= 1, table
    assert gone["action"] == 1
    assert counts(demo_db) == {name: n - gone.get(name, 0) for name, n in counts_before.items()}
    unlinked = {(change.table, column) for change in record.changed for column in change.columns}
    assert {("decision", "action_id"), ("follow_up", "action_id"),
            ("body", "action_id")} <= unlinked

    restore_deletion(demo_db, record)
    assert counts(demo_db) == counts_before
    assert dump(demo_db) == before  # same ids, same values, timestamps included
    with demo_db.session() as session:
        assert session.scalar(select(Body.id).where(Body.action_id == action_id)) is not None
        assert session.scalar(
            select(func.count()).select_from(Decision).where(Decision.action_id == action_id)
        )


def test_delete_again_undo_again(demo_db: Database) -> None:
    action_id = richest_action(demo_db)
    before = dump(demo_db)
    first = record_deletion(demo_db, Action, action_id,
                            lambda: actions.delete_action(demo_db, action_id))
    deleted = dump(demo_db)
    restore_deletion(demo_db, first)
    second = record_deletion(demo_db, Action, action_id,
                             lambda: actions.delete_action(demo_db, action_id))
    assert dump(demo_db) == deleted
    assert second.counts() == first.counts()
    restore_deletion(demo_db, second)
    assert dump(demo_db) == before


def _first(model: Any) -> Callable[[Database], list[int]]:
    def ids(db: Database) -> list[int]:
        with db.session() as session:
            return list(session.scalars(select(model.id).order_by(model.id)))

    return ids


DELETIONS: list[tuple[Any, Callable[[Database, int], None]]] = [
    (Plan, plans.delete_plan),
    (Axis, plans.delete_axis),
    (Action, actions.delete_action),
    (Milestone, details.delete_milestone),  # the action's progress is recomputed
    (Funding, details.delete_funding),
    (ActionNote, details.delete_note),
    (BudgetYear, budget.delete_budget_year),  # the action's totals are recomputed
    (Policy, details.delete_policy),
    (PriorityCriterion, details.delete_criterion),
    (Circle, directory.delete_circle),
    (Organisation, directory.delete_organisation),
    (Contact, directory.delete_contact),
    (Body, bodies.delete_body),  # with its meetings and their decisions' journal notes
    (Membership, bodies.delete_membership),
    (Meeting, meetings.delete_meeting),
    (AgendaItem, meetings.delete_agenda_item),  # the agenda is renumbered
    (Decision, meeting_outcomes.delete_decision),  # its journal note goes too
    (FollowUp, meeting_outcomes.delete_follow_up),
    (Indicator, indicators.delete_indicator),
    (Measurement, indicators.delete_measurement),
]


@pytest.mark.parametrize(("model", "delete_one"), DELETIONS,
                         ids=[model.__name__ for model, _ in DELETIONS])
def test_every_kind_of_deletion_is_undone_exactly(
    demo_db: Database, model: Any, delete_one: Callable[[Database, int], None]
) -> None:
    before = dump(demo_db)
    done = 0
    for item_id in _first(model)(demo_db):
        if done == 2:
            break
        try:
            record = record_deletion(demo_db, model, item_id,
                                     lambda i=item_id: delete_one(demo_db, i))
        except CharteError:  # refused (a contact in held meetings…): nothing changed
            assert dump(demo_db) == before
            continue
        assert item_id in {row["id"] for row in record.deleted[model.__tablename__]}
        restore_deletion(demo_db, record)
        assert dump(demo_db) == before
        done += 1
    assert done


def test_a_milestone_brings_back_its_actions_progress(demo_db: Database) -> None:
    with demo_db.session() as session:
        action = session.scalars(
            select(Action).join(Milestone).group_by(Action.id).having(func.count() >= 2)
        ).first()
        assert action is not None
        action.progress_from_milestones = True
        action_id = action.id
        first, *others = session.scalars(
            select(Milestone.id).where(Milestone.action_id == action_id))
    for other in others:
        details.set_milestone_done(demo_db, other, False)
    details.set_milestone_done(demo_db, first, True)  # progress: 1 of n
    progress = actions.get_action(demo_db, action_id).progress
    assert progress > 0
    before = dump(demo_db)
    record = record_deletion(demo_db, Milestone, first,
                             lambda: details.delete_milestone(demo_db, first))
    assert actions.get_action(demo_db, action_id).progress == 0
    restore_deletion(demo_db, record)
    assert actions.get_action(demo_db, action_id).progress == progress
    assert dump(demo_db) == before


def test_a_code_taken_since_stops_the_undo_in_french_and_changes_nothing(
    demo_db: Database,
) -> None:
    action_id = richest_action(demo_db)
    original = actions.get_action(demo_db, action_id)
    record = record_deletion(demo_db, Action, action_id,
                             lambda: actions.delete_action(demo_db, action_id))
    # Another action takes the code meanwhile (outside the undo history).
    taker = actions.create_action(demo_db, actions.ActionFields(
        plan_id=original.plan_id, code=original.code, title="Autre action"))
    after_delete = dump(demo_db)

    with pytest.raises(CharteError) as raised:
        restore_deletion(demo_db, record)
    assert str(raised.value) == (
        f"La suppression ne peut plus être annulée : « {original.code} » est maintenant "
        "utilisé par un autre élément."
    )
    assert dump(demo_db) == after_delete

    actions.delete_action(demo_db, taker.id)
    restore_deletion(demo_db, record)  # the obstacle gone, the undo works
    assert actions.get_action(demo_db, action_id).code == original.code


@pytest.mark.file_only  # a server's sequence never gives an id twice
def test_an_id_taken_since_stops_the_undo(demo_db: Database) -> None:
    with demo_db.session() as session:
        last = session.scalar(select(func.max(Circle.id)))
    assert last is not None
    record = record_deletion(demo_db, Circle, last,
                             lambda: directory.delete_circle(demo_db, last))
    created = directory.create_circle(demo_db, directory.CircleFields(name="Nouveau cercle"))
    assert created.id == last  # SQLite gives the free id again
    with pytest.raises(CharteError, match="a pris la place"):
        restore_deletion(demo_db, record)


def test_a_parent_deleted_since_stops_the_undo(demo_db: Database) -> None:
    with demo_db.session() as session:
        milestone = session.scalars(select(Milestone)).first()
        assert milestone is not None
        milestone_id, action_id = milestone.id, milestone.action_id
    record = record_deletion(demo_db, Milestone, milestone_id,
                             lambda: details.delete_milestone(demo_db, milestone_id))
    actions.delete_action(demo_db, action_id)
    after = dump(demo_db)
    with pytest.raises(CharteError, match="lié a été supprimé depuis"):
        restore_deletion(demo_db, record)
    assert dump(demo_db) == after
    # The file is still usable: foreign keys are checked again in the next transaction.
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Milestone))


def test_a_refused_deletion_records_nothing(demo_db: Database) -> None:
    before = dump(demo_db)
    with pytest.raises(CharteError, match="introuvable"):
        record_deletion(demo_db, Action, 999_999,
                        lambda: actions.delete_action(demo_db, 999_999))
    assert dump(demo_db) == before


def test_a_deletion_reaching_beyond_what_was_read_is_not_recorded(demo_db: Database) -> None:
    action_id = richest_action(demo_db)

    def delete_and_more() -> None:
        actions.delete_action(demo_db, action_id)
        with demo_db.session() as session:  # unrelated rows, out of any foreign key's reach
            session.execute(delete(action_copilot))

    with pytest.raises(IncompleteRecord, match="action_copilot"):
        record_deletion(demo_db, Action, action_id, delete_and_more)


def test_relinks_are_left_alone_when_changed_since(demo_db: Database) -> None:
    """A decision unlinked by the deletion and linked to another action since keeps it."""
    action_id = richest_action(demo_db)
    with demo_db.session() as session:
        decision_id = session.scalar(select(Decision.id).where(Decision.action_id == action_id))
        other = session.scalar(select(Action.id).where(Action.id != action_id))
    record = record_deletion(demo_db, Action, action_id,
                             lambda: actions.delete_action(demo_db, action_id))
    with demo_db.session() as session:
        decision = session.get_one(Decision, decision_id)
        assert decision.action_id is None
        decision.action_id = other
    restore_deletion(demo_db, record)
    with demo_db.session() as session:
        assert session.get_one(Decision, decision_id).action_id == other


def test_a_record_is_plain_data(demo_db: Database) -> None:
    action_id = richest_action(demo_db)
    record = record_deletion(demo_db, Action, action_id,
                             lambda: actions.delete_action(demo_db, action_id))
    assert isinstance(record, DeletionRecord)
    assert record.table == "action" and record.item_id == action_id
    [row] = record.deleted["action"]
    assert row["id"] == action_id and isinstance(row, dict)
