"""The « Historique » of an action, a meeting or a contact, and the version a form edits.

What a form needs to never overwrite another officer's work: `row_version` when it opens,
then its save inside `db.row_versions.editing` (see there); and, to show who did what,
`history_lines` newest first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.history import KIND_LABELS
from charte_desktop.db.models import Action, ChangeLog, Contact, Meeting
from charte_desktop.db.row_versions import deleted_message, editing
from charte_desktop.errors import CharteError, StaleEditError
from charte_desktop.formatting import format_date

_MODELS: dict[str, type[Action] | type[Meeting] | type[Contact]] = {
    "action": Action, "meeting": Meeting, "contact": Contact}


@dataclass(frozen=True)
class HistoryLine:
    when: str  # « 03/12/2026 14h05 »
    author: str
    what: str  # « Modification : intitulé, statut »


T = TypeVar("T")


def saved_from(table: str, row_id: int, version: int | None, save: Callable[[], T],
               db: Database | None = None) -> T:
    """`save()`, refused with StaleEditError if the row is no longer at `version`; with
    `db`, a row deleted meanwhile is refused the same way (not « introuvable »)."""
    with editing(table, row_id, version):
        try:
            return save()
        except CharteError as error:
            if db is None or version is None or isinstance(error, StaleEditError) \
                    or row_version(db, table, row_id) is not None:
                raise
            with db.session() as session:
                message = deleted_message(session, table, row_id)
            raise StaleEditError(message, table, row_id, deleted=True) from None


def row_version(db: Database, table: str, row_id: int) -> int | None:
    """The row's current version, None when it no longer exists."""
    model = _MODELS[table]
    with db.session() as session:
        version = session.scalar(select(model.version).where(model.id == row_id))
    return None if version is None else int(version)


def history_lines(db: Database, table: str, row_id: int) -> list[HistoryLine]:
    """Who created, changed or deleted the row, and when, newest first."""
    with db.session() as session:
        rows = session.execute(
            select(ChangeLog.at, ChangeLog.author, ChangeLog.kind, ChangeLog.summary)
            .where(ChangeLog.table_name == table, ChangeLog.row_id == row_id)
            .order_by(ChangeLog.id.desc())).all()
    lines = []
    for at, author, kind, summary in rows:
        local = at.astimezone()
        what = KIND_LABELS.get(kind, kind)
        lines.append(HistoryLine(f"{format_date(local.date())} {local:%H}h{local:%M}",
                                 author or "inconnu", f"{what} : {summary}" if summary
                                 else what))
    return lines
