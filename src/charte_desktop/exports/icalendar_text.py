"""The few pieces of RFC 5545 (iCalendar) a meeting invitation needs, written by hand.

Why not the `icalendar` package: we only write one kind of event, and what it would do for
us (escaping, 75-octet folding) is a few lines; it would bring python-dateutil and tzdata
into the Windows bundle. The tests read our output back with `icalendar` itself.

- Lines end with CRLF and are folded at 75 octets, never inside a UTF-8 character.
- TEXT values escape backslash, semicolon, comma and newline.
- Local times carry TZID=Europe/Paris, defined once by the VTIMEZONE block below (the EU
  rule in force since 1996: last Sunday of March and October), so no time zone database
  is needed to write them and every calendar program reads the same hours.
"""

import re
from datetime import UTC, date, datetime

CRLF = "\r\n"
MAX_OCTETS = 75
TZID = "Europe/Paris"
_UNITS = re.compile(r"\\.|.", re.DOTALL)  # an escape pair, or one character

VTIMEZONE_PARIS: tuple[str, ...] = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): \\ ; , escaped, line breaks as \\n, other control
    characters (not allowed in TEXT) dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c in "\n\t" or (ord(c) >= 0x20 and ord(c) != 0x7F))
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def quoted_parameter(value: str) -> str:
    """A parameter value (RFC 5545 §3.2: CN=…) in double quotes, which cannot hold a
    double quote or a control character: those go."""
    kept = "".join(c for c in value if c != '"' and (ord(c) >= 0x20 and ord(c) != 0x7F))
    return f'"{kept}"'


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets (CRLF not counted), each
    continuation starting with a space; a UTF-8 character and an escape ("\\,") are
    never cut, which the RFC allows but some readers get wrong."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in _UNITS.findall(line):
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [" "], 1, MAX_OCTETS  # the space counts in the line
        current.append(char)
        size += width
    pieces.append("".join(current))
    return CRLF.join(pieces)


def utc_stamp(moment: datetime) -> str:
    """A UTC DATE-TIME: 20260314T091500Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: datetime) -> str:
    """A local (naive) DATE-TIME, read in the TZID given beside it: 20260314T140000."""
    return moment.strftime("%Y%m%dT%H%M%S")


def date_stamp(day: date) -> str:
    return day.strftime("%Y%m%d")


def calendar_bytes(lines: list[str]) -> bytes:
    """The whole file: folded lines, CRLF after each, UTF-8 without BOM."""
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")
