"""Calendar invitations (.ics, RFC 5545) of one meeting or of a body's planned meetings,
for Outlook, Thunderbird and the like.

Each meeting's UID is made of its number in the file and the instant it was created, both
stored in the file and never changed by editing, backups or restores: exporting the same
meeting again (after a change of time, place or agenda) updates the event already in the
officer's calendar instead of adding a second one, and a meeting deleted then re-created
under the same number is a new event. SEQUENCE is the meeting's stored revision, raised by
one each time its date, times or place change or it is cancelled (services.meetings), so
that calendars take the new export as an update and re-exporting an unchanged meeting
does not; DTSTAMP is the export time.

Each event carries the reminder chosen in Paramètres (a VALARM, « la veille » unless
changed; none when « Aucun »). A cancelled meeting exported alone is a METHOD:CANCEL
calendar, which Outlook and Thunderbird apply to the event already added.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop import __version__, clock
from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.exports.icalendar_text import (
    TZID,
    VTIMEZONE_PARIS,
    calendar_bytes,
    date_stamp,
    escape_text,
    local_stamp,
    quoted_parameter,
    utc_stamp,
)
from charte_desktop.exports.meeting_document import body_label, body_short_name, when_text
from charte_desktop.exports.naming import safe_file_name, suggested_name
from charte_desktop.exports.safe_write import check_target, write_atomically
from charte_desktop.exports.word_blocks import COLON, person

if TYPE_CHECKING:
    from charte_desktop.db.models import Meeting, Territory

# A meeting with a start time but no end time lasts its agenda's planned durations, or this.
DEFAULT_LENGTH = timedelta(hours=2)
PRODID = f"-//Charte//Charte {__version__}//FR"


def meeting_uid(meeting: "Meeting") -> str:
    created = meeting.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"charte-reunion-{meeting.id}-{created}@charte-desktop"


def sequence(meeting: "Meeting") -> int:
    return max(0, meeting.sequence or 0)


def alarm_lines(meeting: "Meeting", reminder_minutes: int) -> list[str]:
    """The reminder, `reminder_minutes` before the start (none at 0 or for a cancelled
    meeting): a DISPLAY alarm with a French text."""
    if reminder_minutes <= 0 or meeting.state is MeetingState.CANCELLED:
        return []
    when = when_text(meeting)
    return ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-PT{reminder_minutes}M",
            f"DESCRIPTION:{escape_text(f'Rappel{COLON} {meeting.body.name}, {when}')}",
            "END:VALARM"]


def description(meeting: "Meeting") -> str:
    """The event's notes: when and where, the ordre du jour, the secretariat."""
    when = when_text(meeting)
    lines = [meeting.body.name, when[:1].upper() + when[1:]]
    if meeting.place:
        lines.append(f"Lieu{COLON} {meeting.place}")
    lines.append("")
    if meeting.agenda_items:
        lines.append(f"Ordre du jour{COLON}")
        for number, item in enumerate(meeting.agenda_items, start=1):
            details = []
            if item.presenter is not None:
                details.append(f"présenté par {person(item.presenter, organisation=False)}")
            if item.duration_minutes:
                details.append(f"{item.duration_minutes}\u00a0min")
            suffix = f" ({', '.join(details)})" if details else ""
            lines.append(f"{number}. {item.title}{suffix}")
    else:
        lines.append("L'ordre du jour sera communiqué ultérieurement.")
    secretary = meeting.secretary
    if secretary is not None:
        contact = " – ".join(t for t in (person(secretary), secretary.email,
                                         secretary.phone) if t)
        lines.extend(["", f"Secrétariat{COLON} {contact}"])
    return "\n".join(lines)


def _times(meeting: "Meeting") -> list[str]:
    if meeting.start_time is None:  # a whole day
        return [f"DTSTART;VALUE=DATE:{date_stamp(meeting.date)}",
                f"DTEND;VALUE=DATE:{date_stamp(meeting.date + timedelta(days=1))}"]
    start = datetime.combine(meeting.date, meeting.start_time)
    if meeting.end_time is not None:
        end = datetime.combine(meeting.date, meeting.end_time)
    else:
        planned = sum(item.duration_minutes or 0 for item in meeting.agenda_items)
        end = start + (timedelta(minutes=planned) if planned else DEFAULT_LENGTH)
    return [f"DTSTART;TZID={TZID}:{local_stamp(start)}",
            f"DTEND;TZID={TZID}:{local_stamp(end)}"]


