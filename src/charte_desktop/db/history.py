"""Record who created, changed or deleted an action, a meeting or a contact, and when.

A flush of any session writes one `change_log` line per such row, with the French names of
the fields that changed and, for actions and meetings, what they held before and after
(db/history_values.py). The author is the session's (`Database.author`): the server's
user on a server, the computer's session name on a file. Rows written by plain SQL
statements (a plan's import, the policy matrix) are recorded by their use case, through
`record_plain_writes`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from charte_desktop import clock
from charte_desktop.db.history_values import change_text
from charte_desktop.db.models import Action, ChangeLog, Contact, Meeting

TRACKED: dict[type, str] = {Action: "action", Meeting: "meeting", Contact: "contact"}

# The fields' names as the forms show them; a field not listed is not named.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "action": {
        "code": "code", "title": "intitulé", "description": "description",
        "status": "statut", "priority": "priorité", "pilot_id": "pilote",
        "project_group_id": "groupe projet", "start_date": "début", "end_date": "fin",
        "progress": "avancement", "budget_planned": "budget prévu",
        "budget_committed": "budget engagé", "budget_spent": "budget dépensé",
        "axis_id": "axe", "weight": "poids", "copilots": "copilotes",
        "partners": "partenaires", "policies": "politiques publiques",
        "progress_from_milestones": "avancement par les jalons",
    },
    "meeting": {
        "date": "date", "start_time": "heure de début", "end_time": "heure de fin",
        "place": "lieu", "state": "état", "secretary_id": "secrétaire de séance",
        "notes": "notes", "body_id": "instance", "signatory_id": "signataire",
    },
    "contact": {
        "civility": "civilité", "first_name": "prénom", "last_name": "nom",
        "function": "fonction", "title": "titre", "organisation_id": "structure",
        "circle_id": "cercle", "email": "courriel", "phone": "téléphone", "notes": "notes",
        "archived": "archivage",
    },
}
CREATED, CHANGED, DELETED = "created", "changed", "deleted"
KIND_LABELS = {CREATED: "Création", CHANGED: "Modification", DELETED: "Suppression"}


def _summary(session: Session, kind: str, table: str, obj: Any) -> str:
    """The changed fields, with their old and new values where they say them."""
    if kind != CHANGED:
        return ""
    state = inspect(obj)
    changes = []
    for name, label in FIELD_LABELS[table].items():
        history = state.attrs[name].history if name in state.attrs else None
        if history is not None and history.has_changes():
            changes.append(change_text(session.connection(), table, name, label, history))
    return ", ".join(changes)


# What this transaction has recorded so far, by (table, row id): a save flushed in two
# steps (its fields, then its lists) stays one line of the Historique.
_WRITTEN = "history_written"


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context: Any) -> None:
    lines = []
    now = clock.now()
    author = str(session.info.get("author") or "")
    written: dict[tuple[str, int], tuple[str, str]] = session.info.setdefault(_WRITTEN, {})
    connection = session.connection()
    for kind, objects in ((CREATED, session.new), (CHANGED, session.dirty),
                          (DELETED, session.deleted)):
        # Sorted: a flush's lines come in the same order whatever the sets' order.
        tracked = sorted(((TRACKED[type(obj)], obj.id or 0, obj) for obj in objects
                          if type(obj) in TRACKED), key=lambda item: item[:2])
        for table, _id, obj in tracked:
            if kind == CHANGED and not session.is_modified(obj, include_collections=True):
                continue
            summary = _summary(session, kind, table, obj)
            if kind == CHANGED and not summary:
                continue  # only its time stamps or unnamed fields moved
            earlier = written.get((table, obj.id))
            if kind == CHANGED and earlier is not None:
                if earlier[0] == CHANGED:  # the same save's second step: one line
                    summary = f"{earlier[1]}, {summary}"
                    connection.execute(
                        update(ChangeLog).where(ChangeLog.id == _latest(table, obj.id))
                        .values(summary=summary))
                    written[(table, obj.id)] = (CHANGED, summary)
                continue  # changed again right after its creation: the creation says it
            written[(table, obj.id)] = (kind, summary)
            lines.append({"table_name": table, "row_id": obj.id, "at": now,
                          "author": author[:120], "kind": kind, "summary": summary})
    if lines:
        connection.execute(insert(ChangeLog), lines)


def _latest(table: str, row_id: int) -> Any:
    return (select(func.max(ChangeLog.id))
            .where(ChangeLog.table_name == table, ChangeLog.row_id == row_id)
            .scalar_subquery())


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_written(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


def record_plain_writes(session: Session, table: str, kind: str, row_ids: list[int],
                        fields: tuple[str, ...] = ()) -> None:
    """The history lines of rows a use case wrote by plain SQL statements, which the
    flush does not see: `kind` for each row, naming the `fields` that changed."""
    if not row_ids:
        return
    labels = FIELD_LABELS[table]
    summary = ", ".join(labels[name] for name in fields) if kind == CHANGED else ""
    author = str(session.info.get("author") or "")[:120]
    now = clock.now()
    session.connection().execute(insert(ChangeLog), [
        {"table_name": table, "row_id": row_id, "at": now, "author": author,
         "kind": kind, "summary": summary} for row_id in sorted(row_ids)])
