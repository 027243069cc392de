"""« Le bilan de l'année » (Word): what the COPIL approves and the rapport d'activité
carries (an EPCI sends one to its communes every year, art. L5211-39 CGCT).

The year in figures first, then per axis the actions and the journal's notes of the year,
the meetings held per body with attendance and decisions, each indicator with its
trajectory drawn (exports/chart_image.py) and its state, and the budget with the
co-financing obtained. Built like the fiche action: the shipped template or the officer's
own, the collectivité's letterhead, "Page N sur M" in the footer. The data come from
services/annual_report.py; python-docx and Pillow are imported only when a bilan is written.
"""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.exports.annual_report_figures import budget_section, indicators_section
from charte_desktop.exports.annual_report_sections import (
    actions_section,
    heading,
    meetings_section,
    percent,
    plural,
)
from charte_desktop.exports.progress import SILENT, Progress
from charte_desktop.exports.word_blocks import COLON, HEADER_FILL, save, set_widths, shade
from charte_desktop.formatting import format_date, format_money

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from charte_desktop.db.models import Territory
    from charte_desktop.services.annual_report import AnnualReport

KIND = "Bilan"


def write_annual_report(
    db: Database, path: Path, year: int, plan_id: int | None = None, *,
    today: date | None = None, template: Path | None = None, progress: Progress = SILENT,
) -> Path:
    """Write the bilan of `year` (one plan, or every plan) at `path`; returns the written
    path. French CharteError for a year out of range, an unknown plan or a target Charte
    may not write (a Charte file is never written over). `progress` steps at each part;
    stopped there (Cancelled), no file is written."""
    from charte_desktop.exports.safe_write import check_target
    from charte_desktop.services.annual_report import annual_report
    from charte_desktop.services.plans import get_territory

    today = today or clock.today()
    progress.step(0, 4, "Lecture du fichier")
    report = annual_report(db, year, plan_id, today=today)
    check_target(path)
    territory = get_territory(db)
    progress.step(1, 4, "Graphiques des indicateurs")
    document = build_annual_report(report, territory, template, progress)
    progress.step(3, 4, "Écriture du document")
    written = save(document, path)
    progress.step(4, 4, "Écriture du document")
    return written


def export_annual_report(db: Database, path: Path, year: int, plan_id: int | None = None,
                         ) -> Path:
    """Write the bilan with the officer's own template if one is set in Paramètres."""
    from charte_desktop.settings import load_settings

    return write_annual_report(db, path, year, plan_id, template=load_settings().word_template)


def suggested_report_name(db: Database, year: int, plan_id: int | None = None) -> str:
    """"Bilan 2026 - Charte pour une logistique….docx" (French error for an unknown plan)."""
    from charte_desktop.exports.naming import annual_report_name
    from charte_desktop.services.plans import get_plan, get_territory

    if plan_id is not None:
        return annual_report_name(year, get_plan(db, plan_id).title)
    territory = get_territory(db)
    return annual_report_name(year, territory.name if territory else "")


def title_of(report: "AnnualReport") -> str:
    if len(report.plans) == 1:
        return f"{KIND} {report.year} – {report.plans[0].title}"
    return f"{KIND} {report.year}"


def build_annual_report(report: "AnnualReport", territory: "Territory | None",
                        template: Path | None = None, progress: Progress = SILENT,
                        ) -> "Document":
    """The bilan as a python-docx document (not saved)."""
    from docx.shared import Pt

    from charte_desktop.exports.progress import Part
    from charte_desktop.exports.word_fields import letterhead, page_footer
    from charte_desktop.exports.word_template import open_template

    document = open_template(template, title=title_of(report))
    page_footer(document.sections[0],
                f"{KIND} {report.year} – édité le {format_date(report.today)}")
    letterhead(document, territory)
    heading(document, f"{KIND} {report.year}", "Title")
    for plan in report.plans:
        line = document.add_paragraph()
        for run in _unbroken_spans(line, plan.title):
            run.bold = True
            run.font.size = Pt(13)
        line.paragraph_format.space_after = Pt(2)
    document.add_paragraph(_subtitle(report)).paragraph_format.space_after = Pt(8)
    _summary(document, report)
    actions_section(document, report)
    meetings_section(document, report)
    indicators_section(document, report, Part(progress, 1, 2, 4, "Graphiques des indicateurs"))
    budget_section(document, report)
    return document