def event_lines(meeting: "Meeting", now: datetime, reminder_minutes: int = 0,
                organizer: tuple[str, str] | None = None) -> list[str]:
    cancelled = meeting.state is MeetingState.CANCELLED
    summary = f"Annulée – {meeting.body.name}" if cancelled else meeting.body.name
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting)}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"CREATED:{utc_stamp(meeting.created_at)}",
        f"LAST-MODIFIED:{utc_stamp(meeting.updated_at)}",
        f"SEQUENCE:{sequence(meeting)}",
        *_times(meeting),
        f"SUMMARY:{escape_text(summary)}",
    ]
    if meeting.place:
        lines.append(f"LOCATION:{escape_text(meeting.place)}")
    if organizer is not None:
        name, email = organizer
        common_name = f";CN={quoted_parameter(name)}" if name else ""
        lines.append(f"ORGANIZER{common_name}:mailto:{email}")
    lines += [
        f"DESCRIPTION:{escape_text(description(meeting))}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        *alarm_lines(meeting, reminder_minutes),
        "END:VEVENT",
    ]
    return lines


def calendar(meetings: Sequence["Meeting"], now: datetime | None = None, *,
             territory: "Territory | None" = None) -> bytes:
    """A VCALENDAR: METHOD:PUBLISH (events to add, not invitations to answer), or
    METHOD:CANCEL when every meeting in it is cancelled (RFC 5546 asks an ORGANIZER
    then: the officer, when their e-mail is known). The reminder is the territory's."""
    now = now or clock.now()
    reminder = territory.reminder_minutes if territory is not None else 0
    cancelling = bool(meetings) and all(m.state is MeetingState.CANCELLED for m in meetings)
    organizer = None
    if cancelling and territory is not None and territory.officer_email.strip():
        organizer = (territory.officer_name.strip(), territory.officer_email.strip())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"METHOD:{'CANCEL' if cancelling else 'PUBLISH'}", *VTIMEZONE_PARIS]
    for meeting in meetings:
        lines += event_lines(meeting, now, reminder or 0, organizer)
    lines.append("END:VCALENDAR")
    return calendar_bytes(lines)


def _write(target: Path, data: bytes) -> Path:
    return write_atomically(check_target(target), lambda stream: stream.write(data))


def write_meeting_ics(db: Database, meeting_id: int, target: Path, *,
                      now: datetime | None = None) -> Path:
    """The .ics of one meeting, whatever its state (a cancelled one is marked so)."""
    from charte_desktop.services.meetings import get_meeting
    from charte_desktop.services.plans import get_territory

    meeting = get_meeting(db, meeting_id)
    check_target(target)
    return _write(target, calendar([meeting], now, territory=get_territory(db)))


def planned_meetings(db: Database, body_id: int) -> "list[Meeting]":
    """The body's planned meetings, soonest first (French error if there is none)."""
    from charte_desktop.services.bodies import get_body
    from charte_desktop.services.meetings import MeetingFilter, get_meeting, list_meetings

    body = get_body(db, body_id)
    rows = list_meetings(db, MeetingFilter(body_id=body_id, state=MeetingState.PLANNED))
    if not rows:
        raise CharteError(f"L'instance « {body.name} » n'a aucune réunion prévue : "
                          "il n'y a rien à exporter.")
    return [get_meeting(db, row.id) for row in rows]


def write_body_ics(db: Database, body_id: int, target: Path, *,
                   now: datetime | None = None) -> Path:
    """The .ics of every planned meeting of a body."""
    from charte_desktop.services.plans import get_territory

    meetings = planned_meetings(db, body_id)
    check_target(target)
    return _write(target, calendar(meetings, now, territory=get_territory(db)))


def meeting_ics_name(db: Database, meeting_id: int) -> str:
    """"Réunion - COPIL - 2026-05-05.ics"."""
    from charte_desktop.services.meetings import get_meeting

    meeting = get_meeting(db, meeting_id)
    return suggested_name("Réunion", body_short_name(meeting), meeting.date, suffix=".ics")


def body_ics_name(db: Database, body_id: int) -> str:
    """"Réunions prévues - COPIL.ics"."""
    from charte_desktop.services.bodies import get_body

    return safe_file_name(f"Réunions prévues - {body_label(get_body(db, body_id))}",
                          suffix=".ics")
