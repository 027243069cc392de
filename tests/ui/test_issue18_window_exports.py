"""« Tableau de suivi (Excel)… » offers « Tous les plans » when the file holds several
(issue 18): the workbook of every plan, from the window as from the command line."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.services import actions, plans
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from tests.ui.keyboard import press_alt
from tests.ui.test_export_commands import _save_as, opened  # noqa: F401 (fixture)


def second_plan(db: Database) -> int:
    plan = plans.create_plan(db, plans.PlanFields("Plan climat air énergie territorial"))
    actions.create_action(db, actions.ActionFields(plan_id=plan.id, code="PC-1",
                                                   title="Rénover les écoles"))
    return plan.id


def choose_in_menu(*keys: Qt.Key) -> list[list[str]]:
    """Once the menu under the button is up, press `keys` in it; returns its entries."""
    seen: list[list[str]] = []

    def attempt(tries: int = 0) -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            if tries < 200:
                QTimer.singleShot(20, lambda: attempt(tries + 1))
            return
        seen.append([action.text() for action in menu.actions()])
        for key in keys:
            QTest.keyClick(menu, key)

    QTimer.singleShot(0, attempt)
    return seen


def test_every_plan_in_one_workbook_from_the_window(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],  # noqa: F811
) -> None:
    second_plan(demo_db)
    window = MainWindow(demo_db, screen="actions")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    dialog = _save_as(monkeypatch, tmp_path, "suivi")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # « Ouvrir ? »: no
    entries = choose_in_menu(Qt.Key.Key_Down, Qt.Key.Key_Return)
    press_alt(window, Qt.Key.Key_X)  # « Tableau de suivi (E&xcel)… »
    qtbot.waitUntil(lambda: (tmp_path / "suivi.xlsx").exists(), timeout=10000)

    [texts] = entries
    assert texts[0].startswith("&Le plan affiché : ")
    assert texts[1] == "&Tous les plans (2), dans un seul classeur"
    assert "tous les plans" in dialog.offered[0] or "Val d'Aubrance" in dialog.offered[0]
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "suivi.xlsx", read_only=True)
    codes = [str(row[0]) for row in workbook["Actions"].iter_rows(values_only=True) if row]
    assert any("PC-1" in code for code in codes)
    assert any(code.endswith("1.1") for code in codes)


def test_escape_in_the_menu_writes_nothing(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    second_plan(demo_db)
    window = MainWindow(demo_db, screen="actions")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_screen("actions")
    dialog = _save_as(monkeypatch, tmp_path, "suivi")
    entries = choose_in_menu(Qt.Key.Key_Escape)
    press_alt(window, Qt.Key.Key_X)
    QTest.qWait(200)
    assert entries and dialog.offered == []
    assert list(tmp_path.glob("*.xlsx")) == []
