"""Why an action is late: its end date, a milestone, both, or nothing; read in one query."""

from datetime import date, timedelta

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.services.action_details import MilestoneFields, create_milestone
from charte_desktop.services.actions import ActionFields, ActionFilter, create_action, list_actions
from charte_desktop.services.late_reasons import in_sentence, late_reasons
from charte_desktop.services.plans import PlanFields, create_plan
from tests.fixed_day import TEST_DAY
from tests.query_counter import count_selects

DAY = timedelta(days=1)


def _action(db: Database, plan_id: int, code: str, end: date | None,
            status: ActionStatus = ActionStatus.IN_PROGRESS) -> int:
    return create_action(db, ActionFields(plan_id=plan_id, code=code, title=f"Action {code}",
                                          status=status, end_date=end)).id


def test_each_late_action_says_why_and_the_others_nothing(db: Database) -> None:
    plan = create_plan(db, PlanFields(title="Charte 2025-2028")).id
    by_end = _action(db, plan, "1.1", date(2026, 10, 18))
    by_milestone = _action(db, plan, "1.2", TEST_DAY + 90 * DAY)
    create_milestone(db, MilestoneFields(by_milestone, "Délibérations des communes",
                                         due_date=date(2026, 11, 12)))
    create_milestone(db, MilestoneFields(by_milestone, "Marché signé", due_date=TEST_DAY + DAY))
    create_milestone(db, MilestoneFields(by_milestone, "Diagnostic", due_date=date(2026, 9, 1),
                                         done=True, done_date=date(2026, 9, 1)))
    both = _action(db, plan, "1.3", date(2026, 10, 18), ActionStatus.TO_START)
    create_milestone(db, MilestoneFields(both, "Délibérations des communes",
                                         due_date=date(2026, 11, 12)))
    create_milestone(db, MilestoneFields(both, "Cahier des charges",
                                         due_date=date(2026, 6, 30)))
    due_today = _action(db, plan, "1.4", TEST_DAY)  # a date equal to today is not late yet
    done = _action(db, plan, "1.5", date(2026, 1, 1), ActionStatus.DONE)
    create_milestone(db, MilestoneFields(done, "Jamais tenu", due_date=date(2026, 1, 1)))
    ids = [by_end, by_milestone, both, due_today, done]

    with count_selects(db) as selects:
        reasons = late_reasons(db, ids, TEST_DAY)
    assert len(selects) == 1
    assert reasons == {
        by_end: ["Échéance dépassée le 18/10/2026"],
        by_milestone: ["Jalon « Délibérations des communes » non atteint au 12/11/2026"],
        both: ["Échéance dépassée le 18/10/2026",  # the end date, then milestones by date
               "Jalon « Cahier des charges » non atteint au 30/06/2026",
               "Jalon « Délibérations des communes » non atteint au 12/11/2026"],
        due_today: [],
        done: [],
    }
    # The same rule as the list's « En retard »: a reason exactly when the list says late.
    late = {row.id for row in list_actions(db, ActionFilter(plan_id=plan), today=TEST_DAY)
            if row.status is DisplayStatus.LATE}
    assert late == {action_id for action_id, found in reasons.items() if found}
    # The next day, the action due today is late in turn; nothing else moves.
    assert late_reasons(db, [due_today], TEST_DAY + DAY) == {
        due_today: [f"Échéance dépassée le {TEST_DAY:%d/%m/%Y}"]}


def test_no_id_no_query_and_unknown_ids_left_out(db: Database) -> None:
    with count_selects(db) as selects:
        assert late_reasons(db, [], TEST_DAY) == {}
    assert selects == []
    assert late_reasons(db, [4242], TEST_DAY) == {}


def test_many_actions_are_read_by_chunks_of_ids(db: Database) -> None:
    from charte_desktop.db.models import Action

    plan = create_plan(db, PlanFields(title="Grand plan")).id
    with db.session() as session:  # a plan of a large territory, written at once
        rows = [Action(plan_id=plan, code=str(n), title=f"Action {n}",
                       status=ActionStatus.IN_PROGRESS, end_date=date(2026, 1, 2))
                for n in range(1, 1203)]
        session.add_all(rows)
        session.flush()
        ids = [row.id for row in rows]
    with count_selects(db) as selects:
        reasons = late_reasons(db, ids, TEST_DAY)
    assert len(selects) == 3  # 500 ids a query: far below any database's limit
    assert set(reasons) == set(ids)
    assert all(found == ["Échéance dépassée le 02/01/2026"] for found in reasons.values())


def test_a_reason_inside_a_sentence() -> None:
    assert in_sentence("Échéance dépassée le 18/10/2026") == "échéance dépassée le 18/10/2026"
