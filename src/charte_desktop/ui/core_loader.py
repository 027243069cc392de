"""Load the rest of Charte (SQLAlchemy, the models, the screens) in a background thread.

At start the window shows Plan d'actions read with sqlite3 alone (see `ActionsPreview`) and
stays usable while this runs. Anything on the main thread that needs the rest waits for it
first (`wait()`): two threads importing the same modules at once could deadlock.
"""

import importlib
import logging
import sys
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger("charte")

# Importing the actions screen imports SQLAlchemy, every model and the use cases it calls.
CORE_MODULES = ("charte_desktop.ui.pages.actions_page",)
SWITCH_INTERVAL = 0.0002  # seconds, while loading (see _run)


class CoreLoader(QObject):
    """Imports `modules` once, in a thread; `loaded` is emitted on the main thread."""

    loaded = Signal()

    def __init__(self, modules: Sequence[str] = CORE_MODULES, *,
                 before: Callable[[], None] | None = None,
                 even_if_imported: bool = False) -> None:
        super().__init__()
        self._modules = tuple(modules)
        # Tests hold the loading back with `before`, in a process that has SQLAlchemy already.
        self._before = before
        self._even_if_imported = even_if_imported
        self._thread: threading.Thread | None = None
        self._done = threading.Event()

    def needed(self) -> bool:
        """True while SQLAlchemy is not loaded (by this loader or by anyone else): then the
        first screen is worth showing from sqlite3."""
        if self._done.is_set():
            return False
        return self._even_if_imported or "sqlalchemy" not in sys.modules

    def start(self, warm: Callable[[], object] | None = None) -> None:
        """Start loading; then `warm()` (a first query: its SQL compiled, the connection
        made) runs in the thread too, so the screen's own first query is quicker."""
        if self._thread is None and self.needed():
            self._thread = threading.Thread(target=self._run, args=(warm,),
                                            name="charte-core", daemon=True)
            self._thread.start()

    def _run(self, warm: Callable[[], object] | None) -> None:
        # Each call from Qt into Python (a cell to paint, a key typed) waits for this thread
        # to hand the interpreter over, by default up to 5 ms: far too slow for a window.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            if self._before is not None:
                self._before()
            for module in self._modules:
                importlib.import_module(module)
            from sqlalchemy.orm import configure_mappers

            configure_mappers()  # otherwise done by the first query, on the main thread
            if warm is not None:
                warm()
        except Exception:  # the main thread imports again and reports it the usual way
            log.exception("Chargement en arrière-plan interrompu")
        finally:
            sys.setswitchinterval(interval)
            self._done.set()
            self.loaded.emit()

    def wait(self) -> None:
        """Block until the background import is over (at once if it never started)."""
        thread = self._thread
        if thread is None or self._done.is_set():
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            thread.join()
        finally:
            QApplication.restoreOverrideCursor()


_shared: CoreLoader | None = None


def shared_loader() -> CoreLoader:
    """The process's loader: the modules are imported once, whatever the windows opened."""
    global _shared
    if _shared is None:
        _shared = CoreLoader()
    return _shared
