"""What a fiche action says, as French text: loaded once, worded here, laid out elsewhere.

Kept apart from the Word layout (action_sheet.py) so the wording is testable without
opening a document, and so other documents can say an action's status the same way.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import DisplayStatus, FundingState
from charte_desktop.exports.word_blocks import NBSP, person
from charte_desktop.formatting import format_date, format_money, format_number
from charte_desktop.services.action_rows import milestone_overdue
from charte_desktop.services.progress_rollup import Rollup
from charte_desktop.services.progress_rollup import progress_text as rollup_text
from charte_desktop.services.weights import weight_text

if TYPE_CHECKING:
    from charte_desktop.db.models import Action, Axis, Contact, Milestone, Territory
    from charte_desktop.exports.chart_image import Trajectory
    from charte_desktop.services.indicators import IndicatorRow
    from charte_desktop.services.progress_rollup import PlanRollup


@dataclass(frozen=True)
class CriterionScore:
    name: str
    weight: Decimal  # two decimals at most (1,5)
    score: int | None  # None: not scored yet


@dataclass(frozen=True)
class Prioritisation:
    score: Decimal  # sum of weight × score
    maximum: Decimal  # every criterion at 3
    rank: int
    ranked: int  # actions of the plan
    criteria: tuple[CriterionScore, ...]


@dataclass
class ActionSheetContext:
    action: "Action"
    status: DisplayStatus  # as the list shows it (the lateness rule, read from the file)
    territory: "Territory | None"
    today: date
    prioritisation: Prioritisation | None  # None: no criterion defined
    indicators: "list[IndicatorRow]"
    rollup: "PlanRollup | None" = None  # the weighted progress of its plan and axes
    charts: "dict[int, Trajectory] | None" = None  # each indicator's, by id (none: empty)


def load_action_sheet(db: Database, action_id: int, *, today: date | None = None,
                      ) -> ActionSheetContext:
    """Everything the fiche shows (French CharteError if the action is unknown)."""
    from charte_desktop.services.action_details import list_criteria, priority_ranking
    from charte_desktop.services.actions import get_action
    from charte_desktop.services.indicators import list_indicators
    from charte_desktop.services.plans import get_territory
    from charte_desktop.services.progress_rollup import plan_rollup
    from charte_desktop.services.status import display_statuses

    today = today or clock.today()
    action = get_action(db, action_id)
    with db.session() as session:
        status = display_statuses(session, [action.id], today=today)[action.id]
    criteria = list_criteria(db)
    prioritisation = None
    if criteria:
        ranking = priority_ranking(db, action.plan_id)
        row = next(r for r in ranking if r.action_id == action.id)
        scores = {s.criterion_id: s.score for s in action.scores}
        prioritisation = Prioritisation(
            score=row.score,
            maximum=sum((c.weight for c in criteria), Decimal(0)) * 3,
            rank=row.rank,
            ranked=len(ranking),
            criteria=tuple(CriterionScore(c.name, c.weight, scores.get(c.id))
                           for c in criteria),
        )
    linked = {indicator.id for indicator in action.indicators}
    indicators = [row for row in list_indicators(db) if row.id in linked] if linked else []
    return ActionSheetContext(action, status, get_territory(db), today, prioritisation,
                              indicators, plan_rollup(db, action.plan_id),
                              indicator_charts(db, indicators))


# --- Wording ------------------------------------------------------------------------------


def axis_text(axis: "Axis | None") -> str:
    """"2 – Mobilité solidaire", parents first: "2 – Mobilité › 2.1 – Solidarité"."""
    parts: list[str] = []
    while axis is not None:
        parts.insert(0, f"{axis.code} – {axis.title}" if axis.code else axis.title)
        axis = axis.parent
    return " › ".join(parts)


def late_milestones(action: "Action", today: date) -> "list[Milestone]":
    return [m for m in action.milestones
            if milestone_overdue(action.status, m.due_date, m.done, today)]


def status_text(context: ActionSheetContext) -> tuple[DisplayStatus, str]:
    """The status as the officer sees it and, for a late action, why on a second line:
    "En retard\nEn cours ; échéance dépassée le 07/10/2026"."""
    action, status, today = context.action, context.status, context.today
    if status is not DisplayStatus.LATE:
        return status, status.label
    from charte_desktop.services.late_reasons import sheet_reasons  # the list's wording

    reasons = [action.status.label, *sheet_reasons(action, today)]
    return status, f"{status.label}\n{' ; '.join(reasons)}"


def calendar_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"du {format_date(start)} au {format_date(end)}"
    if start:
        return f"à partir du {format_date(start)}"
    if end:
        return f"jusqu'au {format_date(end)}"
    return "non défini"


def percent(value: int | Decimal) -> str:
    return f"{format_number(value)}{NBSP}%"


def progress_text(action: "Action") -> str:
    text = percent(action.progress)
    if action.progress_from_milestones:
        done = sum(1 for m in action.milestones if m.done)
        text += f" (d'après les jalons : {done} sur {len(action.milestones)} atteints)"
    return text


def _weighted(rollup: Rollup) -> str:
    if rollup.percent is None:
        return "aucune action comptée"
    return f"{rollup_text(rollup)} (pondéré)"


def rollup_lines(context: ActionSheetContext) -> list[str]:
    """« Avancement de l'axe 1.2 : 45 % (pondéré) », then the plan's: what the action's
    weight counts in (services/progress_rollup.py, as in the tree of Plan d'actions)."""
    rollup, action = context.rollup, context.action
    if rollup is None:
        return []
    lines = []
    if action.axis is not None:
        name = action.axis.code or f"« {action.axis.title} »"
        axis = rollup.axis(action.axis.id)
        lines.append(f"Avancement de l'axe {name}{NBSP}: {_weighted(axis)}")
    lines.append(f"Avancement du plan{NBSP}: {_weighted(rollup.plan)}")
    return lines


def weight_words(action: "Action") -> str:
    """« 1,5 », or why a weight of 0 leaves the action out."""
    if action.weight == 0:
        return "0 (l'action ne compte pas dans l'avancement de son axe et du plan)"
    return weight_text(action.weight)


# "classée 7e" / "classée 1re": the ordinal this module writes, for a superscript.
ORDINAL = re.compile(r"classée (\d+)(re|e) ")


def prioritisation_text(prioritisation: Prioritisation | None) -> str:
    """"9 points sur 15 – classée 7e sur 15 actions du plan", then the scores on a line."""
    if prioritisation is None:
        return "Aucun critère de priorisation défini"
    if all(c.score is None for c in prioritisation.criteria):
        return "Pas encore notée"
    p = prioritisation
    action_word = "action" if p.ranked == 1 else "actions"
    scores = []
    for criterion in p.criteria:
        weight = (f" (coef.{NBSP}{weight_text(criterion.weight)})"
                  if criterion.weight != 1 else "")
        score = "non noté" if criterion.score is None else f"{criterion.score}/3"
        scores.append(f"{criterion.name}{weight}{NBSP}: {score}")
    ordinal = "1re" if p.rank == 1 else f"{p.rank}e"
    return (f"{format_number(p.score)} points sur {format_number(p.maximum)} – classée "
            f"{ordinal} sur {p.ranked} {action_word} du plan\n" + " · ".join(scores))


def contact_lines(contact: "Contact | None") -> str:
    """A person with organisation, then function, e-mail and phone on a second line."""
    if contact is None:
        return "Non désigné"
    details = [text for text in (contact.function, contact.email, contact.phone) if text]
    name = person(contact)
    return f"{name}\n{' – '.join(details)}" if details else name


def milestone_state(milestone: "Milestone", today: date) -> str:
    if milestone.done:
        return f"Atteint le {format_date(milestone.done_date)}" if milestone.done_date \
            else "Atteint"
    if milestone.due_date is None:
        return "À faire"
    return "En retard" if milestone.due_date < today else "À venir"


def share(part: Decimal, whole: Decimal) -> str:
    """"42 %" of the planned budget, or "—" when there is no planned budget."""
    if whole <= 0:
        return "—"
    return percent((Decimal(100) * part / whole).quantize(Decimal(1)))


def funding_totals(action: "Action") -> dict[FundingState, Decimal]:
    totals = dict.fromkeys(FundingState, Decimal("0.00"))
    for funding in action.fundings:
        totals[funding.state] += funding.amount
    return totals


FUNDER_HEADERS = ("Financeur", "Sollicité", "Acquis", "Versé", "Acquis ou versé")


def funder_lines(action: "Action") -> list[tuple[str, str, str, str, str]]:
    """Per funder: sollicité, acquis, versé, then acquis ou versé (sollicité is never
    added to the money secured); a total line last."""
    # By funder (two structures of the same name stay two lines), named in order.
    by_funder: dict[int, tuple[str, dict[FundingState, Decimal]]] = {}
    for funding in sorted(action.fundings, key=lambda f: (f.funder.name.casefold(), f.id)):
        _name, states = by_funder.setdefault(
            funding.funder_id,
            (funding.funder.name, dict.fromkeys(FundingState, Decimal("0.00"))))
        states[funding.state] += funding.amount
    totals = funding_totals(action)
    lines = []
    for name, states in [*by_funder.values(), ("Total", totals)]:
        secured = states[FundingState.GRANTED] + states[FundingState.PAID]
        lines.append((name, format_money(states[FundingState.REQUESTED]),
                      format_money(states[FundingState.GRANTED]),
                      format_money(states[FundingState.PAID]), format_money(secured)))
    return lines


def fundings_summary(action: "Action") -> str:
    """"Acquis ou versés : 50 000,00 € (53 % du budget prévu) ; sollicités : 15 000,00 €"."""
    totals = funding_totals(action)
    secured = totals[FundingState.GRANTED] + totals[FundingState.PAID]
    text = f"Acquis ou versés{NBSP}: {format_money(secured)}"
    if action.budget_planned > 0:
        text += f" ({share(secured, action.budget_planned)} du budget prévu)"
    return f"{text} ; sollicités{NBSP}: {format_money(totals[FundingState.REQUESTED])}."


def value_text(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{format_number(value)}{NBSP}{unit}".rstrip() if unit else format_number(value)


def dated_value(value: Decimal | None, unit: str, on: date | None) -> str:
    """"120 km (31/12/2026)", or "—"."""
    text = value_text(value, unit)
    if value is not None and on is not None:
        text += f"\n({format_date(on)})"
    return text


def indicator_charts(db: Database, rows: "list[IndicatorRow]") -> "dict[int, Trajectory]":
    """Each indicator's measurements and trajectory, to draw (those with nothing to draw
    are left out)."""
    from charte_desktop.exports.chart_image import Trajectory
    from charte_desktop.services.indicators import measurement_rows

    charts = {}
    for row in rows:
        chart = Trajectory(
            row.unit, tuple((m.date, m.value) for m in measurement_rows(db, row.id)),
            (row.baseline_date, row.baseline_value)
            if row.baseline_date and row.baseline_value is not None else None,
            (row.target_date, row.target_value)
            if row.target_date and row.target_value is not None else None)
        if not chart.is_empty():
            charts[row.id] = chart
    return charts
