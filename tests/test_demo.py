"""The demo territories: what the small one holds, that it is reproducible, and the large one."""

import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from charte_desktop import clock
from charte_desktop.db import Database, create_database
from charte_desktop.db.defaults import DEFAULT_CIRCLES
from charte_desktop.db.enums import (
    ActionStatus,
    AttendanceState,
    BodyKind,
    Dimension,
    Direction,
    FundingState,
    IndicatorKind,
    MeetingState,
    MembershipRole,
    Priority,
    QuorumRule,
    TerritoryKind,
)
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Axis,
    Body,
    Contact,
    Decision,
    FollowUp,
    Indicator,
    Meeting,
    Organisation,
    Plan,
    Territory,
)
from charte_desktop.demo import fill_large_demo, fill_small_demo
from charte_desktop.services import rules

TODAY = date(2026, 3, 14)  # a Saturday


def build_small(path: Path, today: date) -> Database:
    return create_database(path, fill=lambda db: fill_small_demo(db, today=today))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = build_small(tmp_path_factory.mktemp("small") / "demo.sqlite", TODAY)
    yield db
    db.close()


@pytest.fixture
def session(small: Database) -> Iterator[Session]:
    with Session(small.engine) as session:
        yield session


def is_late(action: Action, today: date) -> bool:
    """The rule, written again here on purpose: stored à lancer / en cours, and either the
    end date is passed or an undone milestone is overdue."""
    if action.status not in (ActionStatus.TO_START, ActionStatus.IN_PROGRESS):
        return False
    if action.end_date is not None and action.end_date < today:
        return True
    return any(
        not m.done and m.due_date is not None and m.due_date < today for m in action.milestones
    )


def actions_of(session: Session) -> list[Action]:
    return list(
        session.scalars(select(Action).options(selectinload(Action.milestones)).order_by(Action.id))
    )


def effective_circle(contact: Contact) -> str | None:
    if contact.circle is not None:
        return contact.circle.name
    if contact.organisation is not None and contact.organisation.circle is not None:
        return contact.organisation.circle.name
    return None


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order; not the file's identity, drawn at
    random for each file (update workbooks tell files apart by it)."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if row[0] != "file_identity"
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


# --- The small demo -------------------------------------------------------------------------


def test_small_demo_holds_a_territory_a_plan_and_its_directory(session: Session) -> None:
    territory = session.scalars(select(Territory)).one()
    assert territory.kind is TerritoryKind.COMMUNITY_OF_COMMUNES
    assert territory.name.startswith("Communauté de communes")
    assert "\n" in territory.address
    assert territory.logo is not None and territory.logo.startswith(b"\x89PNG\r\n\x1a\n")
    plan = session.scalars(select(Plan)).one()
    assert plan.title.endswith(f"{TODAY.year - 1}-{TODAY.year + 2}")
    assert plan.period_start is not None and plan.period_start < TODAY
    assert plan.period_end is not None and plan.period_end > TODAY
    axes = session.scalars(select(Axis)).all()
    assert len([a for a in axes if a.parent_id is None]) == 3
    assert any(a.parent_id is not None for a in axes)
    assert len(session.scalars(select(Organisation)).all()) >= 30
    contacts = session.scalars(select(Contact)).all()
    assert len(contacts) >= 45
    assert all("@" in c.email and c.email.endswith(".example") for c in contacts)
    assert all(len(c.phone) == 14 and c.phone[:2] in ("03", "06") for c in contacts)


def test_every_default_circle_has_people_or_organisations(session: Session) -> None:
    used = {o.circle.name for o in session.scalars(select(Organisation)) if o.circle}
    used |= {effective_circle(c) for c in session.scalars(select(Contact))}
    assert set(DEFAULT_CIRCLES) <= used
    # Some people have their own circle (a mayor in the élus circle, a lone habitant).
    contacts = session.scalars(select(Contact)).all()
    assert any(c.circle is not None and c.organisation is not None for c in contacts)
    assert any(c.organisation is None for c in contacts)


