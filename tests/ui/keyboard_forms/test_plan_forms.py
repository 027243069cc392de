"""The forms of Plan d'actions, typed: plan, axis, milestone, funding, journal, budget per
year, and the action's lists of co-pilots, partners and policies. Each is opened with the
keyboard, filled key by key, saved with Ctrl+S, then read back from the file."""

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import FundingState
from charte_desktop.services import action_details as details
from charte_desktop.services import actions, budget, plans
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import (
    CTRL,
    field,
    filter_then_tick,
    key,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    press_button,
    reach,
    replace_text,
    tick,
    tick_in_list,
    when_form_opens,
)

PLAN_ID = 1
MOBILITY_AXIS = 2  # « 2 Développer une mobilité solidaire »
DELIVERY_AXIS = 4  # « 1.A Aires et horaires de livraison »
CYCLE_ACTION = 5  # « 1.5 Développer la cyclologistique… »: no funding, no budget line
SPACE_ACTION = 3  # « 1.3 Expérimenter un espace logistique… »: budget lines 2027, 2028
REGION = 30  # « Région Bourgogne-Franche-Comté »


def open_actions(qtbot: QtBot, db: Database, item_id: int | None = None
                 ) -> tuple[MainWindow, ActionsPage]:
    window, page = open_screen(qtbot, db, "actions", "action_list", item_id)
    assert isinstance(page, ActionsPage)
    return window, page


def left_button(page: ActionsPage, text: str, row: int = 0) -> QPushButton:
    """A button of the left panel: row 0 is the plan's, row 1 the axis's."""
    panel = page.tree.parentWidget()  # the details' lists have a « Modifier » too
    assert panel is not None
    found = [b for b in panel.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    return found[row] if text == "Modifier" else found[0]


# --- plan ----------------------------------------------------------------------------------
def test_a_new_plan_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_actions(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Intitulé": "Plan climat-air-énergie 2027-2032",
        "Début de la période": "1/1/27",
        "Fin de la période": "31122032",
        "Description": "Voté en conseil communautaire",
    }, seen=seen))
    press_button(left_button(page, "Nouveau plan"))
    assert seen["open"] is False, seen
    row = next(r for r in plans.list_plans(demo_db) if r.title.startswith("Plan climat"))
    plan = plans.get_plan(demo_db, row.id)
    assert plan.title == "Plan climat-air-énergie 2027-2032"
    assert (plan.period_start, plan.period_end) == (date(2027, 1, 1), date(2032, 12, 31))
    assert plan.description == "Voté en conseil communautaire"
    assert page.plan_id() == row.id  # the new plan is shown


def test_a_plan_with_an_impossible_end_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_actions(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Intitulé": "Plan vélo",
                                     "Fin de la période": "31/02/2026"}, seen=seen))
    press_button(left_button(page, "Nouveau plan"))
    assert seen["open"] is True
    assert seen["problems"] == {"period_end": "La date « 31/02/2026 » n'existe pas."}
    assert len(plans.list_plans(demo_db)) == 1


def test_a_plan_without_a_title_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_actions(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Intitulé": "", "Début de la période": "14/3/26"},
                                    seen=seen))
    press_button(left_button(page, "Nouveau plan"))
    assert seen["open"] is True
    assert list(seen["problems"]) == ["title"]
    assert "obligatoire" in seen["problems"]["title"]
    assert len(plans.list_plans(demo_db)) == 1


def test_editing_the_plan_types_over_a_date_and_empties_the_other(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db)
    before = plans.get_plan(demo_db, PLAN_ID)
    assert before.period_start is not None and before.period_end is not None
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Fin de la période": "30.06.2029",
                                     "Début de la période": ""}, seen=seen))
    press_button(left_button(page, "Modifier", row=0))
    assert seen["open"] is False, seen
    after = plans.get_plan(demo_db, PLAN_ID)
    assert (after.period_start, after.period_end) == (None, date(2029, 6, 30))
    assert after.title == before.title


