"""Run one long import step in a worker thread, with a progress bar and « Annuler ».

The work is a plain function `work(monitor)` of the core: it never touches a widget. It
reports through the monitor, whose progress is sent to this panel as a queued signal,
and stops at its next check once « Annuler » sets the stop flag (ImportCancelled: nothing
written). The outcome comes back in the GUI thread.
"""

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from charte_desktop.errors import CharteError
from charte_desktop.imports.progress import ImportCancelled, Monitor

log = logging.getLogger("charte")

Work = Callable[[Monitor], Any]


@dataclass(frozen=True)
class Outcome:
    result: Any = None
    message: str = ""  # French, when the work failed or was cancelled
    cancelled: bool = False
    details: str = ""  # a traceback, for an unexpected error only

    @property
    def ok(self) -> bool:
        return not self.message


class _Worker(QObject):
    progressed = Signal(str, int, int)
    done = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    @Slot()
    def run(self) -> None:
        monitor = Monitor(progress=self.progressed.emit, cancelled=self._stop.is_set)
        try:
            outcome = Outcome(result=self._work(monitor))
        except ImportCancelled as cancelled:
            outcome = Outcome(message=cancelled.message, cancelled=True)
        except CharteError as error:
            outcome = Outcome(message=error.message)
        except Exception:  # reported in the window, never raised in a thread
            details = traceback.format_exc()
            log.error("Erreur inattendue pendant un import\n%s", details)
            outcome = Outcome(message="Une erreur inattendue s'est produite ; rien n'a été "
                                      "modifié.", details=details)
        self.done.emit(outcome)


class TaskPanel(QWidget):
    """What is being done, how far, and a button to stop it; hidden when idle."""

    finished = Signal(object)  # the Outcome, in the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progression")
        self.cancel_button = QPushButton("&Annuler")
        self.cancel_button.setToolTip("Arrêter : rien n'est modifié dans le fichier")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._stop = threading.Event()
        self._on_done: Callable[[Outcome], None] | None = None
        self.hide()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, label: str, work: Work, on_done: Callable[[Outcome], None]) -> None:
        if self.running:
            raise RuntimeError("a task is already running")
        self._stop = threading.Event()
        self._on_done = on_done
        self.label.setText(label)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.show()
        thread = QThread(self)
        worker = _Worker(work, self._stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._show_progress)
        worker.done.connect(self._finish)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        if self.running:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.label.setText("Annulation…")

    def stop_and_wait(self) -> None:
        """Cancel and wait for the worker (closing the wizard): it stops at its next check."""
        thread = self._thread
        if thread is not None:
            self.cancel()
            thread.quit()  # its loop ends once the work has returned
            thread.wait()
            self._thread = self._worker = None
            self._on_done = None  # nobody is left to tell
            thread.deleteLater()

    @Slot(str, int, int)
    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if not self._stop.is_set():
            self.label.setText(stage)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    @Slot(object)
    def _finish(self, outcome: Outcome) -> None:
        thread = self._thread
        if thread is None:  # stopped and waited for already
            return
        self._thread = self._worker = None
        thread.quit()  # the work has returned: its thread has nothing left to do
        thread.wait()
        thread.deleteLater()
        self.hide()
        on_done, self._on_done = self._on_done, None
        if on_done is not None:
            on_done(outcome)
        self.finished.emit(outcome)
