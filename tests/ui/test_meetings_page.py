"""Réunions screen, driven as the officer would."""

from datetime import date, time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.services import meetings
from charte_desktop.services.bodies import current_members, list_bodies
from charte_desktop.ui import choices
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens
from tests.ui.test_attendance_roll_call import press_alt_in


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, MeetingsPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("meetings")
    assert isinstance(page, MeetingsPage)
    return window, page


def click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def planned_copil(db: Database) -> meetings.MeetingRow:
    return next(r for r in meetings.list_meetings(db)
                if r.state is MeetingState.PLANNED and r.body_kind.value == "copil")


def test_lists_the_demo_meetings_with_state_in_words(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    rows = page.meetings.visible_rows()
    assert [r.id for r in rows] == [r.id for r in meetings.list_meetings(demo_db)]
    first = rows[0]
    assert page.meetings.proxy.index(0, 0).data() == first.date.strftime("%d/%m/%Y")
    states = [page.meetings.proxy.index(i, 4).data() for i in range(len(rows))]
    assert "Tenue" in states and "Prévue" in states and "Annulée" in states


def test_filters_by_state_body_and_period(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    page.meetings.filters["state"].set_value(MeetingState.PLANNED)
    rows = page.meetings.visible_rows()
    assert rows and {r.state for r in rows} == {MeetingState.PLANNED}
    page.meetings.filters["state"].set_value(None)

    copil = list_bodies(demo_db)[0]
    page.meetings.filters["body_id"].set_value(copil.id)
    assert {r.body_id for r in page.meetings.visible_rows()} == {copil.id}
    page.meetings.filters["body_id"].set_value(None)

    page.meetings.filters["period"].set_value("upcoming")
    upcoming = page.meetings.visible_rows()
    assert upcoming and all(r.date >= clock.today() for r in upcoming)
    page.meetings.filters["period"].set_value("past")
    past = page.meetings.visible_rows()
    assert past and all(r.date < clock.today() for r in past)
    assert len(upcoming) + len(past) == len(meetings.list_meetings(demo_db))


def test_create_edit_undo_and_delete_a_meeting(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    copil = list_bodies(demo_db)[0]
    page.meetings.filters["body_id"].set_value(copil.id)
    before = len(meetings.list_meetings(demo_db))

    def type_new_meeting(dialog: Any) -> None:
        assert dialog.inputs["body_id"].get() == copil.id  # the filtered body is proposed
        dialog.inputs["date"].set(date(2027, 3, 16))
        dialog.inputs["start_time"].set(time(14, 0))
        type_text(qtbot, dialog.inputs["place"].widget, "Salle du conseil, hôtel de ville")
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(type_new_meeting)
    click(qtbot, page.meetings.new_button)
    created = next(r for r in meetings.list_meetings(demo_db) if r.date == date(2027, 3, 16))
    assert created.place == "Salle du conseil, hôtel de ville"
    assert page.meeting_id() == created.id
    assert created.invitee_count > 0  # the body's members are invited
    assert page.attendance.model.rowCount() == created.invitee_count

    def mark_held(dialog: Any) -> None:
        dialog.inputs["state"].set(MeetingState.HELD)
        dialog.validate()
        click(qtbot, dialog.save_button)

    # Held, though dated 16/03/2027 (yes), with everyone still convoqué·e (absent·es).
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    when_dialog_opens(press_alt_in(Qt.Key.Key_A), kind=QMessageBox)  # « &absent·es »
    when_dialog_opens(mark_held)
    click(qtbot, page.meetings.edit_button)
    assert answer_dialogs.asked[0].startswith("Cette réunion est datée du 16/03/2027")
    held = meetings.get_meeting(demo_db, created.id)
    assert held.state is MeetingState.HELD
    assert {a.state for a in held.attendances} == {AttendanceState.ABSENT}
    window.undo_stack.undo()  # both, in one step
    planned = meetings.get_meeting(demo_db, created.id)
    assert planned.state is MeetingState.PLANNED
    assert {a.state for a in planned.attendances} == {AttendanceState.INVITED}
    answer_dialogs.asked.clear()

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.meetings.select_id(created.id)
    click(qtbot, page.meetings.delete_button)
    assert answer_dialogs.asked[0].startswith(
        f"Supprimer la réunion « {copil.name} du 16/03/2027 » ?")
    assert len(meetings.list_meetings(demo_db)) == before


def test_end_before_start_shows_the_message_and_saves_nothing(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    before = len(meetings.list_meetings(demo_db))
    seen: dict[str, Any] = {}

    def type_bad_hours(dialog: Any) -> None:
        dialog.inputs["start_time"].set(time(18, 0))
        dialog.inputs["end_time"].set(time(9, 30))
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["visible"] = not dialog.errors["end_time"].isHidden()
        seen["message"] = dialog.errors["end_time"].text()
        dialog.done(0)

    when_dialog_opens(type_bad_hours)
    click(qtbot, page.meetings.new_button)
    assert seen["enabled"] is False and seen["visible"] is True
    assert seen["message"].startswith("Le champ « Heure de fin » (09:30)")
    assert len(meetings.list_meetings(demo_db)) == before


def test_agenda_points_move_up_and_down(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    meeting = planned_copil(demo_db)
    page.show_item(meeting.id)
    titles = [a.title for a in meetings.get_meeting(demo_db, meeting.id).agenda_items]
    assert [a.title for a in page.agenda.visible_rows()] == titles
    page.agenda.select_id(page.agenda.visible_rows()[0].id)
    click(qtbot, page.down_button)
    moved = [a.title for a in meetings.get_meeting(demo_db, meeting.id).agenda_items]
    assert moved == [titles[1], titles[0], *titles[2:]]
    assert page.agenda.current_row().title == titles[0]
    click(qtbot, page.up_button)
    assert [a.title for a in meetings.get_meeting(demo_db, meeting.id).agenda_items] == titles


def test_agenda_point_with_minutes_text(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    meeting = planned_copil(demo_db)
    page.show_item(meeting.id)

    def type_point(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["title"].widget, "Bilan à mi-parcours")
        dialog.inputs["duration_minutes"].set(20)
        dialog.inputs["minutes_text"].set("Les élus valident le bilan.\n\nÀ diffuser.")
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(type_point)
    click(qtbot, page.agenda.new_button)
    last = meetings.get_meeting(demo_db, meeting.id).agenda_items[-1]
    assert (last.title, last.duration_minutes) == ("Bilan à mi-parcours", 20)
    assert last.minutes_text == "Les élus valident le bilan.\n\nÀ diffuser."
    assert page.meetings.current_row().agenda_count == meeting.agenda_count + 1


def test_attendance_updates_the_quorum_label(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    meeting = planned_copil(demo_db)
    page.show_item(meeting.id)
    assert page.quorum_label.text().startswith("Quorum non atteint : 0 votant présent")
    voting = {m.contact_id for m in current_members(demo_db, meeting.body_id) if m.voting}
    rows = [a for a in page.attendance.visible_rows() if a.contact_id in voting]
    page.state_combo.setCurrentIndex(page.state_combo.findText("Présent·e"))
    for attendance in rows[:3]:
        page.attendance.select_id(attendance.id)
        page.state_combo.setCurrentIndex(page.state_combo.findText("Présent·e"))
        click(qtbot, page.apply_button)
    status = meetings.quorum_status(demo_db, meeting.id)
    assert status.reached and status.present_or_represented == 3
    assert page.quorum_label.text().startswith(
        f"Quorum atteint : 3 votants présents ou représentés sur {status.required} requis")
    assert page.attendance.current_row().state is AttendanceState.PRESENT

    # Représenté·e without a representative: the message, and nothing changes.
    page.attendance.select_id(rows[3].id)
    page.state_combo.setCurrentIndex(page.state_combo.findText("Représenté·e"))
    page.attendance_tab.representative.set(None)
    click(qtbot, page.apply_button)
    assert not page.attendance_error.isHidden()
    assert page.attendance_error.text().startswith("Indiquez qui représente")
    representative = dict(choices.contacts(demo_db)())[rows[0].contact_id]
    page.representative_combo.lineEdit().selectAll()
    type_text(qtbot, page.representative_combo, representative)
    click(qtbot, page.apply_button)
    assert meetings.quorum_status(demo_db, meeting.id).present_or_represented == 4
    assert page.attendance.current_row().represented_by_id == rows[0].contact_id


def test_invite_and_remove_a_guest(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    meeting = planned_copil(demo_db)
    page.show_item(meeting.id)
    invited = {a.contact_id for a in page.attendance.visible_rows()}
    guest_id, guest = next((contact_id, label) for contact_id, label in
                           choices.contacts(demo_db)() if contact_id not in invited)
    type_text(qtbot, page.invitee_combo, guest)
    click(qtbot, page.attendance_tab.add_button)
    attendances = meetings.get_meeting(demo_db, meeting.id).attendances
    assert guest_id in {a.contact_id for a in attendances}
    row = next(a for a in page.attendance.visible_rows() if a.contact_id == guest_id)
    page.attendance.select_id(row.id)
    click(qtbot, page.remove_button)
    attendances = meetings.get_meeting(demo_db, meeting.id).attendances
    assert guest_id not in {a.contact_id for a in attendances}


def test_follow_up_done_toggle_and_decision_form(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    _, page = open_page(qtbot, demo_db)
    meeting = next(r for r in meetings.list_meetings(demo_db) if r.state is MeetingState.HELD
                   and not all(f.done for f in meetings.get_meeting(demo_db, r.id).follow_ups))
    page.show_item(meeting.id)
    page.tabs.setCurrentWidget(page.follow_ups)
    open_one = next(f for f in page.follow_ups.visible_rows() if not f.done)
    page.follow_ups.select_id(open_one.id)
    assert not page.done_button.isChecked()
    click(qtbot, page.done_button)
    done = next(f for f in meetings.get_meeting(demo_db, meeting.id).follow_ups
                if f.id == open_one.id)
    assert done.done and done.done_date == clock.today()
    assert page.done_button.isChecked()
    assert page.follow_ups.current_row().done
    click(qtbot, page.done_button)
    undone = next(f for f in meetings.get_meeting(demo_db, meeting.id).follow_ups
                  if f.id == open_one.id)
    assert not undone.done and undone.done_date is None

    first_point = meetings.get_meeting(demo_db, meeting.id).agenda_items[0]

    def type_decision(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["text"].widget, "Le comité valide le calendrier.")
        dialog.inputs["agenda_item_id"].set(first_point.id)
        dialog.validate()
        click(qtbot, dialog.save_button)

    page.tabs.setCurrentWidget(page.decisions)
    when_dialog_opens(type_decision)
    click(qtbot, page.decisions.new_button)
    decision = meetings.get_meeting(demo_db, meeting.id).decisions[-1]
    assert decision.text == "Le comité valide le calendrier."
    assert decision.agenda_item_id == first_point.id

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.decisions.select_id(decision.id)
    click(qtbot, page.decisions.delete_button)
    assert answer_dialogs.asked[0].startswith(
        "Supprimer la décision « Le comité valide le calendrier. » ?")
    assert decision.id not in {d.id for d in meetings.get_meeting(demo_db, meeting.id).decisions}
