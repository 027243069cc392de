"""The page a convocation of a voting body carries: the bulletin de réponse and the
pouvoir, to cut apart, fill in by hand and return to the officer."""

from typing import TYPE_CHECKING

from charte_desktop.exports.letter_blocks import Correspondent, cut_line, fill_line, tick_box
from charte_desktop.exports.meeting_document import MeetingContext, when_text
from charte_desktop.exports.word_blocks import add_paragraph
from charte_desktop.formatting import format_long_date

if TYPE_CHECKING:
    from docx.document import Document


def _return_to(contact: Correspondent | None) -> str:
    """« À retourner à Camille Roussel par courriel (camille.roussel@…), au plus tard la
    veille de la réunion. »"""
    if contact is None:
        return "À retourner au secrétariat de l'instance, au plus tard la veille de la réunion."
    how = f" par courriel ({contact.email})" if contact.email else ""
    return f"À retourner à {contact.name}{how}, au plus tard la veille de la réunion."


def reply_and_proxy_page(document: "Document", context: MeetingContext,
                         contact: Correspondent | None) -> None:
    """On a new page: the reply slip, a dashed line, the pouvoir."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    meeting = context.meeting
    body = meeting.body.name
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    add_paragraph(document, "Bulletin de réponse", "Heading 1")
    about = document.add_paragraph()
    about.add_run(f"Réunion du {body}, le {when_text(meeting)}").bold = True
    document.add_paragraph(_return_to(contact)).runs[0].italic = True
    fill_line(document, "Nom et prénom\u00a0: ")
    fill_line(document, "Structure et fonction\u00a0: ")
    ticks = document.add_paragraph()
    ticks.paragraph_format.space_before = Pt(8)
    ticks.add_run("Cochez la case qui convient\u00a0:")
    tick_box(document, "assistera à la réunion")
    tick_box(document, "n'assistera pas à la réunion")
    tick_box(document, "se fera représenter par\u00a0: ", fill=True)
    fill_line(document, "Date et signature\u00a0: ")
    document.add_paragraph()
    cut_line(document)

    add_paragraph(document, "Pouvoir", "Heading 1")
    fill_line(document, "Je soussigné·e (nom et prénom)\u00a0: ")
    document.add_paragraph(f"membre du {body},")
    fill_line(document, "donne pouvoir à (nom et prénom)\u00a0: ")
    document.add_paragraph(
        "pour me représenter et voter en mon nom lors de la séance du "
        f"{format_long_date(meeting.date)}.")
    note = document.add_paragraph(
        "Le pouvoir ne vaut que si la personne qui le reçoit est présente à la séance ; "
        "remettez-le-lui ou joignez-le au bulletin de réponse.")
    note.runs[0].italic = True
    note.runs[0].font.size = Pt(9)
    fill_line(document, "Fait à \t, le \t", stops_cm=(10.0, 17.0))
    signature = document.add_paragraph(
        "Signature, précédée de la mention manuscrite « Bon pour pouvoir »\u00a0:")
    signature.paragraph_format.space_before = Pt(8)
