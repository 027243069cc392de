"""Long writes in the background: the tableau de suivi (Alt+X on Plan d'actions) and the
pilots' workbooks show their progress, the window answers meanwhile, and « Annuler » (or
Échap) stops them leaving no file — an older tableau at the target kept as it was."""

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.exports.monitoring import workbook as monitoring_workbook
from charte_desktop.exports.monitoring.data import MonitoringData
from charte_desktop.exports.xlsx_cells import WorkbookLooks
from charte_desktop.ui.background_work import WorkDialog
from charte_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import press, press_alt
from tests.ui.test_export_commands import _save_as, opened  # noqa: F401 (fixture)
from tests.ui.test_update_workbooks import SEND, menu_action

OLDER = b"the tableau of last quarter, kept byte for byte"
SAFETY_S = 60  # a worker never waits longer for the test (no assertion on time)


class Gate:
    """Holds the worker in the middle of its work until the test opens it."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.opened = threading.Event()

    def hold(self) -> None:
        self.reached.set()
        self.opened.wait(SAFETY_S)


@pytest.fixture
def gate() -> Iterator[Gate]:
    held = Gate()
    yield held
    held.opened.set()  # never leave a worker waiting


@pytest.fixture
def ticks() -> Iterator[list[int]]:
    """A timer of the window's thread, counting while the test runs."""
    counted: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: counted.append(len(counted)))
    timer.start(10)
    yield counted
    timer.stop()


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("actions")
    return window


def tell(told: list[str], text: str) -> int:
    """A message box read, then closed."""
    told.append(text)
    return 0


def when_progress_shows(act: Callable[[WorkDialog], None]) -> list[WorkDialog]:
    """Run `act` on the progress dialog once it shows (the export's call has not returned
    then: this runs from the event loop that waits for the worker)."""
    seen: list[WorkDialog] = []

    def attempt(tries: int = 0) -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, WorkDialog) and w.isVisible()), None)
        if dialog is None:
            if tries < 1000:
                QTimer.singleShot(20, lambda: attempt(tries + 1))
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, attempt)
    return seen


def progress_over(seen: list[WorkDialog]) -> bool:
    """The progress dialog came and went."""
    return bool(seen) and not any(isinstance(w, WorkDialog) and w.isVisible()
                                  for w in QApplication.topLevelWidgets())


