"""Errors in the window: French messages, a report to copy, a log file, data intact."""

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.errors import CharteError
from charte_desktop.ui import error_reporting


def test_user_error_shows_its_french_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    error = CharteError("Le champ « Code » est obligatoire.", field="code")
    error_reporting.handle_exception(CharteError, error, None)
    assert shown == ["Le champ « Code » est obligatoire."]


def test_unexpected_error_is_logged_and_reported_with_copyable_details(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(error_reporting, "log_folder", lambda: tmp_path)
    handler_count = len(error_reporting.log.handlers)
    log_path = error_reporting.set_up_logging()
    assert log_path == tmp_path / "charte.log"
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        copy = next(b for b in box.buttons() if b.text() == "Copier les détails")
        copy.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise ZeroDivisionError("division par zéro dans un calcul")
    except ZeroDivisionError as error:
        error_reporting.handle_exception(type(error), error, error.__traceback__)
    for handler in error_reporting.log.handlers[handler_count:]:
        handler.flush()
    [box] = boxes
    assert box.windowTitle() == "Erreur inattendue"
    assert "Vos données enregistrées ne sont pas touchées" in box.text()
    assert "ZeroDivisionError" in box.detailedText()
    assert "ZeroDivisionError" in QApplication.clipboard().text()
    assert "ZeroDivisionError" in log_path.read_text(encoding="utf-8")
    for handler in error_reporting.log.handlers[handler_count:]:
        error_reporting.log.removeHandler(handler)
        handler.close()
    assert logging.getLogger("charte") is error_reporting.log


def test_unwritable_log_folder_does_not_stop_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_folder() -> Any:
        raise PermissionError("accès refusé")

    monkeypatch.setattr(error_reporting, "log_folder", no_folder)
    assert error_reporting.set_up_logging() is None
