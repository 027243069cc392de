"""The integrity check of the file about to open, begun before the window's modules load.

SQLite runs its check in C with Python's lock released: started in a thread as soon as
the file to open is known, it goes on while the window's modules load (about as long),
and opening finds it done. Opening uses the result only for the file as it was when the
check began (same size, same modification time); otherwise it checks again.
"""

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from charte_desktop.db.damaged import has_journal, integrity_problem


@dataclass
class _Check:
    state: tuple[int, int]  # size and modification time when the check began
    thread: threading.Thread
    outcome: list[object] = field(default_factory=list)  # the problem, or the exception


_begun: dict[Path, _Check] = {}
_guard = threading.Lock()


def _state(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def check_ahead(path: Path) -> None:
    """Begin the check of `path` in the background; nothing if it cannot help (no file,
    or a save interrupted by a crash that opening will roll back first)."""
    state = _state(path)
    if state is None or has_journal(path):
        return
    key = path.resolve()

    def run() -> None:
        try:
            check.outcome.append(integrity_problem(path))
        except BaseException as exc:  # handed over to the opening, raised there
            check.outcome.append(exc)

    check = _Check(state, threading.Thread(target=run, name="integrite", daemon=True))
    with _guard:
        if key in _begun:
            return
        _begun[key] = check
    check.thread.start()


def checked_integrity(path: Path) -> str | None:
    """`integrity_problem(path)`, from the check begun ahead when it still holds."""
    with _guard:
        check = _begun.pop(path.resolve(), None)
    if check is not None:
        check.thread.join()
        if check.outcome and _state(path) == check.state:
            outcome = check.outcome[0]
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome if isinstance(outcome, str) else None
    return integrity_problem(path)
