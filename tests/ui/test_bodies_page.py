"""Instances screen, driven as the officer would."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MembershipRole, QuorumRule
from charte_desktop.services import bodies
from charte_desktop.services.directory import list_contacts
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.bodies_page import BodiesPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, BodiesPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("bodies")
    assert isinstance(page, BodiesPage)
    return window, page


def body_named(db: Database, name: str) -> bodies.BodyRow | None:
    return next((r for r in bodies.list_bodies(db) if r.name == name), None)


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_lists_the_demo_bodies_and_members(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    rows = page.bodies.visible_rows()
    assert [r.name for r in rows] == [r.name for r in bodies.list_bodies(demo_db)]
    assert rows[0].kind is BodyKind.COPIL
    assert page.bodies.proxy.index(0, 0).data() == "COPIL"
    # The first body is selected: its members are listed below, with their role in words.
    assert page.current_body_id() == rows[0].id
    members = page.members.visible_rows()
    assert len(members) == len(bodies.list_memberships(demo_db, rows[0].id))
    assert page.members.proxy.index(0, 3).data() == "Président·e"
    assert "Mission :" in page.summary.text()
    # Each member's circle (their own, else their structure's), and the body's breakdown.
    assert [page.members.proxy.index(row, 2).data() for row in range(len(members))] == [
        bodies.member_circle(m) for m in bodies.list_memberships(demo_db, rows[0].id)]
    breakdown = bodies.circle_breakdown(demo_db, rows[0].id)
    assert page.circles.text() == (
        f"Membres actuels par cercle : {bodies.breakdown_text(breakdown)}")
    assert page.circles.accessibleName() == "Membres actuels par cercle"


def test_the_circles_follow_the_selected_body(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    for row in page.bodies.visible_rows():
        assert page.bodies.select_id(row.id)
        breakdown = bodies.circle_breakdown(demo_db, row.id)
        expected = (f"Membres actuels par cercle : {bodies.breakdown_text(breakdown)}"
                    if breakdown else "Membres actuels par cercle : aucun membre actuel.")
        assert page.circles.text() == expected


def test_type_filter_shows_only_project_groups(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    page.bodies.filters["kind"].set_value(BodyKind.PROJECT_GROUP)
    rows = page.bodies.visible_rows()
    assert rows and {r.kind for r in rows} == {BodyKind.PROJECT_GROUP}
    assert len(rows) < len(bodies.list_bodies(demo_db))


def test_create_edit_undo_and_delete_a_body(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    before = len(bodies.list_bodies(demo_db))

    def type_new_body(dialog: Any) -> None:
        dialog.inputs["kind"].set(BodyKind.STRATEGIC_COMMITTEE)
        type_text(qtbot, dialog.inputs["name"].widget, "Comité stratégique élargi")
        dialog.inputs["quorum_rule"].set(QuorumRule.COUNT)
        dialog.inputs["quorum_value"].set(6)
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(type_new_body)
    click(qtbot, page.bodies.new_button)
    created = body_named(demo_db, "Comité stratégique élargi")
    assert created is not None and created.kind is BodyKind.STRATEGIC_COMMITTEE
    assert page.current_body_id() == created.id
    assert bodies.get_body(demo_db, created.id).quorum_value == 6

    def change_frequency(dialog: Any) -> None:
        qtbot.keyClicks(dialog.inputs["frequency"].widget, "Trois fois par an")
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(change_frequency)
    click(qtbot, page.bodies.edit_button)
    assert bodies.get_body(demo_db, created.id).frequency == "Trois fois par an"
    window.undo_stack.undo()
    assert bodies.get_body(demo_db, created.id).frequency == ""
    window.undo_stack.redo()
    assert bodies.get_body(demo_db, created.id).frequency == "Trois fois par an"

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.bodies.select_id(created.id)
    click(qtbot, page.bodies.delete_button)
    assert answer_dialogs.asked[0].startswith(
        "Supprimer l'instance « Comité stratégique élargi » ?")
    assert len(bodies.list_bodies(demo_db)) == before


def test_deleting_a_body_names_its_meetings(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    _, page = open_page(qtbot, demo_db)
    copil = page.bodies.visible_rows()[0]
    answer_dialogs.answers.append(QMessageBox.StandardButton.No)
    click(qtbot, page.bodies.delete_button)
    assert f"et ses {copil.meeting_count} réunions ?" in answer_dialogs.asked[0]
    assert body_named(demo_db, copil.name) is not None


def test_invalid_quorum_shows_the_message_and_saves_nothing(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    before = len(bodies.list_bodies(demo_db))
    seen: dict[str, Any] = {}

    def type_bad_quorum(dialog: Any) -> None:
        qtbot.keyClicks(dialog.inputs["name"].widget, "Groupe sans quorum")
        dialog.inputs["quorum_rule"].set(QuorumRule.SHARE)
        dialog.inputs["quorum_value"].set(0)
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["visible"] = not dialog.errors["quorum_value"].isHidden()
        seen["message"] = dialog.errors["quorum_value"].text()
        dialog.done(0)

    when_dialog_opens(type_bad_quorum)
    click(qtbot, page.bodies.new_button)
    assert seen["enabled"] is False and seen["visible"] is True
    assert "« Quorum (en % des votants) »" in seen["message"]
    assert len(bodies.list_bodies(demo_db)) == before


def test_add_edit_and_remove_a_member(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    body_id = page.current_body_id()
    assert body_id is not None
    member_ids = {m.contact_id for m in bodies.list_memberships(demo_db, body_id)}
    newcomer = next(c for c in list_contacts(demo_db) if c.id not in member_ids)
    count_before = page.bodies.visible_rows()[0].member_count

    def add_member(dialog: Any) -> None:
        dialog.inputs["contact_id"].set(newcomer.id)
        dialog.inputs["role"].set(MembershipRole.PERMANENT_GUEST)
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(add_member)
    click(qtbot, page.members.new_button)
    membership = next(m for m in bodies.list_memberships(demo_db, body_id)
                      if m.contact_id == newcomer.id)
    assert membership.role is MembershipRole.PERMANENT_GUEST
    assert page.members.current_id() == membership.id
    assert page.bodies.visible_rows()[0].member_count == count_before + 1

    def not_voting(dialog: Any) -> None:
        dialog.inputs["voting"].set(False)
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(not_voting)
    click(qtbot, page.members.edit_button)
    assert bodies.get_membership(demo_db, membership.id).voting is False
    window.undo_stack.undo()
    assert bodies.get_membership(demo_db, membership.id).voting is True

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.members.select_id(membership.id)
    click(qtbot, page.members.delete_button)
    assert answer_dialogs.asked[0].startswith(f"Retirer {newcomer.name} de l'instance")
    assert newcomer.id not in {m.contact_id for m in bodies.list_memberships(demo_db, body_id)}


def test_member_already_in_the_body_is_refused_beside_the_field(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    body_id = page.current_body_id() or 0
    existing = bodies.list_memberships(demo_db, body_id)[0]
    before = len(bodies.list_memberships(demo_db, body_id))
    seen: dict[str, Any] = {}

    def pick_existing(dialog: Any) -> None:
        dialog.validate()
        seen["empty"] = dialog.errors["contact_id"].text()
        dialog.inputs["contact_id"].set(existing.contact_id)
        dialog.validate()
        seen["message"] = dialog.errors["contact_id"].text()
        seen["enabled"] = dialog.save_button.isEnabled()
        dialog.done(0)

    when_dialog_opens(pick_existing)
    click(qtbot, page.members.new_button)
    assert seen["empty"] == "Le champ « Contact » est obligatoire."
    assert "est déjà membre de l'instance" in seen["message"]
    assert seen["enabled"] is False
    assert len(bodies.list_memberships(demo_db, body_id)) == before
