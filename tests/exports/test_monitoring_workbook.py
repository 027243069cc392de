"""The tableau de suivi read back with openpyxl: every sheet, real numbers, tables, colours."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.errors import CharteError
from charte_desktop.exports.monitoring import (
    suggested_monitoring_name,
    write_monitoring_workbook,
)
from charte_desktop.exports.xlsx_cells import DATE_FORMAT, MONEY_FORMAT, PERCENT_FORMAT
from charte_desktop.services import budget, plans
from charte_desktop.services.actions import ActionFields, ActionFilter, create_action, list_actions
from charte_desktop.services.dashboard import budget_totals
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.indicators import list_indicators
from charte_desktop.services.meetings import list_meetings
from tests.exports.xlsx_reading import open_xlsx

SHEETS = ["Synthèse", "Actions", "Calendrier", "Indicateurs", "Mesures", "Jalons",
          "Décisions et suites"]
TABLE_SHEETS = [name for name in SHEETS if name not in ("Synthèse", "Calendrier")]


@pytest.fixture
def writable(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


def export(db: Database, tmp_path: Path, **kwargs: Any) -> Any:
    return open_xlsx(write_monitoring_workbook(db, tmp_path / "suivi.xlsx", **kwargs))


def table_rows(ws: Any) -> list[dict[str, Any]]:
    """The rows of a sheet's single table as {header: cell}."""
    (table,) = ws.tables.values()
    rows = list(ws[table.ref])
    headers = [cell.value for cell in rows[0]]
    assert headers == [column.name for column in table.tableColumns]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]
            if any(cell.value is not None for cell in row)]


def rule_formulas(ws: Any) -> dict[str, list[str]]:
    return {str(cf.sqref): [f for rule in cf.rules for f in rule.formula]
            for cf in ws.conditional_formatting}


def test_sheets_in_order_with_frozen_headers_and_print_setup(
    demo_db: Database, tmp_path: Path
) -> None:
    workbook = export(demo_db, tmp_path)
    assert workbook.sheetnames == SHEETS
    for name in TABLE_SHEETS:
        ws = workbook[name]
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("4"), name
        assert ws.print_title_rows == "$3:$3"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == (2 if name == "Actions" else 1)
        assert ws["A1"].value == name and ws["A1"].font.b
        (table,) = ws.tables.values()
        assert table.ref.startswith("A3:") and table.autoFilter is not None
    names = [table for ws in workbook for table in ws.tables]
    assert len({name.casefold() for name in names}) == len(names) == 5


def test_actions_one_row_each_with_real_numbers_and_dates(
    demo_db: Database, tmp_path: Path
) -> None:
    ws = export(demo_db, tmp_path)["Actions"]
    expected = list_actions(demo_db)
    rows = table_rows(ws)
    assert [row["Code"].value for row in rows] == [action.code for action in expected]
    assert ws.tables["Actions"].ref == f"A3:Z{3 + len(expected)}"
    assert ws.freeze_panes == "C4"
    # Every column prints: A to N on the first page width, the details on the second
    # with the code and title repeated; no print area leaves a column off paper.
    assert not ws.print_area
    assert [brk.id for brk in ws.col_breaks.brk] == [14]
    assert ws.print_title_cols == "$A:$B"
    last = 3 + len(expected)
    total = [cell.value for cell in ws[last + 2]]
    assert total[0] == "Total des lignes affichées"
    assert total[11:14] == [f"=SUBTOTAL(109,{c}4:{c}{last})" for c in "LMN"]
    assert total[23:25] == [f"=SUBTOTAL(109,{c}4:{c}{last})" for c in "XY"]
    # One band across the table: every column framed and greyed, not only A and the sums.
    band = list(ws[last + 2])[:ws.max_column]
    assert all(cell.border.top.style and cell.fill.fgColor.rgb.endswith("F2F2F2")
               for cell in band)
    for action, row in zip(expected, rows, strict=True):
        assert row["Intitulé"].value == action.title
        assert row["Statut"].value == action.status.label
        assert row["En retard"].value == ("Oui" if action.status is DisplayStatus.LATE
                                          else "Non")
        # Why, in words, as the dashboard and the fiche say it.
        why = row["Motif du retard"].value
        assert (why is None) == (action.status is not DisplayStatus.LATE)
        assert why is None or ("dépassée le " in why or "non atteint au " in why)
        assert row["Pilote"].value == action.pilot_name
        for header, value in (("Début", action.start_date), ("Fin", action.end_date)):
            cell = row[header]
            assert cell.value is None if value is None else cell.value.date() == value
            assert value is None or (cell.is_date and cell.number_format == DATE_FORMAT)
        for header, amount in (("Budget prévu", action.budget_planned),
                               ("Budget engagé", action.budget_committed),
                               ("Budget dépensé", action.budget_spent)):
            assert row[header].data_type == "n" and row[header].number_format == MONEY_FORMAT
            assert Decimal(str(row[header].value)) == amount
        progress = row["Avancement"]
        assert progress.value == pytest.approx(action.progress / 100)
        assert progress.number_format == PERCENT_FORMAT
    first = rows[0]
    assert first["Copilotes"].value and first["Partenaires"].value and first["Description"].value
    assert first["Score"].data_type == "n" and first["Rang"].value >= 1


