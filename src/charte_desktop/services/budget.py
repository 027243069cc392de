"""An action's budget per year, and budget totals per axis, per year and per plan.

Per-year lines are optional. When an action has some, its planned, committed and spent
totals are their sums: every change of a line rewrites the totals in the same transaction,
and the action's form refuses totals that would contradict the lines.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action, Axis, BudgetYear
from charte_desktop.db.types import Money
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_money
from charte_desktop.services import rules
from charte_desktop.services.common import get_or_fail
from charte_desktop.services.form_fields import load_fields
from charte_desktop.services.monitoring import FunderTotal

ZERO = Decimal("0.00")
FIRST_YEAR, LAST_YEAR = 1900, 2200
AMOUNT_FIELDS = (("planned", "Prévu"), ("committed", "Engagé"), ("spent", "Dépensé"))


@dataclass
class BudgetYearFields:
    action_id: int
    year: int | None
    planned: Decimal | int | str | None = ZERO
    committed: Decimal | int | str | None = ZERO
    spent: Decimal | int | str | None = ZERO


def _values(session: Session, fields: BudgetYearFields, line_id: int | None) -> dict[str, Any]:
    if fields.year is None:
        raise CharteError("Le champ « Année » est obligatoire.", field="year")
    if not FIRST_YEAR <= fields.year <= LAST_YEAR:
        raise CharteError(f"L'année doit être comprise entre {FIRST_YEAR} et {LAST_YEAR} "
                          f"(saisie : {fields.year}).", field="year")
    get_or_fail(session, Action, fields.action_id, "L'action")
    clash = session.scalar(select(BudgetYear.id).where(
        BudgetYear.action_id == fields.action_id, BudgetYear.year == fields.year,
        BudgetYear.id != (line_id or 0)))
    if clash is not None:
        raise CharteError(f"L'action a déjà une ligne de budget pour {fields.year}.",
                          field="year")
    values: dict[str, Any] = {"action_id": fields.action_id, "year": fields.year}
    for name, label in AMOUNT_FIELDS:
        values[name] = rules.amount(getattr(fields, name), name, label)
    return values


def _sync_totals(session: Session, action_id: int) -> None:
    """Make the action's totals the sums of its lines (left alone when it has none)."""
    session.flush()
    sums = session.execute(select(
        func.count(BudgetYear.id),
        *_sums(),
    ).where(BudgetYear.action_id == action_id)).one()
    if sums[0] == 0:
        return
    action = session.get(Action, action_id)
    assert action is not None
    action.budget_planned, action.budget_committed, action.budget_spent = (
        value or ZERO for value in sums[1:])


def create_budget_year(db: Database, fields: BudgetYearFields) -> BudgetYear:
    with db.session() as session:
        line = BudgetYear(**_values(session, fields, None))
        session.add(line)
        _sync_totals(session, fields.action_id)
        return line


@dataclass(frozen=True)
class AddedBudgetYear:
    """A line just added, and what the officer is told about the action's totals.

    `totals_before`: for the action's first line, the totals it had before (typed in its
    form): undoing the line gives them back (`delete_budget_year`)."""

    id: int
    notice: str | None
    totals_before: dict[str, Decimal] | None = None


TOTAL_WORDS = {"planned": "prévu", "committed": "engagé", "spent": "dépensé"}


def replaced_totals_notice(typed: dict[str, Decimal], sums: dict[str, Decimal]) -> str | None:
    """« Le budget prévu (12 000,00 €) est désormais la somme des lignes annuelles
    (5 000,00 €). » for the totals typed in the action's form that its first per-year
    line replaced; None when the line changed none of them."""
    changed = [name for name in TOTAL_WORDS if typed[name] and typed[name] != sums[name]]
    if not changed:
        return None
    if len(changed) == 1:
        name = changed[0]
        return (f"Le budget {TOTAL_WORDS[name]} ({format_money(typed[name])}) est désormais "
                f"la somme des lignes annuelles ({format_money(sums[name])}).")
    words = [f"{TOTAL_WORDS[name]} ({format_money(typed[name])})" for name in changed]
    now = [format_money(sums[name]) for name in changed]
    return (f"Les budgets {', '.join(words[:-1])} et {words[-1]} sont désormais les sommes "
            f"des lignes annuelles ({', '.join(now[:-1])} et {now[-1]}).")


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} et {words[-1]}"


def first_line_notice(year: int, typed: dict[str, Decimal],
                      sums: dict[str, Decimal]) -> str | None:
    """One line on the first per-year line of an action whose totals were typed: the
    amounts carried into it (« Le budget déjà saisi (engagé 8 000,00 €) est reporté sur
    la ligne 2026. »), those it replaced; None when no total was typed."""
    kept = [name for name in TOTAL_WORDS if typed[name] and typed[name] == sums[name]]
    replaced = replaced_totals_notice(typed, sums)
    if not kept:
        return replaced
    if replaced is None:
        amounts = _and([f"{TOTAL_WORDS[name]} {format_money(typed[name])}" for name in kept])
        return f"Le budget déjà saisi ({amounts}) est reporté sur la ligne {year}."
    words = _and([("l'" if TOTAL_WORDS[name][0] in "aeiouéè" else "le ") + TOTAL_WORDS[name]
                  for name in kept])
    verb = "est reporté" if len(kept) == 1 else "sont reportés"
    return f"{replaced[:-1]} ; {words} {verb} sur la ligne {year}."


