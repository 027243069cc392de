"""The forms of Instances, typed: a body and its members, opened with the keyboard, filled
key by key, saved with Ctrl+S, then read back from the file."""

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MembershipRole, QuorumRule
from charte_desktop.services import bodies
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.bodies_page import BodiesPage
from tests.ui.keyboard import (
    ALT,
    CTRL,
    field,
    focused,
    key,
    officer_types,
    open_row,
    open_screen,
    press,
    press_button,
    replace_text,
    tick,
    when_form_opens,
)

COPIL = 1  # « Comité de pilotage de la charte »
COTECH = 2  # « Comité technique de la charte »
CYCLE_ACTION = 5  # « 1.5 Développer la cyclologistique pour le dernier kilomètre »
ODILE_PROST = 36  # a contact with no structure, member of no body
SYLVIE_MARGUET = 2  # chairs the COPIL


def open_bodies(qtbot: QtBot, db: Database, item_id: int | None = None
                ) -> tuple[MainWindow, BodiesPage]:
    window, page = open_screen(qtbot, db, "bodies", "bodies", item_id)
    assert isinstance(page, BodiesPage)
    return window, page


def body_named(db: Database, name: str) -> bodies.BodyRow | None:
    return next((r for r in bodies.list_bodies(db) if r.name == name), None)


# --- body ----------------------------------------------------------------------------------
def test_a_new_body_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_bodies(qtbot, demo_db)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Type d'instance": "groupe",  # « Groupe projet »: only it follows an action
        "Nom": "Groupe projet « Cyclologistique »",
        "Mission": "Arbitrer les priorités de la charte",
        "Fréquence habituelle": "Deux fois par an",
        "Action suivie (groupe projet)": "cyclologistique",
        "Règle de quorum": "part des",
        "Quorum (nombre ou % des votants)": "50",
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    row = body_named(demo_db, "Groupe projet « Cyclologistique »")
    assert row is not None
    body = bodies.get_body(demo_db, row.id)
    assert body.kind is BodyKind.PROJECT_GROUP
    assert body.mission == "Arbitrer les priorités de la charte"
    assert body.frequency == "Deux fois par an"
    assert body.action_id == CYCLE_ACTION
    assert (body.quorum_rule, body.quorum_value) == (QuorumRule.SHARE, 50)


def test_a_body_without_a_name_or_with_a_vague_kind_is_not_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, _page = open_bodies(qtbot, demo_db)
    before = len(bodies.list_bodies(demo_db))
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Type d'instance": "cotech", "Nom": ""}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["name"]
    assert "obligatoire" in seen["problems"]["name"]

    seen = {}
    when_form_opens(officer_types({"Type d'instance": "comite", "Nom": "Comité X"},
                                    seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert seen["problems"] == {
        "kind": "« comite » correspond à 4 éléments de la liste : précisez."}
    assert len(bodies.list_bodies(demo_db)) == before


def test_editing_a_body_types_over_its_fields(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_bodies(qtbot, demo_db, COTECH)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Type d'instance": "comite strat",  # « Comité stratégique », without accents
        "Nom": "Comité technique élargi",
        "Fréquence habituelle": "",
        "Règle de quorum": "nombre",
        "Quorum (nombre ou % des votants)": "3",
    }, seen=seen))
    open_row(page.bodies.table)
    assert seen["open"] is False, seen
    body = bodies.get_body(demo_db, COTECH)
    assert (body.kind, body.name, body.frequency) == (
        BodyKind.STRATEGIC_COMMITTEE, "Comité technique élargi", "")
    assert (body.quorum_rule, body.quorum_value) == (QuorumRule.COUNT, 3)


# --- membership ----------------------------------------------------------------------------
def test_alt_j_opens_the_member_form(qtbot: QtBot, demo_db: Database) -> None:
    """« A&jouter un membre »: Alt+A was the menu « Aller à »."""
    window, page = open_bodies(qtbot, demo_db, COPIL)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Contact": "odile"}, seen=seen))
    press(window, Qt.Key.Key_J, ALT)
    qtbot.wait(200)  # a button's Alt+letter clicks it 100 ms later
    opened_by_alt_j = bool(seen)
    if not opened_by_alt_j:  # Alt+J only put the focus on the button: Espace presses it
        assert focused() is page.members.new_button
        key(Qt.Key.Key_Space)
    assert seen.get("open") is False, seen
    assert any(m.contact_id == ODILE_PROST for m in bodies.list_memberships(demo_db, COPIL))
    assert opened_by_alt_j


def test_a_new_member_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    _window, page = open_bodies(qtbot, demo_db, COPIL)

    def fill(dialog: Any) -> None:
        replace_text(field(dialog, "Contact"), "odile")
        replace_text(field(dialog, "Rôle"), "referent")  # « Référent·e »
        tick(field(dialog, "Voix délibérative (votant)"))  # ticked by default: now not
        replace_text(field(dialog, "Date d'entrée"), "1/9/26")
        replace_text(field(dialog, "Date de sortie"), "31122027")
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(fill)
    press_button(page.members.new_button)  # « Ajouter un membre »
    member = next((m for m in bodies.list_memberships(demo_db, COPIL)
                   if m.contact_id == ODILE_PROST), None)
    assert member is not None
    assert (member.role, member.voting) == (MembershipRole.REFERENT, False)
    assert (member.start_date, member.end_date) == (date(2026, 9, 1), date(2027, 12, 31))


def test_a_member_already_there_unknown_or_with_an_impossible_date_is_not_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_bodies(qtbot, demo_db, COPIL)
    before = len(bodies.list_memberships(demo_db, COPIL))
    cases = [
        ({"Contact": "marguet"}, {
            "contact_id": "Sylvie Marguet est déjà membre de l'instance « Comité de pilotage "
                          "de la charte »."}),
        ({"Contact": "Personne inconnue"}, {
            "contact_id": "« Personne inconnue » ne correspond à aucun élément de la liste."}),
        ({"Contact": "odile", "Date de sortie": "31/02/2026"}, {
            "end_date": "La date « 31/02/2026 » n'existe pas."}),
        ({"Date d'entrée": "1/9/26"}, {
            "contact_id": "Le champ « Contact » est obligatoire."}),
    ]
    for typed, problems in cases:
        seen: dict[str, Any] = {}
        when_form_opens(officer_types(typed, seen=seen))
        press_button(page.members.new_button)
        assert seen["open"] is True, typed
        assert seen["problems"] == problems, typed
    assert len(bodies.list_memberships(demo_db, COPIL)) == before


def test_editing_a_member_types_over_a_date_then_empties_the_other(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_bodies(qtbot, demo_db, COPIL)
    member = next(m for m in bodies.list_memberships(demo_db, COPIL)
                  if m.contact_id == SYLVIE_MARGUET)
    assert member.start_date is not None and member.end_date is None
    assert page.members.select_id(member.id)

    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date d'entrée": "15.10.2025",
                                     "Date de sortie": "30/6/27"}, seen=seen))
    open_row(page.members.table)
    assert seen["open"] is False, seen
    after = bodies.get_membership(demo_db, member.id)
    assert (after.start_date, after.end_date) == (date(2025, 10, 15), date(2027, 6, 30))

    seen = {}
    when_form_opens(officer_types({"Date de sortie": ""}, seen=seen))
    open_row(page.members.table)
    assert seen["open"] is False, seen
    after = bodies.get_membership(demo_db, member.id)
    assert (after.start_date, after.end_date) == (date(2025, 10, 15), None)
    assert after.role is member.role
