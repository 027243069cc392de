"""« Le bilan de l'année »'s data for the demo's year 2026 (services/annual_report*.py)."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.errors import CharteError
from charte_desktop.services.annual_report import annual_report, summary_counts
from charte_desktop.services.annual_report_meetings import rate
from charte_desktop.services.indicators import IndicatorState


@pytest.fixture
def demo_db(demo: Path) -> Iterator[Database]:
    with open_database(demo, read_only=True) as database:
        yield database


def test_the_demo_year_in_figures(demo_db: Database) -> None:
    report = annual_report(demo_db, 2026)
    assert report.as_of == date(2026, 11, 21)  # the year is not over: read today
    assert report.territory == "Communauté de communes du Val d'Aubrance"
    counts = summary_counts(report)
    # 15 actions; 3.x « à lancer » starting in 2027 or later are not the year's.
    assert counts["listed"] == len(report.actions) and 10 <= counts["listed"] <= 15
    assert counts["done"] == 2  # 1.1 and 2.2, ended in 2026
    assert counts["late"] == sum(1 for a in report.actions if a.status is DisplayStatus.LATE)
    assert counts["late"] >= 1 and counts["engaged"] >= counts["done"]


def test_actions_per_axis_with_their_late_reasons_and_notes_of_the_year(
    demo_db: Database,
) -> None:
    (plan,) = annual_report(demo_db, 2026).plans
    assert [axis.code for axis in plan.axes] == ["1", "2", "3"]
    actions = {a.code: a for axis in plan.axes for a in axis.actions}
    assert actions["1.1"].done_in_year and actions["1.1"].engaged
    late = actions["1.2"]
    assert late.status is DisplayStatus.LATE
    assert late.late_reasons[0] == "Échéance dépassée le 07/10/2026"
    assert late.notes and all(note.day.year == 2026 for note in late.notes)
    assert [n.day for n in late.notes] == sorted(n.day for n in late.notes)
    for axis in plan.axes:  # each axis's actions in the order of their codes
        assert all(a.code.startswith(f"{axis.code}.") for a in axis.actions)


def test_meetings_held_per_body_with_attendance_and_decisions(demo_db: Database) -> None:
    bodies = annual_report(demo_db, 2026).bodies
    assert bodies[0].name == "Comité de pilotage de la charte"  # steering bodies first
    held = [m for body in bodies for m in body.held]
    assert len(held) == 7
    assert all(m.day.year == 2026 and 0 < m.present <= m.invited for m in held)
    assert sum(len(m.decisions) for m in held) > 5
    copil = bodies[0]
    assert copil.planned == 1 and copil.rate == copil.held[0].rate
    assert any(body.cancelled for body in bodies)


def test_an_earlier_year_is_read_at_its_end(demo_db: Database) -> None:
    report = annual_report(demo_db, 2025)
    assert report.as_of == date(2025, 12, 31)
    assert report.bodies == ()  # the demo's meetings are all in 2026 and 2027
    for indicator in report.indicators:
        assert all(m.day <= date(2025, 12, 31) for m in indicator.measurements)


def test_indicators_up_to_the_end_of_the_year(demo_db: Database) -> None:
    indicators = annual_report(demo_db, 2026).indicators
    assert len(indicators) == 10
    by_name = {i.name: i for i in indicators}
    assert by_name["Aires de livraison réaménagées"].state is IndicatorState.ACHIEVED
    fleet = by_name["Part des véhicules de la flotte intercommunale à faibles émissions"]
    assert fleet.state is IndicatorState.NO_MEASURE and fleet.latest is None


def test_budget_and_cofinancing_keep_requested_apart(demo_db: Database) -> None:
    (plan,) = annual_report(demo_db, 2026).plans
    assert len(plan.budget_by_axis) == 3
    assert plan.budget_of_year is not None and plan.budget_of_year.label == "2026"
    assert any(f.requested and not f.secured for f in plan.funders)


@pytest.mark.parametrize("year", [0, 1899, 3000])
def test_a_year_out_of_range_is_refused(demo_db: Database, year: int) -> None:
    with pytest.raises(CharteError, match="n'est pas valable"):
        annual_report(demo_db, year)


def test_an_unknown_plan_is_refused(demo_db: Database) -> None:
    with pytest.raises(CharteError, match="Le plan n° 42 est introuvable"):
        annual_report(demo_db, 2026, 42)


def test_rate_rounds_half_up() -> None:
    assert (rate(1, 8), rate(0, 0), rate(9, 10)) == (13, None, 90)
