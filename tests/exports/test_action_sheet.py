"""The fiche action in Word, read back with python-docx."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus, FundingState
from charte_desktop.errors import CharteError
from charte_desktop.exports.action_sheet import suggested_file_name, write_action_sheet
from charte_desktop.exports.action_sheet_content import load_action_sheet, status_text
from charte_desktop.exports.word_template import shipped_template
from charte_desktop.formatting import format_date, format_money, format_number
from charte_desktop.services.action_details import (
    ActionNoteFields,
    MilestoneFields,
    create_milestone,
    create_note,
    list_criteria,
    priority_ranking,
)
from charte_desktop.services.actions import ActionFields, create_action, get_action, list_actions
from charte_desktop.services.indicators import list_indicators
from charte_desktop.services.plans import PlanFields, create_plan
from tests.exports.docx_reading import all_text, open_docx
from tests.fixed_day import TEST_DAY

TODAY = TEST_DAY


def _richest_action_id(db: Database) -> int:
    """A demo action with milestones, fundings, journal, indicators, co-pilots and partners."""
    for row in list_actions(db):
        action = get_action(db, row.id)
        if all((action.milestones, action.fundings, action.notes, action.indicators,
                action.copilots, action.partners, action.policies, action.project_group)):
            return row.id
    raise AssertionError("no demo action carries every kind of detail")


def _table_rows(document: object, header: str) -> list[list[str]]:
    for table in document.tables:  # type: ignore[attr-defined]
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == header:
            return rows
    raise AssertionError(f"no table starting with {header!r}")


def _fields(document: object) -> dict[str, str]:
    """The identification table as {label: value}."""
    for table in document.tables:  # type: ignore[attr-defined]
        if table.rows[0].cells[0].text == "Plan":
            return {row.cells[0].text: row.cells[1].text for row in table.rows}
    raise AssertionError("no identification table")


def test_fiche_holds_every_field_of_the_action(demo_db: Database, tmp_path: Path) -> None:
    action_id = _richest_action_id(demo_db)
    action = get_action(demo_db, action_id)
    written = write_action_sheet(demo_db, action_id, tmp_path / "fiche.docx", today=TODAY)
    assert written == tmp_path / "fiche.docx"
    document = open_docx(written)
    text = all_text(document)
    assert f"Fiche action {action.code}" in text and action.title in text
    assert action.description.split("\n")[0] in text

    fields = _fields(document)
    assert fields["Plan"] == action.plan.title
    assert action.axis.title in fields["Axe"]
    [row] = [r for r in list_actions(demo_db, today=TODAY) if r.id == action_id]
    assert fields["Statut"].split("\n")[0] == row.status.label
    assert fields["Priorité"] == action.priority.label
    ranking = priority_ranking(demo_db, action.plan_id)
    mine = next(r for r in ranking if r.action_id == action_id)
    maximum = 3 * sum(c.weight for c in list_criteria(demo_db))
    assert fields["Priorisation"].startswith(
        f"{format_number(mine.score)} points sur {format_number(maximum)} – classée "
        f"{'1re' if mine.rank == 1 else f'{mine.rank}e'} sur {len(ranking)} "
        "actions du plan\n")
    assert "Facilité\u00a0: " in fields["Priorisation"]
    assert action.pilot.full_name in fields["Pilote"]
    assert action.pilot.organisation.name in fields["Pilote"]
    assert action.pilot.email in fields["Pilote"]
    for copilot in action.copilots:
        assert copilot.full_name in fields["Co-pilotes"]
    assert fields["Groupe projet"] == action.project_group.name
    assert fields["Partenaires"].split("\n") == [o.name for o in action.partners]
    for policy in action.policies:
        assert policy.code in fields["Politiques publiques"]
    assert fields["Calendrier"] == (
        f"du {format_date(action.start_date)} au {format_date(action.end_date)}")
    assert fields["Avancement"].startswith(f"{action.progress}\u00a0%")

    budget = _table_rows(document, "Budget")
    assert budget[1][:2] == ["Prévu", format_money(action.budget_planned)]
    assert budget[2][:2] == ["Engagé", format_money(action.budget_committed)]
    assert budget[3][:2] == ["Dépensé", format_money(action.budget_spent)]


def test_fiche_lists_milestones_fundings_indicators_and_journal(
    demo_db: Database, tmp_path: Path
) -> None:
    action_id = _richest_action_id(demo_db)
    action = get_action(demo_db, action_id)
    document = open_docx(write_action_sheet(demo_db, action_id, tmp_path / "f.docx",
                                            today=TODAY))

    milestones = _table_rows(document, "Jalon")
    assert [row[0] for row in milestones[1:]] == [m.title for m in action.milestones]
    for milestone, row in zip(action.milestones, milestones[1:], strict=True):
        assert row[1] == format_date(milestone.due_date)
        if milestone.done:
            assert row[2].startswith("Atteint")

    fundings = _table_rows(document, "Financeur")
    assert fundings[0] == ["Financeur", "État", "Montant", "Observations"]
    assert sorted(row[0] for row in fundings[1:]) == sorted(
        f.funder.name for f in action.fundings)
    by_funder = {row[0]: row for row in fundings[1:]}
    for funding in action.fundings:
        assert by_funder[funding.funder.name][1:3] == [
            funding.state.label, format_money(funding.amount)]
    # No total adds « sollicité » to the money granted: the per-funder table keeps it apart.
    assert "Total" not in by_funder
    per_funder = next(rows for rows in ([[c.text for c in r.cells] for r in t.rows]
                                        for t in document.tables)
                      if rows[0][:2] == ["Financeur", "Sollicité"])
    assert per_funder[0] == ["Financeur", "Sollicité", "Acquis", "Versé", "Acquis ou versé"]
    by_state = {state: sum((f.amount for f in action.fundings if f.state is state),
                           Decimal("0.00")) for state in FundingState}
    assert per_funder[-1] == [
        "Total", format_money(by_state[FundingState.REQUESTED]),
        format_money(by_state[FundingState.GRANTED]), format_money(by_state[FundingState.PAID]),
        format_money(by_state[FundingState.GRANTED] + by_state[FundingState.PAID])]

    indicators = _table_rows(document, "Indicateur")
    rows = {row.id: row for row in list_indicators(demo_db)}
    for indicator, cells in zip(action.indicators, indicators[1:], strict=True):
        row = rows[indicator.id]
        assert cells[0].startswith(row.name)
        assert cells[3].startswith(format_number(row.latest_value))
        assert format_date(row.latest_date) in cells[3]
        assert cells[4] == row.state.label

    text = all_text(document)
    dated = sorted(action.notes, key=lambda n: n.note_date, reverse=True)
    positions = [text.index(f"{format_date(n.note_date)}\u00a0: {n.text[:40]}") for n in dated]
    assert positions == sorted(positions), "the journal reads most recent first"


def test_late_action_says_why_and_marks_the_late_milestone(
    db: Database, tmp_path: Path
) -> None:
    plan = create_plan(db, PlanFields(title="Plan climat"))
    action = create_action(db, ActionFields(
        plan_id=plan.id, code="1.1", title="Rénover l'éclairage public",
        status=ActionStatus.IN_PROGRESS, end_date=TODAY + timedelta(days=90)))
    create_milestone(db, MilestoneFields(action.id, "Diagnostic des armoires",
                                         due_date=TODAY - timedelta(days=3)))
    create_milestone(db, MilestoneFields(action.id, "Marché de travaux",
                                         due_date=TODAY + timedelta(days=30)))
    status, words = status_text(load_action_sheet(db, action.id, today=TODAY))
    assert status is DisplayStatus.LATE
    assert words == ("En retard\nEn cours ; jalon « Diagnostic des armoires » non atteint au "
                     f"{format_date(TODAY - timedelta(days=3))}")

    document = open_docx(write_action_sheet(db, action.id, tmp_path / "f.docx", today=TODAY))
    assert _fields(document)["Statut"] == words
    milestones = _table_rows(document, "Jalon")
    assert [row[2] for row in milestones[1:]] == ["En retard", "À venir"]
    late_run = document.tables[1].rows[1].cells[2].paragraphs[0].runs[0]
    assert late_run.bold


def test_bare_action_in_a_file_without_territory(db: Database, tmp_path: Path) -> None:
    """No collectivité, no detail at all: the fiche says so instead of leaving holes."""
    plan = create_plan(db, PlanFields(title="Plan"))
    action = create_action(db, ActionFields(plan_id=plan.id, code="A", title="Action nue"))
    document = open_docx(write_action_sheet(db, action.id, tmp_path / "f.docx"))
    text = all_text(document)
    for sentence in ("Pas de description.", "Aucun jalon n'est défini.",
                     "Aucun financement n'est enregistré.",
                     "Aucun indicateur n'est rattaché à cette action.",
                     "Le journal de suivi est vide."):
        assert sentence in text
    assert "Communauté" not in text  # no letterhead
    fields = _fields(document)
    assert fields["Calendrier"] == "non défini" and fields["Pilote"] == "Non désigné"
    assert fields["Priorisation"] == "Pas encore notée"  # a new file has default criteria


def test_journal_note_with_bullets_keeps_them(db: Database, tmp_path: Path) -> None:
    plan = create_plan(db, PlanFields(title="Plan"))
    action = create_action(db, ActionFields(plan_id=plan.id, code="1", title="Action"))
    create_note(db, ActionNoteFields(action.id, TODAY, "Réunion de lancement :\n- budget "
                                     "voté\n- marché lancé"))
    document = open_docx(write_action_sheet(db, action.id, tmp_path / "f.docx"))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["budget voté", "marché lancé"]


def test_unknown_action_writes_nothing(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(CharteError) as caught:
        write_action_sheet(demo_db, 9999, tmp_path / "f.docx")
    assert "L'action n° 9999 est introuvable" in caught.value.message
    assert not (tmp_path / "f.docx").exists()


def test_officers_template_without_a_style_is_refused(
    demo_db: Database, tmp_path: Path
) -> None:
    from docx import Document

    document = Document(str(shipped_template()))
    style = document.styles["Heading 2"].element
    style.getparent().remove(style)
    template = tmp_path / "modele.docx"
    document.save(str(template))
    with pytest.raises(CharteError):
        write_action_sheet(demo_db, 1, tmp_path / "f.docx", template=template)
    assert not (tmp_path / "f.docx").exists()


def test_suggested_name(demo_db: Database) -> None:
    action = get_action(demo_db, _richest_action_id(demo_db))
    name = suggested_file_name(demo_db, action.id)
    assert name.startswith(f"Fiche action {action.code} - ") and name.endswith(".docx")
    assert action.title.startswith(name.removeprefix(f"Fiche action {action.code} - ")
                                   .removesuffix(".docx"))


def test_budget_per_year_when_the_action_has_yearly_lines(db: Database, tmp_path: Path) -> None:
    from charte_desktop.services.budget import BudgetYearFields, create_budget_year

    plan = create_plan(db, PlanFields(title="Plan"))
    action = create_action(db, ActionFields(plan_id=plan.id, code="1", title="Action"))
    document = open_docx(write_action_sheet(db, action.id, tmp_path / "none.docx"))
    assert "Par année" not in all_text(document)
    create_budget_year(db, BudgetYearFields(action.id, 2027, "12000", "5000", "1000.5"))
    create_budget_year(db, BudgetYearFields(action.id, 2026, "3000", "3000", "2500"))
    document = open_docx(write_action_sheet(db, action.id, tmp_path / "f.docx"))
    assert _table_rows(document, "Année")[1:] == [
        ["2026", format_money(3000), format_money(3000), format_money(2500)],
        ["2027", format_money(12000), format_money(5000), format_money(Decimal("1000.50"))],
    ]
    assert _table_rows(document, "Budget")[1][1] == format_money(15000)  # the lines' sum