# --- axis ----------------------------------------------------------------------------------
def test_a_new_axis_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_actions(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Numéro": "2.C",
        "Intitulé": "Énergie et sobriété des déplacements",
        "Axe parent": "mobilite solidaire",  # part of « 2 Développer une mobilité solidaire »
        "Ordre": "7",
        "Description": "Axe ajouté en 2027",
    }, seen=seen))
    press_button(left_button(page, "Nouvel axe"))
    assert seen["open"] is False, seen
    axis = next(a for a in plans.list_axes(demo_db, PLAN_ID) if a.code == "2.C")
    assert axis.title == "Énergie et sobriété des déplacements"
    assert axis.parent_id == MOBILITY_AXIS
    assert axis.position == 7
    assert axis.description == "Axe ajouté en 2027"


def test_an_axis_parent_matching_nothing_or_several_is_said(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db)
    before = len(plans.list_axes(demo_db, PLAN_ID))
    for typed, message in (
        ("zzz", "« zzz » ne correspond à aucun élément de la liste."),
        ("une", "« une » correspond à 3 éléments de la liste : précisez."),
    ):
        seen: dict[str, Any] = {}
        when_form_opens(officer_types({"Intitulé": "Essai", "Axe parent": typed},
                                        seen=seen))
        press_button(left_button(page, "Nouvel axe"))
        assert seen["open"] is True
        assert seen["problems"] == {"parent_id": message}
    assert len(plans.list_axes(demo_db, PLAN_ID)) == before


def test_editing_an_axis_chosen_in_the_tree_with_the_arrows(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db)
    reach(page.tree)  # « Toutes les actions », then 1, then 1.A
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    assert page.axis_id() == DELIVERY_AXIS
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Intitulé": "Aires, horaires et règles de livraison",
                                     "Ordre": "12"}, seen=seen))
    press_button(left_button(page, "Modifier", row=1))
    assert seen["open"] is False, seen
    axis = next(a for a in plans.list_axes(demo_db, PLAN_ID) if a.id == DELIVERY_AXIS)
    assert (axis.title, axis.position) == ("Aires, horaires et règles de livraison", 12)


# --- milestone -----------------------------------------------------------------------------
def test_a_new_milestone_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    press_alt(window, Qt.Key.Key_J)  # « Jalons »

    def fill(dialog: Any) -> None:
        replace_text(field(dialog, "Intitulé"), "Choix du prestataire de l'étude")
        replace_text(field(dialog, "Échéance"), "15/3/27")
        tick(field(dialog, "Atteint"))
        replace_text(field(dialog, "Atteint le"), "14032026")
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(fill)
    press_button(page.milestones.new_button)
    created = [m for m in details.list_milestones(demo_db, SPACE_ACTION)
               if m.title == "Choix du prestataire de l'étude"]
    assert len(created) == 1
    milestone = created[0]
    assert (milestone.due_date, milestone.done, milestone.done_date) == (
        date(2027, 3, 15), True, date(2026, 3, 14))


def test_a_milestone_with_an_impossible_date_is_not_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    before = len(details.list_milestones(demo_db, SPACE_ACTION))
    press_alt(window, Qt.Key.Key_J)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Intitulé": "Essai", "Échéance": "31/02/2026"},
                                    seen=seen))
    press_button(page.milestones.new_button)
    assert seen["open"] is True
    assert seen["problems"] == {"due_date": "La date « 31/02/2026 » n'existe pas."}
    assert len(details.list_milestones(demo_db, SPACE_ACTION)) == before


def test_a_milestone_without_a_title_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    before = len(details.list_milestones(demo_db, SPACE_ACTION))
    press_alt(window, Qt.Key.Key_J)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Échéance": "1/6/27"}, seen=seen))
    press_button(page.milestones.new_button)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["title"]
    assert len(details.list_milestones(demo_db, SPACE_ACTION)) == before


def test_a_reached_date_typed_without_the_tick_is_kept_or_said(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    press_alt(window, Qt.Key.Key_J)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Intitulé": "Dossier déposé", "Atteint le": "14/03/2026"},
                                  seen=seen))
    press_button(page.milestones.new_button)
    saved = [m for m in details.list_milestones(demo_db, SPACE_ACTION)
             if m.title == "Dossier déposé"]
    said = seen["open"] and set(seen["problems"]) & {"done", "done_date"}
    assert said or (saved and saved[0].done_date == date(2026, 3, 14)), (seen, saved)


