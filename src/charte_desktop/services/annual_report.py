"""What « Le bilan de l'année » says, read for one year and one plan (or every plan).

Plain frozen dataclasses out, read through the existing readers: the actions list
(`actions.list_actions`, with its lateness rule), why an action is late
(`late_reasons`), the weighted progress (`progress_rollup`), the indicators and their state
(`indicators`), the budget by axis and by year (`budget`), the co-financing by funder
(`monitoring.funder_totals`), and the meetings of the year (`annual_report_meetings`).

Choices, since the file keeps no history of statuses:
- An action is « engagée » in the year when it is no longer « à lancer » and either its
  start date falls in the year, or it was under way during it: started before the year
  and not ended before it (no end date, or an end date in or after the year). Suspended
  and abandoned actions count when their dates say they were under way in the year.
- An action is « réalisée » in the year when its status is « réalisée » and its end date
  falls in the year (the file keeps no completion date: the end date stands for it).
- Lateness is read on the report's day: today for the current year, 31 December for a
  past year (an earlier year's bilan, written later, says where things stood at its end).
- The actions listed are the plan's, but those done before the year began (réalisée, end
  date before 1 January) and those starting after it (still « à lancer »): a year's bilan
  speaks of what that year carried.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.models import ActionNote
from charte_desktop.errors import CharteError
from charte_desktop.services.action_rows import ActionFilter, ActionRow
from charte_desktop.services.annual_report_meetings import BodyYear, meetings_of_year
from charte_desktop.services.budget import BudgetLine, totals_by_axis, totals_by_year
from charte_desktop.services.indicators import IndicatorState, indicator_state
from charte_desktop.services.monitoring import FunderTotal, funder_totals
from charte_desktop.text import fold

FIRST_YEAR, LAST_YEAR = 1900, 2999  # what the command line and the window accept


@dataclass(frozen=True)
class NoteOfYear:
    day: date
    text: str


@dataclass(frozen=True)
class ActionOfYear:
    id: int
    code: str
    title: str
    status: DisplayStatus  # on the report's day (`AnnualReport.as_of`)
    pilot: str
    start_date: date | None
    end_date: date | None
    progress: int
    engaged: bool  # « engagée » in the year (see the module's docstring)
    done_in_year: bool
    late_reasons: tuple[str, ...]
    notes: tuple[NoteOfYear, ...]  # the journal's notes dated in the year, oldest first


@dataclass(frozen=True)
class AxisOfYear:
    code: str
    title: str  # "" for the actions without axis
    progress: Decimal | None  # weighted, in % (None: no action counts)
    actions: tuple[ActionOfYear, ...]

    @property
    def heading(self) -> str:
        if not self.title:
            return "Actions sans axe"
        return f"Axe {self.code} – {self.title}" if self.code else self.title


@dataclass(frozen=True)
class Measure:
    day: date
    value: Decimal


@dataclass(frozen=True)
class IndicatorOfYear:
    id: int
    name: str
    kind: str
    unit: str
    direction: str
    baseline: Measure | None
    target: Measure | None
    measurements: tuple[Measure, ...]  # every one up to the end of the year, oldest first
    in_year: int  # measurements taken in the year
    state: IndicatorState  # read on the latest measurement up to the end of the year

    @property
    def latest(self) -> Measure | None:
        return self.measurements[-1] if self.measurements else None


@dataclass(frozen=True)
class PlanOfYear:
    id: int
    title: str
    period_start: date | None
    period_end: date | None
    progress: Decimal | None  # weighted, in %
    axes: tuple[AxisOfYear, ...]
    budget_by_axis: tuple[BudgetLine, ...]
    budget_of_year: BudgetLine | None  # the per-year lines of this year, if any
    funders: tuple[FunderTotal, ...]


@dataclass(frozen=True)
class AnnualReport:
    year: int
    as_of: date  # lateness and progress are read on this day
    today: date
    territory: str
    plans: tuple[PlanOfYear, ...]
    bodies: tuple[BodyYear, ...]
    indicators: tuple[IndicatorOfYear, ...]

    @property
    def actions(self) -> list[ActionOfYear]:
        return [action for plan in self.plans for axis in plan.axes for action in axis.actions]


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CharteError(f"L'année {year} n'est pas valable : indiquez une année entre "
                          f"{FIRST_YEAR} et {LAST_YEAR}, par exemple 2026.")
    return year


def annual_report(db: Database, year: int, plan_id: int | None = None, *,
                  today: date | None = None) -> AnnualReport:
    """Everything the bilan of `year` shows (French CharteError for a year out of range or
    an unknown plan)."""
    from charte_desktop.services.plans import get_plan, get_territory, list_plans

    check_year(year)
    today = today or clock.today()
    as_of = min(today, date(year, 12, 31))
    if plan_id is not None:
        get_plan(db, plan_id)
        plan_ids = [plan_id]
    else:
        plan_ids = [row.id for row in list_plans(db)]
    territory = get_territory(db)
    plans = tuple(_plan_of_year(db, pid, year, as_of) for pid in plan_ids)
    return AnnualReport(
        year, as_of, today, territory.name if territory else "", plans,
        tuple(meetings_of_year(db, year, plan_id)),
        tuple(_indicators_of_year(db, year, plan_id)))


def _listed(row: ActionRow, year: int) -> bool:
    first, last = date(year, 1, 1), date(year, 12, 31)
    if row.stored_status is ActionStatus.DONE and row.end_date and row.end_date < first:
        return False
    return not (row.stored_status is ActionStatus.TO_START
                and row.start_date is not None and row.start_date > last)


def _engaged(row: ActionRow, year: int) -> bool:
    if row.stored_status is ActionStatus.TO_START:
        return False
    first, last = date(year, 1, 1), date(year, 12, 31)
    if row.start_date is not None and row.start_date > last:
        return False
    if row.start_date is not None and row.start_date >= first:
        return True
    return row.end_date is None or row.end_date >= first


def _notes(db: Database, action_ids: list[int], year: int) -> dict[int, list[NoteOfYear]]:
    query = (select(ActionNote.action_id, ActionNote.note_date, ActionNote.text)
             .where(ActionNote.action_id.in_(action_ids),
                    ActionNote.note_date >= date(year, 1, 1),
                    ActionNote.note_date <= date(year, 12, 31))
             .order_by(ActionNote.note_date, ActionNote.id))
    found: dict[int, list[NoteOfYear]] = defaultdict(list)
    if not action_ids:
        return found
    with db.session() as session:
        for action_id, day, text in session.execute(query):
            found[action_id].append(NoteOfYear(day, text))
    return found


def _plan_of_year(db: Database, plan_id: int, year: int, as_of: date) -> PlanOfYear:
    from charte_desktop.services.actions import list_actions
    from charte_desktop.services.late_reasons import late_reasons
    from charte_desktop.services.plans import get_plan, list_axes
    from charte_desktop.services.progress_rollup import plan_rollup

    plan = get_plan(db, plan_id)
    rows = [row for row in list_actions(db, ActionFilter(plan_id=plan_id), today=as_of)
            if _listed(row, year)]
    late = late_reasons(db, [r.id for r in rows if r.status is DisplayStatus.LATE], as_of)
    notes = _notes(db, [row.id for row in rows], year)
    axes = list_axes(db, plan_id)
    parent = {axis.id: axis.parent_id for axis in axes}

    def top(axis_id: int | None) -> int | None:
        seen: set[int] = set()
        while axis_id is not None and parent.get(axis_id) is not None and axis_id not in seen:
            seen.add(axis_id)
            axis_id = parent[axis_id]
        return axis_id if axis_id in parent else None

    grouped: dict[int | None, list[ActionOfYear]] = defaultdict(list)
    for row in rows:
        grouped[top(row.axis_id)].append(ActionOfYear(
            row.id, row.code, row.title, row.status, row.pilot_name or "", row.start_date,
            row.end_date, row.progress, _engaged(row, year),
            row.stored_status is ActionStatus.DONE and row.end_date is not None
            and row.end_date.year == year,
            tuple(late.get(row.id, ())), tuple(notes.get(row.id, ()))))
    rollup = plan_rollup(db, plan_id)
    parts = [AxisOfYear(axis.code, axis.title, rollup.axis(axis.id).percent,
                        tuple(grouped[axis.id]))
             for axis in axes if axis.parent_id is None and grouped.get(axis.id)]
    if grouped.get(None):
        parts.append(AxisOfYear("", "", rollup.no_axis.percent, tuple(grouped[None])))
    of_year = [line for line in totals_by_year(db, plan_id) if line.label == str(year)]
    return PlanOfYear(plan.id, plan.title, plan.period_start, plan.period_end,
                      rollup.plan.percent, tuple(parts), tuple(totals_by_axis(db, plan_id)),
                      of_year[0] if of_year else None, tuple(funder_totals(db, plan_id)))


def _indicators_of_year(db: Database, year: int, plan_id: int | None) -> list[IndicatorOfYear]:
    from charte_desktop.services.indicators import list_indicators
    from charte_desktop.services.monitoring import plan_measurements

    end = date(year, 12, 31)
    measured: dict[int, list[Measure]] = defaultdict(list)
    for m in plan_measurements(db, plan_id):
        if m.date <= end:
            measured[m.indicator_id].append(Measure(m.date, m.value))
    found = []
    for row in list_indicators(db, plan_id):
        points = sorted(measured.get(row.id, []), key=lambda m: m.day)
        latest = points[-1] if points else None
        found.append(IndicatorOfYear(
            row.id, row.name, row.kind.label, row.unit, row.direction.label,
            _measure(row.baseline_date, row.baseline_value),
            _measure(row.target_date, row.target_value), tuple(points),
            sum(1 for m in points if m.day.year == year),
            indicator_state(row.direction, row.baseline_value, row.baseline_date,
                            row.target_value, row.target_date,
                            latest.value if latest else None, latest.day if latest else None)))
    found.sort(key=lambda i: (fold(i.name), i.id))
    return found


def _measure(day: date | None, value: Decimal | None) -> Measure | None:
    return Measure(day, value) if day is not None and value is not None else None


def summary_counts(report: AnnualReport) -> dict[str, int]:
    """The figures at the top of the bilan."""
    actions = report.actions
    return {
        "listed": len(actions),
        "engaged": sum(1 for a in actions if a.engaged),
        "done": sum(1 for a in actions if a.done_in_year),
        "late": sum(1 for a in actions if a.status is DisplayStatus.LATE),
        "in_progress": sum(1 for a in actions if a.status is DisplayStatus.IN_PROGRESS),
    }

