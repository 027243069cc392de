"""Long work off the window's thread, with a progress dialog and « Annuler ».

`run_with_progress(parent, title, heading, work)` runs `work(progress)` in a worker thread
and waits for it in a local event loop: the window repaints and its timers run, while the
progress dialog (modal to the window) keeps the officer from changing the file meanwhile.
The call returns `work`'s result, or raises in the window's thread what `work` raised
(a CharteError to show, `Cancelled` after « Annuler » or Échap), as a plain call would:
callers stay written as if the work were done in place.

`work` never touches a widget and reads the file through its own connection
(`db.thread_reader.reader_for_thread`). It calls `progress.step(done, total, label)`
between two pieces of work; once « Annuler » is pressed, the next step raises Cancelled.
"""

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

from charte_desktop.exports.progress import Cancelled, Progress

T = TypeVar("T")

SHOW_AFTER_MS = 300  # shorter work ends before any dialog flashes
CANCELLING = "Annulation en cours…"


class _Bridge(QObject):
    """Lives in the window's thread: signals emitted by the worker arrive there, queued."""

    progressed = Signal(int, int, str)
    finished = Signal()


class _WorkerProgress:
    """The Progress the worker sees: reports to the dialog, stops once asked to."""

    def __init__(self, bridge: _Bridge, stop: threading.Event) -> None:
        self._bridge = bridge
        self._stop = stop
        self._last: tuple[int, int, str] | None = None

    def step(self, done: int, total: int, label: str = "") -> None:
        if self._stop.is_set():
            raise Cancelled()
        report = (done, total, label)
        if report != self._last:  # the dialog is told what changed only
            self._last = report
            self._bridge.progressed.emit(done, total, label)


class WorkDialog(QProgressDialog):
    """The progress of one piece of work: a heading, the current step, a bar, « Annuler »
    (Échap too). Pressed, it says it is stopping and asks the worker to stop."""

    shown = Signal()

    def __init__(self, parent: QWidget | None, title: str, heading: str) -> None:
        # The button given here, not later: a button set afterwards leaves two Échap
        # shortcuts on the dialog, and Qt then runs neither.
        super().__init__(heading, "&Annuler", 0, 0, parent)  # busy until the first step
        self.heading = heading
        self.stop = threading.Event()
        self.setWindowTitle(title)
        button = self.findChild(QPushButton)
        assert button is not None, "QProgressDialog makes its button from the text given"
        self.cancel_button = button
        bar = self.findChild(QProgressBar)
        if bar is not None:
            bar.setFormat("%p\u202f%")  # « 30 % », as French writes it
        self.over = False  # the work has ended: closing the dialog stops nothing
        self.cancel_button.setToolTip("Arrêter l'écriture (Échap)")
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setMinimumWidth(460)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAccessibleName(title)
        self.canceled.connect(self.ask_to_stop)

    def ask_to_stop(self) -> None:
        if self.over or self.stop.is_set():
            return
        self.stop.set()
        self.setLabelText(f"{self.heading}\n{CANCELLING}")
        self.cancel_button.setEnabled(False)
        self.show()  # Qt hides it on « Annuler »: it stays until the worker has stopped

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def reject(self) -> None:
        """Échap (or the window's close button): stop, as « Annuler » does; the dialog
        closes once the worker has stopped."""
        self.ask_to_stop()

    def show_step(self, done: int, total: int, label: str) -> None:
        if self.stop.is_set():
            return
        if total > 0:
            if self.maximum() != total:
                self.setRange(0, total)
            self.setValue(min(done, total))
        if label:
            self.setLabelText(f"{self.heading}\n{label}")


def run_with_progress(parent: QWidget | None, title: str, heading: str,
                      work: Callable[[Progress], T]) -> T:
    """`work(progress)` in a worker thread, its progress shown; its result, or what it
    raised (Cancelled when the officer stopped it)."""
    dialog = WorkDialog(parent, title, heading)
    bridge = _Bridge()
    progress = _WorkerProgress(bridge, dialog.stop)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work(progress)
        except BaseException as error:  # raised again in the window's thread
            outcome["error"] = error
        bridge.finished.emit()

    waiting = QEventLoop()  # before the dialog shows: the window paints, takes no input
    loop = QEventLoop()  # then: the dialog (modal to the window) takes « Annuler »
    ended: list[bool] = []

    def end() -> None:
        ended.append(True)
        waiting.quit()
        loop.quit()

    bridge.progressed.connect(dialog.show_step, Qt.ConnectionType.QueuedConnection)
    bridge.finished.connect(end, Qt.ConnectionType.QueuedConnection)
    dialog.shown.connect(waiting.quit)
    worker = threading.Thread(target=run, name="charte-travail", daemon=True)
    worker.start()
    # Keys and clicks made before the dialog shows wait for the end (or for the dialog,
    # whose modality then blocks them): a second Alt+X cannot start a second export.
    waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if not ended:
        loop.exec()  # until the worker has finished: the window answers meanwhile
    worker.join()
    dialog.over = True
    dialog.close()
    dialog.deleteLater()
    bridge.deleteLater()
    if "error" in outcome:
        error = outcome.pop("error")
        raise error
    result: T = outcome["result"]
    return result