def test_actions_cover_every_status_with_details(session: Session) -> None:
    actions = actions_of(session)
    assert 12 <= len(actions) <= 20
    assert {a.status for a in actions} == set(ActionStatus)
    assert [a.code for a in actions][:3] == ["1.1", "1.2", "1.3"]
    assert all("é" in a.title or "è" in a.title or "œ" in a.title for a in actions[:3])
    assert sum(is_late(a, TODAY) for a in actions) >= 2
    for action in actions:
        assert action.pilot is not None
        assert len(action.scores) == 5
        assert 0 <= action.progress <= 100
        assert action.budget_spent <= action.budget_committed <= action.budget_planned
    assert all(a.progress == 100 for a in actions if a.status is ActionStatus.DONE)
    assert sum(bool(a.copilots) for a in actions) >= 10
    assert sum(bool(a.partners) for a in actions) >= 10
    assert sum(bool(a.policies) for a in actions) == len(actions)
    assert {a.priority for a in actions} >= set(Priority)
    milestones = [m for a in actions for m in a.milestones]
    assert any(m.done for m in milestones) and any(not m.done for m in milestones)
    assert all(m.done_date is not None and m.done_date < TODAY for m in milestones if m.done)
    fundings = [f for a in actions for f in a.fundings]
    assert {f.state for f in fundings} == set(FundingState)
    assert {f.funder.circle.name for f in fundings if f.funder.circle} == {"Financeurs"}
    assert len({f.funder_id for f in fundings}) >= 5
    assert sum(len(a.notes) for a in actions) >= 15


def test_money_is_exact_to_the_cent(small: Database, session: Session) -> None:
    action = session.scalars(select(Action).where(Action.code == "1.1")).one()
    assert action.budget_spent == Decimal("36240.50")
    assert str(action.budget_spent) == "36240.50"
    connection = sqlite3.connect(small.path)
    try:
        cents = connection.execute("SELECT budget_spent FROM action WHERE code = '2.3'").fetchone()[
            0
        ]
        total_cents = connection.execute("SELECT sum(budget_spent) FROM action").fetchone()[0]
    finally:
        connection.close()
    assert cents == 3015080  # 30 150,80 € stored as integer cents
    actions = session.scalars(select(Action)).all()
    assert sum((a.budget_planned for a in actions), Decimal(0)) == Decimal("891000.00")
    spent = sum((a.budget_spent for a in actions), Decimal(0))
    assert spent == Decimal("226401.30") == Decimal(total_cents) / 100


def test_bodies_members_and_project_groups(session: Session) -> None:
    bodies = session.scalars(select(Body).options(selectinload(Body.memberships))).all()
    kinds = Counter(b.kind for b in bodies)
    assert kinds[BodyKind.COPIL] == kinds[BodyKind.COTECH] == 1
    assert kinds[BodyKind.PARTNERS_COMMITTEE] == 1
    assert kinds[BodyKind.PROJECT_GROUP] == 3
    copil = next(b for b in bodies if b.kind is BodyKind.COPIL)
    assert (copil.quorum_rule, copil.quorum_value) == (QuorumRule.SHARE, 50)
    partners = next(b for b in bodies if b.kind is BodyKind.PARTNERS_COMMITTEE)
    assert partners.quorum_rule is QuorumRule.COUNT and partners.quorum_value > 0
    assert {effective_circle(m.contact) for m in partners.memberships} == set(DEFAULT_CIRCLES)
    for group in (b for b in bodies if b.kind is BodyKind.PROJECT_GROUP):
        assert group.action is not None
        assert group.action.project_group_id == group.id
    memberships = [m for b in bodies for m in b.memberships]
    assert {m.role for m in memberships} == set(MembershipRole)
    assert any(m.end_date is not None and m.end_date < TODAY for m in memberships)
    assert any(not m.voting for m in memberships)


def test_past_meetings_are_held_with_attendance_minutes_and_outcomes(session: Session) -> None:
    meetings = session.scalars(select(Meeting).order_by(Meeting.date)).all()
    assert len(meetings) >= 10
    assert all(m.date.weekday() < 5 for m in meetings)
    held = [m for m in meetings if m.state is MeetingState.HELD]
    assert len(held) >= 5 and all(m.date < TODAY for m in held)
    states = Counter(a.state for m in held for a in m.attendances)
    assert set(states) == {
        AttendanceState.PRESENT,
        AttendanceState.EXCUSED,
        AttendanceState.ABSENT,
        AttendanceState.REPRESENTED,
    }
    for meeting in held:
        assert meeting.secretary is not None
        assert meeting.attendances and meeting.decisions and meeting.follow_ups
        assert all(item.minutes_text.strip() for item in meeting.agenda_items)
        for attendance in meeting.attendances:
            represented = attendance.state is AttendanceState.REPRESENTED
            assert (attendance.represented_by is not None) == represented
    minutes = [item.minutes_text for m in held for item in m.agenda_items]
    assert sum("\n- " in text for text in minutes) >= 5
    assert sum("\n\n" in text for text in minutes) >= 10  # several paragraphs
    follow_ups = [f for m in held for f in m.follow_ups]
    assert all(f.owner is not None and f.due_date is not None for f in follow_ups)
    assert any(f.done and f.done_date is not None for f in follow_ups)
    overdue = [f for f in follow_ups if not f.done and f.due_date < TODAY]
    upcoming = [f for f in follow_ups if not f.done and f.due_date >= TODAY]
    assert len(overdue) >= 2 and len(upcoming) >= 2
    assert any(m.state is MeetingState.CANCELLED and m.notes for m in meetings)


