"""A meeting run from the keyboard: the minutes typed point by point in one page and saved
as one types, the open follow-ups of earlier meetings ticked « Fait », votes typed with a
decision, the agenda's start times and total, the points postponed offered again."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.formatting import format_hour
from charte_desktop.services import meetings
from charte_desktop.services.meeting_details import meeting_details
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from charte_desktop.ui.pages.minutes_tab import SAVE_PAUSE_MS
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
    tick,
    type_keys,
    when_form_opens,
)
from tests.ui.keyboard_forms.test_meeting_forms import COTECH_MEETING, EARLIER_COTECH

AUGUST_COTECH_NOTE = "Rédiger la note d'enjeux logistiques pour le bureau d'études du PLUi"


def open_meetings(qtbot: QtBot, db: Database, item_id: int) -> tuple[Any, MeetingsPage]:
    window, page = open_screen(qtbot, db, "meetings", "meetings", item_id)
    assert isinstance(page, MeetingsPage)
    return window, page


def minutes_of(db: Database, meeting_id: int) -> list[str]:
    return [item.minutes_text for item in meetings.get_meeting(db, meeting_id).agenda_items]


def test_minutes_typed_in_one_page_land_as_one_types_with_their_line_breaks(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_R)  # « Compte rendu »
    assert page.tabs.currentWidget() is page.minutes
    assert focused() is page.minutes.editors[0]  # the keyboard is in the first point
    type_keys("Relevé approuvé sans remarque.")
    key(Qt.Key.Key_Return)
    type_keys("Deux suites restent ouvertes.")
    key(Qt.Key.Key_Tab)  # to the next point: what was typed is saved as the focus leaves
    assert focused() is page.minutes.editors[1]
    assert minutes_of(demo_db, COTECH_MEETING)[0] == (
        "Relevé approuvé sans remarque.\nDeux suites restent ouvertes.")
    type_keys("Trois communes ont délibéré.")
    # Nothing pressed: the text lands once typing pauses.
    qtbot.waitUntil(lambda: minutes_of(demo_db, COTECH_MEETING)[1]
                    == "Trois communes ont délibéré.", timeout=SAVE_PAUSE_MS * 3)
    assert "enregistré à" in page.minutes.status.text()


def test_minutes_being_typed_are_saved_before_another_meeting_is_shown(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_R)  # « Compte rendu »
    page.minutes.editors[2].setFocus()  # the officer clicks in the third point
    type_keys("Noté en fin de séance")
    page.meetings.select_id(EARLIER_COTECH)  # the officer picks another meeting at once
    assert minutes_of(demo_db, COTECH_MEETING)[2] == "Noté en fin de séance"
    earlier = meeting_details(demo_db, EARLIER_COTECH)
    assert [e.toPlainText() for e in page.minutes.editors] == [
        row.minutes_text for row in earlier.agenda]


def test_open_follow_ups_of_every_earlier_meeting_are_ticked_done_and_undone(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    page.tabs.setCurrentWidget(page.carried)
    rows = page.carried.list.visible_rows()
    texts = [row.text for row in rows]
    # The August COTECH's note is still open: it comes back, not only the last meeting's.
    assert AUGUST_COTECH_NOTE in texts
    august = next(row for row in rows if row.text == AUGUST_COTECH_NOTE)
    assert august.overdue and "en retard" in page.carried.summary.text()
    assert page.carried.list.select_id(august.id)
    activate(window)
    page.carried.list.table.setFocus()  # the officer clicks in the list
    key(Qt.Key.Key_Return, CTRL)  # « Marquer « Fait » »: a button's shortcut clicks it
    # after its pressed look (Qt's animateClick, 100 ms).

    def done() -> bool:
        return next(f for f in meetings.get_meeting(demo_db, august.meeting_id).follow_ups
                    if f.id == august.id).done

    qtbot.waitUntil(done, timeout=2000)
    assert page.meeting_id() == COTECH_MEETING
    assert august.id not in {row.id for row in page.carried.list.visible_rows()}
    press(window, Qt.Key.Key_Z, CTRL)
    follow_up = next(f for f in meetings.get_meeting(demo_db, august.meeting_id).follow_ups
                     if f.id == august.id)
    assert not follow_up.done and follow_up.done_date is None
    assert august.id in {row.id for row in page.carried.list.visible_rows()}


def test_a_vote_typed_with_a_decision_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_C)  # « Décisions »
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Décision": "Le COTECH valide le plan de jalonnement.",
        "Voix pour": "9", "Voix contre": "2", "Abstentions": "1",
    }, seen=seen))
    press_alt(window, Qt.Key.Key_J)
    assert seen["open"] is False, seen
    [decision] = meetings.get_meeting(demo_db, COTECH_MEETING).decisions
    assert (decision.unanimous, decision.votes_for, decision.votes_against,
            decision.abstentions) == (False, 9, 2, 1)


def test_the_agenda_shows_each_start_time_and_the_total_against_the_length(
    qtbot: QtBot, demo_db: Database
) -> None:
    _window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    details = meeting_details(demo_db, COTECH_MEETING)
    starts = [page.agenda.proxy.index(row, 1).data() for row in range(len(details.agenda))]
    assert starts[0] == format_hour(details.start_time)
    assert starts == [format_hour(row.starts_at) for row in details.agenda]
    assert page.overrun_label.text().startswith("Ordre du jour : ")
    assert " sur 2 h 30" in page.overrun_label.text()


def test_a_point_postponed_is_offered_on_the_body_s_next_meeting(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, EARLIER_COTECH)
    press_alt(window, Qt.Key.Key_O)
    point = meetings.get_meeting(demo_db, EARLIER_COTECH).agenda_items[-1]
    assert page.agenda.select_id(point.id)

    def tick_postponed(dialog: Any) -> None:
        from tests.ui.keyboard import field

        tick(field(dialog, "Reporté à la prochaine réunion"))
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(tick_postponed)
    open_row(page.agenda.table)
    assert meetings.get_meeting(demo_db, EARLIER_COTECH).agenda_items[-1].postponed

    page.meetings.select_id(COTECH_MEETING)
    assert page.postponed_button.isVisible()
    before = len(meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items)
    page.postponed_button.setFocus()
    QTest.keyClick(page.postponed_button, Qt.Key.Key_Space)
    items = meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items
    assert len(items) == before + 1 and items[-1].title == point.title
    assert not page.postponed_button.isVisible()  # taken up: offered no more
