"""The deadlines of the calls for projects as a calendar (.ics): one all-day event per
pending date (« Dépôt : Fonds vert – renaturation… »), from today on.

Each event's UID is made of the call's number, the instant it was created and the kind of
date, so exporting again after a deadline moved updates the event already in the
officer's calendar instead of adding a second one.
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.exports.calendar_ics import PRODID
from charte_desktop.exports.icalendar_text import calendar_bytes, date_stamp, escape_text, utc_stamp
from charte_desktop.exports.naming import safe_file_name
from charte_desktop.exports.safe_write import check_target, write_atomically
from charte_desktop.exports.word_blocks import COLON
from charte_desktop.services.calls import Deadline, all_deadlines, creation_times

CALLS_ICS_NAME = "Échéances des appels à projets.ics"
_KIND_IN_UID = {"pré-dépôt": "pre-depot", "dépôt": "depot", "décision": "decision"}


def summary(deadline: Deadline) -> str:
    """« Dépôt : Fonds vert – renaturation… » (the funder is in the description)"""
    kind = deadline.kind[:1].upper() + deadline.kind[1:]
    return f"{kind}{COLON} {deadline.call_title}"


def _uid(deadline: Deadline, created: datetime | None) -> str:
    stamp = created.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ") if created else "0"
    kind = _KIND_IN_UID.get(deadline.kind, "date")
    return f"charte-appel-{deadline.call_id}-{stamp}-{kind}@charte-desktop"


def deadlines_calendar(deadlines: list[Deadline], created: dict[int, datetime],
                       now: datetime) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for deadline in deadlines:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(deadline, created.get(deadline.call_id))}",
            f"DTSTAMP:{utc_stamp(now)}",
            f"DTSTART;VALUE=DATE:{date_stamp(deadline.day)}",
            f"DTEND;VALUE=DATE:{date_stamp(deadline.day + timedelta(days=1))}",
            f"SUMMARY:{escape_text(summary(deadline))}",
            f"DESCRIPTION:{escape_text(_description(deadline))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return calendar_bytes(lines)


def _description(deadline: Deadline) -> str:
    return (f"Appel à projets{COLON} {deadline.call_title}"
            + (f"\nFinanceur{COLON} {deadline.funder}" if deadline.funder else ""))


def coming_deadlines(db: Database, today: date | None = None) -> list[Deadline]:
    """The pending dates from today on, soonest first (French error when there is none)."""
    coming = [d for d in all_deadlines(db, today) if d.days_left >= 0]
    if not coming:
        raise CharteError("Aucun appel à projets n'a d'échéance à venir : il n'y a rien à "
                          "exporter.")
    return coming


def write_calls_ics(db: Database, target: Path, *, now: datetime | None = None) -> Path:
    """The .ics of the calls' coming deadlines."""
    deadlines = coming_deadlines(db)
    check_target(target)
    data = deadlines_calendar(deadlines, creation_times(db), now or clock.now())
    return write_atomically(check_target(target), lambda stream: stream.write(data))


def calls_ics_name() -> str:
    return safe_file_name(CALLS_ICS_NAME.removesuffix(".ics"), suffix=".ics")
