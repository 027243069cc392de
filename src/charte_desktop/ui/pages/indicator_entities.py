"""Forms of the Indicateurs screen: indicators and their measurements."""

from collections.abc import Callable
from decimal import Decimal

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import Dimension, Direction, IndicatorKind
from charte_desktop.formatting import format_date, format_number
from charte_desktop.services import indicators, tables
from charte_desktop.ui import choices
from charte_desktop.ui.entity import Entity, find_by_id
from charte_desktop.ui.form_dialog import FieldSpec


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def followed_actions(db: Database, plan_id: Callable[[], int | None]
                     ) -> Callable[[], choices.Choices]:
    """The actions an indicator may follow: with several plans, those of the plan worked
    on first, and each named with its plan (two plans may both have a « 1.1 »)."""

    def load() -> choices.Choices:
        from charte_desktop.services.actions import list_actions
        from charte_desktop.services.plans import list_plans

        titles = {row.id: row.title for row in list_plans(db)}
        rows = list_actions(db)
        if len(titles) < 2:
            return [(row.id, f"{row.code} {row.title}") for row in rows]
        first = plan_id()
        rows.sort(key=lambda row: row.plan_id != first)  # stable: each plan's order kept
        return [(row.id, f"{row.code} {row.title} — {titles.get(row.plan_id, '')}")
                for row in rows]

    return load


def indicator_entity(
    db: Database, default_plan_id: Callable[[], int | None]
) -> Entity[indicators.IndicatorFields]:
    def question(indicator_id: int) -> str:
        indicator = find_by_id(indicators.list_indicators(db), indicator_id, "L'indicateur")
        count = indicator.measurement_count
        extra = f" et ses {plural(count, 'mesure', 'mesures')}" if count else ""
        return (f"Supprimer l'indicateur « {indicator.name} »{extra} ? "
                "Les actions qu'il suit sont conservées.")

    return Entity(
        name="indicateur", new_title="Nouvel indicateur",
        specs=lambda: [
            FieldSpec("plan_id", "Plan", "choice", choices=choices.plans(db)),
            FieldSpec("name", "Nom de l'indicateur", "text", required=True),
            FieldSpec("description", "Description", "multiline"),
            FieldSpec("kind", "Type d'indicateur", "choice", required=True, optional=False,
                      choices=choices.enum_choices(IndicatorKind)),
            FieldSpec("dimension", "Dimension", "choice", required=True, optional=False,
                      choices=choices.enum_choices(Dimension)),
            FieldSpec("unit", "Unité", "text", max_length=60),
            FieldSpec("direction", "Sens souhaité", "choice", optional=False,
                      choices=choices.enum_choices(Direction)),
            FieldSpec("baseline_value", "Valeur de référence", "number"),
            FieldSpec("baseline_date", "Date de référence", "date"),
            FieldSpec("target_value", "Valeur cible", "number"),
            FieldSpec("target_date", "Date cible", "date"),
            FieldSpec("source", "Source", "text"),
            FieldSpec("frequency", "Fréquence de mesure", "text", max_length=120),
            FieldSpec("action_ids", "Actions suivies", "multi",
                      choices=followed_actions(db, default_plan_id)),
        ],
        blank=lambda: indicators.IndicatorFields(
            plan_id=default_plan_id(), name="", kind=IndicatorKind.OUTPUT,
            dimension=Dimension.OPERATIONAL, baseline_value="", target_value="",
        ),
        load=lambda i: indicators.indicator_fields(db, i),
        create=lambda f: indicators.create_indicator(db, f),
        update=lambda i, f: indicators.update_indicator(db, i, f),
        delete=lambda i: indicators.delete_indicator(db, i),
        model=tables.INDICATOR,
        deletion_question=question,
    )


def measurement_entity(
    db: Database, indicator_id: Callable[[], int | None], unit: Callable[[], str]
) -> Entity[indicators.MeasurementFields]:
    def load(measurement_id: int) -> indicators.MeasurementFields:
        return indicators.measurement_fields(db, measurement_id)

    def question(measurement_id: int) -> str:
        fields = load(measurement_id)
        value = format_number(Decimal(fields.value)) if fields.value not in (None, "") else ""
        shown = f"{value} {unit()}".strip()
        return f"Supprimer la mesure du {format_date(fields.date)} ({shown}) ?"

    return Entity(
        name="mesure", new_title="Nouvelle mesure",
        specs=lambda: [
            FieldSpec("date", "Date de la mesure", "date", required=True),
            FieldSpec("value", "Valeur", "number", required=True, suffix=unit()),
            FieldSpec("comment", "Commentaire", "multiline"),
        ],
        blank=lambda: indicators.MeasurementFields(
            indicator_id=indicator_id() or 0, date=clock.today(), value=""),
        load=load,
        create=lambda f: indicators.create_measurement(db, f),
        update=lambda i, f: indicators.update_measurement(db, i, f),
        delete=lambda i: indicators.delete_measurement(db, i),
        model=tables.MEASUREMENT,
        deletion_question=question,
        describe=lambda f: format_date(f.date),
    )