def test_editing_a_milestone_types_over_its_date_and_empties_another(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_actions(qtbot, demo_db, 1)
    press_alt(window, Qt.Key.Key_J)
    first = details.list_milestones(demo_db, 1)[0]
    assert first.done and first.done_date is not None
    assert page.milestones.select_id(first.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Échéance": "7/11/2025", "Atteint le": ""}, seen=seen))
    open_row(page.milestones.table)
    assert seen["open"] is False, seen
    after = next(m for m in details.list_milestones(demo_db, 1) if m.id == first.id)
    assert (after.due_date, after.done, after.done_date) == (date(2025, 11, 7), True, None)


# --- funding -------------------------------------------------------------------------------
def test_a_new_funding_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    press_alt(window, Qt.Key.Key_I)  # « Financements »
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Financeur": "region bourgogne-franche-comte",  # its whole name, without accents
        "Montant": "1 234,50",
        "État": "acquis",
        "Remarque": "Notifié par courrier",
    }, seen=seen))
    press_button(page.fundings.new_button)
    assert seen["open"] is False, seen
    [funding] = details.list_fundings(demo_db, CYCLE_ACTION)
    assert funding.funder_id == REGION
    assert funding.amount == Decimal("1234.50")
    assert funding.state is FundingState.GRANTED
    assert funding.note == "Notifié par courrier"


def test_a_funding_without_an_amount_or_with_an_unknown_funder_is_not_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    press_alt(window, Qt.Key.Key_I)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Financeur": "departement du doubs", "Montant": ""}, seen=seen))
    press_button(page.fundings.new_button)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["amount"]
    assert "obligatoire" in seen["problems"]["amount"]

    seen = {}
    when_form_opens(officer_types({"Financeur": "Fonds imaginaire", "Montant": "500"},
                                    seen=seen))
    press_button(page.fundings.new_button)
    assert seen["open"] is True
    assert seen["problems"] == {
        "funder_id": "« Fonds imaginaire » ne correspond à aucun élément de la liste."}
    assert details.list_fundings(demo_db, CYCLE_ACTION) == []


def test_editing_a_funding_types_over_its_amount_and_state(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    press_alt(window, Qt.Key.Key_I)
    funding = details.list_fundings(demo_db, SPACE_ACTION)[0]
    assert page.fundings.select_id(funding.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Montant": "80 000", "État": "verse"}, seen=seen))
    open_row(page.fundings.table)
    assert seen["open"] is False, seen
    after = next(f for f in details.list_fundings(demo_db, SPACE_ACTION) if f.id == funding.id)
    assert (after.amount, after.state, after.funder_id) == (
        Decimal("80000"), FundingState.PAID, funding.funder_id)


# --- journal -------------------------------------------------------------------------------
def test_a_new_journal_entry_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    before = len(details.list_notes(demo_db, CYCLE_ACTION))
    press_alt(window, Qt.Key.Key_V)  # « Journal de suivi »
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Date": "3/2/26",
        "Texte": "Réunion avec la Région : accord de principe.",
    }, seen=seen))
    press_button(page.notes.new_button)
    assert seen["open"] is False, seen
    notes = details.list_notes(demo_db, CYCLE_ACTION)
    assert len(notes) == before + 1
    note = next(n for n in notes if n.text.startswith("Réunion avec la Région"))
    assert note.note_date == date(2026, 2, 3)
    assert note.text == "Réunion avec la Région : accord de principe."


def test_a_journal_entry_without_a_date_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    before = len(details.list_notes(demo_db, CYCLE_ACTION))
    press_alt(window, Qt.Key.Key_V)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date": "", "Texte": "Appel du transporteur"}, seen=seen))
    press_button(page.notes.new_button)
    assert seen["open"] is True
    assert seen["problems"] == {"note_date": "Le champ « Date » est obligatoire."}
    assert len(details.list_notes(demo_db, CYCLE_ACTION)) == before


