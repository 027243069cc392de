"""Exporting a meeting's documents from the Réunions screen."""

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.services.meetings import list_meetings
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.meetings_page import MeetingsPage


def test_minutes_written_where_chosen_then_opened(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    page = window.show_screen("meetings")
    assert isinstance(page, MeetingsPage)
    held = next(m for m in list_meetings(demo_db) if m.state is MeetingState.HELD)
    page.show_item(held.id)
    offered: list[str] = []

    def save_dialog(_parent: object, _title: str, suggested: str, _filter: str
                    ) -> tuple[str, str]:
        offered.append(Path(suggested).name)
        return str(tmp_path / "CR COPIL"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    def open_it(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "&Ouvrir le document").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", open_it)
    page.export_bar.buttons["minutes"].click()
    assert offered and offered[0].startswith("Compte rendu - ") and offered[0].endswith(".docx")
    written = tmp_path / "CR COPIL.docx"
    assert written.stat().st_size > 0
    assert opened == [QUrl.fromLocalFile(str(written))]

    from docx import Document

    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert held.body in text
