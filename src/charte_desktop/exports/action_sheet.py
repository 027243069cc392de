"""Fiche action (Word): every field of an action, its milestones, budget and fundings, its
indicators with their latest value, and its follow-up journal.

Built like the meeting documents: the shipped template or the officer's own, the
collectivité's letterhead, "Page N sur M" in the footer. python-docx is imported only when
a fiche is written.
"""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop.colours import STATUS_FILLS
from charte_desktop.db import Database
from charte_desktop.exports.action_sheet_content import (
    FUNDER_HEADERS,
    ORDINAL,
    ActionSheetContext,
    axis_text,
    calendar_text,
    contact_lines,
    dated_value,
    funder_lines,
    fundings_summary,
    load_action_sheet,
    milestone_state,
    prioritisation_text,
    progress_text,
    rollup_lines,
    share,
    status_text,
    weight_words,
)
from charte_desktop.exports.minutes import minutes_blocks
from charte_desktop.exports.naming import action_sheet_name
from charte_desktop.exports.safe_write import check_target
from charte_desktop.exports.word_blocks import (
    COLON,
    HEADER_FILL,
    add_paragraph,
    add_table,
    person,
    save,
    set_widths,
    shade,
)
from charte_desktop.exports.word_fields import keep_row_on_one_page, letterhead, page_footer
from charte_desktop.exports.word_template import open_template
from charte_desktop.formatting import format_date, format_money

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

KIND = "Fiche action"
LATE_TEXT = "B00020"  # the window's error red, for "En retard" in the milestones
LABEL_WIDTH_CM, VALUE_WIDTH_CM = 4.3, 12.7
KEPT_ROWS = 15  # a table of at most this many rows is never split across two pages


def write_action_sheet(
    db: Database, action_id: int, target: Path, *, template: Path | None = None,
    today: date | None = None,
) -> Path:
    """Write the fiche of an action at `target`; returns the written path."""
    context = load_action_sheet(db, action_id, today=today)
    check_target(target)
    return save(build_action_sheet(context, template), target)


def export_action_sheet(db: Database, action_id: int, target: Path) -> Path:
    """Write the fiche with the officer's own template if one is set in Paramètres."""
    from charte_desktop.settings import load_settings

    return write_action_sheet(db, action_id, target, template=load_settings().word_template)


def suggested_file_name(db: Database, action_id: int) -> str:
    """"Fiche action 2.3 - Proposer des vélos….docx" (French error if the action is unknown)."""
    from charte_desktop.services.actions import get_action

    action = get_action(db, action_id)
    return action_sheet_name(action.code, action.title)


def build_action_sheet(context: ActionSheetContext, template: Path | None = None,
                       ) -> "Document":
    """The fiche as a python-docx document (not saved)."""
    from docx.shared import Pt

    action = context.action
    document = open_template(template, title=f"{KIND} {action.code} – {action.title}")
    page_footer(document.sections[0],
                f"{KIND} {action.code} – éditée le {format_date(context.today)}")
    letterhead(document, context.territory)
    add_paragraph(document, f"{KIND} {action.code}", "Title")
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(8)
    title = paragraph.add_run(action.title)
    title.bold = True
    title.font.size = Pt(13)
    _identification(document, context)
    _description(document, context)
    _milestones(document, context)
    _budget(document, context)
    _indicators(document, context)
    _journal(document, context)
    return document


def _fields_table(document: "Document", rows: list[tuple[str, str]]) -> "Table":
    """Label / value rows, labels shaded like table headers."""
    table = document.add_table(rows=0, cols=2, style="Table Grid")
    table.autofit = False
    for label, value in rows:
        row = table.add_row()
        keep_row_on_one_page(row)
        label_cell, value_cell = row.cells
        label_cell.paragraphs[0].add_run(label).bold = True
        shade(label_cell, HEADER_FILL)
        value_cell.paragraphs[0].text = value
    set_widths(table, (LABEL_WIDTH_CM, VALUE_WIDTH_CM))
    return table


