"""Compte rendu: participants and quorum, the follow-ups of earlier meetings, one section
per agenda item, decisions with their vote, the actions decided, the next meeting, the
approval line and the distribution list."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.civility import formal_name
from charte_desktop.db import Database
from charte_desktop.exports.letter_blocks import fill_line
from charte_desktop.exports.meeting_document import MeetingContext, load, start_document
from charte_desktop.exports.minutes_attendance import write_participants
from charte_desktop.exports.people_text import described, formal
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import COLON, add_paragraph, add_table, save
from charte_desktop.formatting import format_date, format_hour, format_long_date
from charte_desktop.services.meeting_outcomes import vote_text

if TYPE_CHECKING:
    from docx.document import Document

KIND = "Compte rendu"
_BULLET = re.compile(r"^\s*[-•*](?:\s+|$)")


def minutes_blocks(text: str) -> Iterator[tuple[bool, str]]:
    """The minutes text as (is_bullet, text) blocks: blank lines separate paragraphs,
    lines starting with "- " or "• " are bullet items, other lines continue a paragraph
    after a line break ("\n", which python-docx writes as a line break): a line typed
    alone stays alone in Word."""
    paragraph: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _BULLET.match(line)
        if match or not line.strip():
            if paragraph:
                yield False, "\n".join(paragraph)
                paragraph = []
            if match and line[match.end():].strip():
                yield True, line[match.end():].strip()
        else:
            paragraph.append(line.strip())
    if paragraph:
        yield False, "\n".join(paragraph)


def _agenda(document: "Document", context: MeetingContext) -> None:
    items = context.meeting.agenda_items
    if not items:
        return
    add_paragraph(document, "Ordre du jour et échanges", "Heading 1")
    introduced: set[int] = set()  # presenters named in full once, then by name
    for number, item in enumerate(items, start=1):
        title = f"{number}. {item.title}"
        add_paragraph(document, f"{title} (point reporté)" if item.postponed else title,
                      "Heading 2")
        presenter = item.presenter
        if presenter is not None:
            if presenter.id in introduced:
                who = formal_name(presenter.civility, presenter.first_name,
                                  presenter.last_name)
            else:
                who = described(presenter)
                introduced.add(presenter.id)
            document.add_paragraph().add_run(f"Présenté par {who}").italic = True
        blocks = list(minutes_blocks(item.minutes_text or ""))
        if item.postponed and not blocks:
            document.add_paragraph("Ce point est reporté à une prochaine réunion.")
        for is_bullet, text in blocks:
            add_paragraph(document, text, "List Bullet" if is_bullet else None)


def _decisions(document: "Document", context: MeetingContext) -> None:
    from docx.enum.text import WD_BREAK

    add_paragraph(document, "Relevé de décisions", "Heading 1")
    decisions = context.meeting.decisions
    if not decisions:
        document.add_paragraph("Aucune décision n'a été prise.")
        return
    positions = {item.id: n for n, item in enumerate(context.meeting.agenda_items, start=1)}
    for number, decision in enumerate(decisions, start=1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_together = True
        paragraph.add_run(f"Décision n°\u00a0{number}{COLON} ").bold = True
        paragraph.add_run(decision.text)
        notes = []
        if decision.agenda_item_id in positions:
            notes.append(f"point {positions[decision.agenda_item_id]}")
        if decision.action is not None:
            notes.append(f"action {decision.action.code} « {decision.action.title} »")
        if notes:
            paragraph.add_run(f" ({' ; '.join(notes)})").italic = True
        vote = vote_text(decision.unanimous, decision.votes_for, decision.votes_against,
                         decision.abstentions)
        if vote:
            paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(f"Vote{COLON} ").bold = True
            paragraph.add_run(f"{vote}.")


def _carried(document: "Document", context: MeetingContext) -> None:
    """The open follow-ups of earlier meetings, « en retard » on the meeting's day."""
    carried = context.letter.carried
    if not carried:
        return
    add_paragraph(document, "Suites des réunions précédentes", "Heading 1")
    rows = []
    for row in carried:
        due = format_date(row.due_date) or "—"
        owner = context.letter.owner_names.get(row.owner_id or 0, row.owner_name)
        rows.append((row.text, owner or "À désigner",
                     f"{due}\nen retard" if row.overdue else due,
                     f"{row.body}\ndu {format_date(row.meeting_date)}"))
    add_table(document, ("Suite à donner", "Responsable", "Échéance", "Décidée par"), rows,
              (7.0, 3.5, 2.6, 3.9))


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
        done = ""
        if follow_up.done:
            done = f"Fait le {format_date(follow_up.done_date)}" if follow_up.done_date \
                else "Fait"
        owner = follow_up.owner
        rows.append((text, formal_name(owner.civility, owner.first_name, owner.last_name)
                     if owner is not None else "À désigner",
                     format_date(follow_up.due_date) or "—", done))
    add_table(document, ("Action à mener", "Responsable", "Échéance", "Fait"), rows,
              (7.6, 3.8, 2.6, 3.0))


def _closing(document: "Document", context: MeetingContext) -> None:
    """Next meeting, approval, distribution."""
    from docx.shared import Pt

    meeting = context.meeting
    following = context.letter.next_meeting
    first = document.add_paragraph()
    first.paragraph_format.space_before = Pt(14)
    first.paragraph_format.keep_with_next = True
    first.add_run(f"Prochaine réunion{COLON} ").bold = True
    if following is None:
        first.add_run("date à fixer.")
        approval = "Compte rendu à approuver lors de la prochaine séance."
    else:
        when = format_long_date(following.date)
        if following.start_time is not None:
            when += f" à {format_hour(following.start_time)}"
        first.add_run(f"{when}, {following.place}." if following.place else f"{when}.")
        approval = ("Compte rendu à approuver lors de la prochaine séance, le "
                    f"{format_long_date(following.date)}.")
    paragraph = document.add_paragraph(approval)
    paragraph.paragraph_format.keep_with_next = True
    fill_line(document, "Compte rendu approuvé lors de la séance du ", stops_cm=(11.0,))
    audience = f"membres du {meeting.body.name}, personnes invitées à la séance"
    if meeting.secretary is not None:
        audience += f", {formal(meeting.secretary)} (secrétaire de séance)"
    diffusion = document.add_paragraph()
    diffusion.paragraph_format.space_before = Pt(10)
    diffusion.add_run(f"Diffusion{COLON} ").bold = True
    diffusion.add_run(f"{audience}.")


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
    write_participants(document, context)
    _carried(document, context)
    _agenda(document, context)
    _decisions(document, context)
    _follow_ups(document, context)
    _closing(document, context)
    return document
