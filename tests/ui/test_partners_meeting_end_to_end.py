"""The comité des partenaires (26 members), from the keyboard: prepared (a point added to its
agenda), held (the roll call, one key per person; the state « Tenue »), minuted (the
Compte rendu page, a decision with its vote) and sent (the e-mail draft of the compte
rendu, read back with the standard `email` package: the partners in Cci)."""

import email
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.services import meetings, plans
from tests.ui.conftest import DialogAnswers
from tests.ui.keyboard import (
    focused,
    key,
    officer_types,
    press_alt,
    type_keys,
    when_form_opens,
)
from tests.ui.test_attendance_roll_call import (
    PARTNERS_MEETING,
    hold_through_the_form,
    open_attendance,
    shown_ids,
)


def test_the_partners_committee_prepared_held_minuted_and_sent_from_the_keyboard(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, page = open_attendance(qtbot, demo_db, PARTNERS_MEETING)

    # Prepared: a point added to the agenda.
    press_alt(window, Qt.Key.Key_O)  # « Ordre du jour »
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Intitulé du point": "Calendrier des ateliers",
                                   "Durée prévue": "10"}, seen=seen))
    press_alt(window, Qt.Key.Key_J)  # « Ajouter »
    assert seen["open"] is False, seen

    # Held: the roll call, one key per person (two excused), then « Tenue ».
    press_alt(window, Qt.Key.Key_P)
    assert focused() is page.attendance.table
    people = shown_ids(page)
    assert len(people) == 26
    keystrokes = 1
    for index in range(26):
        key(Qt.Key.Key_E if index in (4, 17) else Qt.Key.Key_P)
        keystrokes += 1
    assert keystrokes == 27
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)  # dated later: held anyway
    hold_through_the_form(window, page)
    meeting = meetings.get_meeting(demo_db, PARTNERS_MEETING)
    assert meeting.state is MeetingState.HELD
    assert sum(a.state is AttendanceState.PRESENT for a in meeting.attendances) == 24
    assert meetings.quorum_status(demo_db, PARTNERS_MEETING).reached

    # Minuted: the first point's minutes typed in the Compte rendu page, a decision voted.
    press_alt(window, Qt.Key.Key_R)
    assert focused() is page.minutes.editors[0]
    type_keys("Bilan présenté par la vice-présidente.")
    key(Qt.Key.Key_Return)
    type_keys("Questions des entreprises sur les aires de livraison.")
    key(Qt.Key.Key_Tab)  # leaving the point saves it
    press_alt(window, Qt.Key.Key_C)  # « Décisions »
    when_form_opens(officer_types({"Décision": "Le comité adopte le bilan annuel.",
                                   "Voix pour": "20", "Voix contre": "0",
                                   "Abstentions": "4"}))
    press_alt(window, Qt.Key.Key_J)
    meeting = meetings.get_meeting(demo_db, PARTNERS_MEETING)
    assert meeting.agenda_items[0].minutes_text == (
        "Bilan présenté par la vice-présidente.\n"
        "Questions des entreprises sur les aires de livraison.")
    [decision] = meeting.decisions
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (20, 0, 4)

    # Sent: the e-mail draft of the compte rendu (the save dialog is the system's).
    target = tmp_path / "courriel.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(target), ""))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    press_alt(window, Qt.Key.Key_B)  # « Brouillon de courriel »: its menu opens
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    key(Qt.Key.Key_R)  # « du compte &rendu… »
    qtbot.waitUntil(target.exists, timeout=10_000)
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    officer = plans.get_territory(demo_db).officer_email
    assert officer in message["To"] and officer not in (message["Bcc"] or "")
    blind = message["Bcc"] or ""
    invited = [a.contact.email for a in meeting.attendances
               if a.contact.email and a.contact.email != officer]  # not to oneself
    missing = [address for address in invited if address not in blind]
    assert invited and not missing
    attachments = [part.get_filename() for part in message.iter_attachments()]
    assert any(name and name.endswith(".docx") for name in attachments)
    assert opened == [QUrl.fromLocalFile(str(target))]
