"""The roll call in « Présences », with the keyboard only: arrows, one letter per state,
Shift+arrows for several rows, « Tous présents », a proxy typed in its picker; then the
file is read."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.services import meetings
from charte_desktop.services.bodies import current_members
from charte_desktop.services.meeting_details import AttendanceRow
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.attendance_tab import HINT
from charte_desktop.ui.pages.holding_editor import NOT_HELD
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from charte_desktop.ui.pages.representative_dialog import RepresentativeDialog, holder_choices
from tests.ui.conftest import DialogAnswers
from tests.ui.keyboard import (
    CTRL,
    activate,
    focused,
    key,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    type_keys,
    when_form_opens,
)

PARTNERS_MEETING = 11  # comité des partenaires of 04/02/2027: 26 invited
COTECH_MEETING = 9  # COTECH of 03/12/2026: 12 invited
NADIA_BENALI = 4  # in the directory, not invited to the comité des partenaires
SHIFT = Qt.KeyboardModifier.ShiftModifier
P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT


def until_active(dialog: QWidget) -> None:
    """Offscreen, a stale activation of the main window may come after a dialog opens:
    give it back to the dialog, as a real system keeps it."""
    for _ in range(50):
        activate(dialog)
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is dialog:
            return
        QTest.qWait(20)
    raise AssertionError("la boîte de dialogue n'a pas le clavier")


def press_alt_in(letter: Qt.Key) -> Callable[[QWidget], None]:
    """For `when_form_opens`: Alt+letter in the question's box once it has the keyboard."""
    return lambda box: (until_active(box), press_alt(box, letter))[0]


def open_attendance(qtbot: QtBot, db: Database, meeting_id: int
                    ) -> tuple[MainWindow, MeetingsPage]:
    window, page = open_screen(qtbot, db, "meetings", "meetings", meeting_id)
    assert isinstance(page, MeetingsPage)
    press_alt(window, Qt.Key.Key_P)  # « Présences »: the keyboard goes to the list
    assert focused() is page.attendance.table
    return window, page


def states(db: Database, meeting_id: int) -> dict[int, tuple[AttendanceState, int | None]]:
    return {a.contact_id: (a.state, a.represented_by_id)
            for a in meetings.get_meeting(db, meeting_id).attendances}


def shown_ids(page: MeetingsPage) -> list[int]:
    """The people of the list, in its order."""
    return [row.contact_id for row in page.attendance.visible_rows()]


def current_person(page: MeetingsPage) -> int:
    row = page.attendance.current_row()
    assert row is not None
    return row.contact_id


def selected_people(page: MeetingsPage) -> list[int]:
    return [row.contact_id for row in page.attendance_tab.selected_rows()]


def test_the_roll_call_of_26_members_takes_one_key_each(qtbot: QtBot, demo_db: Database
                                                        ) -> None:
    _window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)
    keystrokes = 1  # Alt+P
    people = shown_ids(page)
    assert len(people) == 26
    assert current_person(page) == people[0]
    # Read out in the list's order: most came, three excused themselves, two did not.
    answers = [P] * 26
    for i in (3, 11, 20):
        answers[i] = E
    for i in (7, 18):
        answers[i] = A
    letter = {P: Qt.Key.Key_P, E: Qt.Key.Key_E, A: Qt.Key.Key_A}
    table = page.attendance.table
    tops = []
    for i, answer in enumerate(answers):
        key(letter[answer])
        keystrokes += 1
        tops.append(table.verticalScrollBar().value())
        # Roll-call style: the cursor goes down one row; the last one stays.
        assert current_person(page) == people[min(i + 1, 25)]
        assert selected_people(page) == [people[min(i + 1, 25)]]
        assert focused() is table
    print(f"\nAppel des 26 membres du comité des partenaires : {keystrokes} touches")
    assert keystrokes == 27
    assert tops == sorted(tops)  # the list never jumps back to the top
    recorded = states(demo_db, PARTNERS_MEETING)
    assert [recorded[person] for person in people] == [(a, None) for a in answers]
    assert page.quorum_label.text().startswith("Quorum atteint : ")


def test_shift_arrows_select_several_rows_for_one_key(qtbot: QtBot, demo_db: Database
                                                      ) -> None:
    window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)
    people = shown_ids(page)
    for _ in range(10):
        key(Qt.Key.Key_Down)
    table = page.attendance.table
    key(Qt.Key.Key_Down, SHIFT)
    key(Qt.Key.Key_Down, SHIFT)
    top = table.verticalScrollBar().value()
    assert top > 0  # the list shows its middle
    key(Qt.Key.Key_E)
    recorded = states(demo_db, PARTNERS_MEETING)
    assert [recorded[p][0] for p in people[9:14]] == [
        AttendanceState.INVITED, E, E, E, AttendanceState.INVITED]
    # Nothing jumps: the same rows selected, the cursor and the scroll where they were.
    assert selected_people(page) == people[10:13]
    assert current_person(page) == people[12]
    assert table.verticalScrollBar().value() == top
    assert "3 personnes : excusé·e" in window.statusBar().currentMessage()

    press(window, Qt.Key.Key_Z, CTRL)  # one step for the three of them
    recorded = states(demo_db, PARTNERS_MEETING)
    assert {recorded[p][0] for p in people[10:13]} == {AttendanceState.INVITED}


