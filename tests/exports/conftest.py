"""Fixtures of the Word export tests: the demo file opened read-only, a held meeting."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.services.meetings import get_meeting, list_meetings


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    with open_database(demo, read_only=True) as database:
        yield database


@pytest.fixture
def held_meeting_id(demo_db: Database) -> int:
    """A held demo meeting with présents, excusés, absents and représentés."""
    for row in list_meetings(demo_db):
        if row.state is not MeetingState.HELD:
            continue
        states = {a.state for a in get_meeting(demo_db, row.id).attendances}
        if {AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT,
                AttendanceState.REPRESENTED} <= states:
            return row.id
    raise AssertionError("the demo has no meeting with every attendance state")
