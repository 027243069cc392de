"""The three Word documents of a demo meeting, read back with python-docx."""

from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState
from charte_desktop.errors import CharteError
from charte_desktop.exports.attendance_sheet import write_attendance_sheet
from charte_desktop.exports.convocation import write_convocation
from charte_desktop.exports.minutes import minutes_blocks, write_minutes
from charte_desktop.formatting import format_date, format_long_date
from charte_desktop.services.meetings import get_meeting
from tests.exports.docx_reading import all_text, bullet_texts, open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_minutes_hold_names_agenda_decisions_and_follow_ups(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    written = write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx")
    assert written == tmp_path / "cr.docx"
    document = open_docx(written)
    text = all_text(document)
    assert "Compte rendu" in text and meeting.body.name in text
    assert format_long_date(meeting.date) in text
    for label in ("Présents", "Représentés", "Excusés", "Absents"):
        assert label in text
    for attendance in meeting.attendances:
        if attendance.state is not AttendanceState.INVITED:
            assert attendance.contact.full_name in text
        if attendance.state is AttendanceState.REPRESENTED:
            assert f"représenté·e par {attendance.represented_by.full_name}" in text
    for item in meeting.agenda_items:
        assert item.title in text
    for decision in meeting.decisions:
        assert decision.text in text
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0] == ["Action à mener", "Responsable", "Échéance"]
    for follow_up, row in zip(meeting.follow_ups, rows[1:], strict=True):
        assert row[0].startswith(follow_up.text)
        assert row[1] == follow_up.owner.full_name
        assert row[2] == format_date(follow_up.due_date)


def test_minutes_bullets_are_list_paragraphs(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    expected = [text for item in meeting.agenda_items
                for is_bullet, text in minutes_blocks(item.minutes_text) if is_bullet]
    assert expected, "the demo minutes have bullet lines"
    document = open_docx(write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx"))
    bullets = bullet_texts(document)
    assert all(text in bullets for text in expected)
    assert not any(p.text.startswith(("- ", "• ")) for p in document.paragraphs)


def test_minutes_blocks() -> None:
    text = "Premier\nsuite.\n\n- un ;\n• deux\nAprès la liste.\n-\n"
    assert list(minutes_blocks(text)) == [
        (False, "Premier suite."), (True, "un ;"), (True, "deux"), (False, "Après la liste."),
    ]


def test_footer_has_page_and_numpages_fields(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    document = open_docx(write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx"))
    footer = document.sections[0].footer
    assert "Page" in footer.paragraphs[0].text and "sur" in footer.paragraphs[0].text
    instructions = [e.text.strip() for e in footer._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_minutes_letterhead_has_logo_and_name(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    document = open_docx(write_minutes(demo_db, held_meeting_id, tmp_path / "cr.docx"))
    letterhead = document.tables[0]
    assert "Val d'Aubrance" in letterhead.cell(0, 1).text
    assert document.inline_shapes and document.inline_shapes[0].height > 0


def test_attendance_sheet_repeats_its_header_row(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    document = open_docx(write_attendance_sheet(demo_db, held_meeting_id, tmp_path / "e.docx"))
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Nom", "Structure et fonction", "Signature"]
    header_flags = table.rows[0]._tr.findall(f"{W}trPr/{W}tblHeader")
    assert header_flags and header_flags[0].get(f"{W}val") == "true"
    names = [row.cells[0].text for row in table.rows[1:]]
    for attendance in meeting.attendances:
        contact = attendance.contact
        assert f"{contact.last_name.upper()} {contact.first_name}" in names
        if contact.organisation:
            assert any(contact.organisation.name in row.cells[1].text for row in table.rows)
    assert all(row.cells[2].text == "" for row in table.rows[1:])


def test_convocation_holds_the_agenda(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    document = open_docx(write_convocation(demo_db, held_meeting_id, tmp_path / "c.docx"))
    text = all_text(document)
    assert "Ordre du jour" in text and meeting.place in text
    for item in meeting.agenda_items:
        assert item.title in text


@pytest.mark.parametrize("writer", [write_convocation, write_attendance_sheet, write_minutes])
def test_unknown_meeting_is_a_french_error(
    demo_db: Database, tmp_path: Path, writer: object
) -> None:
    with pytest.raises(CharteError, match="La réunion n° 9999 est introuvable"):
        writer(demo_db, 9999, tmp_path / "x.docx")  # type: ignore[operator]
    assert not (tmp_path / "x.docx").exists()
