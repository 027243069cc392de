"""The bilan's actions (per axis, with the journal's notes of the year) and meetings (per
body, with attendance and decisions). Layout only: the data are services/annual_report*.py."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from charte_desktop.colours import STATUS_FILLS
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.word_blocks import COLON, NBSP, add_paragraph, add_table, shade
from charte_desktop.formatting import format_date, format_number

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from charte_desktop.services.annual_report import ActionOfYear, AnnualReport, AxisOfYear
    from charte_desktop.services.annual_report_meetings import BodyYear, MeetingOfYear

ACTION_WIDTHS = (1.3, 6.0, 2.7, 2.3, 2.4, 2.3)
MEETING_WIDTHS = (2.3, 2.9, 11.8)
SMALL_PT = 8.5
TABLE_PT = 9.5  # the bilan's tables, headers included: a column's title on one line


def heading(document: "Document", text: str, style: str = "Heading 1") -> "Paragraph":
    paragraph = add_paragraph(document, text, style)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def table(document: "Document", headers: "Sequence[str]",
          rows: "Sequence[Sequence[str]]", widths_cm: "Sequence[float]", *,
          right_aligned: "Sequence[int]" = ()) -> "Table":
    """`word_blocks.add_table` in the bilan's size, its header row too."""
    from docx.shared import Pt

    grid = add_table(document, headers, rows, widths_cm, right_aligned=right_aligned,
                     font_pt=TABLE_PT)
    for cell in grid.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(TABLE_PT)
    return grid


def percent(value: Decimal | int | None) -> str:
    """« 45 % » (whole, half up), « — » for none."""
    if value is None:
        return "—"
    from decimal import ROUND_HALF_UP

    return f"{format_number(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP))}{NBSP}%"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def year_word(action: "ActionOfYear", report: "AnnualReport") -> str:
    """What the year did for the action (see services/annual_report.py for the rules)."""
    if action.done_in_year:
        return "Achevée"
    if not action.engaged:
        return "Non engagée"
    start = action.start_date
    return "Lancée" if start is not None and start.year == report.year else "Poursuivie"


def _small_line(paragraph: "Paragraph", text: str) -> None:
    from docx.shared import Pt

    run = paragraph.add_run(f"\n{text}")
    run.font.size = Pt(SMALL_PT)


# --- Actions ---------------------------------------------------------------------------


def actions_section(document: "Document", report: "AnnualReport") -> None:
    for plan in report.plans:
        title = "Avancement des actions"
        if len(report.plans) > 1:
            title += f" – {plan.title}"
        heading(document, title)
        if not plan.axes:
            document.add_paragraph(f"Aucune action du plan ne concerne l'année {report.year}.")
        for axis in plan.axes:
            _axis(document, axis, report)


def _axis(document: "Document", axis: "AxisOfYear", report: "AnnualReport") -> None:
    from charte_desktop.exports.action_sheet import keep_together

    title = heading(document, axis.heading, "Heading 2")
    line = document.add_paragraph(f"Avancement de l'axe{COLON} {percent(axis.progress)} "
                                  f"(moyenne pondérée) – "
                                  f"{plural(len(axis.actions), 'action', 'actions')}.")
    line.paragraph_format.keep_with_next = True
    rows = [(a.code, a.title, a.pilot or "—", a.status.label, percent(a.progress),
             year_word(a, report)) for a in axis.actions]
    headers = ("Code", "Action", "Pilote", "Statut", "Avancement", f"En {report.year}")
    grid = table(document, headers, rows, ACTION_WIDTHS, right_aligned=(4,))
    keep_together(grid, heading=title)
    for row, action in zip(grid.rows[1:], axis.actions, strict=True):
        shade(row.cells[3], STATUS_FILLS[action.status].lstrip("#"))
        if action.status is DisplayStatus.LATE and action.late_reasons:
            # Why, under the title (the widest column), as the list's tooltip says it.
            _small_line(row.cells[1].paragraphs[0], " ; ".join(action.late_reasons))
    _notes(document, axis, report)


def _notes(document: "Document", axis: "AxisOfYear", report: "AnnualReport") -> None:
    from docx.shared import Pt

    from charte_desktop.exports.minutes import minutes_blocks

    noted = [a for a in axis.actions if a.notes]
    if not noted:
        return
    intro = document.add_paragraph()
    intro.paragraph_format.space_before = Pt(8)
    intro.paragraph_format.keep_with_next = True
    intro.add_run(f"Journal de suivi {report.year}").bold = True
    for action in noted:
        name = document.add_paragraph()
        name.paragraph_format.keep_with_next = True
        name.paragraph_format.space_before = Pt(4)
        name.paragraph_format.space_after = Pt(0)
        run = name.add_run(f"{action.code} – {action.title}")
        run.italic = True
        for note in action.notes:
            blocks = list(minutes_blocks(note.text))
            first, rest = (blocks[0][1], blocks[1:]) if blocks else ("", [])
            paragraph = add_paragraph(document, "", "List Bullet")
            paragraph.add_run(f"{format_date(note.day)}{COLON} ").bold = True
            paragraph.add_run(first)
            for _is_bullet, text in rest:
                add_paragraph(document, text, "List Bullet")


# --- Meetings --------------------------------------------------------------------------


def meetings_section(document: "Document", report: "AnnualReport") -> None:
    heading(document, f"Les instances en {report.year}")
    if not report.bodies:
        document.add_paragraph(f"Aucune réunion n'était prévue en {report.year}.")
        return
    for body in report.bodies:
        _body(document, body, report)


def body_sentence(body: "BodyYear", report: "AnnualReport") -> str:
    """« 2 réunions tenues, taux de présence 84 % ; 1 prévue d'ici la fin de l'année. »"""
    if body.held:
        text = plural(len(body.held), "réunion tenue", "réunions tenues")
        text += f", taux de présence{NBSP}: {percent(body.rate)}"
    else:
        text = f"Aucune réunion tenue en {report.year}"
    others = []
    if body.planned:
        past = report.as_of >= date(report.year, 12, 31)
        others.append(plural(body.planned, "prévue", "prévues")
                      + (" non marquée(s) comme tenue(s)" if past
                         else " d'ici la fin de l'année"))
    if body.cancelled:
        others.append(plural(body.cancelled, "annulée", "annulées"))
    return text + (" ; " + " ; ".join(others) if others else "") + "."


def _decisions_text(meeting: "MeetingOfYear") -> str:
    if not meeting.decisions:
        return "Aucune décision enregistrée."
    lines = []
    for decision in meeting.decisions:
        extras = [text for text in (decision.vote,
                                    f"action {decision.action_code}" if decision.action_code
                                    else "") if text]
        lines.append(f"• {decision.text}" + (f" ({', '.join(extras)})" if extras else ""))
    return "\n".join(lines)


def _body(document: "Document", body: "BodyYear", report: "AnnualReport") -> None:
    from charte_desktop.exports.action_sheet import keep_together

    title = heading(document, body.name, "Heading 2")
    sentence = document.add_paragraph(body_sentence(body, report))
    if not body.held:
        return
    sentence.paragraph_format.keep_with_next = True
    rows = [(format_date(m.day),
             f"{m.present} sur {m.invited}\n({percent(m.rate)})" if m.invited else "—",
             _decisions_text(m)) for m in body.held]
    keep_together(table(document, ("Réunion", "Présents", "Décisions prises"), rows,
                        MEETING_WIDTHS), heading=title)