def test_editing_a_journal_entry_types_over_its_date(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    press_alt(window, Qt.Key.Key_V)
    note = details.list_notes(demo_db, CYCLE_ACTION)[0]
    assert page.notes.select_id(note.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date": "14.03.2026"}, seen=seen))
    open_row(page.notes.table)
    assert seen["open"] is False, seen
    after = next(n for n in details.list_notes(demo_db, CYCLE_ACTION) if n.id == note.id)
    assert (after.note_date, after.text) == (date(2026, 3, 14), note.text)


# --- budget per year -----------------------------------------------------------------------
def test_a_new_budget_year_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    press_alt(window, Qt.Key.Key_B)  # « Budget par année »
    assert page.details.currentWidget() is page.budget_years
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Année": "2027", "Prévu": "12 500", "Engagé": "1 234,50", "Dépensé": "0,5",
    }, seen=seen))
    press_button(page.budget_years.new_button)
    assert seen["open"] is False, seen
    [line] = budget.list_budget_years(demo_db, CYCLE_ACTION)
    assert (line.year, line.planned, line.committed, line.spent) == (
        2027, Decimal("12500"), Decimal("1234.50"), Decimal("0.50"))


def test_a_budget_year_already_there_or_an_unreadable_amount_is_not_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    before = [(b.year, b.planned) for b in budget.list_budget_years(demo_db, SPACE_ACTION)]
    press_alt(window, Qt.Key.Key_B)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Année": "2027", "Prévu": "100"}, seen=seen))
    press_button(page.budget_years.new_button)
    assert seen["open"] is True
    assert seen["problems"] == {"year": "L'action a déjà une ligne de budget pour 2027."}

    seen = {}
    when_form_opens(officer_types({"Année": "2030", "Prévu": "douze mille"}, seen=seen))
    press_button(page.budget_years.new_button)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["planned"]
    assert [(b.year, b.planned) for b in budget.list_budget_years(demo_db, SPACE_ACTION)] \
        == before


def test_editing_a_budget_line_types_over_its_amounts(qtbot: QtBot, demo_db: Database
                                                      ) -> None:
    window, page = open_actions(qtbot, demo_db, SPACE_ACTION)
    press_alt(window, Qt.Key.Key_B)
    line = budget.list_budget_years(demo_db, SPACE_ACTION)[0]
    assert page.budget_years.select_id(line.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Prévu": "15 000", "Dépensé": ""}, seen=seen))
    open_row(page.budget_years.table)
    assert seen["open"] is False, seen
    after = next(b for b in budget.list_budget_years(demo_db, SPACE_ACTION) if b.id == line.id)
    assert (after.year, after.planned, after.committed, after.spent) == (
        line.year, Decimal("15000"), line.committed, Decimal("0"))


# --- the action's multi-choice lists ---------------------------------------------------------
def test_co_pilots_partners_and_policies_ticked_with_the_space_bar(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    before = actions.get_action_for_form(demo_db, CYCLE_ACTION)
    copilots = {c.id for c in before.copilots}
    partners = {o.id for o in before.partners}
    policies = {p.id for p in before.policies}
    assert 36 not in copilots and 12 not in partners and 3 not in policies

    def fill(dialog: Any) -> None:
        tick_in_list(field(dialog, "Co-pilotes"), "Odile")  # « Odile Prost »
        # A long list: its filter line takes any part of a name, without accents.
        filter_then_tick(field(dialog, "Partenaires"), "mission locale")
        tick_in_list(field(dialog, "Politiques publiques"), "PLU")  # « PLU(i) »
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(fill)
    open_row(page.action_list.table)
    after = actions.get_action_for_form(demo_db, CYCLE_ACTION)
    assert {c.id for c in after.copilots} == copilots | {36}
    assert {o.id for o in after.partners} == partners | {12}
    assert {p.id for p in after.policies} == policies | {3}


def test_a_ticked_policy_is_unticked_with_the_space_bar(qtbot: QtBot, demo_db: Database
                                                         ) -> None:
    _window, page = open_actions(qtbot, demo_db, CYCLE_ACTION)
    before = actions.get_action_for_form(demo_db, CYCLE_ACTION)
    assert before.policies, "l'action 1.5 de la démo a des politiques publiques"
    dropped = before.policies[0]

    def fill(dialog: Any) -> None:
        tick_in_list(field(dialog, "Politiques publiques"), dropped.code)
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(fill)
    open_row(page.action_list.table)
    after = actions.get_action_for_form(demo_db, CYCLE_ACTION)
    assert {p.id for p in after.policies} == {p.id for p in before.policies} - {dropped.id}
