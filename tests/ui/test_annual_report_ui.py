"""« Bilan de l'année » from Plan d'actions, with the keyboard: Ctrl+Maj+B, the year typed,
Entrée, the file's name typed in the save dialog, Entrée; the progress and « Annuler »
(or Échap) as for the tableau de suivi; then « Document enregistré », and the bilan."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.exports import annual_report
from charte_desktop.services.plans import PlanFields, create_plan, list_plans
from charte_desktop.ui.background_work import WorkDialog
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.report_year_dialog import ReportYearDialog
from tests.ui.keyboard import CTRL, activate, field, focused, key, press, type_keys, when_form_opens
from tests.ui.test_background_work import (  # noqa: F401 (fixtures)
    Gate,
    gate,
    progress_over,
    when_progress_shows,
)
from tests.ui.test_export_commands import opened  # noqa: F401 (fixture)
from tests.ui.test_mnemonics import clashes

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_screen("actions")
    return window


def settle_on(dialog: QWidget) -> None:
    """The dialog is the active window, as on a desktop: offscreen, the main window's own
    activation, queued when the key was pressed, can arrive after the dialog showed."""
    for _ in range(50):
        QTest.qWait(20)
        if QApplication.activeWindow() is dialog:
            return
        activate(dialog)
    raise AssertionError(f"« {dialog.windowTitle()} » ne prend pas le clavier")


def year_typed(year: str, seen: dict[str, Any], *, every_plan: bool = False) -> Any:
    """The officer reads the dialog, types the year over the one offered (and, if asked,
    ↓ to « Tous les plans »), then Entrée."""
    def act(dialog: ReportYearDialog) -> None:
        settle_on(dialog)
        seen["offered"] = dialog.year.text()
        seen["focused"] = focused().accessibleName()
        seen["plans"] = [dialog.plan.itemText(i) for i in range(dialog.plan.count())]
        seen["clashes"] = clashes(dialog, dialog.windowTitle())
        seen["names"] = {field(dialog, "Année") is dialog.year,
                         field(dialog, "Plan") is dialog.plan}
        type_keys(year)
        if every_plan:
            dialog.plan.setFocus(Qt.FocusReason.TabFocusReason)
            key(Qt.Key.Key_Down)
            dialog.year.setFocus(Qt.FocusReason.TabFocusReason)
        key(Qt.Key.Key_Return)

    return act


def name_typed(path: Path, seen: dict[str, Any]) -> Any:
    """In the save dialog: what it offers read, the file's path typed over it, Entrée."""
    def act(dialog: QFileDialog) -> None:
        settle_on(dialog)
        seen["suggested"] = dialog.selectedFiles()
        key(Qt.Key.Key_A, CTRL)
        type_keys(str(path))
        key(Qt.Key.Key_Return)

    return act


def answer_written(monkeypatch: pytest.MonkeyPatch, told: list[str]) -> None:
    def open_document(box: QMessageBox) -> int:
        told.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Ouvrir le document").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", open_document)


def test_the_bilan_is_written_from_the_keyboard_and_opened(
    window: MainWindow, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot, opened: list[Path],  # noqa: F811
) -> None:
    page = window.current_page()
    assert isinstance(page, ActionsPage)
    plan_title = page.plan_combo.currentText()
    told: list[str] = []
    answer_written(monkeypatch, told)
    asked: dict[str, Any] = {}
    saved: dict[str, Any] = {}
    when_form_opens(year_typed("2026", asked), ReportYearDialog)
    when_form_opens(name_typed(tmp_path / "bilan", saved), QFileDialog)

    press(window, Qt.Key.Key_B, CTRL | SHIFT)  # the tooltip's Ctrl+Maj+B
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)

    written = tmp_path / "bilan.docx"
    assert asked["offered"] == "2026" and asked["focused"] == "Année"
    assert asked["plans"] == [plan_title]  # the demo's one plan: « tous » would say the same
    assert asked["clashes"] == [] and asked["names"] == {True}
    assert Path(saved["suggested"][0]).name.startswith("Bilan 2026 - ")
    assert told == [f"Document enregistré dans « {written} »."] and opened == [written]

    from docx import Document

    texts = [p.text for p in Document(str(written)).paragraphs]
    assert "Bilan 2026" in texts and plan_title in texts
    assert "L'année 2026 en chiffres" in texts


def test_every_plan_and_another_year(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],  # noqa: F811
) -> None:
    create_plan(demo_db, PlanFields("Plan climat-air-énergie territorial 2026-2031"))
    window = MainWindow(demo_db)  # the fixture: a second plan, before the window reads
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_screen("actions")
    assert isinstance(page, ActionsPage)
    told: list[str] = []
    answer_written(monkeypatch, told)
    asked: dict[str, Any] = {}
    when_form_opens(year_typed("2025", asked, every_plan=True), ReportYearDialog)
    when_form_opens(name_typed(tmp_path / "bilan-2025.docx", {}), QFileDialog)

    press(window, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)

    from docx import Document

    texts = [p.text for p in Document(str(tmp_path / "bilan-2025.docx")).paragraphs]
    assert asked["plans"] == [page.plan_combo.currentText(), "Tous les plans"]
    assert "Bilan 2025" in texts
    assert all(plan.title in texts for plan in list_plans(demo_db))


def test_escape_in_the_year_asks_nothing_more(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: asked.append("fichier") or ("", ""))
    closed: list[bool] = []

    def escape(dialog: ReportYearDialog) -> None:
        press(dialog, Qt.Key.Key_Escape)
        closed.append(not dialog.isVisible())

    when_form_opens(escape, ReportYearDialog)
    press(window, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(closed))
    assert closed == [True] and asked == [] and list(tmp_path.glob("*.docx")) == []


def test_cancelling_the_bilan_leaves_no_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
    gate: Gate, opened: list[Path],  # noqa: F811
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    build = annual_report.build_annual_report

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.hold()  # the charts under way when « Annuler » is pressed
        return build(*args, **kwargs)

    monkeypatch.setattr(annual_report, "build_annual_report", held)
    notes: dict[str, Any] = {}

    def stop(dialog: WorkDialog) -> None:
        qtbot.waitUntil(gate.reached.is_set)
        notes["title"], notes["label"] = dialog.windowTitle(), dialog.labelText()
        press(dialog, Qt.Key.Key_Escape)
        notes["stopping"] = dialog.labelText()
        gate.opened.set()

    seen = when_progress_shows(stop)
    when_form_opens(year_typed("2025", {}), ReportYearDialog)
    when_form_opens(name_typed(folder / "bilan", {}), QFileDialog)

    press(window, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: progress_over(seen), timeout=30_000)

    assert notes["title"] == "Bilan de l'année"
    assert notes["label"].startswith("Écriture du bilan 2025…")
    assert "Annulation" in notes["stopping"]
    assert list(folder.iterdir()) == []  # nothing written, nothing left aside
    assert told == [] and opened == []
    assert window.statusBar().currentMessage() == (
        "Écriture annulée : aucun fichier n'a été écrit.")


def test_ctrl_shift_b_belongs_to_plan_d_actions(window: MainWindow, qtbot: QtBot) -> None:
    """On another screen the key asks nothing (Réunions keeps its own Ctrl+Maj+ keys)."""
    asked: list[str] = []
    when_form_opens(lambda dialog: asked.append(dialog.windowTitle()), ReportYearDialog)
    window.show_screen("meetings")
    press(window, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.wait(300)
    assert asked == []
    window.show_screen("actions")
    press(window, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: asked == ["Bilan de l'année"])
