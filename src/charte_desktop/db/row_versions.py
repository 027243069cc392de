"""No lost update: a save based on a version of a row that is no longer the latest is
refused, naming who changed it and when.

A form notes the version of its row when it opens (`Action.version`…); its save runs
inside `editing(table, row_id, version)`. Every flush compares: a row changed meanwhile
(on another computer, by another officer) makes the save fail with StaleEditError and
nothing is written. The version column also makes the server refuse an update whose row
changed between reading and writing (StaleDataError, see `Database.session`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from charte_desktop import clock
from charte_desktop.db.history import TRACKED
from charte_desktop.db.models import ChangeLog
from charte_desktop.errors import StaleEditError, reload_advice

_expected: ContextVar[dict[tuple[str, int], int] | None] = ContextVar(
    "charte_expected_versions", default=None)

CHANGED_DURING_SAVE = ("Cette fiche a été modifiée sur un autre poste au moment même où vous "
                       "l'enregistriez : rien n'a été enregistré. Rechargez-la puis "
                       "recommencez.")
THIS_ROW = {"action": "Cette action", "meeting": "Cette réunion", "contact": "Ce contact"}
CHANGED_WORD = {"action": "modifiée", "meeting": "modifiée", "contact": "modifié"}
DELETED_WORD = {"action": "supprimée", "meeting": "supprimée", "contact": "supprimé"}


@contextmanager
def editing(table: str, row_id: int, version: int | None) -> Iterator[None]:
    """Saves inside the block are refused if the row is no longer at `version`."""
    if version is None:
        yield
        return
    expected = dict(_expected.get() or {})
    expected[(table, row_id)] = version
    token = _expected.set(expected)
    try:
        yield
    finally:
        _expected.reset(token)


def moment_text(moment: datetime, today: Any = None) -> str:
    """« à 14h05 » today, « le 02/12/2026 à 14h05 » another day (local time)."""
    local = moment.astimezone()
    day = today or clock.today()
    hour = f"à {local:%H}h{local:%M}"
    return hour if local.date() == day else f"le {local:%d/%m/%Y} {hour}"


def _who_and_when(session: Session, table: str, row_id: int) -> str:
    """« par dominique à 14h05 »: the author and moment of the row's latest change."""
    latest = session.execute(
        select(ChangeLog.author, ChangeLog.at)
        .where(ChangeLog.table_name == table, ChangeLog.row_id == row_id)
        .order_by(ChangeLog.id.desc()).limit(1)).first()
    who = f" par {latest.author}" if latest is not None and latest.author else ""
    when = f" {moment_text(latest.at)}" if latest is not None else ""
    return who + when


def stale_message(session: Session, table: str, row_id: int) -> str:
    pronoun = "le" if table == "contact" else "la"
    return (f"{THIS_ROW[table]} a été {CHANGED_WORD[table]}"
            f"{_who_and_when(session, table, row_id)} pendant que vous {pronoun} modifiiez : "
            f"rien n'a été enregistré. {reload_advice(table)}")


@event.listens_for(Session, "before_flush")
def _check_versions(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.dirty:
        # A change of its lists only (copilots, partners) writes no row: stamp the row so
        # that its version moves too, and another officer's older form is refused.
        if type(obj) in TRACKED and session.is_modified(obj, include_collections=True):
            obj.updated_at = clock.now()
    expected = _expected.get()
    if not expected:
        return
    # Checked at the session's first flush of the row: its later flushes see the version
    # that first flush wrote.
    checked = session.info.setdefault("versions_checked", set())
    for obj in (*session.dirty, *session.deleted):
        table = TRACKED.get(type(obj))
        if table is None or (table, obj.id) in checked:
            continue
        checked.add((table, obj.id))
        version = expected.get((table, obj.id))
        if version is not None and obj.version != version:
            with session.no_autoflush:
                message = stale_message(session, table, obj.id)
            raise StaleEditError(message, table, obj.id)


def deleted_message(session: Session, table: str, row_id: int) -> str:
    """The refusal of a save whose row another officer deleted meanwhile."""
    who_and_when = _who_and_when(session, table, row_id)
    pronoun = "le" if table == "contact" else "la"
    return (f"{THIS_ROW[table]} a été {DELETED_WORD[table]}{who_and_when} pendant que vous "
            f"{pronoun} modifiiez : rien n'a été enregistré. Ce que vous avez saisi reste "
            "affiché : copiez ce qui vous sert (Ctrl+C), puis fermez avec Échap.")