def _unbroken_spans(paragraph: "Paragraph", text: str) -> list["Run"]:
    """`text` in runs where a hyphen between two digits (« 2025-2028 ») is Word's
    non-breaking hyphen: the span is never cut at the end of a line."""
    import re

    from docx.oxml import OxmlElement

    runs: list[Run] = []
    for part in re.split(r"(?<=\d)-(?=\d)", text):
        if runs:
            runs[-1]._r.append(OxmlElement("w:noBreakHyphen"))
        runs.append(paragraph.add_run(part))
    return runs


def _subtitle(report: "AnnualReport") -> str:
    period = (f"du 01/01/{report.year} au {format_date(report.as_of)}"
              if report.as_of.year == report.year and report.as_of < date(report.year, 12, 31)
              else f"de l'année {report.year}")
    return (f"Rapport d'activité {period} : avancement des actions, réunions des instances, "
            "indicateurs et budget.")


def summary_rows(report: "AnnualReport") -> list[tuple[str, str]]:
    """The year in figures, label and value, as the first table reads them."""
    from charte_desktop.services.annual_report import summary_counts
    from charte_desktop.services.annual_report_meetings import rate
    from charte_desktop.services.budget import funders_total, plan_total
    from charte_desktop.services.dashboard import share_percent
    from charte_desktop.services.indicators import IndicatorState

    counts = summary_counts(report)
    year, as_of = report.year, format_date(report.as_of)
    rows = [
        ("Actions suivies", str(counts["listed"])),
        (f"Engagées en {year}", f"{counts['engaged']} (lancées ou poursuivies dans l'année)"),
        (f"Réalisées en {year}", str(counts["done"])),
        (f"En retard au {as_of}", str(counts["late"])),
    ]
    for plan in report.plans:
        name = "Avancement du plan" if len(report.plans) == 1 else f"Avancement – {plan.title}"
        rows.append((name, f"{percent(plan.progress)} (moyenne pondérée au {as_of})"))
    held = [m for body in report.bodies for m in body.held]
    present, invited = sum(m.present for m in held), sum(m.invited for m in held)
    decisions = sum(len(m.decisions) for m in held)
    to_come = sum(body.planned for body in report.bodies)
    meetings = plural(len(held), "réunion tenue", "réunions tenues")
    if to_come:
        meetings += f", {plural(to_come, 'prévue', 'prévues')} d'ici la fin de l'année"
    rows += [
        ("Réunions des instances", meetings),
        ("Taux de présence", percent(rate(present, invited)) if invited else "—"),
        ("Décisions prises", str(decisions)),
    ]
    states = [i.state for i in report.indicators]
    rows.append(("Indicateurs", (
        f"{plural(states.count(IndicatorState.ACHIEVED), 'atteint', 'atteints')}, "
        f"{states.count(IndicatorState.ON_TRACK)} sur la trajectoire, "
        f"{states.count(IndicatorState.BEHIND)} en retard, "
        f"{states.count(IndicatorState.NO_MEASURE)} sans mesure")))
    # Each plan's budget apart: budgets voted apart are never added (as on the dashboard).
    for plan in report.plans:
        of_plan = "" if len(report.plans) == 1 else f" – {plan.title}"
        budget = plan_total(list(plan.budget_by_axis))
        rows.append((f"Budget prévu des actions{of_plan}", format_money(budget.planned)))
        for label, amount in (("Budget engagé", budget.committed),
                              ("Budget dépensé", budget.spent)):
            share = percent(share_percent(amount, budget.planned))
            rows.append((label, f"{format_money(amount)} ({share} du prévu)"))
        funders = funders_total(list(plan.funders))
        rows.append((f"Cofinancements obtenus{of_plan}",
                     f"{format_money(funders.secured)} acquis ou versés"))
        rows.append((f"Cofinancements sollicités{of_plan}",
                     f"{format_money(funders.requested)} en attente de réponse"))
    return rows


def _summary(document: "Document", report: "AnnualReport") -> None:
    from docx.shared import Pt

    from charte_desktop.exports.action_sheet import keep_together

    title = heading(document, f"L'année {report.year} en chiffres")
    table = document.add_table(rows=0, cols=2, style="Table Grid")
    table.autofit = False
    for label, value in summary_rows(report):
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        shade(cells[0], HEADER_FILL)
        cells[1].paragraphs[0].text = value
    set_widths(table, (5.5, 11.5))
    keep_together(table, heading=title, at_most=len(table.rows))
    note = document.add_paragraph(
        f"Budget{COLON} montants de toutes les actions du plan sur toute leur durée, "
        "celles qui ne sont pas encore lancées comprises, actions abandonnées exclues ; le "
        "détail de l'année, quand il est saisi, figure dans la partie « Budget et "
        "cofinancements ».")
    note.runs[0].font.size = Pt(8.5)
    note.paragraph_format.space_before = Pt(3)
