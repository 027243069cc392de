"""Convocation: a letter from the body's président·e (or the meeting's signatory) with the
meeting's date, time, place and ordre du jour; for a body whose members vote, a page with
the bulletin de réponse and the pouvoir."""

from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop import clock
from charte_desktop.civility import formal_name
from charte_desktop.db import Database
from charte_desktop.exports.convocation_forms import reply_and_proxy_page
from charte_desktop.exports.letter_blocks import (
    Correspondent,
    correspondent,
    place_and_date,
    right_block,
)
from charte_desktop.exports.meeting_document import (
    MeetingContext,
    item_starts,
    load,
    open_meeting_document,
    when_text,
)
from charte_desktop.exports.people_text import greeting, signing_capacity, with_organisation
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import COLON, add_table, save
from charte_desktop.formatting import format_hour, format_long_date
from charte_desktop.services.meeting_planning import format_duration

if TYPE_CHECKING:
    from docx.document import Document

    from charte_desktop.db.models import Contact

KIND = "Convocation"


def write_convocation(
    db: Database, meeting_id: int, target: Path, *, template: Path | None = None
) -> Path:
    """Write the convocation of a meeting at `target`; returns the written path."""
    context = load(db, meeting_id)
    check_target(target)
    return save(build_convocation(context, template), target)


def signatory(context: MeetingContext) -> "Contact | None":
    """Who signs: the meeting's signatory, else the body's président·e on the day."""
    return context.meeting.signatory or context.letter.chair


def _addressees(context: MeetingContext) -> "list[Contact]":
    return [attendance.contact for attendance in context.meeting.attendances]


def _addressee_lines(context: MeetingContext) -> list[str]:
    """« Aux membres du Comité de pilotage », or the one invitee by name."""
    people = _addressees(context)
    if len(people) == 1:
        return [with_organisation(people[0], separator="\n")]
    members = {membership.contact_id for membership in context.letter.members}
    body = context.meeting.body.name
    if all(person.id in members for person in people):
        return [f"Aux membres du {body}"]
    return [f"Aux membres et invités du {body}"]


def _heading(document: "Document", context: MeetingContext,
             contact: Correspondent | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    town = context.territory.town if context.territory is not None else ""
    dated = document.add_paragraph(place_and_date(town, clock.today()))
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dated.paragraph_format.space_after = Pt(14)
    right_block(document, _addressee_lines(context), space_after=20)
    meeting = context.meeting
    subject = document.add_paragraph()
    subject.paragraph_format.space_after = Pt(2)
    subject.add_run(f"Objet{COLON} ").bold = True
    subject.add_run(f"Convocation à la réunion du {meeting.body.name} du "
                    f"{format_long_date(meeting.date)}")
    if contact is not None:
        line = document.add_paragraph()
        line.add_run(f"Contact{COLON} ").bold = True
        line.add_run(contact.line())
    document.add_paragraph().paragraph_format.space_after = Pt(4)


def _agenda(document: "Document", context: MeetingContext) -> None:
    items = context.meeting.agenda_items
    if not items:
        document.add_paragraph("L'ordre du jour vous sera communiqué ultérieurement.")
        return
    document.add_paragraph("L'ordre du jour sera le suivant\u00a0:").paragraph_format \
        .keep_with_next = True
    starts = item_starts(context.meeting)
    timed = any(start is not None for start in starts)
    rows = []
    for number, (item, start) in enumerate(zip(items, starts, strict=True), start=1):
        presenter = item.presenter
        title = f"{item.title} (reporté)" if item.postponed else item.title
        row = [str(number), title,
               formal_name(presenter.civility, presenter.first_name, presenter.last_name)
               if presenter is not None else "",
               format_duration(item.duration_minutes).replace(" ", "\u00a0")
               if item.duration_minutes else ""]
        rows.append(([format_hour(start)] if timed else []) + row)
    if timed:
        add_table(document, ("Heure", "N°", "Point", "Présenté par", "Durée"), rows,
                  (2.1, 0.9, 8.0, 4.0, 2.0))
    else:
        add_table(document, ("N°", "Point", "Présenté par", "Durée"), rows,
                  (1.2, 9.8, 4.0, 2.0))


def _reply_request(context: MeetingContext, contact: Correspondent | None) -> str:
    whom = (f"{contact.name} (coordonnées ci-dessus)" if contact is not None
            else "le secrétariat de l'instance")
    if context.letter.has_voting_members:
        return ("Je vous remercie de bien vouloir confirmer votre présence au moyen du "
                f"bulletin de réponse ci-joint, à retourner à {whom}. En cas "
                "d'empêchement, vous pouvez vous faire représenter en remettant le "
                "pouvoir ci-joint à un autre membre présent à la séance.")
    return ("Je vous remercie de bien vouloir confirmer votre présence ou, en cas "
            f"d'empêchement, d'en informer {whom}.")


def _signature(document: "Document", context: MeetingContext) -> None:
    from docx.shared import Pt

    person = signatory(context)
    if person is None:
        return
    capacity = signing_capacity(person)
    lines = ([f"{capacity},"] if capacity else []) + ["", "", person.full_name]
    block = right_block(document, lines, space_after=0)
    block.paragraph_format.space_before = Pt(14)


def build_convocation(context: MeetingContext, template: Path | None = None) -> "Document":
    """The convocation as a python-docx document (not saved)."""
    from docx.shared import Pt

    meeting = context.meeting
    document = open_meeting_document(context, KIND, template)
    contact = correspondent(context.territory, meeting)
    _heading(document, context, contact)
    salutation = greeting(_addressees(context))
    document.add_paragraph(f"{salutation},").paragraph_format.space_after = Pt(8)
    where = (f", au lieu suivant\u00a0: {meeting.place}" if meeting.place
             else " (le lieu vous sera précisé ultérieurement)")
    document.add_paragraph(
        f"J'ai l'honneur de vous inviter à la réunion du {meeting.body.name}, qui se "
        f"tiendra le {when_text(meeting)}{where}.")
    _agenda(document, context)
    request = document.add_paragraph(_reply_request(context, contact))
    request.paragraph_format.space_before = Pt(10)
    closing = document.add_paragraph(
        f"Je vous prie d'agréer, {salutation}, l'expression de mes salutations "
        "distinguées.")
    closing.paragraph_format.space_before = Pt(6)
    _signature(document, context)
    if context.letter.has_voting_members:
        reply_and_proxy_page(document, context, contact)
    return document
