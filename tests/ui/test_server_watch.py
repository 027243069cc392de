"""The window's watch on a shared server (ui/server_window.py): the change count is read
off the window's thread, so a slow or vanished server never freezes it, and the screen is
read again once the count moved, never under an open form."""

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from charte_desktop.ui import server_window
from charte_desktop.ui.server_window import ServerWatch


class SlowServer:
    """Answers the count only when the test lets it, as a slow network would."""

    def __init__(self) -> None:
        self.count = 10
        self.answer = threading.Event()
        self.asked = 0
        self.error: Exception | None = None

    def change_count(self, _db: Any) -> int:
        self.asked += 1
        if not self.answer.wait(timeout=30):
            raise TimeoutError("le test n'a pas laissé répondre")
        self.answer.clear()
        if self.error is not None:
            raise self.error
        return self.count


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> SlowServer:
    slow = SlowServer()
    monkeypatch.setattr(server_window, "change_count", slow.change_count)
    return slow


def watch_of(qtbot: QtBot, refreshed: list[int]) -> tuple[QWidget, ServerWatch]:
    window = QWidget()
    qtbot.addWidget(window)
    watch = ServerWatch(window, db=None, refresh=lambda: refreshed.append(1),  # type: ignore[arg-type]
                        interval_ms=3_600_000)  # looks only when the test says
    return window, watch


def answer(qtbot: QtBot, server: SlowServer, watch: ServerWatch) -> None:
    server.answer.set()
    qtbot.waitUntil(lambda: not watch._looking, timeout=10000)


def test_the_window_answers_while_the_server_is_slow(qtbot: QtBot, server: SlowServer) -> None:
    refreshed: list[int] = []
    _window, watch = watch_of(qtbot, refreshed)

    watch.look()  # returns at once: the server has not answered yet
    assert watch._looking and not server.answer.is_set()
    watch.look()  # a second look while the first is out asks nothing more
    answer(qtbot, server, watch)
    assert server.asked == 1 and refreshed == []  # the first count is only remembered

    server.count = 11  # another officer saved
    watch.look()
    answer(qtbot, server, watch)
    assert refreshed == [1]

    watch.look()  # nothing moved since
    answer(qtbot, server, watch)
    assert refreshed == [1]


def test_a_server_gone_away_is_tried_again_later(qtbot: QtBot, server: SlowServer,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    refreshed: list[int] = []
    _window, watch = watch_of(qtbot, refreshed)
    watch.look()
    answer(qtbot, server, watch)

    server.error = ConnectionError("connexion perdue")
    watch.look()
    answer(qtbot, server, watch)
    assert "Serveur injoignable" in caplog.text and refreshed == []

    server.error, server.count = None, 12
    watch.look()
    answer(qtbot, server, watch)
    assert refreshed == [1]


def test_no_refresh_under_an_open_form(qtbot: QtBot, server: SlowServer) -> None:
    refreshed: list[int] = []
    window, watch = watch_of(qtbot, refreshed)
    watch.look()
    answer(qtbot, server, watch)

    form = QDialog(window)
    form.setModal(True)
    form.show()
    qtbot.waitUntil(lambda: form.isVisible())
    server.count = 13
    watch.look()
    answer(qtbot, server, watch)
    assert refreshed == []  # the officer's typing is never disturbed

    form.close()
    watch.look()  # the next look, the form closed: the change waiting is shown
    answer(qtbot, server, watch)
    assert refreshed == [1]