def held_sheet(gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet that waits for the gate, between « Synthèse » and « Actions »."""
    def waiting(_workbook: Any, _looks: WorkbookLooks, _data: MonitoringData) -> None:
        gate.hold()

    sheets = monitoring_workbook.SHEETS
    monkeypatch.setattr(monitoring_workbook, "SHEETS", (sheets[0], waiting, *sheets[1:]))


def stop_with(key: Qt.Key, modifier: Qt.KeyboardModifier, gate: Gate, ticks: list[int],
              notes: dict[str, Any]) -> Callable[[WorkDialog], None]:
    """The officer sees the dialog, waits while the window's timer keeps ticking, then
    presses the key; the worker is let go only then, and stops at its next step."""
    def act(dialog: WorkDialog) -> None:
        notes["title"], notes["label"] = dialog.windowTitle(), dialog.labelText()
        notes["button"] = dialog.cancel_button.text()
        start = len(ticks)

        def later() -> None:
            if len(ticks) < start + 3 or not gate.reached.is_set():
                QTimer.singleShot(20, later)
                return
            notes["ticks while held"] = len(ticks) - start
            notes["worker still held"] = not gate.opened.is_set()
            if modifier == Qt.KeyboardModifier.AltModifier:
                press_alt(dialog, key)  # a button's letter clicks it 100 ms later
            else:
                press(dialog, key, modifier)
            notes["stopping"] = dialog.labelText()
            gate.opened.set()

        later()

    return act


@pytest.mark.parametrize("key, modifier", [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier),  # « &Annuler »
])
def test_cancelling_the_tableau_leaves_no_file_and_the_older_one_intact(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
    gate: Gate, ticks: list[int], key: Qt.Key, modifier: Qt.KeyboardModifier,
    opened: list[Path],  # noqa: F811
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    target = folder / "suivi.xlsx"
    target.write_bytes(OLDER)
    _save_as(monkeypatch, folder, "suivi.xlsx")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: tell(told, box.text()))
    held_sheet(gate, monkeypatch)
    notes: dict[str, Any] = {}
    seen = when_progress_shows(stop_with(key, modifier, gate, ticks, notes))

    press_alt(window, Qt.Key.Key_X)  # « Tableau de suivi (E&xcel)… »
    qtbot.waitUntil(lambda: progress_over(seen))

    assert notes["title"] == "Tableau de suivi" and notes["button"] == "&Annuler"
    assert notes["label"].startswith("Écriture du tableau de suivi…\n")
    assert notes["ticks while held"] >= 3 and notes["worker still held"]  # it answered
    assert "Annulation" in notes["stopping"]
    assert target.read_bytes() == OLDER
    assert sorted(p.name for p in folder.iterdir()) == ["suivi.xlsx"]  # nothing aside
    assert told == [] and opened == []  # no « Document enregistré », nothing opened
    assert window.statusBar().currentMessage() == (
        "Écriture annulée : aucun fichier n'a été écrit.")


def test_a_whole_run_writes_the_tableau_and_offers_to_open_it(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
    gate: Gate, ticks: list[int],
    opened: list[Path],  # noqa: F811
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    _save_as(monkeypatch, folder, "suivi")
    told: list[str] = []

    def open_document(box: QMessageBox) -> int:
        told.append(box.text())
        notes["progress under the box"] = any(
            isinstance(w, WorkDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
        next(b for b in box.buttons() if b.text() == "&Ouvrir le document").click()
        return 0

    notes: dict[str, Any] = {}
    monkeypatch.setattr(QMessageBox, "exec", open_document)
    held_sheet(gate, monkeypatch)

    def watch(dialog: WorkDialog) -> None:
        notes["shown"] = dialog.labelText()
        gate.opened.set()

    when_progress_shows(watch)
    press_alt(window, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: bool(opened))

    written = folder / "suivi.xlsx"
    assert notes["shown"].startswith("Écriture du tableau de suivi…")
    assert told == [f"Document enregistré dans « {written} »."] and opened == [written]
    assert notes["progress under the box"] is False  # closed before « Document écrit »
    assert sorted(p.name for p in folder.iterdir()) == ["suivi.xlsx"]

    from openpyxl import load_workbook

    assert "Actions" in load_workbook(written, read_only=True).sheetnames


def test_the_pilots_series_stops_after_the_workbook_under_way(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
    gate: Gate, ticks: list[int],
) -> None:
    from charte_desktop.exports import update_workbook

    folder = tmp_path / "envois"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: tell(told, f"{box.text()} {box.informativeText()}"))
    calls: list[int] = []
    content = update_workbook.update_content

    def second_waits(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            gate.hold()
        return content(*args, **kwargs)

    monkeypatch.setattr(update_workbook, "update_content", second_waits)
    notes: dict[str, Any] = {}
    seen = when_progress_shows(stop_with(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier,
                                         gate, ticks, notes))
    menu_action(window, SEND).trigger()
    qtbot.waitUntil(lambda: bool(told))

    assert seen and notes["title"] == "Classeurs de mise à jour"
    assert notes["label"].startswith("Écriture des classeurs de mise à jour…\nClasseur de ")
    assert "(2 sur 9)" in notes["label"]
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 2 and all(n.startswith("Mise à jour - ") for n in names)
    assert told[0].startswith(f"2 classeurs écrits dans « {folder} », un par pilote. "
                              "Série arrêtée : 7 pilote(s) sans classeur.")