def test_actions_status_coloured_and_late_rows_highlighted(
    demo_db: Database, tmp_path: Path
) -> None:
    ws = export(demo_db, tmp_path)["Actions"]
    last = 3 + len(list_actions(demo_db))
    rules = rule_formulas(ws)
    assert sorted(rules[f"D4:D{last}"]) == sorted(f'"{s.label}"' for s in DisplayStatus)
    assert rules[f"A4:Z{last}"] == ['$E4="Oui"']
    late_rule = next(cf for cf in ws.conditional_formatting if str(cf.sqref).startswith("A4"))
    assert late_rule.rules[0].dxf.fill.bgColor.rgb.endswith("FCE4E4")


def test_user_text_that_looks_like_a_formula_stays_text(
    writable: Database, tmp_path: Path
) -> None:
    plan_id = plans.list_plans(writable)[0].id
    pilot = create_contact(writable, ContactFields(first_name="@Alice", last_name="=Dupont"))
    create_action(writable, ActionFields(
        plan_id=plan_id, code="=9.9", title='=HYPERLINK("http://exemple.invalid","x")',
        description="+33 6 12 34 56 78 -- @voir", pilot_id=pilot.id))
    ws = export(writable, tmp_path)["Actions"]
    row = next(r for r in table_rows(ws) if r["Code"].value == "=9.9")
    for header, text in (("Code", "=9.9"),
                         ("Intitulé", '=HYPERLINK("http://exemple.invalid","x")'),
                         ("Description", "+33 6 12 34 56 78 -- @voir"),
                         ("Pilote", "@Alice =Dupont")):
        assert (row[header].value, row[header].data_type) == (text, "s")
        assert row[header].quotePrefix


def test_indicators_and_measurements(demo_db: Database, tmp_path: Path) -> None:
    workbook = export(demo_db, tmp_path)
    expected = list_indicators(demo_db)
    rows = table_rows(workbook["Indicateurs"])
    assert [row["Indicateur"].value for row in rows] == [i.name for i in expected]
    for indicator, row in zip(expected, rows, strict=True):
        assert row["État"].value == indicator.state.label
        assert row["Type"].value == indicator.kind.label
        assert row["Sens souhaité"].value == indicator.direction.label
        if indicator.latest_value is not None:
            assert row["Dernière valeur"].data_type == "n"
            assert Decimal(str(row["Dernière valeur"].value)) == indicator.latest_value
            assert row["Date de la dernière mesure"].value.date() == indicator.latest_date
        assert row["Mesures"].value == indicator.measurement_count
    state_rule = next(iter(rule_formulas(workbook["Indicateurs"])))
    assert state_rule.startswith("M4:")
    measures = table_rows(workbook["Mesures"])
    assert len(measures) == sum(i.measurement_count for i in expected)
    assert all(row["Date"].is_date and row["Valeur"].data_type == "n" for row in measures)


