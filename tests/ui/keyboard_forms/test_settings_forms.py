"""The forms of Paramètres, typed: the collectivité, a circle, a public policy, a priority
criterion; and the priority scores of an action (Plan d'actions, « Notes de
priorisation »). Each is reached with the keyboard, filled key by key, saved with Ctrl+S,
then read back from the file."""

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import TerritoryKind
from charte_desktop.services import action_details as details
from charte_desktop.services import directory, plans
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.settings_page import SettingsPage
from tests.ui.keyboard import (
    CTRL,
    field,
    focused,
    key,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    press_button,
    reach,
    replace_text,
    type_to_select,
    when_form_opens,
)

CONSULTANTS = 9  # the last circle
RAPIDITY = 2  # the criterion « Rapidité »
CYCLE_ACTION = 5  # « 1.5 Développer la cyclologistique pour le dernier kilomètre »


def open_settings(qtbot: QtBot, db: Database) -> tuple[MainWindow, SettingsPage]:
    window, page = open_screen(qtbot, db, "settings")
    assert isinstance(page, SettingsPage)
    return window, page


# --- collectivité --------------------------------------------------------------------------
def test_the_collectivite_typed_then_saved_with_ctrl_s(qtbot: QtBot, demo_db: Database
                                                       ) -> None:
    window, page = open_settings(qtbot, demo_db)
    before = plans.get_territory(demo_db)
    assert before is not None and before.kind is not TerritoryKind.JOINT_SYNDICATE
    press_alt(window, Qt.Key.Key_N)  # « Nom »
    assert focused() is page.territory.name
    replace_text(page.territory.name, "Syndicat mixte du Pays d'Aubrance")
    type_to_select(field(page.territory, "Type"), "Syn")  # « Syndicat mixte »
    replace_text(field(page.territory, "Adresse"), "1 place de la Mairie\n25000 Saint-Aubin")
    press(window, Qt.Key.Key_S, CTRL)
    territory = plans.get_territory(demo_db)
    assert territory is not None
    assert territory.name == "Syndicat mixte du Pays d'Aubrance"
    assert territory.kind is TerritoryKind.JOINT_SYNDICATE
    assert territory.address == "1 place de la Mairie\n25000 Saint-Aubin"
    assert page.territory.status.text() == "Collectivité enregistrée."


def test_a_collectivite_without_a_name_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_settings(qtbot, demo_db)
    before = plans.get_territory(demo_db)
    assert before is not None
    press_alt(window, Qt.Key.Key_N)
    replace_text(page.territory.name, "")
    press(window, Qt.Key.Key_S, CTRL)
    assert not page.territory.errors["name"].isHidden()
    assert "obligatoire" in page.territory.errors["name"].text()
    after = plans.get_territory(demo_db)
    assert after is not None and after.name == before.name


def test_the_town_and_the_officer_typed_then_saved_with_ctrl_s(qtbot: QtBot,
                                                              demo_db: Database) -> None:
    window, page = open_settings(qtbot, demo_db)
    form = page.territory
    replace_text(field(form, "Ville (lieu de signature des courriers)"), "Villers-sur-Aubrance")
    replace_text(field(form, "Nom de l'agent·e"), "Élise Prévot")
    replace_text(field(form, "Fonction de l'agent·e"), "Chargée de mission mobilité")
    replace_text(field(form, "Téléphone de l'agent·e"), "03 81 22 33 44")
    replace_text(field(form, "Courriel de l'agent·e"), "elise.prevot@cc-aubrance.fr")
    type_to_select(field(form, "Rappel dans l'invitation d'agenda"), "1")  # « 1 heure avant »
    press(window, Qt.Key.Key_S, CTRL)
    territory = plans.get_territory(demo_db)
    assert territory is not None
    assert (territory.town, territory.officer_name, territory.officer_function) == (
        "Villers-sur-Aubrance", "Élise Prévot", "Chargée de mission mobilité")
    assert (territory.officer_phone, territory.officer_email) == (
        "03 81 22 33 44", "elise.prevot@cc-aubrance.fr")
    assert territory.reminder_minutes == 60
    assert form.status.text() == "Collectivité enregistrée."
    type_to_select(form.reminder_minutes, "Aucun")
    press(window, Qt.Key.Key_S, CTRL)
    territory = plans.get_territory(demo_db)
    assert territory is not None and territory.reminder_minutes == 0


