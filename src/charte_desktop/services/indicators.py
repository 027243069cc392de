"""Indicators, their measurements, and whether each is on its trajectory."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from charte_desktop.db import Database
from charte_desktop.db.enums import _LABELS, Dimension, Direction, IndicatorKind, LabelledEnum
from charte_desktop.db.models import Action, Indicator, Measurement, Plan, indicator_action
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.common import assign, fetch_all, get_or_fail, not_found
from charte_desktop.services.form_fields import load_fields, number_text
from charte_desktop.text import fold


class IndicatorState(LabelledEnum):
    """Where an indicator stands, computed from its latest measurement (never stored)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_MEASURE = "no_measure"


_LABELS[IndicatorState] = {
    IndicatorState.ACHIEVED.value: "Atteint",
    IndicatorState.ON_TRACK.value: "Sur la trajectoire",
    IndicatorState.BEHIND.value: "En retard",
    IndicatorState.NO_MEASURE.value: "Sans mesure",
}


def _better_or_equal(value: Decimal, reference: Decimal, direction: Direction) -> bool:
    """Whether `value` is at least as good as `reference` in the desired direction."""
    return value >= reference if direction is Direction.INCREASE else value <= reference


def expected_value(
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    on: date,
) -> Decimal:
    """The straight trajectory from baseline to target, read at `on`.

    Before the baseline date it is the baseline value, after the target date the target.
    """
    if on >= target_date:
        return target_value
    if on <= baseline_date:
        return baseline_value
    elapsed = Decimal((on - baseline_date).days) / Decimal((target_date - baseline_date).days)
    return baseline_value + (target_value - baseline_value) * elapsed


def indicator_state(
    direction: Direction,
    baseline_value: Decimal | None,
    baseline_date: date | None,
    target_value: Decimal | None,
    target_date: date | None,
    latest_value: Decimal | None,
    latest_date: date | None,
) -> IndicatorState:
    """The state of an indicator given its latest measurement.

    - No measurement: "Sans mesure".
    - The latest value reaches the target in the desired direction (≥ for a rise, ≤ for a
      fall): "Atteint", whatever the dates.
    - With baseline and target both complete (values and dates): "Sur la trajectoire"
      when the latest value is at least as good as the straight line from baseline to
      target read at the latest measurement's date (past the target date, the line is the
      target itself, so an unreached target is "En retard"), otherwise "En retard".
    - When the trajectory cannot be drawn, the officer is only warned on facts that need
      no line: "En retard" if the target date is passed at the latest measurement without
      the target reached, or if the latest value is worse than the baseline value (it went
      the wrong way); otherwise "Sur la trajectoire".
    """
    if latest_value is None or latest_date is None:
        return IndicatorState.NO_MEASURE
    if target_value is not None and _better_or_equal(latest_value, target_value, direction):
        return IndicatorState.ACHIEVED
    if (
        baseline_value is not None
        and baseline_date is not None
        and target_value is not None
        and target_date is not None
    ):
        expected = expected_value(
            baseline_value, baseline_date, target_value, target_date, latest_date
        )
        if _better_or_equal(latest_value, expected, direction):
            return IndicatorState.ON_TRACK
        return IndicatorState.BEHIND
    if target_value is not None and target_date is not None and latest_date >= target_date:
        return IndicatorState.BEHIND
    if baseline_value is not None and not _better_or_equal(latest_value, baseline_value, direction):
        return IndicatorState.BEHIND
    return IndicatorState.ON_TRACK


# --- Indicators ---------------------------------------------------------------------------


@dataclass
class IndicatorFields:
    plan_id: int | None
    name: str
    kind: IndicatorKind
    dimension: Dimension
    description: str = ""
    unit: str = ""
    direction: Direction = Direction.INCREASE
    baseline_value: Decimal | int | str | None = None
    baseline_date: date | None = None
    target_value: Decimal | int | str | None = None
    target_date: date | None = None
    source: str = ""
    frequency: str = ""
    action_ids: list[int] = field(default_factory=list)


