"""The bilan's indicators (each with its trajectory drawn and its state) and its budget
with the co-financing obtained (sollicité kept apart from acquis and versé)."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from charte_desktop.colours import STATUS_FILLS
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.exports.annual_report_sections import heading, percent, table
from charte_desktop.exports.progress import SILENT, Progress
from charte_desktop.exports.word_blocks import COLON, NBSP, shade
from charte_desktop.exports.word_chart import add_chart
from charte_desktop.formatting import format_date, format_money, format_number
from charte_desktop.services.indicators import IndicatorState

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

    from charte_desktop.exports.chart_image import Trajectory
    from charte_desktop.services.annual_report import (
        AnnualReport,
        IndicatorOfYear,
        Measure,
        PlanOfYear,
    )

STATE_FILLS = {  # the status colours, by what they mean
    IndicatorState.ACHIEVED: STATUS_FILLS[DisplayStatus.DONE],
    IndicatorState.ON_TRACK: STATUS_FILLS[DisplayStatus.IN_PROGRESS],
    IndicatorState.BEHIND: STATUS_FILLS[DisplayStatus.LATE],
    IndicatorState.NO_MEASURE: STATUS_FILLS[DisplayStatus.TO_START],
}


def measure_text(measure: "Measure | None", unit: str) -> str:
    """"14 aires\n(01/11/2026)", or "—"."""
    if measure is None:
        return "—"
    value = format_number(measure.value)
    value = f"{value}{NBSP}{unit}" if unit else value
    return f"{value}\n({format_date(measure.day)})"


def trajectory_of(indicator: "IndicatorOfYear") -> "Trajectory":
    from charte_desktop.exports.chart_image import Trajectory

    def point(measure: "Measure | None") -> tuple[date, Decimal] | None:
        return (measure.day, measure.value) if measure is not None else None

    return Trajectory(indicator.unit, tuple((m.day, m.value) for m in indicator.measurements),
                      point(indicator.baseline), point(indicator.target))


def _keep_with_next(table: "Table") -> None:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def indicators_section(document: "Document", report: "AnnualReport",
                       progress: Progress = SILENT) -> None:
    title = heading(document, "Indicateurs")
    title.paragraph_format.page_break_before = True  # two charts a page, from the top
    if not report.indicators:
        document.add_paragraph("Aucun indicateur n'est défini.")
        return
    intro = document.add_paragraph(
        f"Chaque indicateur avec ses mesures jusqu'au {format_date(report.as_of)} (en bleu) et "
        "la trajectoire de sa valeur de référence à sa cible (en pointillés gris, la cible en "
        f"vert). L'état se lit sur la dernière mesure{COLON} « Sur la trajectoire » quand elle "
        "est au moins aussi bonne que la trajectoire à sa date.")
    intro.paragraph_format.keep_with_next = True
    total = len(report.indicators)
    for index, indicator in enumerate(report.indicators):
        progress.step(index, total, f"Graphique {index + 1} sur {total}")
        _indicator(document, indicator, report)
    progress.step(total, total)


def _indicator(document: "Document", indicator: "IndicatorOfYear",
               report: "AnnualReport") -> None:
    heading(document, indicator.name, "Heading 2")
    about = document.add_paragraph(f"{indicator.kind} – {indicator.direction.lower()}")
    about.paragraph_format.keep_with_next = True
    row = (measure_text(indicator.baseline, indicator.unit),
           measure_text(indicator.target, indicator.unit),
           measure_text(indicator.latest, indicator.unit),
           str(indicator.in_year), indicator.state.label)
    grid = table(document, ("Référence", "Cible", "Dernière mesure",
                            f"Mesures en {report.year}", "État"),
                 [row], (3.4, 3.4, 3.4, 2.6, 4.2))
    shade(grid.rows[1].cells[4], STATE_FILLS[indicator.state].lstrip("#"))
    chart = trajectory_of(indicator)
    if chart.is_empty():
        return
    _keep_with_next(grid)
    add_chart(document, chart, marked_day=report.as_of)


# --- Budget -------------------------------------------------------------------------------


def budget_section(document: "Document", report: "AnnualReport") -> None:
    heading(document, "Budget et cofinancements")
    for plan in report.plans:
        if len(report.plans) > 1:
            heading(document, plan.title, "Heading 2")
        _budget(document, plan, report)
        _cofinancing(document, plan)


def _share(part: Decimal, whole: Decimal) -> str:
    from charte_desktop.services.dashboard import share_percent

    return percent(share_percent(part, whole))


def _bold_last(table: "Table") -> None:
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _budget(document: "Document", plan: "PlanOfYear", report: "AnnualReport") -> None:
    from docx.shared import Pt

    from charte_desktop.exports.action_sheet import keep_together
    from charte_desktop.services.budget import plan_total

    title = heading(document, "Budget des actions par axe", "Heading 2")
    lines = [*plan.budget_by_axis, plan_total(list(plan.budget_by_axis))]
    # « Axe 1 – Organiser… » as the actions' part names it (the budget says « 1 Organiser… »).
    named = {f"{axis.code} {axis.title}".strip(): axis.heading for axis in plan.axes
             if axis.title}
    rows = [(named.get(line.label, line.label), str(line.action_count), format_money(line.planned),
             format_money(line.committed), format_money(line.spent),
             _share(line.spent, line.planned)) for line in lines]
    grid = table(document, ("Axe", "Actions", "Prévu", "Engagé", "Dépensé",
                            "Dépensé / prévu"), rows, (5.0, 1.9, 2.6, 2.6, 2.6, 2.3),
                 right_aligned=(1, 2, 3, 4, 5))
    keep_together(grid, heading=title)
    _bold_last(grid)
    note = document.add_paragraph(
        "Toutes les actions du plan, sur toute leur durée, y compris celles qui ne sont pas "
        "encore lancées (absentes de la partie « Avancement des actions ») ; actions "
        "abandonnées exclues.")
    note.paragraph_format.space_before = Pt(4)
    year = plan.budget_of_year
    if year is not None:
        note.add_run(
            f" Pour {report.year}, les actions dont le budget est détaillé par année "
            f"({year.action_count}) prévoient {format_money(year.planned)}, en ont engagé "
            f"{format_money(year.committed)} et dépensé {format_money(year.spent)}.")


def _cofinancing(document: "Document", plan: "PlanOfYear") -> None:
    from docx.shared import Pt

    from charte_desktop.exports.action_sheet import keep_together
    from charte_desktop.services.budget import funders_total

    title = heading(document, "Cofinancements", "Heading 2")
    if not plan.funders:
        document.add_paragraph("Aucun cofinancement n'est enregistré.")
        return
    funders = [*plan.funders, funders_total(list(plan.funders))]
    rows = [(f.funder, format_money(f.requested), format_money(f.granted),
             format_money(f.paid), format_money(f.secured)) for f in funders]
    grid = table(document, ("Financeur", "Sollicité", "Acquis", "Versé", "Acquis ou versé"),
                 rows, (6.2, 2.7, 2.7, 2.7, 2.7), right_aligned=(1, 2, 3, 4))
    keep_together(grid, heading=title)
    _bold_last(grid)
    total = funders[-1]
    summary = document.add_paragraph(
        f"Cofinancements obtenus (acquis ou versés){COLON} {format_money(total.secured)}, "
        f"dont {format_money(total.paid)} déjà versés. Sollicités, en attente de "
        f"réponse{COLON} {format_money(total.requested)} (non comptés dans les montants "
        "obtenus).")
    summary.paragraph_format.space_before = Pt(4)