def _totals(action: Action) -> dict[str, Decimal]:
    return {name: getattr(action, f"budget_{name}") or ZERO for name in TOTAL_WORDS}


def new_line_fields(db: Database, action_id: int) -> BudgetYearFields:
    """What the form of a new line opens with. The action's first line carries the
    totals typed in its form (they become the sums of its lines: nothing typed is lost),
    in the clock's year within the action's years; a later line opens empty, on the year
    after its last one (the clock's year is often taken already)."""
    year = clock.today().year
    with db.session() as session:
        action = session.get(Action, action_id)
        last = session.scalar(select(func.max(BudgetYear.year)).where(
            BudgetYear.action_id == action_id))
        if action is None or last is not None:
            return BudgetYearFields(action_id=action_id,
                                    year=year if last is None else last + 1)
        if action.end_date is not None:
            year = min(year, action.end_date.year)
        if action.start_date is not None:
            year = max(year, action.start_date.year)
        return BudgetYearFields(action_id, year, *_totals(action).values())


def add_budget_year(db: Database, fields: BudgetYearFields) -> AddedBudgetYear:
    """Create a line as `create_budget_year`; when it is the action's first, the totals
    typed in its form become the sums of its lines: the notice says what was carried into
    the line and what it replaced, and `totals_before` keeps them for an undo."""
    with db.session() as session:
        action = get_or_fail(session, Action, fields.action_id, "L'action")
        first = session.scalar(select(func.count(BudgetYear.id)).where(
            BudgetYear.action_id == fields.action_id)) == 0
        typed = _totals(action)
        line = BudgetYear(**_values(session, fields, None))
        session.add(line)
        _sync_totals(session, fields.action_id)
        if not first:
            return AddedBudgetYear(line.id, None)
        return AddedBudgetYear(line.id, first_line_notice(line.year, typed, _totals(action)),
                               typed)


def update_budget_year(db: Database, line_id: int, fields: BudgetYearFields) -> BudgetYear:
    with db.session() as session:
        line = get_or_fail(session, BudgetYear, line_id, "La ligne de budget")
        for name, value in _values(session, fields, line_id).items():
            setattr(line, name, value)
        _sync_totals(session, line.action_id)
        return line


def delete_budget_year(db: Database, line_id: int,
                       totals_before: dict[str, Decimal] | None = None) -> None:
    """Delete a line; the action keeps the sums of the lines left (or of the last one).
    Undoing the addition of its first line (`AddedBudgetYear.totals_before`), the action
    gets back the totals it had before, when no line is left."""
    with db.session() as session:
        line = get_or_fail(session, BudgetYear, line_id, "La ligne de budget")
        action_id = line.action_id
        session.delete(line)
        _sync_totals(session, action_id)
        left = session.scalar(select(func.count(BudgetYear.id)).where(
            BudgetYear.action_id == action_id))
        if totals_before is not None and not left:
            action = session.get(Action, action_id)
            assert action is not None
            for name in TOTAL_WORDS:
                setattr(action, f"budget_{name}", totals_before[name])


def budget_year_fields(db: Database, line_id: int) -> BudgetYearFields:
    return load_fields(db, BudgetYear, line_id, "La ligne de budget", BudgetYearFields)


def list_budget_years(db: Database, action_id: int) -> list[BudgetYear]:
    with db.session() as session:
        return list(session.scalars(
            select(BudgetYear).where(BudgetYear.action_id == action_id)
            .order_by(BudgetYear.year)))


SUM_OF_LINES = "somme des lignes annuelles"


def detailed_by_year(db: Database, plan_id: int, code: str) -> bool:
    """Whether the action `code` of the plan has per-year lines (its form then shows its
    totals as the sums of the lines, not to be typed)."""
    if not code:
        return False
    with db.session() as session:
        return session.scalar(
            select(func.count(BudgetYear.id)).join(Action, Action.id == BudgetYear.action_id)
            .where(Action.plan_id == plan_id, Action.code == code)) != 0


def check_totals_match_lines(session: Session, action_id: int,
                             values: dict[str, Any]) -> None:
    """Refuse totals typed in the action's form that contradict its per-year lines."""
    lines = list(session.scalars(select(BudgetYear).where(BudgetYear.action_id == action_id)))
    if not lines:
        return
    for name, label in (("planned", "Budget prévu"), ("committed", "Budget engagé"),
                        ("spent", "Budget dépensé")):
        total = sum((getattr(line, name) for line in lines), ZERO)
        if values[f"budget_{name}"] != total:
            raise CharteError(
                f"Le budget de cette action est détaillé par année : le champ « {label} » "
                "est la somme des années. Modifiez-le dans l'onglet « Budget par année ».",
                field=f"budget_{name}")


