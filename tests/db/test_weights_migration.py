"""Revision 0005: an older file's whole criterion weights keep their values as decimals,
every action weighs 1, and the weights are stored as hundredths."""

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from charte_desktop.db import open_database
from charte_desktop.db.known_values import rule_problems
from charte_desktop.services import action_details, actions
from charte_desktop.services.progress_rollup import plan_rollup

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("revision", ["0001_initial", "0004_meetings_as_run"])
def test_an_older_file_keeps_its_weights(revision: str, tmp_path: Path) -> None:
    copy = tmp_path / "charte.sqlite"
    shutil.copyfile(FIXTURES / f"schema-{revision}.sqlite", copy)
    with sqlite3.connect(copy) as connection:  # a weight of 2, as an older Charte wrote it
        connection.execute("UPDATE priority_criterion SET weight = 2 WHERE name = 'Rapidité'")
        before = dict(connection.execute("SELECT name, weight FROM priority_criterion"))
    connection.close()
    assert before["Rapidité"] == 2

    with open_database(copy) as db:
        weights = {c.name: c.weight for c in action_details.list_criteria(db)}
        assert weights == {name: Decimal(weight) for name, weight in before.items()}
        assert weights["Rapidité"] == Decimal("2.00")
        rows = actions.list_actions(db)
        assert rows and all(actions.get_action(db, r.id).weight == 1 for r in rows)
        plan_id = rows[0].plan_id
        # Every action weighing 1: the weighted progress is the plain mean of the actions
        # not abandoned.
        counted = [r.progress for r in rows
                   if r.plan_id == plan_id and r.stored_status.value != "abandoned"]
        assert plan_rollup(db, plan_id).plan.percent == Decimal(sum(counted)) / len(counted)

    with sqlite3.connect(copy) as connection:
        stored = dict(connection.execute("SELECT name, weight FROM priority_criterion"))
        action_weights = {w for (w,) in connection.execute("SELECT weight FROM action")}
        with pytest.raises(sqlite3.IntegrityError, match="ck_action_weight_positive"):
            connection.execute("UPDATE action SET weight = -50")
        problems = rule_problems(connection)
    connection.close()
    assert stored["Rapidité"] == 200  # hundredths
    assert action_weights == {100}
    assert problems == []