def test_future_meetings_have_agendas_and_invitations(session: Session) -> None:
    future = session.scalars(select(Meeting).where(Meeting.date >= TODAY)).all()
    assert len(future) >= 3
    for meeting in future:
        assert meeting.state is MeetingState.PLANNED
        assert len(meeting.agenda_items) >= 3
        assert meeting.attendances
        assert {a.state for a in meeting.attendances} == {AttendanceState.INVITED}
        assert not meeting.decisions and not meeting.follow_ups
    # The member who left the COPIL is no longer invited.
    copil = next(m for m in future if m.body.kind is BodyKind.COPIL)
    members = {ms.contact_id: ms for ms in copil.body.memberships}
    assert all(members[a.contact_id].end_date is None for a in copil.attendances)


def test_decisions_about_actions_are_in_their_journal(session: Session) -> None:
    decisions = session.scalars(select(Decision).where(Decision.action_id.is_not(None))).all()
    assert len(decisions) >= 5
    for decision in decisions:
        note = session.scalars(
            select(ActionNote).where(ActionNote.decision_id == decision.id)
        ).one()
        assert note.action_id == decision.action_id
        assert note.note_date == decision.meeting.date
        assert note.text.startswith("Décision du ")
        assert f" du {decision.meeting.date:%d/%m/%Y} : {decision.text}" in note.text
    notes = session.scalars(select(ActionNote.text)).all()
    assert any(text.startswith("Décision du COTECH du ") for text in notes)


def trajectory_state(indicator: Indicator) -> str:
    if not indicator.measurements:
        return "none"
    latest = indicator.measurements[-1]
    rising = indicator.direction is Direction.INCREASE
    target = indicator.target_value
    assert target is not None and indicator.baseline_value is not None
    if (latest.value >= target) if rising else (latest.value <= target):
        return "achieved"
    assert indicator.baseline_date is not None and indicator.target_date is not None
    share = Decimal((latest.date - indicator.baseline_date).days) / Decimal(
        (indicator.target_date - indicator.baseline_date).days
    )
    expected = indicator.baseline_value + (target - indicator.baseline_value) * share
    ahead = latest.value >= expected if rising else latest.value <= expected
    return "ahead" if ahead else "behind"


def test_indicators_of_every_kind_with_measurements(session: Session) -> None:
    indicators = session.scalars(select(Indicator)).all()
    assert len(indicators) >= 8
    assert {i.kind for i in indicators} == set(IndicatorKind)
    assert {i.dimension for i in indicators} == set(Dimension)
    assert {i.direction for i in indicators} == set(Direction)
    for indicator in indicators:
        assert indicator.actions and indicator.plan is not None
        assert indicator.baseline_date is not None and indicator.baseline_date < TODAY
        assert indicator.target_date is not None and indicator.target_date > TODAY
        count = len(indicator.measurements)
        assert count == 0 or 3 <= count <= 8
        assert all(indicator.baseline_date < m.date <= TODAY for m in indicator.measurements)
    states = Counter(trajectory_state(i) for i in indicators)
    assert states["none"] == 1 and states["achieved"] >= 1
    assert states["ahead"] >= 2 and states["behind"] >= 2
    assert any(m.value != m.value.to_integral() for i in indicators for m in i.measurements)


def test_text_is_french_with_accents(session: Session) -> None:
    titles = list(session.scalars(select(Action.title)))
    assert sum(any(c in title for c in "éèêàçœÉ") for title in titles) >= 10
    assert any("œ" in title for title in titles)
    first_names = " ".join(session.scalars(select(Contact.first_name)))
    assert "É" in first_names and "è" in first_names
    minutes = " ".join(session.scalars(select(AgendaItem.minutes_text)))
    assert "« " in minutes and " »" in minutes and "€" in minutes
    assert "\ufffd" not in minutes and "Ã" not in minutes  # no mojibake


@pytest.mark.parametrize(
    "today",
    [date(2026, 3, 14), date(2025, 1, 1), date(2027, 12, 31), date(2028, 2, 29), date(2030, 7, 15)],
)
def test_any_day_gives_past_and_future_meetings_late_actions_and_due_follow_ups(
    tmp_path: Path, today: date
) -> None:
    db = build_small(tmp_path / "demo.sqlite", today)
    try:
        with Session(db.engine) as session:
            meetings = session.scalars(select(Meeting)).all()
            assert any(m.state is MeetingState.HELD and m.date < today for m in meetings)
            assert any(m.state is MeetingState.PLANNED and m.date > today for m in meetings)
            assert sum(is_late(a, today) for a in actions_of(session)) >= 2
            follow_ups = session.scalars(select(FollowUp)).all()
            assert any(
                not f.done and f.due_date is not None and f.due_date < today for f in follow_ups
            )
            title = session.scalars(select(Plan.title)).one()
            assert title.endswith(f"{today.year - 1}-{today.year + 2}")
    finally:
        db.close()


