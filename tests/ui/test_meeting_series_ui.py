"""A series « le 2e jeudi du mois » planned from the keyboard, a holiday unticked in its
preview, then the rest of it moved and cancelled at once from the keyboard; the file is
read after each step."""

from datetime import date, time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.db.models import Meeting, MeetingSeries
from charte_desktop.services import meetings
from charte_desktop.ui.form_dialog import VALIDATION_DELAY_MS
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from charte_desktop.ui.pages.recurrence_dialog import RecurrenceDialog
from charte_desktop.ui.pages.series_commands import MoveSeriesDialog
from tests.ui.conftest import DialogAnswers
from tests.ui.keyboard import (
    ALT,
    CTRL,
    field,
    focused,
    key,
    open_screen,
    press,
    press_alt,
    reach,
    replace_text,
    type_keys,
    when_form_opens,
)

PARTNERS = 3  # « Comité des partenaires de la logistique et des mobilités »
SHIFT = Qt.KeyboardModifier.ShiftModifier
SECOND_THURSDAYS_2027 = [date(2027, 1, 14), date(2027, 2, 11), date(2027, 3, 11),
                         date(2027, 4, 8), date(2027, 5, 13), date(2027, 6, 10),
                         date(2027, 7, 8), date(2027, 8, 12), date(2027, 9, 9),
                         date(2027, 10, 14), date(2027, 11, 11), date(2027, 12, 9)]
ARMISTICE = date(2027, 11, 11)
DESCRIPTION = "Le 2e jeudi du mois, de janvier à décembre 2027"


def series_meetings(db: Database) -> list[Meeting]:
    with db.session() as session:
        return list(session.scalars(select(Meeting).where(Meeting.series_id.is_not(None))
                                    .order_by(Meeting.date)))


def wait_for_preview() -> None:
    QTest.qWait(VALIDATION_DELAY_MS + 100)


def plan_second_thursdays(window: Any, seen: dict[str, Any]) -> None:
    """Alt+L, the form typed, the Armistice unticked in the preview, Ctrl+S."""

    def type_series(dialog: Any) -> None:
        for label, text in (("Instance", "partenaires"), ("Règle", "2e jeudi"),
                            ("Répéter tous les", "1"), ("Rang", "2e"), ("Jour", "jeudi"),
                            ("À partir du", "1/1/27"), ("Jusqu'au", "31/12/2027"),
                            ("Heure de début", "14h"), ("Heure de fin", "16h"),
                            ("Lieu", "Salle du conseil")):
            replace_text(field(dialog, label), text)
        wait_for_preview()
        seen["description"] = dialog.description.text()
        seen["lines"] = dialog.preview_lines()
        seen["summary before"] = dialog.summary.text()
        press(dialog, Qt.Key.Key_D, ALT)  # « Dates de la série »
        assert focused() is dialog.preview
        type_keys("11/1")  # the list goes to the first date so written
        key(Qt.Key.Key_Space)
        seen["unticked"] = dialog.unticked_lines()
        seen["summary"] = dialog.summary.text()
        seen["save"] = dialog.save_button.text()
        press(dialog, Qt.Key.Key_S, CTRL)
        seen["open"] = dialog.isVisible()

    when_form_opens(type_series, kind=RecurrenceDialog)
    press_alt(window, Qt.Key.Key_L)  # « Planifier une série… »