def _indicator_values(session: Session, fields: IndicatorFields) -> dict[str, Any]:
    name = rules.required_text(fields.name, "name", "Nom de l'indicateur")
    if not isinstance(fields.kind, IndicatorKind):
        raise CharteError("Le champ « Type d'indicateur » est obligatoire.", field="kind")
    if not isinstance(fields.dimension, Dimension):
        raise CharteError("Le champ « Dimension » est obligatoire.", field="dimension")
    if not isinstance(fields.direction, Direction):
        raise CharteError("Le champ « Sens souhaité » est obligatoire.", field="direction")
    values: dict[str, Any] = {
        "plan_id": fields.plan_id,
        "name": name,
        "kind": fields.kind,
        "dimension": fields.dimension,
        "description": (fields.description or "").strip(),
        "unit": rules.limited_text(fields.unit, "unit", "Unité", max_length=60),
        "direction": fields.direction,
        "baseline_value": rules.number(
            fields.baseline_value, "baseline_value", "Valeur de référence"
        ),
        "baseline_date": fields.baseline_date,
        "target_value": rules.number(fields.target_value, "target_value", "Valeur cible"),
        "target_date": fields.target_date,
        "source": rules.limited_text(fields.source, "source", "Source", max_length=300),
        "frequency": rules.limited_text(
            fields.frequency, "frequency", "Fréquence de mesure", max_length=120
        ),
    }
    rules.dates_in_order(
        fields.baseline_date,
        fields.target_date,
        "target_date",
        "Date de référence",
        "Date cible",
    )
    if fields.plan_id is not None:
        get_or_fail(session, Plan, fields.plan_id, "Le plan")
    actions = fetch_all(session, Action, fields.action_ids, "L'action", "action_ids")
    for action in actions:
        if fields.plan_id is not None and action.plan_id != fields.plan_id:
            raise CharteError(
                f"L'action « {action.code} » appartient à un autre plan que l'indicateur.",
                field="action_ids",
            )
    values["actions"] = actions
    return values


def create_indicator(db: Database, fields: IndicatorFields) -> Indicator:
    with db.session() as session:
        indicator = Indicator(**_indicator_values(session, fields))
        session.add(indicator)
        session.flush()
        return indicator


def update_indicator(db: Database, indicator_id: int, fields: IndicatorFields) -> Indicator:
    with db.session() as session:
        indicator = get_or_fail(session, Indicator, indicator_id, "L'indicateur")
        values = _indicator_values(session, fields)
        assign(indicator, values, list(values))
        return indicator


def delete_indicator(db: Database, indicator_id: int) -> None:
    """Delete an indicator with its measurements; its actions are kept."""
    with db.session() as session:
        session.delete(get_or_fail(session, Indicator, indicator_id, "L'indicateur"))


def get_indicator(db: Database, indicator_id: int) -> Indicator:
    """The indicator with its actions and measurements, readable after the session."""
    with db.session() as session:
        indicator = session.get(
            Indicator,
            indicator_id,
            options=[
                selectinload(Indicator.plan),
                selectinload(Indicator.actions),
                selectinload(Indicator.measurements),
            ],
        )
        if indicator is None:
            raise CharteError(
                not_found("L'indicateur", indicator_id, note="peut-être supprimé")
            )
        return indicator


def indicator_fields(db: Database, indicator_id: int) -> IndicatorFields:
    """The indicator as its form shows it: numbers as typed, the ids of its actions."""
    return load_fields(
        db, Indicator, indicator_id, "L'indicateur", IndicatorFields,
        lambda indicator: {
            "baseline_value": number_text(indicator.baseline_value),
            "target_value": number_text(indicator.target_value),
            "action_ids": [action.id for action in indicator.actions],
        })


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    plan_id: int | None
    name: str
    kind: IndicatorKind
    dimension: Dimension
    unit: str
    direction: Direction
    baseline_value: Decimal | None
    baseline_date: date | None
    target_value: Decimal | None
    target_date: date | None
    latest_value: Decimal | None
    latest_date: date | None
    measurement_count: int
    state: IndicatorState


