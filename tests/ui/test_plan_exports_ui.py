"""The tableau de suivi written from the Plan d'actions screen."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind
from charte_desktop.services.bodies import list_bodies
from charte_desktop.services.directory import list_contacts
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.base import Page
from tests.ui.test_export_commands import _save_as, opened  # noqa: F401 (fixture)


def screen(qtbot: QtBot, db: Database, key: str) -> Page:
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window.show_screen(key)

def _open_document(monkeypatch: pytest.MonkeyPatch) -> None:
    def click_open(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "&Ouvrir le document").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_open)


def test_monitoring_workbook_of_the_chosen_plan(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],  # noqa: F811
) -> None:
    page = screen(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    dialog = _save_as(monkeypatch, tmp_path, "suivi")
    _open_document(monkeypatch)
    page.monitoring_button.click()
    plan_title = page.plan_combo.currentText()
    assert dialog.offered[0].startswith(f"Tableau de suivi - {plan_title[:20]}")
    assert dialog.filters == ["Classeurs Excel (*.xlsx)"]
    written = tmp_path / "suivi.xlsx"
    assert opened == [written]

    from openpyxl import load_workbook

    workbook = load_workbook(written, read_only=True)
    assert {"Synthèse", "Actions"} <= set(workbook.sheetnames)
    codes = [row[0] for row in workbook["Actions"].iter_rows(values_only=True) if row]
    assert "1.1" in codes and "3.4" in codes


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],  # noqa: F811
) -> None:
    page = screen(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    before = set(tmp_path.rglob("*"))
    dialog = _save_as(monkeypatch, tmp_path, None)
    page.monitoring_button.click()
    assert dialog.offered and set(tmp_path.rglob("*")) == before and opened == []


def test_directory_workbook_from_the_directory_screen(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],  # noqa: F811
) -> None:
    page: Any = screen(qtbot, demo_db, "directory")
    page.contacts.search.setText("zzzz personne")  # no selection needed for the whole list
    dialog = _save_as(monkeypatch, tmp_path, "annuaire")
    _open_document(monkeypatch)
    assert page.export_button.isEnabled()
    page.export_button.click()
    assert dialog.filters == ["Classeurs Excel (*.xlsx)"]
    written = tmp_path / "annuaire.xlsx"
    assert opened == [written]

    from openpyxl import load_workbook

    sheet = load_workbook(written, read_only=True)["Contacts"]
    names = {cell for row in sheet.iter_rows(values_only=True) for cell in row
             if isinstance(cell, str)}
    some = list_contacts(demo_db)[0]
    assert some.last_name in " ".join(names)


def test_members_workbook_of_the_selected_body(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],  # noqa: F811
) -> None:
    page: Any = screen(qtbot, demo_db, "bodies")
    body = next(b for b in list_bodies(demo_db) if b.kind is BodyKind.COPIL)
    page.bodies.select_id(body.id)
    dialog = _save_as(monkeypatch, tmp_path, "membres")
    _open_document(monkeypatch)
    page.members_button.click()
    assert dialog.offered[0].startswith("Membres - ")
    written = tmp_path / "membres.xlsx"
    assert opened == [written]

    from openpyxl import load_workbook

    assert "Courriels" in load_workbook(written, read_only=True).sheetnames