def test_milestones_and_meeting_outcomes(demo_db: Database, tmp_path: Path) -> None:
    workbook = export(demo_db, tmp_path)
    milestones = table_rows(workbook["Jalons"])
    today = clock.today()
    assert milestones
    for row in milestones:
        due, done = row["Échéance"].value, row["Réalisé"].value == "Oui"
        if row["En retard"].value == "Oui":
            assert not done and due.date() < today
    assert any(row["En retard"].value == "Oui" for row in milestones)
    assert list(rule_formulas(workbook["Jalons"]).values()) == [['$G4="Oui"']]
    outcomes = table_rows(workbook["Décisions et suites"])
    natures = [row["Nature"].value for row in outcomes]
    decisions = sum(len(meeting_outcomes_of(demo_db, m.id)[0]) for m in list_meetings(demo_db))
    assert natures.count("Décision") == decisions
    assert natures.count("Suite à donner") == len(outcomes) - decisions > 0
    days = [row["Réunion du"].value for row in outcomes]
    assert days == sorted(days, reverse=True)  # latest meeting first
    late = [row for row in outcomes if row["En retard"].value == "Oui"]
    assert late and all(row["Réalisée"].value == "Non" for row in late)


def meeting_outcomes_of(db: Database, meeting_id: int) -> tuple[list[Any], list[Any]]:
    from charte_desktop.services.meetings import get_meeting

    meeting = get_meeting(db, meeting_id)
    return meeting.decisions, meeting.follow_ups


def summary_block(ws: Any, title: str) -> list[tuple[Any, ...]]:
    """The rows of a Synthèse block, from its header to the row before the next blank."""
    values = [tuple(cell.value for cell in row) for row in ws.iter_rows()]
    start = next(i for i, row in enumerate(values) if row[0] == title)
    block = []
    for row in values[start + 2:]:
        if all(value is None for value in row[:3]):
            break
        block.append(row)
    return block


def test_summary_counts_budget_and_charts(demo_db: Database, tmp_path: Path) -> None:
    path = write_monitoring_workbook(demo_db, tmp_path / "suivi.xlsx")
    ws = open_xlsx(path)["Synthèse"]
    actions = list_actions(demo_db)
    statuses = {row[0]: row[1] for row in summary_block(ws, "Actions par statut")}
    assert statuses.pop("Total") == len(actions)
    assert statuses == {s.label: sum(a.status is s for a in actions) for s in DisplayStatus}
    totals = budget_totals(demo_db)
    amounts = {row[0]: row[1] for row in summary_block(
        ws, "Budget (actions abandonnées exclues)")}
    assert Decimal(str(amounts["Prévu"])) == totals.planned
    assert Decimal(str(amounts["Dépensé"])) == totals.spent
    axes = summary_block(ws, "Par axe (avancement et budget : actions abandonnées exclues)")
    plan_id = actions[0].plan_id
    by_axis = budget.totals_by_axis(demo_db, plan_id)
    assert [row[0] for row in axes[:-1]] == [line.label for line in by_axis]
    assert [Decimal(str(row[5])) for row in axes[:-1]] == [line.planned for line in by_axis]
    # Totals are formulas over our own cells: SUBTOTAL(109, …) leaves out what a
    # plan's subtotal already counts.
    total = axes[-1]
    assert total[0] == "Total" and str(total[1]).startswith("=SUBTOTAL(109,B")
    assert all(str(value).startswith("=SUBTOTAL(109,") for i, value in enumerate(total[1:8])
               if i != 3), total
    charts = ws._charts
    assert len(charts) == 2
    import zipfile

    with zipfile.ZipFile(path) as archive:
        chart_xml = " ".join(archive.read(name).decode() for name in archive.namelist()
                             if name.startswith("xl/charts/chart"))
    assert "Actions par statut" in chart_xml and "Budget par axe" in chart_xml
    assert "'Synthèse'!$B$" in chart_xml or "Synthèse!$B$" in chart_xml