def test_tous_presents_marks_those_still_convoques(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)
    people = shown_ids(page)
    key(Qt.Key.Key_E)  # the first excused herself
    key(Qt.Key.Key_A)  # the second did not come
    assert page.all_present_button.text() == "Tous présents (&H)"
    press_alt(window, Qt.Key.Key_H)
    recorded = states(demo_db, PARTNERS_MEETING)
    assert [recorded[p][0] for p in people] == [E, A] + [P] * 24
    assert "24 personnes marquées présentes" in window.statusBar().currentMessage()
    assert not page.all_present_button.isEnabled()  # nobody is convoqué·e any more

    press(window, Qt.Key.Key_Z, CTRL)  # undoes « Tous présents » only
    recorded = states(demo_db, PARTNERS_MEETING)
    assert [recorded[p][0] for p in people] == [E, A] + [AttendanceState.INVITED] * 24
    page.attendance.table.setFocus()
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_T)  # T in the list does the same
    assert states(demo_db, PARTNERS_MEETING)[people[5]][0] is P
    assert HINT.startswith("Au clavier dans la liste : P présent·e · E excusé·e · "
                           "A absent·e · R représenté·e · C convoqué·e")
    assert page.attendance_tab.hint.text() == HINT


def choose_representative(typed: str, seen: dict[str, Any]) -> None:
    """When the picker opens: type part of a name, then Entrée (and Échap if it refused)."""

    def action(dialog: RepresentativeDialog) -> None:
        until_active(dialog)
        assert focused() in (dialog.picker.combo, dialog.picker.edit)
        type_keys(typed)
        key(Qt.Key.Key_Return)
        QApplication.processEvents()
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.error.text() if not dialog.error.isHidden() else ""
        if dialog.isVisible():
            key(Qt.Key.Key_Escape)

    when_form_opens(action, kind=RepresentativeDialog)


def test_r_asks_who_and_benali_typed_then_entree_is_benali(qtbot: QtBot, demo_db: Database
                                                           ) -> None:
    _window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)
    people = shown_ids(page)
    represented = people[0]
    seen: dict[str, Any] = {}
    choose_representative("Benali", seen)
    key(Qt.Key.Key_R)
    activate(_window)  # the system gives the window back the keyboard
    assert seen == {"open": False, "error": ""}
    recorded = states(demo_db, PARTNERS_MEETING)
    assert recorded[represented] == (AttendanceState.REPRESENTED, NADIA_BENALI)
    # Not on the list: she came, carrying the proxy.
    assert recorded[NADIA_BENALI] == (P, None)
    assert current_person(page) == people[1]  # the roll call goes on
    assert focused() is page.attendance.table


def test_a_name_that_matches_nobody_is_refused_in_french(qtbot: QtBot, demo_db: Database
                                                         ) -> None:
    _window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)
    before = states(demo_db, PARTNERS_MEETING)
    seen: dict[str, Any] = {}
    choose_representative("Zorglub", seen)
    key(Qt.Key.Key_R)
    activate(_window)
    assert seen == {"open": True,
                    "error": "« Zorglub » ne correspond à aucun élément de la liste."}
    assert states(demo_db, PARTNERS_MEETING) == before
    assert current_person(page) == shown_ids(page)[0]  # the cursor stays on the row


def test_a_holder_not_present_is_refused_then_accepted_once_present(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)
    rows = page.attendance.visible_rows()
    body_id = meetings.get_meeting(demo_db, PARTNERS_MEETING).body_id
    voting = {m.contact_id for m in current_members(demo_db, body_id) if m.voting}
    first = next(i for i in range(len(rows) - 1)
                 if {rows[i].contact_id, rows[i + 1].contact_id} <= voting)
    represented, holder = rows[first], rows[first + 1]
    for _ in range(first):
        key(Qt.Key.Key_Down)
    seen: dict[str, Any] = {}
    choose_representative(holder.name, seen)
    key(Qt.Key.Key_R)
    activate(window)  # the system gives the window back the keyboard
    assert seen["open"] is True
    assert seen["error"].startswith(f"{holder.name} n'est pas marqué")
    assert "d'abord présent" in seen["error"]
    assert states(demo_db, PARTNERS_MEETING)[represented.contact_id][0] is AttendanceState.INVITED
    assert current_person(page) == represented.contact_id

    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_P)  # the holder is here
    key(Qt.Key.Key_Up)
    key(Qt.Key.Key_Up)
    choose_representative(holder.name, seen)
    key(Qt.Key.Key_R)
    activate(window)
    assert seen == {"open": False, "error": ""}
    assert states(demo_db, PARTNERS_MEETING)[represented.contact_id] == (
        AttendanceState.REPRESENTED, holder.contact_id)
    assert page.quorum_label.text().startswith("Quorum non atteint : 2 votants")

    # The holder leaves: the proxy is flagged, and no longer counted.
    assert current_person(page) == holder.contact_id
    key(Qt.Key.Key_A)
    assert page.attendance.visible_rows()[first].proxy_problem
    cell = page.attendance.proxy.index(first, 3)  # « Représenté·e par »
    assert cell.data() == (f"⚠ Pouvoir non valable : {holder.name} est « absent·e » et ne "
                           "peut pas le porter.")
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()
    assert page.quorum_label.text().startswith("Quorum non atteint : 0 votant présent")
    assert page.quorum_label.text().endswith(" 1 pouvoir non valable n'est pas compté.")