def _identification(document: "Document", context: ActionSheetContext) -> None:
    action = context.action
    status, status_words = status_text(context)
    policies = [f"{p.code} – {p.label}" if p.label else p.code for p in action.policies]
    rows = [
        ("Plan", action.plan.title),
        ("Axe", axis_text(action.axis) or "Aucun"),
        ("Statut", status_words),
        ("Priorité", action.priority.label if action.priority else "Non définie"),
        ("Priorisation", prioritisation_text(context.prioritisation)),
        ("Pilote", contact_lines(action.pilot)),
        ("Co-pilotes", "\n".join(person(c) for c in action.copilots) or "Aucun"),
        ("Groupe projet", action.project_group.name if action.project_group else "Aucun"),
        ("Partenaires", "\n".join(o.name for o in action.partners) or "Aucun"),
        ("Politiques publiques", "\n".join(policies) or "Aucune"),
        ("Calendrier", calendar_text(action.start_date, action.end_date)),
        ("Avancement", "\n".join([progress_text(action), *rollup_lines(context)])),
        ("Poids", weight_words(action)),
    ]
    table = _fields_table(document, rows)
    _with_ordinal(table.rows[4].cells[1].paragraphs[0], rows[4][1])
    status_cell = table.rows[2].cells[1]
    shade(status_cell, STATUS_FILLS[status].lstrip("#"))
    paragraph = status_cell.paragraphs[0]
    paragraph.clear()
    word, _, why = status_words.partition("\n")
    paragraph.add_run(word).bold = True
    if why:
        paragraph.add_run(f"\n{why}")


def _with_ordinal(paragraph: "Paragraph", text: str) -> None:
    """`text` with its ordinal's letters raised, as French typography wants (7ᵉ, 1ʳᵉ):
    only ours, "classée 7e", is matched; the criteria's names that follow are left."""
    match = ORDINAL.search(text)
    if match is None:
        return
    paragraph.clear()
    paragraph.add_run(text[:match.start(2)])
    paragraph.add_run(match.group(2)).font.superscript = True
    paragraph.add_run(text[match.end(2):])


def keep_together(table: "Table", *, heading: "Paragraph | None" = None,
                  at_most: int = KEPT_ROWS) -> None:
    """A table of up to `at_most` rows never split across pages (each row's paragraphs
    kept with the next row, the rows unsplittable); a longer one keeps its header with
    its first row. `heading` (the title just above) is kept with the table too."""
    rows = table.rows
    kept = rows[:-1] if len(rows) <= at_most else rows[:1]
    for row in kept:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    if heading is not None:
        heading.paragraph_format.keep_with_next = True


def _heading(document: "Document", text: str, style: str = "Heading 1") -> "Paragraph":
    paragraph = add_paragraph(document, text, style)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _description(document: "Document", context: ActionSheetContext) -> None:
    _heading(document, "Description")
    blocks = list(minutes_blocks(context.action.description or ""))
    if not blocks:
        document.add_paragraph("Pas de description.")
    for is_bullet, text in blocks:
        add_paragraph(document, text, "List Bullet" if is_bullet else None)


def _milestones(document: "Document", context: ActionSheetContext) -> None:
    from docx.shared import RGBColor

    _heading(document, "Jalons")
    milestones = context.action.milestones
    if not milestones:
        document.add_paragraph("Aucun jalon n'est défini.")
        return
    done = sum(1 for m in milestones if m.done)
    count = document.add_paragraph(f"{done} jalon{'s' if done > 1 else ''} atteint"
                                   f"{'s' if done > 1 else ''} sur {len(milestones)}.")
    count.paragraph_format.keep_with_next = True  # the count goes with its table
    ordered = sorted(milestones, key=lambda m: (m.due_date is None, m.due_date or date.min))
    states = [milestone_state(m, context.today) for m in ordered]
    rows = [(m.title, format_date(m.due_date) or "—", state)
            for m, state in zip(ordered, states, strict=True)]
    table = add_table(document, ("Jalon", "Échéance", "État"), rows, (10.5, 2.6, 3.9))
    keep_together(table)
    for row, state in zip(table.rows[1:], states, strict=True):
        if state == "En retard":
            run = row.cells[2].paragraphs[0].runs[0]
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(LATE_TEXT)