@pytest.mark.parametrize(("label", "typed", "field_name", "said"), [
    ("Téléphone de l'agent·e", "03 81", "officer_phone", "« 03 81 » n'est pas valide"),
    ("Courriel de l'agent·e", "elise@", "officer_email", "« Courriel de l'agent·e »"),
])
def test_a_wrong_phone_or_email_of_the_officer_is_not_saved(
    qtbot: QtBot, demo_db: Database, label: str, typed: str, field_name: str, said: str
) -> None:
    window, page = open_settings(qtbot, demo_db)
    before = plans.get_territory(demo_db)
    assert before is not None
    replace_text(field(page.territory, label), typed)
    press(window, Qt.Key.Key_S, CTRL)
    error = page.territory.errors[field_name]
    assert not error.isHidden() and said in error.text()
    after = plans.get_territory(demo_db)
    assert after is not None
    assert getattr(after, field_name) == getattr(before, field_name)


# --- circle --------------------------------------------------------------------------------
def test_a_new_circle_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_settings(qtbot, demo_db)
    reach(page.circles.table)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom du cercle": "Collectivités voisines",
                                   "Ordre d'affichage": "12"}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    circle = next(c for c in directory.list_circles(demo_db) if c.name == "Collectivités voisines")
    assert circle.position == 12


@pytest.mark.parametrize(("name", "message"), [
    ("", "Le champ « Nom du cercle » est obligatoire."),
    ("elus", "Le cercle « Élus » existe déjà."),
])
def test_a_circle_without_a_name_or_already_there_is_not_saved(
    qtbot: QtBot, demo_db: Database, name: str, message: str
) -> None:
    window, page = open_settings(qtbot, demo_db)
    before = len(directory.list_circles(demo_db))
    reach(page.circles.table)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom du cercle": name}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert seen["problems"] == {"name": message}
    assert len(directory.list_circles(demo_db)) == before


def test_editing_a_circle_types_over_its_fields(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_settings(qtbot, demo_db)
    assert page.circles.select_id(CONSULTANTS)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom du cercle": "Bureaux d'études",
                                   "Ordre d'affichage": "3"}, seen=seen))
    open_row(page.circles.table)
    assert seen["open"] is False, seen
    circle = directory.get_circle(demo_db, CONSULTANTS)
    assert (circle.name, circle.position) == ("Bureaux d'études", 3)


# --- public policy -------------------------------------------------------------------------
def test_a_new_policy_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_settings(qtbot, demo_db)
    press_alt(window, Qt.Key.Key_P)  # the box « Politiques publiques »
    assert page.policies.isAncestorOf(focused())
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Code (PCAET, PLH…)": "PAT",
                                   "Libellé": "Projet alimentaire territorial"}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    policy = next(p for p in details.list_policies(demo_db) if p.code == "PAT")
    assert policy.label == "Projet alimentaire territorial"


@pytest.mark.parametrize("code", ["", "PCAET"])
def test_a_policy_without_a_code_or_with_a_code_already_there_is_not_saved(
    qtbot: QtBot, demo_db: Database, code: str
) -> None:
    window, _page = open_settings(qtbot, demo_db)
    before = len(details.list_policies(demo_db))
    press_alt(window, Qt.Key.Key_P)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Code (PCAET, PLH…)": code, "Libellé": "Essai"},
                                  seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["code"]
    assert len(details.list_policies(demo_db)) == before


