"""Ctrl+Z undoes a deletion, and Ctrl+Y deletes again, driven by keys as the officer does."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, MeetingState
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Attendance,
    Axis,
    Body,
    BudgetYear,
    Contact,
    Decision,
    FollowUp,
    Funding,
    Meeting,
    Membership,
    Milestone,
    Plan,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import actions, bodies, directory, meetings
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.directory_page import DirectoryPage
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import when_dialog_opens
from tests.whole_file import dump, richest_action

CTRL = Qt.KeyboardModifier.ControlModifier
YES = QMessageBox.StandardButton.Yes


def open_window(qtbot: QtBot, db: Database, screen: str) -> tuple[MainWindow, Any]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window, window.show_screen(screen)


def count(db: Database, model: Any, *where: Any) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def activate(qtbot: QtBot, window: Any) -> None:
    """Back to the window, as after a form closes: its shortcuts work when it is active."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def press_delete(qtbot: QtBot, answers: DialogAnswers, page: ListPage[Any],
                 item_id: int) -> None:
    """Select the row, press Suppr on the list and answer Oui."""
    assert page.select_id(item_id)
    activate(qtbot, page.window())
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=2000)
    answers.answers.append(YES)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)


def _shortcut(window: MainWindow, key: Qt.Key) -> None:
    """Ctrl+key through the window system, as a real key; menu shortcuts need the window
    active (a form or message box has just closed)."""
    window.activateWindow()
    for _ in range(200):
        if QApplication.activeWindow() is window:
            break
        QTest.qWait(10)
    QTest.keyClick(window.windowHandle(), key, CTRL)


def undo(window: MainWindow) -> None:
    _shortcut(window, Qt.Key.Key_Z)


def redo(window: MainWindow) -> None:
    _shortcut(window, Qt.Key.Key_Y)


