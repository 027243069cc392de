"""The compte rendu's participants: who was present, represented (by a valid proxy),
excused, absent, and whose presence was never recorded, then the quorum.

A member left « Convoqué·e » is listed under « Présence non renseignée »: the compte rendu
does not say someone was absent when nobody recorded it, and nobody vanishes from it."""

from typing import TYPE_CHECKING

from charte_desktop.civility import formal_name
from charte_desktop.db.enums import AttendanceState, Civility
from charte_desktop.exports.meeting_document import MeetingContext
from charte_desktop.exports.people_text import formal, with_organisation
from charte_desktop.exports.word_blocks import add_paragraph, labelled

if TYPE_CHECKING:
    from docx.document import Document

    from charte_desktop.db.models import Attendance

UNRECORDED = "Présence non renseignée"
# (key, label) in the order a compte rendu lists them.
GROUPS: tuple[tuple[str, str], ...] = (
    ("present", "Présents"),
    ("represented", "Représentés"),
    ("excused", "Excusés"),
    ("absent", "Absents"),
    ("invited", UNRECORDED),
)


def valid_proxy(attendance: "Attendance", states: dict[int, AttendanceState]) -> bool:
    """A « représenté·e » counts only if the holder of the proxy is present (as the
    quorum counts it: see services.meetings.proxy_problem)."""
    holder = attendance.represented_by_id
    return holder is not None and states.get(holder) is AttendanceState.PRESENT


def _agreed(civility: Civility, word: str) -> str:
    """« représentée » for Madame, « représenté » for Monsieur, « représenté·e » else."""
    return {Civility.MADAME: f"{word}e", Civility.MONSIEUR: word}.get(civility, f"{word}·e")


def attendance_groups(context: MeetingContext) -> dict[str, list[str]]:
    """The lines of each group: « M. Bernard Cuenot, Président – Conseil communautaire »,
    « …, représenté·e par Mme Nadia Benali »; a member whose proxy is not valid is
    excused, the proxy named."""
    attendances = context.meeting.attendances
    states = {attendance.contact_id: attendance.state for attendance in attendances}
    groups: dict[str, list[str]] = {key: [] for key, _ in GROUPS}
    for attendance in attendances:
        line = with_organisation(attendance.contact)
        holder = attendance.represented_by
        if attendance.state is AttendanceState.REPRESENTED:
            if valid_proxy(attendance, states) and holder is not None:
                agreed = _agreed(attendance.contact.civility, "représenté")
                groups["represented"].append(f"{line}, {agreed} par {formal(holder)}")
                continue
            if holder is not None:
                name = formal_name(holder.civility, holder.first_name, holder.last_name)
                absent = _agreed(holder.civility, "absent")
                line += f" (pouvoir donné à {name}, non retenu : {absent} de la séance)"
            groups["excused"].append(line)
            continue
        groups[attendance.state.value].append(line)
    return groups


def write_participants(document: "Document", context: MeetingContext) -> None:
    from docx.shared import Pt

    meeting = context.meeting
    add_paragraph(document, "Participants", "Heading 1")
    groups = attendance_groups(context)
    written = False
    for key, label in GROUPS:
        names = groups[key]
        if not names:
            continue
        written = True
        title = document.add_paragraph()
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.space_before = Pt(6)
        title.add_run(f"{label} ({len(names)})").bold = True
        for name in names:
            add_paragraph(document, name, "List Bullet")
    if not written:
        document.add_paragraph("Les présences n'ont pas été relevées.")
    if context.letter.quorum_sentence:
        quorum = document.add_paragraph()
        quorum.paragraph_format.space_before = Pt(6)
        quorum.add_run(context.letter.quorum_sentence).bold = True
    if meeting.secretary is not None:
        labelled(document, "Secrétaire de séance", formal(meeting.secretary))
