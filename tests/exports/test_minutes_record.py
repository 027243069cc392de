"""The compte rendu as a record: quorum, valid and invalid proxies, presence not recorded,
presenters in full once, votes, earlier follow-ups, done column, next meeting, approval and
distribution."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState
from charte_desktop.db.models import Attendance, FollowUp
from charte_desktop.exports.minutes import write_minutes
from charte_desktop.exports.minutes_attendance import UNRECORDED
from charte_desktop.exports.people_text import described, formal
from charte_desktop.formatting import format_date, format_hour, format_long_date
from charte_desktop.services.meeting_outcomes import carried_follow_ups, vote_text
from charte_desktop.services.meetings import get_meeting, list_meetings, quorum_status
from tests.exports.docx_reading import all_text, bullet_texts, open_docx
from tests.exports.meeting_setup import demo_meeting


@pytest.fixture
def writable(demo: Path) -> Database:
    return open_database(demo)


def _texts(path: Path) -> list[str]:
    return [p.text for p in open_docx(path).paragraphs]


def test_held_copil_minutes(demo_db: Database, tmp_path: Path) -> None:
    meeting_id = demo_meeting(demo_db, BodyKind.COPIL, MeetingState.HELD)
    meeting = get_meeting(demo_db, meeting_id)
    document = open_docx(write_minutes(demo_db, meeting_id, tmp_path / "cr.docx"))
    texts = [p.text for p in document.paragraphs]
    text = all_text(document)

    sentence = quorum_status(demo_db, meeting_id).sentence
    assert sentence and sentence in texts
    # The président·e and the vice-présidents by civilité and title.
    titled = [a.contact for a in meeting.attendances if a.contact.title]
    assert titled
    bullets = bullet_texts(document)
    for contact in titled:
        assert any(line.startswith(formal(contact)) for line in bullets), formal(contact)

    # A presenter in full at the first mention, by name afterwards.
    seen: set[int] = set()
    presented = [t for t in texts if t.startswith("Présenté par ")]
    items = [item for item in meeting.agenda_items if item.presenter is not None]
    assert len(presented) == len(items)
    for item, line in zip(items, presented, strict=True):
        first = item.presenter.id not in seen
        seen.add(item.presenter.id)
        assert (line == f"Présenté par {described(item.presenter)}") is first

    for decision in meeting.decisions:
        vote = vote_text(decision.unanimous, decision.votes_for, decision.votes_against,
                         decision.abstentions)
        if vote:
            assert f"{vote}." in text
    # The body's next meeting (the planned COPIL), the approval and the distribution.
    following = next(r for r in list_meetings(demo_db)
                     if r.body_id == meeting.body_id and r.date > meeting.date
                     and r.state is not MeetingState.CANCELLED)
    announced = next(t for t in texts if t.startswith("Prochaine réunion"))
    assert format_long_date(following.date) in announced
    assert format_hour(following.start_time) in announced
    assert any(t.startswith("Compte rendu à approuver lors de la prochaine séance")
               for t in texts)
    assert any(t.startswith("Compte rendu approuvé lors de la séance du ") for t in texts)
    diffusion = next(t for t in texts if t.startswith("Diffusion"))
    assert f"membres du {meeting.body.name}" in diffusion


def test_invalid_proxy_is_excused_and_unrecorded_presence_is_listed(
    writable: Database, tmp_path: Path
) -> None:
    meeting_id = demo_meeting(writable, BodyKind.COPIL, MeetingState.HELD)
    with writable.session() as session:
        attendances = list(session.scalars(
            select(Attendance).where(Attendance.meeting_id == meeting_id)))
        proxy = next(a for a in attendances if a.state is AttendanceState.REPRESENTED)
        holder = next(a for a in attendances if a.contact_id == proxy.represented_by_id)
        holder.state = AttendanceState.ABSENT
        forgotten = next(a for a in attendances if a.state is AttendanceState.PRESENT)
        forgotten.state = AttendanceState.INVITED
        represented, holder_name = proxy.contact.full_name, holder.contact.full_name
        forgotten_name = forgotten.contact.full_name
    document = open_docx(write_minutes(writable, meeting_id, tmp_path / "cr.docx"))
    texts = [p.text for p in document.paragraphs]
    excused = texts[next(i for i, t in enumerate(texts) if t.startswith("Excusés")) + 1:]
    line = next(t for t in excused if represented in t)
    assert f"{holder_name}, non retenu" in line
    assert not any(t.startswith("Représentés") for t in texts)
    assert f"{UNRECORDED} (1)" in texts
    assert any(forgotten_name in t for t in texts)
    assert quorum_status(writable, meeting_id).sentence in texts


def test_earlier_follow_ups_and_the_done_column(writable: Database, tmp_path: Path) -> None:
    meeting_id = next(r.id for r in reversed(list_meetings(writable))
                      if r.state is MeetingState.HELD
                      and carried_follow_ups(writable, r.id, today=r.date))
    meeting = get_meeting(writable, meeting_id)
    carried = carried_follow_ups(writable, meeting_id, today=meeting.date)
    with writable.session() as session:
        own = session.scalars(select(FollowUp).where(FollowUp.meeting_id == meeting_id)
                              .order_by(FollowUp.position, FollowUp.id)).first()
        assert own is not None
        own.done, own.done_date = True, date(2026, 11, 20)
    document = open_docx(write_minutes(writable, meeting_id, tmp_path / "cr.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "Suites des réunions précédentes" in texts
    earlier = next(t for t in document.tables
                   if t.rows[0].cells[0].text == "Suite à donner")
    assert [c.text for c in earlier.rows[0].cells] == [
        "Suite à donner", "Responsable", "Échéance", "Décidée par"]
    for row, follow_up in zip(earlier.rows[1:], carried, strict=True):
        assert row.cells[0].text == follow_up.text
        assert ("en retard" in row.cells[2].text) is follow_up.overdue
        assert format_date(follow_up.meeting_date) in row.cells[3].text
    actions = document.tables[-1]
    assert actions.rows[0].cells[3].text == "Fait"
    assert actions.rows[1].cells[3].text == "Fait le 20/11/2026"
