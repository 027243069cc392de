"""Files that leave the app from the window: a meeting's calendar invitation and e-mail
draft, a body's planned meetings, an action's fiche. The save dialog is answered and the
system's "open with" is recorded instead of launching a program."""

from email import policy
from email.parser import BytesParser
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MeetingState
from charte_desktop.services.bodies import BodyFields, create_body
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.meetings import (
    MeetingFilter,
    add_invitee,
    get_meeting,
    list_meetings,
)
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.bodies_page import BodiesPage
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.keyboard import replace_text


class SaveDialog:
    """Answers QFileDialog.getSaveFileName with a file in `folder`, recording the offer."""

    def __init__(self, folder: Path, name: str | None) -> None:
        self.folder, self.name = folder, name
        self.offered: list[str] = []
        self.filters: list[str] = []

    def __call__(self, _parent: object, _title: str, suggested: str, file_filter: str
                 ) -> tuple[str, str]:
        self.offered.append(Path(suggested).name)
        self.filters.append(file_filter)
        return ("", "") if self.name is None else (str(self.folder / self.name), "")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    paths: list[Path] = []

    def open_url(url: QUrl) -> bool:
        paths.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return paths


def _save_as(monkeypatch: pytest.MonkeyPatch, folder: Path, name: str | None) -> SaveDialog:
    dialog = SaveDialog(folder, name)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return dialog


def _meetings_page(qtbot: QtBot, db: Database, meeting_id: int) -> MeetingsPage:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("meetings")
    assert isinstance(page, MeetingsPage)
    page.show_item(meeting_id)
    return page


def _held_meeting_id(db: Database) -> int:
    return next(m.id for m in list_meetings(db) if m.state is MeetingState.HELD)


def test_calendar_invitation_written_then_opened(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],
) -> None:
    meeting_id = _held_meeting_id(demo_db)
    page = _meetings_page(qtbot, demo_db, meeting_id)
    dialog = _save_as(monkeypatch, tmp_path, "réunion")  # typed without the extension
    page.export_bar.buttons["ics"].click()
    assert dialog.offered[0].startswith("Réunion - ") and dialog.offered[0].endswith(".ics")
    assert dialog.filters == ["Invitations d'agenda (*.ics)"]
    written = tmp_path / "réunion.ics"
    assert opened == [written]
    (event,) = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert event["DTSTART"].dt.date() == get_meeting(demo_db, meeting_id).date


def test_email_draft_lists_contacts_without_email_then_opens(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], answer_dialogs: DialogAnswers,
) -> None:
    meeting_id = _held_meeting_id(demo_db)
    contact = create_contact(demo_db, ContactFields(last_name="Sansmail", first_name="Léa"))
    add_invitee(demo_db, meeting_id, contact.id)
    page = _meetings_page(qtbot, demo_db, meeting_id)
    dialog = _save_as(monkeypatch, tmp_path, "brouillon.eml")
    assert page.export_bar.buttons["email"].menu() is not None
    page.export_bar.email_actions["minutes"].trigger()
    assert dialog.offered[0].startswith("Compte rendu - ") and (
        dialog.offered[0].endswith(".eml"))
    written = tmp_path / "brouillon.eml"
    assert opened == [written]
    (message_text,) = answer_dialogs.warnings
    assert "• Léa Sansmail" in message_text and "n'ont pas d'adresse" in message_text
    with written.open("rb") as stream:
        message = BytesParser(policy=policy.default).parse(stream)
    assert message["X-Unsent"] == "1" and message["Subject"].startswith("Compte rendu – ")
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename().endswith(".docx")


def test_email_draft_cancelled_writes_and_opens_nothing(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],
) -> None:
    page = _meetings_page(qtbot, demo_db, _held_meeting_id(demo_db))
    _save_as(monkeypatch, tmp_path, None)
    page.export_bar.email_actions["convocation"].trigger()
    assert opened == [] and not list(tmp_path.glob("*.eml"))


def test_no_program_for_the_file_says_where_it_is(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    answer_dialogs: DialogAnswers,
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    page = _meetings_page(qtbot, demo_db, _held_meeting_id(demo_db))
    _save_as(monkeypatch, tmp_path, "r.ics")
    page.export_bar.buttons["ics"].click()
    (warning,) = answer_dialogs.warnings
    assert "Aucun programme n'a pu ouvrir l'invitation d'agenda" in warning
    assert str(tmp_path / "r.ics") in warning


def test_body_planned_meetings_in_one_calendar(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],
) -> None:
    body_id = next(m.body_id for m in list_meetings(demo_db)
                   if m.state is MeetingState.PLANNED)
    planned = list_meetings(demo_db, MeetingFilter(body_id=body_id,
                                                   state=MeetingState.PLANNED))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.show_screen("bodies")
    assert isinstance(page, BodiesPage)
    page.show_item(body_id)
    assert page.calendar_button.isEnabled()
    dialog = _save_as(monkeypatch, tmp_path, "instance.ics")
    page.calendar_button.click()
    assert dialog.offered[0].startswith("Réunions prévues - ")
    assert opened == [tmp_path / "instance.ics"]
    events = icalendar.Calendar.from_ical(opened[0].read_bytes()).walk("VEVENT")
    assert len(events) == len(planned)


def test_body_without_planned_meeting_is_told_so(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], answer_dialogs: DialogAnswers,
) -> None:
    body = create_body(demo_db, BodyFields(BodyKind.OTHER, "Atelier vélo"))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.show_screen("bodies")
    assert isinstance(page, BodiesPage)
    page.show_item(body.id)
    _save_as(monkeypatch, tmp_path, "atelier.ics")
    page.calendar_button.click()
    assert answer_dialogs.warnings == [
        "L'instance « Atelier vélo » n'a aucune réunion prévue : il n'y a rien à exporter."]
    assert opened == [] and not (tmp_path / "atelier.ics").exists()


def test_action_sheet_from_the_plan_screen(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],
) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    page.show_item(7)
    assert page.sheet_button.isEnabled()
    dialog = _save_as(monkeypatch, tmp_path, "fiche")

    def open_document(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "&Ouvrir le document").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", open_document)
    page.sheet_button.click()
    assert dialog.offered[0].startswith("Fiche action 2.1 - ")
    assert dialog.filters == ["Documents Word (*.docx)"]
    written = tmp_path / "fiche.docx"
    assert opened == [written]

    from docx import Document

    assert "Fiche action 2.1" in "\n".join(p.text for p in Document(str(written)).paragraphs)


def test_action_sheet_button_follows_the_selection(qtbot: QtBot, demo_db: Database) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    assert page.action_list.current_id() is not None and page.sheet_button.isEnabled()
    window.show()
    replace_text(page.action_list.search, "zzzz aucune action")  # typed, then Tab
    qtbot.waitUntil(lambda: not page.sheet_button.isEnabled())
    assert page.action_list.current_id() is None
    replace_text(page.action_list.search, "")
    qtbot.waitUntil(page.sheet_button.isEnabled)
    assert page.action_list.current_id() is not None