def test_editing_a_policy_types_over_its_label(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_settings(qtbot, demo_db)
    policy = next(p for p in details.list_policies(demo_db) if p.code == "PLH")
    assert page.policies.select_id(policy.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Libellé": "Programme local de l'habitat 2026-2031"},
                                  seen=seen))
    open_row(page.policies.table)
    assert seen["open"] is False, seen
    after = next(p for p in details.list_policies(demo_db) if p.id == policy.id)
    assert (after.code, after.label) == ("PLH", "Programme local de l'habitat 2026-2031")


# --- priority criterion --------------------------------------------------------------------
def test_a_new_criterion_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_settings(qtbot, demo_db)
    press_alt(window, Qt.Key.Key_I)  # the box « Critères de priorisation »
    assert page.criteria.isAncestorOf(focused())
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Nom du critère": "Coût pour la collectivité",
        "Pondération": "3",
        "Description": "Reste à charge après subventions",
        "Ordre d'affichage": "9",
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    criterion = next(c for c in details.list_criteria(demo_db)
                     if c.name == "Coût pour la collectivité")
    assert (criterion.weight, criterion.description, criterion.position) == (
        3, "Reste à charge après subventions", 9)


def test_a_criterion_without_a_name_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_settings(qtbot, demo_db)
    before = len(details.list_criteria(demo_db))
    press_alt(window, Qt.Key.Key_I)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Nom du critère": "", "Pondération": "2"}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["name"]
    assert len(details.list_criteria(demo_db)) == before


def test_editing_a_criterion_types_over_its_weight(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_settings(qtbot, demo_db)
    assert page.criteria.select_id(RAPIDITY)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Pondération": "4", "Description": ""}, seen=seen))
    open_row(page.criteria.table)
    assert seen["open"] is False, seen
    criterion = next(c for c in details.list_criteria(demo_db) if c.id == RAPIDITY)
    assert (criterion.name, criterion.weight, criterion.description) == ("Rapidité", 4, "")


# --- the scores of an action (Plan d'actions) ------------------------------------------------
def open_scores(qtbot: QtBot, db: Database) -> tuple[MainWindow, ActionsPage]:
    window, page = open_screen(qtbot, db, "actions", "action_list", CYCLE_ACTION)
    assert isinstance(page, ActionsPage)
    press_alt(window, Qt.Key.Key_O)  # « Notes de priorisation »
    assert page.details.currentWidget() is page.scores
    return window, page


def type_scores(page: ActionsPage) -> dict[int, int]:
    """Types 2 for « Facilité » and 3 for « Rapidité »; the scores expected after saving."""
    criteria = {c.name: c.id for c in details.list_criteria(page.context.db)}
    expected = dict(details.get_scores(page.context.db, CYCLE_ACTION))
    for name, score in (("Facilité", 2), ("Rapidité", 3)):
        replace_text(field(page.scores, name), str(score))
        expected[criteria[name]] = score
    return expected


def test_scores_typed_then_saved_with_their_button(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_scores(qtbot, demo_db)
    expected = type_scores(page)
    press_button(page.scores.save_button)  # « Enregistrer les notes », reached with Tab
    assert details.get_scores(demo_db, CYCLE_ACTION) == expected


def test_scores_typed_then_saved_with_ctrl_s(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_scores(qtbot, demo_db)
    expected = type_scores(page)
    press(window, Qt.Key.Key_S, CTRL)
    assert details.get_scores(demo_db, CYCLE_ACTION) == expected


def test_scores_typed_are_kept_when_another_action_is_chosen(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_scores(qtbot, demo_db)
    expected = type_scores(page)
    page.action_list.table.setFocus()
    key(Qt.Key.Key_Down)  # the next action of the list
    assert page.action_list.current_id() != CYCLE_ACTION
    assert details.get_scores(demo_db, CYCLE_ACTION) == expected
    press(window, Qt.Key.Key_Z, CTRL)  # one undo step takes them back
    assert details.get_scores(demo_db, CYCLE_ACTION) != expected