def test_summary_has_the_budget_per_year(writable: Database, tmp_path: Path) -> None:
    plan_id = plans.list_plans(writable)[0].id
    undetailed = [row for row in list_actions(writable)
                  if not budget.list_budget_years(writable, row.id)][:2]
    for action, year, planned in ((undetailed[0], 2031, "1000"),
                                  (undetailed[1], 2031, "250.50")):
        budget.create_budget_year(writable, budget.BudgetYearFields(
            action_id=action.id, year=year, planned=planned, committed="100"))
    ws = export(writable, tmp_path)["Synthèse"]
    years = summary_block(ws, "Budget par année (actions détaillées par année)")
    expected = budget.totals_by_year(writable, plan_id)
    *years, total = years
    assert total[:2] == ("Total", budget.detailed_action_count(writable, plan_id))
    assert total[2] == pytest.approx(float(sum(line.planned for line in expected)))
    assert [row[:5] for row in years] == [
        (line.label, line.action_count, float(line.planned), float(line.committed),
         float(line.spent)) for line in expected]
    assert years[-1][:4] == ("2031", 2, 1250.5, 200)


def test_empty_plan_gives_a_valid_workbook(writable: Database, tmp_path: Path) -> None:
    plan = plans.create_plan(writable, plans.PlanFields(title="Plan vide"))
    workbook = export(writable, tmp_path, plan_id=plan.id)
    assert workbook.sheetnames == SHEETS
    for name in TABLE_SHEETS[:-1]:
        ws = workbook[name]
        assert table_rows(ws) == []
        (table,) = ws.tables.values()
        assert table.ref.endswith("4")  # the header and one blank row
    # What meetings decided about no action in particular concerns every plan.
    outcomes = table_rows(workbook["Décisions et suites"])
    assert all(row["Action concernée"].value is None for row in outcomes)
    ws = workbook["Synthèse"]
    assert ws["A1"].value == "Tableau de suivi – Plan vide"
    assert dict((row[0], row[1]) for row in summary_block(ws, "Actions par statut"))[
        "Total"] == 0
    assert len(ws._charts) == 1  # no axis: no budget chart


def test_one_plan_or_all(writable: Database, tmp_path: Path) -> None:
    other = plans.create_plan(writable, plans.PlanFields(title="Second plan"))
    create_action(writable, ActionFields(plan_id=other.id, code="1", title="Autre action"))
    everything = table_rows(export(writable, tmp_path)["Actions"])
    assert len(everything) == len(list_actions(writable))
    assert {row["Plan"].value for row in everything} == {
        row.title for row in plans.list_plans(writable)}
    only = table_rows(export(writable, tmp_path, plan_id=other.id)["Actions"])
    assert [row["Intitulé"].value for row in only] == ["Autre action"]
    assert "Plan" not in only[0]
    assert len(list_actions(writable, ActionFilter(plan_id=other.id))) == 1


def test_unknown_plan_is_a_french_error_and_writes_nothing(
    demo_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    with pytest.raises(CharteError, match=r"^Le plan n° 999 est introuvable\.$"):
        write_monitoring_workbook(demo_db, out / "suivi.xlsx", plan_id=999)
    assert list(out.iterdir()) == []
    with pytest.raises(CharteError, match="Le plan n° 999"):
        suggested_monitoring_name(demo_db, 999)


def test_suggested_name(demo_db: Database) -> None:
    plan = plans.list_plans(demo_db)[0]
    name = suggested_monitoring_name(demo_db, plan.id, today=date(2026, 3, 14))
    assert name.startswith("Tableau de suivi - Charte pour une logistique")
    assert name.endswith(" - 2026-03-14.xlsx") and len(name) < 130
    assert suggested_monitoring_name(demo_db, today=date(2026, 3, 14)) == name  # one plan