# --- holding the meeting ---------------------------------------------------------------------
def hold_through_the_form(window: MainWindow, page: MeetingsPage,
                          seen: dict[str, Any] | None = None) -> None:
    """Entrée on the meeting in the list, « tenue » typed in « État », Ctrl+S."""
    when_form_opens(officer_types({"État": "tenue"}, seen=seen))
    activate(window)
    open_row(page.meetings.table)


def test_holding_asks_what_the_convoques_were_and_confirms_the_date(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_attendance(qtbot, demo_db, COTECH_MEETING)
    people = shown_ids(page)
    key(Qt.Key.Key_P)
    key(Qt.Key.Key_P)
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)  # dated in 12 days: yes
    when_form_opens(press_alt_in(Qt.Key.Key_E), kind=QMessageBox)  # « Les marquer &excusé·es »
    hold_through_the_form(window, page)
    assert answer_dialogs.asked == [
        "Cette réunion est datée du 03/12/2026, dans 12 jours. La marquer tenue quand même ?"]
    meeting = meetings.get_meeting(demo_db, COTECH_MEETING)
    assert meeting.state is MeetingState.HELD
    recorded = states(demo_db, COTECH_MEETING)
    assert [recorded[p][0] for p in people] == [P, P] + [E] * 10

    press(window, Qt.Key.Key_Z, CTRL)  # the state and the attendance, in one step
    assert meetings.get_meeting(demo_db, COTECH_MEETING).state is MeetingState.PLANNED
    recorded = states(demo_db, COTECH_MEETING)
    assert [recorded[p][0] for p in people] == [P, P] + [AttendanceState.INVITED] * 10


def test_going_back_to_the_attendance_keeps_the_meeting_planned(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_attendance(qtbot, demo_db, COTECH_MEETING)
    before = states(demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_O)  # « Ordre du jour »: elsewhere than the attendance
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    when_form_opens(press_alt_in(Qt.Key.Key_R), kind=QMessageBox)  # « &Revenir aux présences »
    hold_through_the_form(window, page)
    assert meetings.get_meeting(demo_db, COTECH_MEETING).state is MeetingState.PLANNED
    assert states(demo_db, COTECH_MEETING) == before
    assert page.tabs.currentWidget() is page.attendance_tab


def test_a_meeting_dated_later_is_not_held_without_confirmation(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_attendance(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_H)  # « Tous présents »: nobody is left convoqué·e
    seen: dict[str, Any] = {}
    answer_dialogs.answers.append(QMessageBox.StandardButton.No)
    hold_through_the_form(window, page, seen)
    assert seen["open"] is True  # the form stays, saying why
    assert seen["problems"] == {"state": NOT_HELD}
    assert meetings.get_meeting(demo_db, COTECH_MEETING).state is MeetingState.PLANNED
    assert len(answer_dialogs.asked) == 1  # the date only: everyone is recorded


def test_a_new_meeting_typed_as_held_later_than_today_is_confirmed(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, _page = open_screen(qtbot, demo_db, "meetings", "meetings")
    before = len(meetings.list_meetings(demo_db))
    seen: dict[str, Any] = {}
    typed = {"Instance": "comite technique", "Date": "14/1/27", "État": "tenue"}
    answer_dialogs.answers.append(QMessageBox.StandardButton.No)
    when_form_opens(officer_types(typed, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert answer_dialogs.asked == [
        "Cette réunion est datée du 14/01/2027, dans 54 jours. La marquer tenue quand même ?"]
    assert (seen["open"], seen["problems"]) == (True, {"state": NOT_HELD})
    assert len(meetings.list_meetings(demo_db)) == before

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    when_form_opens(officer_types(typed, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False
    [created] = [r for r in meetings.list_meetings(demo_db) if r.date.isoformat() == "2027-01-14"]
    assert created.state is MeetingState.HELD


def test_the_picker_offers_the_people_present_first() -> None:
    def row(contact_id: int, state: AttendanceState) -> AttendanceRow:
        return AttendanceRow(contact_id, contact_id, f"P{contact_id}", f"P{contact_id}", "",
                             state, None, "", "", "")

    directory = [(1, "Anne A"), (2, "Bruno B (Mairie)"), (3, "Carla C"), (4, "Denis D")]
    rows = [row(1, AttendanceState.INVITED), row(3, P), row(4, P)]
    assert holder_choices(directory, rows, [4]) == [
        (3, "Carla C — présent·e"), (1, "Anne A"), (2, "Bruno B (Mairie)")]