def _budget(document: "Document", context: ActionSheetContext) -> None:
    from docx.shared import Pt

    action = context.action
    _heading(document, "Budget et financements")
    planned = action.budget_planned
    rows = [
        ("Prévu", format_money(planned), ""),
        ("Engagé", format_money(action.budget_committed), share(action.budget_committed, planned)),
        ("Dépensé", format_money(action.budget_spent), share(action.budget_spent, planned)),
    ]
    keep_together(add_table(document, ("Budget", "Montant", "Part du prévu"), rows,
                            (4.3, 4.2, 3.3), right_aligned=(1, 2)))
    if action.budget_years:
        _heading(document, "Par année", "Heading 2")
        # A year is a label, not an amount: « 2026 », never « 2 026 ».
        years = [(str(line.year), format_money(line.planned), format_money(line.committed),
                  format_money(line.spent)) for line in action.budget_years]
        keep_together(add_table(document, ("Année", "Prévu", "Engagé", "Dépensé"), years,
                                (2.3, 3.5, 3.5, 3.5), right_aligned=(1, 2, 3)))
    _heading(document, "Financements", "Heading 2")
    fundings = action.fundings
    if not fundings:
        document.add_paragraph("Aucun financement n'est enregistré.")
        return
    ordered = sorted(fundings, key=lambda f: (f.funder.name.casefold(), f.id))
    lines = [(f.funder.name, f.state.label, format_money(f.amount), f.note) for f in ordered]
    keep_together(add_table(document, ("Financeur", "État", "Montant", "Observations"),
                            lines, (5.5, 2.3, 3.4, 5.8), right_aligned=(2,)))
    _heading(document, "Par financeur et par état", "Heading 2")
    table = add_table(document, FUNDER_HEADERS, funder_lines(action),
                      (4.9, 3.0, 3.0, 3.0, 3.1), right_aligned=(1, 2, 3, 4))
    keep_together(table)
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    summary = document.add_paragraph(fundings_summary(action))
    summary.paragraph_format.space_before = Pt(4)


def _indicators(document: "Document", context: ActionSheetContext) -> None:
    _heading(document, "Indicateurs")
    if not context.indicators:
        document.add_paragraph("Aucun indicateur n'est rattaché à cette action.")
        return
    rows = []
    for row in context.indicators:
        name = f"{row.name}\n{row.kind.label} – {row.direction.label.lower()}"
        rows.append((
            name,
            dated_value(row.baseline_value, row.unit, row.baseline_date),
            dated_value(row.target_value, row.unit, row.target_date),
            dated_value(row.latest_value, row.unit, row.latest_date),
            row.state.label,
        ))
    keep_together(add_table(
        document, ("Indicateur", "Référence", "Cible", "Dernière mesure", "État"),
        rows, (5.2, 3.1, 3.1, 3.1, 2.5)))
    _indicator_charts(document, context)


def _indicator_charts(document: "Document", context: ActionSheetContext) -> None:
    """Each indicator's trajectory, drawn as in the window (exports/chart_image.py)."""
    from charte_desktop.exports.word_chart import add_chart

    for row in context.indicators:
        chart = (context.charts or {}).get(row.id)
        if chart is not None:
            caption = document.add_paragraph()
            caption.paragraph_format.keep_with_next = True
            caption.add_run(row.name).bold = True
            add_chart(document, chart, marked_day=context.today, width_cm=14.0)


def _journal(document: "Document", context: ActionSheetContext) -> None:
    _heading(document, "Journal de suivi")
    notes = sorted(context.action.notes, key=lambda n: (n.note_date, n.id), reverse=True)
    if not notes:
        document.add_paragraph("Le journal de suivi est vide.")
        return
    for note in notes:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{format_date(note.note_date)}{COLON} ").bold = True
        blocks = list(minutes_blocks(note.text))
        first, rest = (blocks[0][1], blocks[1:]) if blocks else ("", [])
        paragraph.add_run(first)
        for is_bullet, text in rest:
            add_paragraph(document, text, "List Bullet" if is_bullet else None)
