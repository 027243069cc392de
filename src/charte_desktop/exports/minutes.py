"""Compte rendu: participants, one section per agenda item, decisions and follow-ups."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState
from charte_desktop.exports.meeting_document import MeetingContext, load, start_document
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import (
    COLON,
    add_paragraph,
    add_table,
    labelled,
    person,
    save,
)
from charte_desktop.formatting import format_date

if TYPE_CHECKING:
    from docx.document import Document

KIND = "Compte rendu"
_BULLET = re.compile(r"^\s*[-•*](?:\s+|$)")

# (state, label) in the order a compte rendu lists them.
_ATTENDANCE_GROUPS: tuple[tuple[AttendanceState, str], ...] = (
    (AttendanceState.PRESENT, "Présents"),
    (AttendanceState.REPRESENTED, "Représentés"),
    (AttendanceState.EXCUSED, "Excusés"),
    (AttendanceState.ABSENT, "Absents"),
)


def minutes_blocks(text: str) -> Iterator[tuple[bool, str]]:
    """The minutes text as (is_bullet, text) blocks: blank lines separate paragraphs,
    lines starting with "- " or "• " are bullet items, other lines continue a paragraph."""
    paragraph: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _BULLET.match(line)
        if match or not line.strip():
            if paragraph:
                yield False, " ".join(paragraph)
                paragraph = []
            if match and line[match.end():].strip():
                yield True, line[match.end():].strip()
        else:
            paragraph.append(line.strip())
    if paragraph:
        yield False, " ".join(paragraph)


def _participants(document: "Document", context: MeetingContext) -> None:
    from docx.shared import Pt

    meeting = context.meeting
    add_paragraph(document, "Participants", "Heading 1")
    groups: dict[AttendanceState, list[str]] = {state: [] for state, _ in _ATTENDANCE_GROUPS}
    for attendance in meeting.attendances:
        if attendance.state not in groups:
            continue
        name = person(attendance.contact, separator=" – ")
        if attendance.state is AttendanceState.REPRESENTED and attendance.represented_by:
            name += f", représenté·e par {person(attendance.represented_by, organisation=False)}"
        groups[attendance.state].append(name)
    written = False
    for state, label in _ATTENDANCE_GROUPS:
        names = groups[state]
        if names:
            written = True
            title = document.add_paragraph()
            title.paragraph_format.keep_with_next = True
            title.paragraph_format.space_before = Pt(6)
            title.add_run(f"{label} ({len(names)})").bold = True
            for name in names:
                add_paragraph(document, name, "List Bullet")
    if not written:
        document.add_paragraph("Les présences n'ont pas été relevées.")
    if meeting.secretary is not None:
        labelled(document, "Secrétaire de séance", person(meeting.secretary, organisation=False))


def _agenda(document: "Document", context: MeetingContext) -> None:
    items = context.meeting.agenda_items
    if not items:
        return
    add_paragraph(document, "Ordre du jour et échanges", "Heading 1")
    for number, item in enumerate(items, start=1):
        add_paragraph(document, f"{number}. {item.title}", "Heading 2")
        if item.presenter is not None:
            intro = document.add_paragraph()
            intro.add_run(f"Présenté par {person(item.presenter)}").italic = True
        for is_bullet, text in minutes_blocks(item.minutes_text or ""):
            add_paragraph(document, text, "List Bullet" if is_bullet else None)


def _decisions(document: "Document", context: MeetingContext) -> None:
    add_paragraph(document, "Relevé de décisions", "Heading 1")
    decisions = context.meeting.decisions
    if not decisions:
        document.add_paragraph("Aucune décision n'a été prise.")
        return
    positions = {item.id: n for n, item in enumerate(context.meeting.agenda_items, start=1)}
    for number, decision in enumerate(decisions, start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"Décision n°\u00a0{number}{COLON} ").bold = True
        paragraph.add_run(decision.text)
        notes = []
        if decision.agenda_item_id in positions:
            notes.append(f"point {positions[decision.agenda_item_id]}")
        if decision.action is not None:
            notes.append(f"action {decision.action.code} « {decision.action.title} »")
        if notes:
            paragraph.add_run(f" ({' ; '.join(notes)})").italic = True


def _follow_ups(document: "Document", context: MeetingContext) -> None:
    add_paragraph(document, "Relevé d'actions", "Heading 1")
    follow_ups = context.meeting.follow_ups
    if not follow_ups:
        document.add_paragraph("Aucune suite à donner.")
        return
    rows = []
    for follow_up in follow_ups:
        text = follow_up.text
        if follow_up.action is not None:
            text += f"\n(action {follow_up.action.code})"
        rows.append((text, person(follow_up.owner, organisation=False) or "À désigner",
                     format_date(follow_up.due_date) or "—"))
    add_table(document, ("Action à mener", "Responsable", "Échéance"), rows,
              (10.0, 4.5, 2.5))


def write_minutes(
    db: Database, meeting_id: int, target: Path, *, template: Path | None = None
) -> Path:
    """Write the compte rendu of a meeting at `target`; returns the written path."""
    context = load(db, meeting_id)
    check_target(target)
    document = build_minutes(context, template)
    return save(document, target)


def build_minutes(context: MeetingContext, template: Path | None = None) -> "Document":
    """The compte rendu as a python-docx document (not saved)."""
    document = start_document(context, KIND, template)
    _participants(document, context)
    _agenda(document, context)
    _decisions(document, context)
    _follow_ups(document, context)
    return document
