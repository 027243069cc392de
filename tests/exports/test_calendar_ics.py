"""Calendar invitations (.ics), read back with the `icalendar` package."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.exports.calendar_ics import (
    body_ics_name,
    meeting_ics_name,
    write_body_ics,
    write_meeting_ics,
)
from charte_desktop.exports.icalendar_text import escape_text, fold
from charte_desktop.services.bodies import BodyFields, create_body
from charte_desktop.services.meetings import (
    AgendaItemFields,
    MeetingFields,
    MeetingFilter,
    create_agenda_item,
    create_meeting,
    get_meeting,
    list_meetings,
    update_meeting,
)
from tests.fixed_day import TEST_DAY

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.combine(TEST_DAY + timedelta(days=2), time(9, 30), UTC)  # after any creation
TRICKY_PLACE = "Salle A; bâtiment B, 2e étage \\ annexe « Rivière »"


def _read(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def _events(path: Path) -> list[icalendar.Event]:
    return list(_read(path).walk("VEVENT"))


@pytest.fixture
def body_id(db: Database) -> int:
    return create_body(db, BodyFields(BodyKind.COPIL, "Comité de pilotage, charte")).id


@pytest.fixture
def meeting_id(db: Database, body_id: int) -> int:
    meeting = create_meeting(db, MeetingFields(
        body_id, date(2026, 7, 3), time(14, 0), time(16, 30), place=TRICKY_PLACE))
    create_agenda_item(db, AgendaItemFields(meeting.id, "Bilan des actions ; priorités 2027",
                                            duration_minutes=45))
    create_agenda_item(db, AgendaItemFields(meeting.id, "Questions diverses — " + "é" * 80))
    return meeting.id


def test_one_meeting_in_paris_time_with_place_and_agenda(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    written = write_meeting_ics(db, meeting_id, tmp_path / "r.ics", now=NOW)
    calendar = _read(written)
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime(2026, 7, 3, 14, 0, tzinfo=PARIS)
    assert event["DTEND"].dt == datetime(2026, 7, 3, 16, 30, tzinfo=PARIS)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=2)  # summer time
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(event["SUMMARY"]) == "Comité de pilotage, charte"
    assert str(event["LOCATION"]) == TRICKY_PLACE
    description = str(event["DESCRIPTION"])
    assert "1. Bilan des actions ; priorités 2027 (45\u00a0min)" in description
    assert "2. Questions diverses — " + "é" * 80 in description
    assert "Vendredi 3 juillet 2026, de 14\u00a0h à 16\u00a0h\u00a030" in description
    assert event["DTSTAMP"].dt == NOW and str(event["STATUS"]) == "CONFIRMED"


def test_reexport_keeps_the_uid_and_raises_the_sequence(
    db: Database, meeting_id: int, body_id: int, tmp_path: Path
) -> None:
    first = _events(write_meeting_ics(db, meeting_id, tmp_path / "a.ics", now=NOW))[0]
    update_meeting(db, meeting_id, MeetingFields(body_id, date(2026, 7, 10), time(9, 0)))
    later = NOW + timedelta(days=3)
    second = _events(write_meeting_ics(db, meeting_id, tmp_path / "b.ics", now=later))[0]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second["DTSTAMP"].dt == later
    assert second["DTSTART"].dt == datetime(2026, 7, 10, 9, 0, tzinfo=PARIS)
    # Through a body export too: the same UID, so the calendar updates the same event.
    from_body = _events(write_body_ics(db, body_id, tmp_path / "c.ics", now=later))[0]
    assert from_body["UID"] == first["UID"]


def test_every_meeting_has_its_own_uid(demo_db: Database, tmp_path: Path) -> None:
    uids = {str(_events(write_meeting_ics(demo_db, row.id, tmp_path / f"{row.id}.ics"))[0]
                ["UID"]) for row in list_meetings(demo_db)}
    assert len(uids) == len(list_meetings(demo_db))


def test_body_export_holds_its_planned_meetings_only(
    demo_db: Database, tmp_path: Path
) -> None:
    rows = list_meetings(demo_db)
    body_id = next(r.body_id for r in rows if r.state is MeetingState.PLANNED)
    planned = list_meetings(demo_db, MeetingFilter(body_id=body_id,
                                                   state=MeetingState.PLANNED))
    events = _events(write_body_ics(demo_db, body_id, tmp_path / "b.ics", now=NOW))
    assert [e["DTSTART"].dt.date() for e in events] == [m.date for m in planned]
    singles = [_events(write_meeting_ics(demo_db, m.id, tmp_path / f"{m.id}.ics"))[0]["UID"]
               for m in planned]
    assert [e["UID"] for e in events] == singles


def test_body_without_planned_meeting_is_a_french_error(
    db: Database, body_id: int, tmp_path: Path
) -> None:
    with pytest.raises(CharteError, match="n'a aucune réunion prévue"):
        write_body_ics(db, body_id, tmp_path / "b.ics")
    with pytest.raises(CharteError, match="introuvable"):
        write_body_ics(db, 999, tmp_path / "b.ics")
    assert not (tmp_path / "b.ics").exists()


def test_cancelled_meeting_is_marked_cancelled(
    db: Database, meeting_id: int, body_id: int, tmp_path: Path
) -> None:
    update_meeting(db, meeting_id, MeetingFields(
        body_id, date(2026, 7, 3), time(14, 0), state=MeetingState.CANCELLED))
    (event,) = _events(write_meeting_ics(db, meeting_id, tmp_path / "r.ics"))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Annulée – ")


def test_meeting_without_times_is_a_whole_day(
    db: Database, body_id: int, tmp_path: Path
) -> None:
    meeting = create_meeting(db, MeetingFields(body_id, date(2026, 12, 1)))
    (event,) = _events(write_meeting_ics(db, meeting.id, tmp_path / "r.ics"))
    assert event["DTSTART"].dt == date(2026, 12, 1)
    assert event["DTEND"].dt == date(2026, 12, 2)
    assert "LOCATION" not in event


def test_meeting_without_end_lasts_its_agenda_or_two_hours(
    db: Database, body_id: int, tmp_path: Path
) -> None:
    meeting = create_meeting(db, MeetingFields(body_id, date(2026, 12, 1), time(10, 0)))
    (event,) = _events(write_meeting_ics(db, meeting.id, tmp_path / "r.ics"))
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=1)  # winter time
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(hours=2)
    create_agenda_item(db, AgendaItemFields(meeting.id, "Point", duration_minutes=50))
    (event,) = _events(write_meeting_ics(db, meeting.id, tmp_path / "r.ics"))
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=50)


def test_file_format_crlf_folded_utf8(db: Database, meeting_id: int, tmp_path: Path) -> None:
    data = write_meeting_ics(db, meeting_id, tmp_path / "r.ics").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare line feed
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long description is folded
    for line in lines:
        line.decode("utf-8")  # a fold never cuts a character


def test_vtimezone_gives_paris_offsets_without_a_tz_database(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    """Calendar programs read our VTIMEZONE, not their own database: it must agree with
    the real Europe/Paris on both sides of each change, for years to come."""
    calendar = _read(write_meeting_ics(db, meeting_id, tmp_path / "r.ics"))
    (vtimezone,) = calendar.walk("VTIMEZONE")
    ours = vtimezone.to_tz(lookup_tzid=False)
    for year in (2026, 2027, 2030, 2035):
        for month, day in ((1, 15), (3, 20), (3, 31), (7, 1), (10, 20), (10, 31), (12, 1)):
            moment = datetime(year, month, day, 12)
            assert moment.replace(tzinfo=ours).utcoffset() == (
                moment.replace(tzinfo=PARIS).utcoffset()), moment


@pytest.mark.parametrize(("text", "escaped"), [
    ("a;b,c\\d", "a\\;b\\,c\\\\d"),
    ("ligne 1\r\nligne 2\nligne 3", "ligne 1\\nligne 2\\nligne 3"),
    ("bip\x07", "bip"),
])
def test_escape_text(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


def test_fold_keeps_escapes_and_characters_whole() -> None:
    line = "DESCRIPTION:" + "é" * 30 + "\\," + "x" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert not any(p.endswith("\\") for p in pieces)


def test_suggested_names(db: Database, meeting_id: int, body_id: int) -> None:
    assert meeting_ics_name(db, meeting_id) == "Réunion - COPIL - 2026-07-03.ics"
    assert body_ics_name(db, body_id) == "Réunions prévues - COPIL.ics"
    assert get_meeting(db, meeting_id).place == TRICKY_PLACE


# --- reminder, revision, cancellation ------------------------------------------------------
def _officer(db: Database, reminder_minutes: int) -> None:
    from charte_desktop.db.enums import TerritoryKind
    from charte_desktop.services.plans import TerritoryFields, save_territory

    save_territory(db, TerritoryFields(
        "Commune de Villers", TerritoryKind.COMMUNE, officer_name="Camille Roussel",
        officer_email="camille.roussel@villers.fr", reminder_minutes=reminder_minutes))


def test_the_reminder_is_the_one_chosen_in_settings(
    db: Database, meeting_id: int, tmp_path: Path
) -> None:
    # A file without collectivité yet: no reminder.
    (event,) = _events(write_meeting_ics(db, meeting_id, tmp_path / "r.ics", now=NOW))
    assert list(event.walk("VALARM")) == []
    _officer(db, 24 * 60)  # « la veille », the default
    (event,) = _events(write_meeting_ics(db, meeting_id, tmp_path / "r.ics", now=NOW))
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == -timedelta(days=1)
    assert str(alarm["DESCRIPTION"]) == (
        "Rappel\u00a0: Comité de pilotage, charte, vendredi 3 juillet 2026, de 14\u00a0h "
        "à 16\u00a0h\u00a030")
    assert b"TRIGGER:-PT1440M\r\n" in (tmp_path / "r.ics").read_bytes()
    _officer(db, 60)
    (event,) = _events(write_body_ics(db, event_body(db, meeting_id), tmp_path / "b.ics"))
    assert [a["TRIGGER"].dt for a in event.walk("VALARM")] == [-timedelta(hours=1)]
    _officer(db, 0)  # « Aucun »
    (event,) = _events(write_meeting_ics(db, meeting_id, tmp_path / "r.ics", now=NOW))
    assert list(event.walk("VALARM")) == []


def event_body(db: Database, meeting_id: int) -> int:
    return get_meeting(db, meeting_id).body_id


def test_sequence_is_the_stored_revision_not_the_time_elapsed(
    db: Database, meeting_id: int, body_id: int, tmp_path: Path
) -> None:
    def exported_sequence(now: datetime) -> int:
        (event,) = _events(write_meeting_ics(db, meeting_id, tmp_path / "r.ics", now=now))
        return int(event["SEQUENCE"])

    assert exported_sequence(NOW) == 0
    assert exported_sequence(NOW + timedelta(days=30)) == 0  # time alone changes nothing
    fields = MeetingFields(body_id, date(2026, 7, 3), time(14, 0), time(16, 30),
                           place=TRICKY_PLACE, notes="Prévoir le vidéoprojecteur")
    update_meeting(db, meeting_id, fields)  # notes only: the calendar shows nothing new
    assert exported_sequence(NOW) == 0
    for changed in (
        {"date": date(2026, 7, 10)}, {"start_time": time(9, 0)}, {"end_time": time(12, 0)},
        {"place": "Mairie"}, {"state": MeetingState.CANCELLED},
    ):
        before = get_meeting(db, meeting_id).sequence
        current = get_meeting(db, meeting_id)
        fields = MeetingFields(body_id, current.date, current.start_time, current.end_time,
                               place=current.place, state=current.state)
        for name, value in changed.items():
            setattr(fields, name, value)
        update_meeting(db, meeting_id, fields)
        assert get_meeting(db, meeting_id).sequence == before + 1, changed
    assert exported_sequence(NOW) == 5


def test_a_cancelled_meeting_alone_is_a_cancel_calendar(
    db: Database, meeting_id: int, body_id: int, tmp_path: Path
) -> None:
    _officer(db, 24 * 60)
    first = _events(write_meeting_ics(db, meeting_id, tmp_path / "a.ics", now=NOW))[0]
    update_meeting(db, meeting_id, MeetingFields(
        body_id, date(2026, 7, 3), time(14, 0), time(16, 30), place=TRICKY_PLACE,
        state=MeetingState.CANCELLED))
    calendar = _read(write_meeting_ics(db, meeting_id, tmp_path / "b.ics", now=NOW))
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == first["UID"] and event["SEQUENCE"] > first["SEQUENCE"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["ORGANIZER"]) == "mailto:camille.roussel@villers.fr"
    assert event["ORGANIZER"].params["CN"] == "Camille Roussel"
    assert list(event.walk("VALARM")) == []  # no reminder of a meeting that will not be
