"""Indicators and measurements: rules, uniqueness, latest value and trajectory state."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import Dimension, Direction, IndicatorKind
from charte_desktop.errors import CharteError
from charte_desktop.services import indicators as svc
from charte_desktop.services.actions import ActionFields, create_action, delete_action, get_action
from charte_desktop.services.indicators import (
    IndicatorFields,
    IndicatorState,
    MeasurementFields,
    indicator_state,
)
from charte_desktop.services.plans import PlanFields, create_plan, delete_plan
from tests.query_counter import count_selects

D = Decimal
JAN_2020, JAN_2025, JAN_2030 = date(2020, 1, 1), date(2025, 1, 1), date(2030, 1, 1)
MID = date(2025, 1, 1)  # 1827 days after JAN_2020; the target is 3653 days after it


@contextmanager
def expect_error(field: str | None, *words: str) -> Iterator[None]:
    """Expect a CharteError naming `field`, whose French message holds `words`."""
    with pytest.raises(CharteError) as info:
        yield
    assert info.value.field == field, info.value.message
    for word in words:
        assert word in info.value.message


@pytest.fixture
def plan_id(db: Database) -> int:
    return create_plan(db, PlanFields("Charte")).id


def fields(plan_id: int | None, name: str = "Pistes cyclables", **changes: Any) -> IndicatorFields:
    base = IndicatorFields(plan_id, name, IndicatorKind.OUTPUT, Dimension.ENVIRONMENTAL)
    return replace(base, **changes)


def measure(db: Database, indicator_id: int, on: date, value: Any) -> int:
    return svc.create_measurement(db, MeasurementFields(indicator_id, on, value)).id


# --- the state rule ------------------------------------------------------------------------


def state(
    direction: Direction = Direction.INCREASE,
    baseline: tuple[Any, date | None] = ("0", JAN_2020),
    target: tuple[Any, date | None] = ("100", JAN_2030),
    latest: tuple[Any, date | None] = (None, None),
) -> IndicatorState:
    def number(value: Any) -> Decimal | None:
        return None if value is None else D(value)

    return indicator_state(
        direction,
        number(baseline[0]),
        baseline[1],
        number(target[0]),
        target[1],
        number(latest[0]),
        latest[1],
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, IndicatorState.NO_MEASURE),
        # Rising indicator from 0 (2020) to 100 (2030): the line is at ~50 on 1 Jan 2025.
        ({"latest": ("100", MID)}, IndicatorState.ACHIEVED),
        ({"latest": ("120", JAN_2020)}, IndicatorState.ACHIEVED),
        ({"latest": ("51", MID)}, IndicatorState.ON_TRACK),
        ({"latest": ("49", MID)}, IndicatorState.BEHIND),
        ({"latest": ("0", JAN_2020)}, IndicatorState.ON_TRACK),  # on the baseline itself
        ({"latest": ("0", date(2019, 6, 1))}, IndicatorState.ON_TRACK),  # before the baseline
        ({"latest": ("99", date(2031, 1, 1))}, IndicatorState.BEHIND),  # deadline passed
        # Falling indicator (e.g. t CO2) from 100 to 40: the line is at ~70 on 1 Jan 2025.
        (
            {
                "direction": Direction.DECREASE,
                "baseline": ("100", JAN_2020),
                "target": ("40", JAN_2030),
                "latest": ("40", MID),
            },
            IndicatorState.ACHIEVED,
        ),
        (
            {
                "direction": Direction.DECREASE,
                "baseline": ("100", JAN_2020),
                "target": ("40", JAN_2030),
                "latest": ("65", MID),
            },
            IndicatorState.ON_TRACK,
        ),
        (
            {
                "direction": Direction.DECREASE,
                "baseline": ("100", JAN_2020),
                "target": ("40", JAN_2030),
                "latest": ("75", MID),
            },
            IndicatorState.BEHIND,
        ),
        # Without a complete trajectory.
        ({"target": (None, None), "latest": ("5", MID)}, IndicatorState.ON_TRACK),
        ({"target": (None, None), "latest": ("-1", MID)}, IndicatorState.BEHIND),  # wrong way
        ({"baseline": (None, None), "latest": ("10", MID)}, IndicatorState.ON_TRACK),
        (
            {"baseline": (None, None), "latest": ("10", date(2030, 6, 1))},
            IndicatorState.BEHIND,
        ),
        (
            {"baseline": ("0", None), "target": ("100", None), "latest": ("1", MID)},
            IndicatorState.ON_TRACK,
        ),
        (
            {"baseline": (None, None), "target": (None, None), "latest": ("1", MID)},
            IndicatorState.ON_TRACK,
        ),
        # Baseline and target on the same day.
        (
            {"baseline": ("0", JAN_2025), "target": ("10", JAN_2025), "latest": ("5", MID)},
            IndicatorState.BEHIND,
        ),
    ],
)
def test_indicator_state(kwargs: dict[str, Any], expected: IndicatorState) -> None:
    assert state(**kwargs) is expected


def test_exactly_on_the_trajectory_is_on_track() -> None:
    # From 0 on 1 Jan 2020 to 3653 on 1 Jan 2030: one unit a day.
    on = date(2024, 12, 31)
    expected = D((on - JAN_2020).days)
    assert svc.expected_value(D(0), JAN_2020, D(3653), JAN_2030, on) == expected
    assert state(target=("3653", JAN_2030), latest=(expected, on)) is IndicatorState.ON_TRACK
    below = expected - D("0.001")
    assert state(target=("3653", JAN_2030), latest=(below, on)) is IndicatorState.BEHIND


def test_state_labels_are_french() -> None:
    assert [s.label for s in IndicatorState] == [
        "Atteint",
        "Sur la trajectoire",
        "En retard",
        "Sans mesure",
    ]
    assert IndicatorState.from_label("sur la trajectoire") is IndicatorState.ON_TRACK


# --- indicators ----------------------------------------------------------------------------


def test_create_and_get_an_indicator_linked_to_actions(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "2.3", "Schéma cyclable")).id
    created = svc.create_indicator(
        db,
        fields(
            plan_id,
            "  Linéaire cyclable ",
            unit="km",
            baseline_value="12,5",
            baseline_date=JAN_2020,
            target_value=Decimal("40"),
            target_date=JAN_2030,
            source="Observatoire",
            frequency="Annuelle",
            action_ids=[action],
        ),
    )
    indicator = svc.get_indicator(db, created.id)
    assert indicator.name == "Linéaire cyclable"
    assert (indicator.baseline_value, indicator.target_value) == (D("12.5"), D("40"))
    assert [a.code for a in indicator.actions] == ["2.3"]
    assert indicator.measurements == []
    assert [i.name for i in get_action(db, action).indicators] == ["Linéaire cyclable"]

    svc.update_indicator(db, created.id, fields(plan_id, "Linéaire", action_ids=[]))
    updated = svc.get_indicator(db, created.id)
    assert (updated.name, updated.actions, updated.baseline_value) == ("Linéaire", [], None)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": " "}, "name", ("« Nom de l'indicateur »", "obligatoire")),
        ({"kind": None}, "kind", ("« Type d'indicateur »",)),
        ({"dimension": "sociale"}, "dimension", ("« Dimension »",)),
        ({"direction": None}, "direction", ("« Sens souhaité »",)),
        ({"baseline_value": "douze"}, "baseline_value", ("« Valeur de référence »", "nombre")),
        ({"target_value": "NaN"}, "target_value", ("« Valeur cible »", "nombre")),
        ({"unit": "u" * 61}, "unit", ("« Unité »", "trop long")),
        (
            {"baseline_date": JAN_2025, "target_date": JAN_2020},
            "target_date",
            ("« Date cible »", "« Date de référence »"),
        ),
        ({"action_ids": [999]}, "action_ids", ("action n° 999",)),
    ],
)
def test_indicator_rules(
    db: Database, plan_id: int, changes: dict[str, Any], field: str, words: tuple[str, ...]
) -> None:
    with expect_error(field, *words):
        svc.create_indicator(db, fields(plan_id, **changes))
    assert svc.list_indicators(db) == []


def test_linked_actions_must_be_of_the_indicator_plan(db: Database, plan_id: int) -> None:
    other = create_plan(db, PlanFields("Autre")).id
    action = create_action(db, ActionFields(other, "7", "Ailleurs")).id
    with expect_error("action_ids", "« 7 »", "autre plan"):
        svc.create_indicator(db, fields(plan_id, action_ids=[action]))
    with pytest.raises(CharteError, match="Le plan n° 999 est introuvable"):
        svc.create_indicator(db, fields(999))
    assert svc.create_indicator(db, fields(None, action_ids=[action])).plan_id is None


def test_deleting_keeps_actions_and_indicators_apart(db: Database, plan_id: int) -> None:
    action = create_action(db, ActionFields(plan_id, "1", "A")).id
    indicator = svc.create_indicator(db, fields(plan_id, action_ids=[action])).id
    measure(db, indicator, JAN_2025, 3)
    delete_action(db, action)
    assert svc.get_indicator(db, indicator).actions == []
    svc.delete_indicator(db, indicator)
    with pytest.raises(CharteError, match=f"L'indicateur n° {indicator} est introuvable"):
        svc.get_indicator(db, indicator)
    assert svc.list_measurements(db, indicator) == []
    of_plan = svc.create_indicator(db, fields(plan_id)).id
    measure(db, of_plan, JAN_2025, 1)
    delete_plan(db, plan_id)  # a plan takes its indicators and their measurements with it
    assert svc.list_indicators(db) == []
    assert svc.list_measurements(db, of_plan) == []


# --- measurements --------------------------------------------------------------------------


def test_measurements_keep_their_exact_value(db: Database, plan_id: int) -> None:
    indicator = svc.create_indicator(db, fields(plan_id)).id
    first = measure(db, indicator, JAN_2025, "0,1")
    measure(db, indicator, JAN_2020, Decimal("12345678901234567890.123456789"))
    values = [(m.date, m.value) for m in svc.list_measurements(db, indicator)]
    assert values == [(JAN_2020, D("12345678901234567890.123456789")), (JAN_2025, D("0.1"))]
    svc.update_measurement(db, first, MeasurementFields(indicator, JAN_2025, "-3", "Révisé"))
    changed = svc.list_measurements(db, indicator)[-1]
    assert (changed.value, changed.comment) == (D("-3"), "Révisé")
    svc.delete_measurement(db, first)
    assert len(svc.list_measurements(db, indicator)) == 1


def test_one_measurement_per_indicator_and_date(db: Database, plan_id: int) -> None:
    indicator = svc.create_indicator(db, fields(plan_id)).id
    other = svc.create_indicator(db, fields(plan_id, "Autre")).id
    measure(db, indicator, JAN_2025, 1)
    second = measure(db, indicator, JAN_2030, 2)
    measure(db, other, JAN_2025, 1)  # another indicator may be measured the same day

    with expect_error("date", "Une mesure existe déjà", "01/01/2025"):
        measure(db, indicator, JAN_2025, 5)
    with expect_error("date", "01/01/2025"):
        svc.update_measurement(db, second, MeasurementFields(indicator, JAN_2025, 2))
    svc.update_measurement(db, second, MeasurementFields(indicator, JAN_2030, 3))  # itself
    assert [m.value for m in svc.list_measurements(db, indicator)] == [D(1), D(3)]


@pytest.mark.parametrize(
    ("on", "value", "field", "words"),
    [
        (None, "1", "date", ("« Date de la mesure »", "obligatoire")),
        (JAN_2025, "", "value", ("« Valeur »", "obligatoire")),
        (JAN_2025, None, "value", ("« Valeur »", "obligatoire")),
        (JAN_2025, "beaucoup", "value", ("« Valeur »", "nombre")),
    ],
)
def test_measurement_rules(
    db: Database, plan_id: int, on: date | None, value: Any, field: str, words: tuple[str, ...]
) -> None:
    indicator = svc.create_indicator(db, fields(plan_id)).id
    with expect_error(field, *words):
        svc.create_measurement(db, MeasurementFields(indicator, on, value))
    with pytest.raises(CharteError, match="L'indicateur n° 999 est introuvable"):
        svc.create_measurement(db, MeasurementFields(999, JAN_2025, 1))


# --- listing -------------------------------------------------------------------------------


def test_rows_show_latest_measure_count_and_state_in_one_query(db: Database, plan_id: int) -> None:
    trajectory = {
        "baseline_value": 0,
        "baseline_date": JAN_2020,
        "target_value": 100,
        "target_date": JAN_2030,
    }
    rising = svc.create_indicator(db, fields(plan_id, "Élèves à vélo", **trajectory)).id
    measure(db, rising, JAN_2025, 20)
    measure(db, rising, date(2022, 1, 1), 30)  # entered late, but older: not the latest
    falling = svc.create_indicator(
        db,
        fields(
            plan_id,
            "émissions",
            direction=Direction.DECREASE,
            baseline_value=100,
            baseline_date=JAN_2020,
            target_value=40,
            target_date=JAN_2030,
        ),
    ).id
    measure(db, falling, JAN_2025, 60)
    svc.create_indicator(db, fields(plan_id, "abonnés"))
    other_plan = create_plan(db, PlanFields("Autre")).id
    elsewhere = svc.create_indicator(db, fields(other_plan, "Ailleurs", target_value=1)).id
    measure(db, elsewhere, JAN_2025, 1)

    with count_selects(db) as statements:
        rows = svc.list_indicators(db, plan_id)

    assert len(statements) == 1
    summary = [(r.name, r.latest_value, r.latest_date, r.measurement_count, r.state) for r in rows]
    assert summary == [  # by name, ignoring case and accents
        ("abonnés", None, None, 0, IndicatorState.NO_MEASURE),
        ("Élèves à vélo", D(20), JAN_2025, 2, IndicatorState.BEHIND),
        ("émissions", D(60), JAN_2025, 1, IndicatorState.ON_TRACK),
    ]
    first = rows[1]
    assert (first.plan_id, first.kind, first.dimension, first.direction) == (
        plan_id,
        IndicatorKind.OUTPUT,
        Dimension.ENVIRONMENTAL,
        Direction.INCREASE,
    )
    assert (first.baseline_value, first.target_value, first.target_date) == (D(0), D(100), JAN_2030)
    every = svc.list_indicators(db)
    assert [r.name for r in every] == ["abonnés", "Élèves à vélo", "émissions", "Ailleurs"]
    assert every[-1].state is IndicatorState.ACHIEVED


def test_off_track_indicators_for_the_dashboard(db: Database, plan_id: int) -> None:
    other_plan = create_plan(db, PlanFields("Autre")).id
    for plan, name, value in (
        (plan_id, "Retard", 10),
        (other_plan, "Aussi", 0),
        (plan_id, "Bien", 90),
    ):
        indicator = svc.create_indicator(
            db,
            fields(
                plan,
                name,
                baseline_value=0,
                baseline_date=JAN_2020,
                target_value=100,
                target_date=JAN_2030,
            ),
        ).id
        measure(db, indicator, JAN_2025, value)
    svc.create_indicator(db, fields(plan_id, "Jamais mesuré"))
    assert [r.name for r in svc.off_track_indicators(db)] == ["Retard", "Aussi"]


def test_indicators_of_one_action(db: Database) -> None:
    plan = create_plan(db, PlanFields("Charte")).id
    bike = create_action(db, ActionFields(plan, "1", "Vélo")).id
    bus = create_action(db, ActionFields(plan, "2", "Bus")).id
    km = svc.create_indicator(db, IndicatorFields(plan, "Km de pistes", IndicatorKind.OUTPUT,
                                              Dimension.ENVIRONMENTAL, action_ids=[bike])).id
    svc.create_indicator(db, IndicatorFields(plan, "Voyageurs", IndicatorKind.OUTCOME,
                                         Dimension.SOCIAL, action_ids=[bus]))
    svc.create_measurement(db, MeasurementFields(km, date(2026, 1, 5), "12,5"))
    (row,) = svc.list_indicators(db, action_id=bike)
    assert (row.id, row.latest_value, row.measurement_count) == (km, Decimal("12.5"), 1)
    assert svc.list_indicators(db, plan, action_id=create_action(
        db, ActionFields(plan, "3", "Rien")).id) == []
