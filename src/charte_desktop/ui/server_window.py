"""What the window does differently on a shared server: it says so, and it shows the other
officers' changes within a few seconds, without restarting.

The server counts the rows every session inserted, updated or deleted (its statistics);
the window reads that count every few seconds and, when it moved, reads the screen again.
Not while a form or a question is open: the officer's typing is never disturbed.
"""

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from charte_desktop.db import Database

log = logging.getLogger("charte")

POLL_MS = 3000
PICKUP_MS = 50  # how often the window looks whether the count has come back

# Short enough for the status bar of a 1366-pixel screen; the address is in the title.
SERVER_NOTICE = ("Base partagée : plusieurs agents y travaillent à la fois, les changements "
                 "des autres s'affichent d'eux-mêmes ; le serveur a ses sauvegardes "
                 "(« Sauvegarder maintenant » en copie une ici).")


def server_notice(db: Database) -> str:
    return SERVER_NOTICE


def shared_base_badge(db: Database) -> QLabel:
    """A lasting « Base partagée » at the right of the status bar (the notice on its left
    gives way to later messages); its tooltip gives the address and what it means."""
    badge = QLabel("Base partagée")
    badge.setObjectName("shared_base")
    badge.setToolTip(f"{db.label}\n{SERVER_NOTICE}")
    badge.setAccessibleName("Base partagée")
    return badge


def change_count(db: Database) -> int:
    """Rows inserted, updated or deleted on the server since its statistics began."""
    from sqlalchemy import text

    with db.engine.connect() as connection:
        value = connection.execute(text(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_user_tables")).scalar()
    return int(value or 0)


class ServerWatch(QObject):
    """Calls `refresh` when the server's content changed since the last look.

    The count is read in a thread of its own: a slow network or a server gone away (up to
    the 5-second connection timeout) never freezes the window; one look at a time. The
    thread touches no Qt object: it leaves the count in a plain list that a timer of the
    window's own thread picks up, so a window closed meanwhile is never called from it.
    """

    def __init__(self, parent: QObject, db: Database, refresh: Callable[[], None],
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._db = db
        self._refresh = refresh
        self._seen: int | None = None
        self._pending = False
        self._looking = False
        self._answer: list[object] = []  # the reading thread's count, or its error
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)
        self.timer.start()
        self._pickup = QTimer(self)
        self._pickup.setInterval(PICKUP_MS)
        self._pickup.timeout.connect(self._pick_up)

    def look(self) -> None:
        """Begin reading the count, unless the last reading is not back yet."""
        if self._looking:
            return
        self._looking = True
        answer: list[object] = []
        self._answer = answer
        db = self._db
        threading.Thread(target=_read_count, args=(db, answer), name="suivi-serveur",
                         daemon=True).start()
        self._pickup.start()

    def _pick_up(self) -> None:
        if not self._answer:
            return
        self._pickup.stop()
        self._counted(self._answer[0])

    def _counted(self, outcome: object) -> None:
        self._looking = False
        if not isinstance(outcome, int):
            log.warning("Serveur injoignable pour le suivi des modifications : %s", outcome)
            return
        if self._seen is not None and outcome != self._seen:
            self._pending = True
        self._seen = outcome
        self.refresh_if_free()

    def refresh_if_free(self) -> None:
        """Read the screen again if a change is waiting and no form or question is open."""
        if self._pending and QApplication.activeModalWidget() is None:
            self._pending = False
            self._refresh()


def _read_count(db: Database, answer: list[object]) -> None:
    """In the reading thread: the count, or the error met, appended to `answer`."""
    try:
        answer.append(change_count(db))
    except Exception as error:  # the network: logged, tried again at the next look
        answer.append(error)
