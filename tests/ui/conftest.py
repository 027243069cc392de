"""GUI test fixtures: offscreen Qt, settings kept away from the user's, demo data, dialogs.

Modal dialogs (QMessageBox.question…) are answered through `answer_dialogs`, which patches
the static QMessageBox calls so a test never blocks.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from charte_desktop.db import Database
from tests.ui.keyboard import forget_pending_forms


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: Any) -> None:
    QCoreApplication.setOrganizationName("Charte-tests")
    QCoreApplication.setApplicationName("Charte-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    QSettings().clear()



@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path,
            request: pytest.FixtureRequest) -> Iterator[Database]:
    """A fresh copy of the small demo territory for each test; with
    CHARTE_TEST_ENGINE=postgresql, published to a new base of the test server instead,
    unless the test is marked `file_only`."""
    import shutil

    from charte_desktop.db import open_database
    from tests.server_engine import on_server, published_demo

    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    if on_server() and request.node.get_closest_marker("file_only") is None:
        with published_demo(path) as database:
            yield database
            close_windows()  # they read as they close: before their base goes
        return
    database = open_database(path)
    yield database
    database.close()


def close_windows() -> None:
    """Close and destroy every window now, as pytest-qt would after the test."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class DialogAnswers:
    """Records the questions asked and answers them with the queued buttons."""

    def __init__(self) -> None:
        self.answers: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []
        self.warnings: list[str] = []
        self.offered: list[Any] = []

    def question(self, _parent: Any, _title: str, text: str, *args: Any,
                 **kwargs: Any) -> QMessageBox.StandardButton:
        """The queued answer; without one, Échap's: Annuler when offered (Enregistrer /
        Ne pas enregistrer / Annuler), else Non. `offered` keeps each question's buttons."""
        self.asked.append(text)
        buttons = args[0] if args else kwargs.get("buttons", QMessageBox.StandardButton.Yes
                                                  | QMessageBox.StandardButton.No)
        self.offered.append(buttons)
        if self.answers:
            return self.answers.pop(0)
        if buttons & QMessageBox.StandardButton.Cancel:
            return QMessageBox.StandardButton.Cancel
        return QMessageBox.StandardButton.No

    def warning(self, _parent: Any, _title: str, text: str, *args: Any,
                **kwargs: Any) -> QMessageBox.StandardButton:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def answer_dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogAnswers:
    answers = DialogAnswers()
    monkeypatch.setattr(QMessageBox, "question", answers.question)
    monkeypatch.setattr(QMessageBox, "warning", answers.warning)
    monkeypatch.setattr(QMessageBox, "information", answers.warning)
    return answers


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Once the test has run, the windows it left open close without asking about what
    was typed in them (pytest-qt closes them before any fixture is torn down, and a real
    question would wait for an answer forever)."""
    yield
    from charte_desktop.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget._settled = True  # what close_settled() sets


@pytest.fixture(autouse=True)
def forget_scheduled_typing() -> Iterator[None]:
    """A form scheduled to be filled and never opened must not be filled in the next test."""
    yield
    forget_pending_forms()