# --- Totals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    """Planned, committed and spent euros of a group of actions (an axis, a year…)."""

    label: str
    planned: Decimal
    committed: Decimal
    spent: Decimal
    action_count: int

    @property
    def remaining(self) -> Decimal:
        """Planned but not yet spent (never below zero)."""
        return max(self.planned - self.spent, ZERO)


def _sums(of_actions: bool = False) -> tuple[Any, ...]:
    """Planned, committed and spent summed in euros: of the per-year lines, or of the
    actions' totals."""
    columns = ([getattr(Action, f"budget_{name}") for name, _label in AMOUNT_FIELDS]
               if of_actions else [getattr(BudgetYear, name) for name, _label in AMOUNT_FIELDS])
    return tuple(type_coerce(func.coalesce(func.sum(column), 0), Money()) for column in columns)


def totals_by_axis(db: Database, plan_id: int) -> list[BudgetLine]:
    """One line per top-level axis of the plan (sub-axes count in their axis), in the
    plan's order, then "Sans axe" when some actions have none. Abandoned actions are out."""
    with db.session() as session:
        axes = list(session.scalars(select(Axis).where(Axis.plan_id == plan_id)
                                    .order_by(Axis.position, Axis.id)))
        parent = {axis.id: axis.parent_id for axis in axes}

        def top(axis_id: int | None) -> int | None:
            while axis_id is not None and parent.get(axis_id) is not None:
                axis_id = parent[axis_id]
            return axis_id

        rows = session.execute(
            select(Action.axis_id, func.count(Action.id), *_sums(of_actions=True))
            .where(Action.plan_id == plan_id, Action.status != ActionStatus.ABANDONED)
            .group_by(Action.axis_id)).all()
    grouped: dict[int | None, list[Decimal | int]] = {}
    for axis_id, count, *amounts in rows:
        totals = grouped.setdefault(top(axis_id), [ZERO, ZERO, ZERO, 0])
        for index, amount in enumerate(amounts):
            totals[index] += amount or ZERO
        totals[3] += count
    labels = {axis.id: f"{axis.code} {axis.title}".strip() for axis in axes
              if axis.parent_id is None}
    order: list[int | None] = [axis_id for axis_id in labels if axis_id in grouped]
    if None in grouped:
        order.append(None)
    return [BudgetLine(labels.get(axis_id, "Sans axe") if axis_id else "Sans axe",
                       Decimal(grouped[axis_id][0]), Decimal(grouped[axis_id][1]),
                       Decimal(grouped[axis_id][2]), int(grouped[axis_id][3]))
            for axis_id in order]


def totals_by_year(db: Database, plan_id: int) -> list[BudgetLine]:
    """The plan's per-year lines summed by year (actions without lines are not in them)."""
    with db.session() as session:
        rows = session.execute(
            select(BudgetYear.year, func.count(BudgetYear.id), *_sums())
            .join(Action, Action.id == BudgetYear.action_id)
            .where(Action.plan_id == plan_id, Action.status != ActionStatus.ABANDONED)
            .group_by(BudgetYear.year).order_by(BudgetYear.year)).all()
    return [BudgetLine(str(year), planned or ZERO, committed or ZERO, spent or ZERO, count)
            for year, count, planned, committed, spent in rows]


def plan_total(lines: list[BudgetLine], label: str = "Total du plan",
               action_count: int | None = None) -> BudgetLine:
    """The sum of the lines; `action_count` when an action may sit on several lines."""
    count = sum(line.action_count for line in lines) if action_count is None else action_count
    return BudgetLine(label, sum((line.planned for line in lines), ZERO),
                      sum((line.committed for line in lines), ZERO),
                      sum((line.spent for line in lines), ZERO), count)


def detailed_action_count(db: Database, plan_id: int) -> int:
    """How many actions of the plan (abandoned ones aside) have their budget per year."""
    with db.session() as session:
        return session.scalar(
            select(func.count(func.distinct(BudgetYear.action_id)))
            .join(Action, Action.id == BudgetYear.action_id)
            .where(Action.plan_id == plan_id, Action.status != ActionStatus.ABANDONED)) or 0


# --- Co-financing -------------------------------------------------------------------------


def funders_total(funders: list[FunderTotal], label: str = "Total") -> FunderTotal:
    """The total line under `monitoring.funder_totals` (the one reader of co-financing by
    funder, for the window and the Synthèse): sollicité stays apart from acquis and versé."""
    return FunderTotal(label, sum((f.requested for f in funders), ZERO),
                       sum((f.granted for f in funders), ZERO),
                       sum((f.paid for f in funders), ZERO))