def test_same_day_gives_the_same_file(tmp_path: Path) -> None:
    first = build_small(tmp_path / "a.sqlite", TODAY)
    second = build_small(tmp_path / "b.sqlite", TODAY)
    other = build_small(tmp_path / "c.sqlite", date(2026, 9, 1))
    for db in (first, second, other):
        db.close()
    rows = dump(first.path)
    assert sum(len(table) for table in rows.values()) > 500
    assert rows == dump(second.path)
    assert rows != dump(other.path)


def test_two_demo_files_have_their_own_identity(tmp_path: Path) -> None:
    identities = set()
    for name in ("a.sqlite", "b.sqlite"):
        build_small(tmp_path / name, TODAY).close()
        connection = sqlite3.connect(tmp_path / name)
        try:
            identities.add(connection.execute("SELECT token FROM file_identity").fetchone())
        finally:
            connection.close()
    assert len(identities) == 2


def test_default_day_is_the_clocks_today(tmp_path: Path) -> None:
    db = create_database(tmp_path / "demo.sqlite", fill=fill_small_demo)
    try:
        with Session(db.engine) as session:
            dates = session.scalars(select(Meeting.date)).all()
    finally:
        db.close()
    assert min(dates) < clock.today() < max(dates)


# --- The large demo -------------------------------------------------------------------------


LARGE_COUNTS = {
    "action": 2_000,
    "indicator": 300,
    "measurement": 12_000,
    "meeting": 1_500,
    "agenda_item": 15_000,
    "attendance": 22_500,
}


@pytest.mark.slow
def test_large_demo_counts_integrity_and_determinism(tmp_path: Path) -> None:
    started = time.perf_counter()
    db = create_database(tmp_path / "a.sqlite", fill=lambda d: fill_large_demo(d, today=TODAY))
    elapsed = time.perf_counter() - started
    db.close()
    assert elapsed < 60, f"large demo built in {elapsed:.1f} s"
    connection = sqlite3.connect(db.path)
    try:

        def count(sql: str) -> int:
            return int(connection.execute(sql).fetchone()[0])

        for table, expected in LARGE_COUNTS.items():
            assert count(f"SELECT count(*) FROM {table}") == expected, table
        assert count("SELECT count(*) FROM contact") >= 3_000
        assert count("SELECT count(*) FROM contact WHERE organisation_id IS NULL") == 0
        phones = [row[0] for row in connection.execute("SELECT phone FROM contact")]
        assert all(rules.phone(phone) == phone for phone in phones)
        assert count("SELECT count(DISTINCT status) FROM action") == len(ActionStatus)
        for table in (
            "membership",
            "milestone",
            "funding",
            "action_copilot",
            "action_partner",
            "action_policy",
            "priority_score",
            "indicator_action",
        ):
            assert count(f"SELECT count(*) FROM {table}") > 0, table
        held = "SELECT id FROM meeting WHERE state = 'held'"
        assert count(f"SELECT count(*) FROM decision WHERE meeting_id NOT IN ({held})") == 0
        assert count(f"SELECT count(*) FROM follow_up WHERE meeting_id NOT IN ({held})") == 0
        assert count("SELECT count(DISTINCT meeting_id) FROM decision") == count(
            f"SELECT count(*) FROM ({held})"
        )
        assert count("SELECT count(*) FROM action_note WHERE decision_id IS NOT NULL") == count(
            "SELECT count(*) FROM decision WHERE action_id IS NOT NULL"
        )
        assert (
            count(
                "SELECT count(*) FROM action a JOIN body b ON b.id = a.project_group_id "
                "WHERE b.action_id = a.id"
            )
            == count("SELECT count(*) FROM body WHERE kind = 'project_group'")
            > 0
        )
        late = (
            "SELECT count(*) FROM action a WHERE a.status IN ('to_start', 'in_progress') AND "
            "(a.end_date < :today OR EXISTS (SELECT 1 FROM milestone m WHERE m.action_id = a.id "
            "AND NOT m.done AND m.due_date < :today))"
        )
        assert connection.execute(late, {"today": TODAY.isoformat()}).fetchone()[0] > 0
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    again = create_database(tmp_path / "b.sqlite", fill=lambda d: fill_large_demo(d, today=TODAY))
    again.close()
    assert dump(db.path) == dump(again.path)