def list_indicators(
    db: Database, plan_id: int | None = None, *, action_id: int | None = None
) -> list[IndicatorRow]:
    """Indicators (of one plan, or all; or those an action is linked to) with their latest
    measurement, in one query.

    Sorted by plan then name, ignoring case and accents.
    """
    per_indicator = Measurement.indicator_id
    ranked = select(
        Measurement.indicator_id,
        Measurement.date,
        Measurement.value,
        func.row_number()
        .over(partition_by=per_indicator, order_by=Measurement.date.desc())
        .label("n"),
        func.count().over(partition_by=per_indicator).label("count"),
    ).subquery()
    latest = select(ranked).where(ranked.c.n == 1).subquery()
    query = select(
        Indicator, latest.c.date, latest.c.value, func.coalesce(latest.c.count, 0)
    ).outerjoin(latest, latest.c.indicator_id == Indicator.id)
    if plan_id is not None:
        query = query.where(Indicator.plan_id == plan_id)
    if action_id is not None:
        query = query.where(Indicator.id.in_(
            select(indicator_action.c.indicator_id)
            .where(indicator_action.c.action_id == action_id)))
    with db.session() as session:
        rows = [
            IndicatorRow(
                id=ind.id,
                plan_id=ind.plan_id,
                name=ind.name,
                kind=ind.kind,
                dimension=ind.dimension,
                unit=ind.unit,
                direction=ind.direction,
                baseline_value=ind.baseline_value,
                baseline_date=ind.baseline_date,
                target_value=ind.target_value,
                target_date=ind.target_date,
                latest_value=value,
                latest_date=on,
                measurement_count=count,
                state=indicator_state(
                    ind.direction,
                    ind.baseline_value,
                    ind.baseline_date,
                    ind.target_value,
                    ind.target_date,
                    value,
                    on,
                ),
            )
            for ind, on, value, count in session.execute(query)
        ]
    rows.sort(key=lambda r: (r.plan_id is None, r.plan_id or 0, fold(r.name), r.id))
    return rows


def off_track_indicators(db: Database) -> list[IndicatorRow]:
    """Indicators of every plan that are behind their trajectory, for the dashboard."""
    return [row for row in list_indicators(db) if row.state is IndicatorState.BEHIND]


# --- Measurements -------------------------------------------------------------------------


@dataclass
class MeasurementFields:
    indicator_id: int
    date: date | None
    value: Decimal | int | str | None
    comment: str = ""


def _measurement_values(
    session: Session, fields: MeasurementFields, measurement_id: int | None
) -> dict[str, Any]:
    if fields.date is None:
        raise CharteError("Le champ « Date de la mesure » est obligatoire.", field="date")
    value = rules.required_number(fields.value, "value", "Valeur")
    get_or_fail(session, Indicator, fields.indicator_id, "L'indicateur")
    query = select(Measurement.id).where(
        Measurement.indicator_id == fields.indicator_id, Measurement.date == fields.date
    )
    if measurement_id is not None:
        query = query.where(Measurement.id != measurement_id)
    if session.scalars(query).first() is not None:
        raise CharteError(
            f"Une mesure existe déjà pour cet indicateur à la date du {fields.date:%d/%m/%Y} : "
            "modifiez-la plutôt que d'en ajouter une seconde.",
            field="date",
        )
    return {
        "indicator_id": fields.indicator_id,
        "date": fields.date,
        "value": value,
        "comment": (fields.comment or "").strip(),
    }


def create_measurement(db: Database, fields: MeasurementFields) -> Measurement:
    with db.session() as session:
        measurement = Measurement(**_measurement_values(session, fields, None))
        session.add(measurement)
        session.flush()
        return measurement


def update_measurement(db: Database, measurement_id: int, fields: MeasurementFields) -> Measurement:
    with db.session() as session:
        measurement = get_or_fail(session, Measurement, measurement_id, "La mesure")
        values = _measurement_values(session, fields, measurement_id)
        assign(measurement, values, list(values))
        return measurement


def delete_measurement(db: Database, measurement_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_fail(session, Measurement, measurement_id, "La mesure"))


def measurement_fields(db: Database, measurement_id: int) -> MeasurementFields:
    """The measurement as its form shows it (its value as typed)."""
    return load_fields(db, Measurement, measurement_id, "La mesure", MeasurementFields,
                       lambda measurement: {"value": number_text(measurement.value)})


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    date: date
    value: Decimal
    comment: str


def measurement_rows(db: Database, indicator_id: int) -> list[MeasurementRow]:
    """The indicator's measurements as the screen lists them, oldest first."""
    query = (
        select(Measurement.id, Measurement.date, Measurement.value, Measurement.comment)
        .where(Measurement.indicator_id == indicator_id)
        .order_by(Measurement.date)
    )
    with db.session() as session:
        return [MeasurementRow(*row) for row in session.execute(query)]


def list_measurements(db: Database, indicator_id: int) -> list[Measurement]:
    """The indicator's measurements, oldest first (the order of a chart)."""
    query = (
        select(Measurement)
        .where(Measurement.indicator_id == indicator_id)
        .order_by(Measurement.date)
    )
    with db.session() as session:
        return list(session.scalars(query))
