"""Bench row of the Word exports: the compte rendu of a large meeting.

Our minutes writer (loading the meeting, template, letterhead, fields, atomic write)
against its floor: a raw python-docx document holding the same paragraphs (with their
styles) and tables, saved to a file. Targets: ratio <= 1.5 and < 0.5 s.
"""

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import Any

from charte_desktop.db import Database, create_database
from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState, TerritoryKind
from charte_desktop.db.models import (
    AgendaItem,
    Attendance,
    Body,
    Contact,
    Decision,
    FollowUp,
    Meeting,
    Organisation,
    Territory,
)
from charte_desktop.demo.small import logo_png
from charte_desktop.exports.minutes import write_minutes

ROW = "Compte rendu d'une réunion de 40 points et 30 participants"
RUNS = 5
RATIO_TARGET = 1.5
TIME_TARGET_S = 0.5
STATES = (AttendanceState.PRESENT,) * 7 + (AttendanceState.EXCUSED, AttendanceState.ABSENT,
                                           AttendanceState.REPRESENTED)
MINUTES = ("Le rapporteur présente le point et les échanges qui ont suivi.\n"
           "- premier élément retenu ;\n- deuxième élément retenu ;\n- troisième élément.\n\n"
           "Le comité prend acte et demande un point d'étape à la prochaine séance.")


def build_meeting(db: Database) -> int:
    """A held meeting of 40 agenda items, 30 attendees, 20 decisions and 20 follow-ups."""
    with db.session() as session:
        session.add(Territory(name="Communauté de communes du Banc d'Essai",
                              kind=TerritoryKind.COMMUNITY_OF_COMMUNES,
                              address="1 place de la Mairie, 00000 Essai", logo=logo_png()))
        body = Body(kind=BodyKind.COPIL, name="Comité de pilotage du banc d'essai")
        organisations = [Organisation(name=f"Structure partenaire n° {i}") for i in range(10)]
        contacts = [Contact(first_name=f"Prénom{i}", last_name=f"Nom{i}",
                            function="Chargé·e de mission", organisation=organisations[i % 10])
                    for i in range(30)]
        meeting = Meeting(body=body, date=date(2026, 3, 12), start_time=day_time(14),
                          end_time=day_time(17), place="Salle du conseil",
                          state=MeetingState.HELD)
        session.add_all([body, *organisations, *contacts, meeting])
        for i, contact in enumerate(contacts):
            state = STATES[i % len(STATES)]
            session.add(Attendance(meeting=meeting, contact=contact, state=state,
                                   represented_by=contacts[0]
                                   if state is AttendanceState.REPRESENTED else None))
        for i in range(40):
            item = AgendaItem(meeting=meeting, position=i,
                              title=f"Point {i + 1} de l'ordre du jour",
                              presenter=contacts[i % 30], duration_minutes=5,
                              minutes_text=MINUTES)
            session.add(item)
            if i % 2 == 0:
                session.add(Decision(meeting=meeting, agenda_item=item, position=i,
                                     text=f"Le comité valide la proposition du point {i + 1}."))
                session.add(FollowUp(meeting=meeting, agenda_item=item, position=i,
                                     text=f"Mettre en œuvre la décision du point {i + 1}",
                                     owner=contacts[i % 30],
                                     due_date=date(2026, 4, 1) + timedelta(days=i)))
        session.flush()
        return meeting.id


def raw_writer(source: Path) -> Callable[[Path], None]:
    """A function writing a plain python-docx document with `source`'s paragraphs and
    tables (texts and styles), in the same order."""
    from docx import Document

    reference = Document(str(source))
    blocks: list[tuple[str, Any]] = []
    body = reference.element.body
    paragraphs = iter(reference.paragraphs)
    tables = iter(reference.tables)
    for child in body:
        if child.tag.endswith("}p"):
            paragraph = next(paragraphs)
            style = paragraph.style.name if paragraph.style is not None else ""
            blocks.append(("p", (paragraph.text, style)))
        elif child.tag.endswith("}tbl"):
            table = next(tables)
            blocks.append(("t", [[cell.text for cell in row.cells] for row in table.rows]))

    def write(target: Path) -> None:
        document = Document()
        for kind, content in blocks:
            if kind == "p":
                document.add_paragraph(content[0], style=content[1])
            else:
                table = document.add_table(rows=0, cols=len(content[0]), style="Table Grid")
                for values in content:
                    for cell, text in zip(table.add_row().cells, values, strict=True):
                        cell.text = text
        document.save(str(target))

    return write


def median_s(function: Callable[[], Any]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def docx_rows() -> bool:
    """Print the Word export row; whether it meets its targets."""
    folder = Path(tempfile.mkdtemp(prefix="charte-docx-bench-"))
    db = create_database(folder / "reunion.sqlite")
    try:
        meeting_id = build_meeting(db)
        ours_path = folder / "compte-rendu.docx"
        write_minutes(db, meeting_id, ours_path)  # warm-up: imports, caches
        raw = raw_writer(ours_path)
        raw(folder / "brut.docx")
        ours = median_s(lambda: write_minutes(db, meeting_id, ours_path))
        floor = median_s(lambda: raw(folder / "brut.docx"))
    finally:
        db.close()
    ratio = ours / floor
    ok = ratio <= RATIO_TARGET and ours < TIME_TARGET_S
    print(f"\nDocuments Word (médiane de {RUNS})")
    print(f"{ROW} : {ours * 1000:.0f} ms, python-docx brut {floor * 1000:.0f} ms, "
          f"ratio {ratio:.2f} (cible ≤ {RATIO_TARGET} et < {TIME_TARGET_S} s) "
          f"{'OK' if ok else 'HORS CIBLE'}")
    return ok


if __name__ == "__main__":
    import sys

    sys.exit(0 if docx_rows() else 1)