def test_plan_the_second_thursday_untick_a_holiday_then_cancel_the_rest(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_screen(qtbot, demo_db, "meetings", "meetings")
    assert isinstance(page, MeetingsPage)
    seen: dict[str, Any] = {}
    plan_second_thursdays(window, seen)

    assert seen["open"] is False, seen
    assert seen["description"] == DESCRIPTION
    assert len(seen["lines"]) == 12
    assert seen["lines"][0] == "14/01/2027 (jeudi)"
    assert seen["lines"][10] == (
        "11/11/2027 (jeudi) — attention : 11 novembre — Armistice 1918")
    assert "1 date tombe un week-end ou un jour férié" in seen["summary before"]
    assert seen["unticked"] == [seen["lines"][10]]
    assert seen["summary"].startswith("11 réunions seront créées")
    assert "1 date décochée : pas de réunion ce jour-là." in seen["summary"]
    assert seen["save"] == "&Créer les 11 réunions"

    created = series_meetings(demo_db)
    assert [m.date for m in created] == [d for d in SECOND_THURSDAYS_2027 if d != ARMISTICE]
    assert {(m.body_id, m.start_time, m.end_time, m.place, m.state, m.sequence)
            for m in created} == {
        (PARTNERS, time(14, 0), time(16, 0), "Salle du conseil", MeetingState.PLANNED, 0)}
    with demo_db.session() as session:
        series = session.scalars(select(MeetingSeries)).one()
        assert (series.body_id, series.description) == (PARTNERS, DESCRIPTION)
    assert {m.series_id for m in created} == {series.id}

    # October's meeting was held; the officer picks September's and cancels the rest.
    by_date = {m.date: m for m in created}
    october, september = by_date[date(2027, 10, 14)], by_date[date(2027, 9, 9)]
    meetings.update_meeting(demo_db, october.id, meetings.MeetingFields(
        PARTNERS, october.date, time(14, 0), time(16, 0), "Salle du conseil",
        state=MeetingState.HELD))
    page.show_item(september.id)
    assert page.series_commands.button.isEnabled()
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    press(window, Qt.Key.Key_A, CTRL | SHIFT)  # « Annuler la suite de la série… »
    assert answer_dialogs.asked[-1].startswith(
        f"Annuler les 2 réunions prévues de la série « {DESCRIPTION} » à partir du "
        "09/09/2027 : le 09/09/2027 et le 09/12/2027 ?")
    after = {m.date: (m.state, m.sequence) for m in series_meetings(demo_db)}
    assert after[date(2027, 9, 9)] == (MeetingState.CANCELLED, 1)
    assert after[date(2027, 12, 9)] == (MeetingState.CANCELLED, 1)
    assert after[date(2027, 10, 14)] == (MeetingState.HELD, 0)  # held: untouched
    assert after[date(2027, 8, 12)] == (MeetingState.PLANNED, 0)  # before: untouched

    press(window, Qt.Key.Key_Z, CTRL)  # Ctrl+Z: planned again
    again = {m.date: m.state for m in series_meetings(demo_db)}
    assert again[date(2027, 9, 9)] == again[date(2027, 12, 9)] == MeetingState.PLANNED


def test_move_the_rest_of_a_series_by_a_day_from_the_keyboard(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_screen(qtbot, demo_db, "meetings", "meetings")
    assert isinstance(page, MeetingsPage)
    plan_second_thursdays(window, {})
    created = series_meetings(demo_db)
    june = next(m for m in created if m.date == date(2027, 6, 10))
    page.show_item(june.id)
    seen: dict[str, Any] = {}

    def move(dialog: Any) -> None:
        seen["intro"] = dialog.intro.text()
        replace_text(field(dialog, "Décaler de"), "1")
        replace_text(field(dialog, "Lieu"), "Maison des associations")
        wait_for_preview()
        seen["lines"] = dialog.preview_lines()
        seen["save"] = dialog.save_button.text()
        press(dialog, Qt.Key.Key_S, CTRL)
        seen["open"] = dialog.isVisible()

    when_form_opens(move, kind=MoveSeriesDialog)
    press(window, Qt.Key.Key_D, CTRL | SHIFT)  # « Déplacer la suite de la série… »
    assert seen["open"] is False, seen
    assert seen["intro"] == (
        f"Série « {DESCRIPTION} » : 6 réunions prévues à partir du 10/06/2027.")
    assert seen["lines"][0] == "10/06/2027 → 11/06/2027 (vendredi)"
    assert seen["save"] == "&Déplacer les 6 réunions"
    moved = {m.id: m for m in series_meetings(demo_db)}
    for before in created:
        after = moved[before.id]
        if before.date < june.date:
            assert (after.date, after.place, after.sequence) == (
                before.date, "Salle du conseil", 0)
        else:
            assert (after.date.toordinal() - before.date.toordinal(), after.place,
                    after.sequence) == (1, "Maison des associations", 1)
            assert (after.start_time, after.end_time) == (time(14, 0), time(16, 0))

    # Then the council moves to the 2nd Tuesday of each month, from June on.
    when_form_opens(lambda dialog: (replace_text(field(dialog, "Nouveau jour du mois"),
                                                 "2e mardi"),
                                    press(dialog, Qt.Key.Key_S, CTRL)), kind=MoveSeriesDialog)
    press(window, Qt.Key.Key_D, CTRL | SHIFT)
    assert [(m.date, m.sequence) for m in series_meetings(demo_db)][5:] == [
        (date(2027, 6, 8), 2), (date(2027, 7, 13), 2), (date(2027, 8, 10), 2),
        (date(2027, 9, 14), 2), (date(2027, 10, 12), 2), (date(2027, 12, 14), 2)]


def test_the_meeting_form_points_out_a_holiday_and_still_saves(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, _page = open_screen(qtbot, demo_db, "meetings", "meetings")
    before = {r.id for r in meetings.list_meetings(demo_db)}
    seen: dict[str, Any] = {}

    def type_meeting(dialog: Any) -> None:
        notice = field(dialog, "Avertissement sur la date")
        assert isinstance(notice, QLabel)
        seen["today"] = notice.text()  # the test day, 21/11/2026, is a Saturday
        replace_text(field(dialog, "Instance"), "partenaires")
        replace_text(field(dialog, "Date"), "15/7/27")
        seen["thursday"] = (notice.isVisible(), notice.text())
        replace_text(field(dialog, "Date"), "14/7/27")
        seen["holiday"] = (notice.isVisible(), notice.text())
        press(dialog, Qt.Key.Key_S, CTRL)
        seen["open"] = dialog.isVisible()

    when_form_opens(type_meeting)
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    assert seen["today"] == "Attention : le 21/11/2026 est un samedi."
    assert seen["thursday"] == (False, "")
    assert seen["holiday"] == (
        True, "Attention : le 14/07/2027 est un jour férié (14 juillet — Fête nationale).")
    new = [r for r in meetings.list_meetings(demo_db) if r.id not in before]
    assert [(r.body_id, r.date) for r in new] == [(PARTNERS, date(2027, 7, 14))]


def test_the_series_button_opens_its_commands_from_the_keyboard(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_screen(qtbot, demo_db, "meetings", "meetings")
    assert isinstance(page, MeetingsPage)
    lonely = meetings.list_meetings(demo_db)[0]
    page.show_item(lonely.id)
    assert not page.series_commands.button.isEnabled()  # not in a series
    press(window, Qt.Key.Key_A, CTRL | SHIFT)
    assert answer_dialogs.warnings[-1] == "Cette réunion ne fait partie d'aucune série."

    plan_second_thursdays(window, {})
    page.show_item(series_meetings(demo_db)[-1].id)
    reach(page.series_commands.button)
    key(Qt.Key.Key_Space)  # the menu opens
    key(Qt.Key.Key_A)  # « &Annuler la suite de la série… », answered « Non »
    assert answer_dialogs.asked[-1].startswith(
        f"Annuler la réunion prévue de la série « {DESCRIPTION} » le 09/12/2027 ?")
    assert {m.state for m in series_meetings(demo_db)} == {MeetingState.PLANNED}