def test_ctrl_z_brings_back_a_deleted_action_with_all_it_carried(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    action_id = richest_action(demo_db)
    before = dump(demo_db)
    milestones = count(demo_db, Milestone, Milestone.action_id == action_id)

    press_delete(qtbot, answer_dialogs, page.action_list, action_id)
    [question] = answer_dialogs.asked
    assert question.startswith("Supprimer l'action")
    assert question.endswith("\n\nCtrl+Z annule la suppression.")
    assert "ne peut pas être annulée" not in question
    assert count(demo_db, Action, Action.id == action_id) == 0
    assert count(demo_db, Milestone, Milestone.action_id == action_id) == 0
    assert count(demo_db, Decision, Decision.action_id == action_id) == 0
    assert page.action_list.current_id() != action_id
    deleted = dump(demo_db)

    undo(window)
    assert count(demo_db, Milestone, Milestone.action_id == action_id) == milestones
    for model in (Funding, BudgetYear, ActionNote, Decision, FollowUp, Body):
        assert count(demo_db, model, model.action_id == action_id), model.__name__
    assert dump(demo_db) == before  # same ids, links and timestamps
    assert action_id in {row.id for row in page.action_list.visible_rows()}

    redo(window)
    assert dump(demo_db) == deleted
    assert action_id not in {row.id for row in page.action_list.visible_rows()}

    undo(window)
    assert dump(demo_db) == before
    assert answer_dialogs.warnings == []


def test_an_edit_made_before_the_deletion_is_still_undone_after_it(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "actions")
    action_id = richest_action(demo_db)
    status = actions.get_action(demo_db, action_id).status
    other = next(s for s in ActionStatus if s is not status)

    def change_status(dialog: FormDialog[Any]) -> None:
        dialog.inputs["status"].set(other)
        dialog.validate()
        dialog.save_button.click()

    assert page.action_list.select_id(action_id)
    when_dialog_opens(change_status)
    qtbot.mouseClick(page.action_list.edit_button, Qt.MouseButton.LeftButton)
    assert actions.get_action(demo_db, action_id).status is other

    press_delete(qtbot, answer_dialogs, page.action_list, action_id)
    assert count(demo_db, Action, Action.id == action_id) == 0

    undo(window)  # the deletion
    assert actions.get_action(demo_db, action_id).status is other
    undo(window)  # the edit, on the very same action
    assert actions.get_action(demo_db, action_id).status is status
    redo(window)
    assert actions.get_action(demo_db, action_id).status is other
    redo(window)
    assert count(demo_db, Action, Action.id == action_id) == 0
    assert answer_dialogs.warnings == []


def test_a_creation_undone_and_redone_keeps_its_id_for_later_steps(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "actions")

    def type_new_action(dialog: FormDialog[Any]) -> None:
        qtbot.keyClicks(dialog.inputs["code"].widget, "9.9")
        qtbot.keyClicks(dialog.inputs["title"].widget, "Nouvelle fiche")
        dialog.validate()
        dialog.save_button.click()

    when_dialog_opens(type_new_action)
    qtbot.mouseClick(page.action_list.new_button, Qt.MouseButton.LeftButton)
    created = page.action_list.current_id()
    assert created is not None

    def rename(dialog: FormDialog[Any]) -> None:
        dialog.inputs["title"].set("Fiche renommée")
        dialog.validate()
        dialog.save_button.click()

    when_dialog_opens(rename)
    qtbot.mouseClick(page.action_list.edit_button, Qt.MouseButton.LeftButton)
    # Outside the history (an import…), another action takes the next id: created anew,
    # the fiche would get yet another id and the renaming would no longer find it.
    plan_id = actions.get_action(demo_db, created).plan_id
    later = actions.create_action(demo_db, actions.ActionFields(
        plan_id=plan_id, code="9.10", title="Créée à côté")).id
    assert later > created
    undo(window)
    undo(window)
    assert count(demo_db, Action, Action.id == created) == 0
    redo(window)
    redo(window)
    assert actions.get_action(demo_db, created).title == "Fiche renommée"
    assert answer_dialogs.warnings == []


def test_a_deleted_plan_comes_back_with_its_axes_and_actions(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    plan_id = page.plan_id()
    assert plan_id is not None
    before = dump(demo_db)
    axes = count(demo_db, Axis, Axis.plan_id == plan_id)
    assert axes and count(demo_db, Action, Action.plan_id == plan_id)

    answer_dialogs.answers.append(YES)
    page._delete_plan()
    assert answer_dialogs.asked[0].endswith("Ctrl+Z annule la suppression.")
    assert count(demo_db, Plan) == 0 and count(demo_db, Action) == 0

    undo(window)
    assert count(demo_db, Axis, Axis.plan_id == plan_id) == axes
    assert dump(demo_db) == before
    assert page.plan_id() == plan_id and page.action_list.visible_rows()


def test_a_deleted_contact_comes_back_with_memberships_and_invitations(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "directory")
    assert isinstance(page, DirectoryPage)
    with demo_db.session() as session:
        candidates = list(session.scalars(select(Contact.id).order_by(Contact.id)))
        body_id = session.scalar(select(Body.id).limit(1))
        planned = session.scalar(
            select(Meeting.id).where(Meeting.state == MeetingState.PLANNED).limit(1))
        action_id = session.scalar(select(Action.id).limit(1))
    contact_id = None
    for candidate in candidates:  # not in the attendance of a held meeting
        try:
            with demo_db.dry_run():
                directory.delete_contact(demo_db, candidate)
        except CharteError:
            continue
        contact_id = candidate
        break
    assert contact_id is not None and body_id and planned and action_id
    # A member of an instance, invited to a meeting to come, pilot of an action.
    bodies.create_membership(demo_db, bodies.MembershipFields(body_id, contact_id))
    meetings.add_invitee(demo_db, planned, contact_id)
    with demo_db.session() as session:
        session.get_one(Action, action_id).pilot_id = contact_id
    page.refresh()
    before = dump(demo_db)

    press_delete(qtbot, answer_dialogs, page.contacts, contact_id)
    assert count(demo_db, Membership, Membership.contact_id == contact_id) == 0
    assert count(demo_db, Attendance, Attendance.contact_id == contact_id) == 0

    assert actions.get_action(demo_db, action_id).pilot_id is None

    undo(window)
    assert count(demo_db, Membership, Membership.contact_id == contact_id) == 1
    assert count(demo_db, Attendance, Attendance.contact_id == contact_id) == 1
    assert actions.get_action(demo_db, action_id).pilot_id == contact_id
    assert dump(demo_db) == before


def test_a_deleted_meeting_comes_back_with_agenda_attendance_and_outcomes(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "meetings")
    assert isinstance(page, MeetingsPage)
    with demo_db.session() as session:
        meeting_id = session.scalar(
            select(Meeting.id)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .join(Decision, Decision.meeting_id == Meeting.id)
            .join(FollowUp, FollowUp.meeting_id == Meeting.id)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(Decision.action_id.is_not(None)).limit(1))
    assert meeting_id is not None
    for filter_ in page.meetings.filters.values():
        filter_.set_value(None)
    before = dump(demo_db)
    notes = count(demo_db, ActionNote, ActionNote.decision_id.is_not(None))

    press_delete(qtbot, answer_dialogs, page.meetings, meeting_id)
    assert count(demo_db, Meeting, Meeting.id == meeting_id) == 0
    assert count(demo_db, ActionNote, ActionNote.decision_id.is_not(None)) < notes

    undo(window)
    for model in (AgendaItem, Attendance, Decision, FollowUp):
        assert count(demo_db, model, model.meeting_id == meeting_id), model.__name__
    assert count(demo_db, ActionNote, ActionNote.decision_id.is_not(None)) == notes
    assert dump(demo_db) == before


def test_an_undo_blocked_since_says_why_in_french_and_the_history_goes_on(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "actions")
    action_id = richest_action(demo_db)
    original = actions.get_action(demo_db, action_id)
    press_delete(qtbot, answer_dialogs, page.action_list, action_id)
    # Outside the history (another part of the program), a new action takes its code.
    actions.create_action(demo_db, actions.ActionFields(
        plan_id=original.plan_id, code=original.code, title="Autre fiche"))

    undo(window)
    assert answer_dialogs.warnings == [
        f"La suppression ne peut plus être annulée : « {original.code} » est maintenant "
        "utilisé par un autre élément."
    ]
    assert count(demo_db, Action, Action.id == action_id) == 0
    assert window.undo_stack.count() == 0 and not window.undo_stack.canRedo()


def test_removing_an_invitee_is_undone_by_ctrl_z(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_window(qtbot, demo_db, "meetings")
    assert isinstance(page, MeetingsPage)
    with demo_db.session() as session:
        meeting_id = session.scalar(
            select(Meeting.id).where(Meeting.state == MeetingState.PLANNED).limit(1))
    assert meeting_id is not None
    for filter_ in page.meetings.filters.values():
        filter_.set_value(None)
    assert page.meetings.select_id(meeting_id)
    invitees = count(demo_db, Attendance, Attendance.meeting_id == meeting_id)
    attendance_id = page.attendance.visible_rows()[0].id
    before = dump(demo_db)

    assert page.attendance.select_id(attendance_id)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert count(demo_db, Attendance, Attendance.meeting_id == meeting_id) == invitees - 1

    undo(window)
    assert dump(demo_db) == before
    assert attendance_id in {row.id for row in page.attendance.visible_rows()}
    redo(window)
    assert count(demo_db, Attendance, Attendance.id == attendance_id) == 0
    assert answer_dialogs.warnings == []


def test_every_entity_names_its_model_so_its_deletions_can_be_undone() -> None:
    """An Entity without `model` would fall back to a deletion that empties the history."""
    import ast
    from pathlib import Path

    import charte_desktop.ui

    found, missing = 0, []
    for source in Path(charte_desktop.ui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "Entity"):
                found += 1
                if "model" not in {k.arg for k in node.keywords}:
                    missing.append(f"{source.name}:{node.lineno}")
    assert found >= 20 and missing == []
