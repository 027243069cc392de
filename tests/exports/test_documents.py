"""The three Word documents of a demo meeting, read back with python-docx."""

from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, Civility
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
    for label in ("Présents", "Excusés", "Absents"):
        assert label in text
    states = {a.contact_id: a.state for a in meeting.attendances}
    bullets = bullet_texts(document)
    for attendance in meeting.attendances:
        assert any(attendance.contact.full_name in line for line in bullets)
        if attendance.state is AttendanceState.REPRESENTED:
            holder = attendance.represented_by.full_name
            # Only a proxy whose holder is present counts; otherwise the member is excused.
            valid = states.get(attendance.represented_by_id) is AttendanceState.PRESENT
            agreed = {Civility.MADAME: "représentée", Civility.MONSIEUR: "représenté"}.get(
                attendance.contact.civility, "représenté·e")
            assert (f"{agreed} par" in text and holder in text) if valid else (
                f"{holder}, non retenu" in text)
    for item in meeting.agenda_items:
        assert item.title in text
    for decision in meeting.decisions:
        assert decision.text in text
    rows = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0] == ["Action à mener", "Responsable", "Échéance", "Fait"]
    for follow_up, row in zip(meeting.follow_ups, rows[1:], strict=True):
        assert row[0].startswith(follow_up.text)
        assert row[1].endswith(follow_up.owner.full_name)  # « Mme Camille Roussel »
        assert row[2] == format_date(follow_up.due_date)
        assert row[3] == (f"Fait le {format_date(follow_up.done_date)}" if follow_up.done
                          else "")


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
        (False, "Premier\nsuite."), (True, "un ;"), (True, "deux"), (False, "Après la liste."),
    ]


def test_a_line_break_typed_in_the_minutes_is_a_line_break_in_word(
    demo: Path, held_meeting_id: int, tmp_path: Path
) -> None:
    from charte_desktop.db import open_database
    from charte_desktop.services.agenda_timing import set_item_minutes
    from charte_desktop.services.meetings import get_meeting

    with open_database(demo) as db:
        item = get_meeting(db, held_meeting_id).agenda_items[0]
        set_item_minutes(db, item.id, "Première ligne\nSeconde ligne")
        document = open_docx(write_minutes(db, held_meeting_id, tmp_path / "cr.docx"))
    [paragraph] = [p for p in document.paragraphs if p.text.startswith("Première ligne")]
    assert paragraph.text == "Première ligne\nSeconde ligne"
    assert len(paragraph._p.xpath(".//w:br")) == 1


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
    tables = document.tables[1:]  # after the letterhead: one table per page
    rows = [row for table in tables for row in table.rows[1:]]
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == [
            "Nom", "Structure et fonction", "Représenté·e par / pouvoir", "Signature"]
        header_flags = table.rows[0]._tr.findall(f"{W}trPr/{W}tblHeader")
        assert header_flags and header_flags[0].get(f"{W}val") == "true"
        assert all(row._tr.findall(f"{W}trPr/{W}cantSplit") for row in table.rows)
    names = [row.cells[0].text for row in rows]
    for attendance in meeting.attendances:
        contact = attendance.contact
        row = rows[names.index(f"{contact.last_name.upper()} {contact.first_name}")]
        if contact.organisation:
            assert contact.organisation.name in row.cells[1].text
        if attendance.state is AttendanceState.REPRESENTED:
            assert attendance.represented_by.full_name in row.cells[2].text
        else:
            assert row.cells[2].text == ""
    assert all(row.cells[3].text == "" for row in rows)
    assert names[-1] == ""  # blank lines for people not on the list


def test_convocation_holds_the_agenda(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    document = open_docx(write_convocation(demo_db, held_meeting_id, tmp_path / "c.docx"))
    text = all_text(document)
    assert "ordre du jour" in text and meeting.place in text
    for item in meeting.agenda_items:
        assert item.title in text


@pytest.mark.parametrize("writer", [write_convocation, write_attendance_sheet, write_minutes])
def test_unknown_meeting_is_a_french_error(
    demo_db: Database, tmp_path: Path, writer: object
) -> None:
    with pytest.raises(CharteError, match="La réunion n° 9999 est introuvable"):
        writer(demo_db, 9999, tmp_path / "x.docx")  # type: ignore[operator]
    assert not (tmp_path / "x.docx").exists()
