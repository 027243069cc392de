"""Why an action shows « En retard », in French: the one reader and the one wording.

The rule stays in `action_rows` (`late_sql`, `milestone_overdue`); this module only says
which of its parts applies: « Échéance dépassée le 18/10/2026 », « Jalon « Délibérations
des communes » non atteint au 12/11/2026 », or both. The list's tooltip, the dashboard,
the calendar and the fiche action all word it here, so they never disagree.
"""

from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, text

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.formatting import format_date
from charte_desktop.services.action_rows import late_sql, milestone_overdue, read_day
from charte_desktop.text import clean_line

if TYPE_CHECKING:
    from charte_desktop.db.models import Action

# Well under SQLite's limit on bound values, for a plan of thousands of actions.
_CHUNK = 500


def end_date_reason(end_date: date) -> str:
    return f"Échéance dépassée le {format_date(end_date)}"


def milestone_reason(title: str, due_date: date) -> str:
    return f"Jalon « {title} » non atteint au {format_date(due_date)}"


def in_sentence(reason: str) -> str:
    """A reason inside a sentence: « En cours ; échéance dépassée le … »."""
    return reason[:1].lower() + reason[1:]


def reasons_of(stored_status: ActionStatus, end_date: date | None,
               milestones: Iterable[tuple[str, date | None, bool]], today: date,
               ) -> list[str]:
    """The reasons of an action in hand (a fiche has it loaded): its end date first, then
    its overdue milestones, earliest first. Empty when the action is not late."""
    reasons = []
    # An end date passed counts as a milestone missed would (`late_sql`'s first part).
    if end_date is not None and milestone_overdue(stored_status, end_date, False, today):
        reasons.append(end_date_reason(end_date))
    overdue = sorted((due, title) for title, due, done in milestones
                     if due is not None and milestone_overdue(stored_status, due, done, today))
    reasons.extend(milestone_reason(title, due) for due, title in overdue)
    return reasons


# Only the milestones that may be overdue are joined; `reasons_of` applies the rule.
# Today is a date literal, as in `late_sql`: nothing to bind, any database reads it.
_SQL = """
SELECT action.id, action.status, action.end_date, {late} AS late,
       milestone.title, milestone.due_date, milestone.done
FROM action
LEFT OUTER JOIN milestone ON milestone.action_id = action.id AND NOT milestone.done
     AND milestone.due_date IS NOT NULL AND milestone.due_date < '{today}'
WHERE action.id IN :ids"""


def late_reasons(db: Database, action_ids: Collection[int], today: date | None = None,
                 ) -> dict[int, list[str]]:
    """Why each of these actions is late, in one query (per 500 ids): every id found maps
    to its reasons, an empty list when the action is not late."""
    day = today or clock.today()
    ids = sorted(set(action_ids))
    found: dict[int, tuple[ActionStatus, date | None, list[tuple[str, date | None, bool]]]] = {}
    query = text(_SQL.format(late=late_sql(day), today=day.isoformat())).bindparams(
        bindparam("ids", expanding=True))
    with db.session() as session:
        connection = session.connection()
        for start in range(0, len(ids), _CHUNK):
            records = connection.execute(
                query, {"ids": ids[start:start + _CHUNK]})
            for action_id, status, end, late, title, due, done in records:
                if not late:
                    found.setdefault(action_id, (ActionStatus(status), None, []))
                    continue
                entry = found.setdefault(action_id, (ActionStatus(status), read_day(end), []))
                if title is not None:
                    entry[2].append((clean_line(title), read_day(due), bool(done)))
    return {action_id: reasons_of(status, end, milestones, day)
            for action_id, (status, end, milestones) in found.items()}


def why_late_text(reasons: Iterable[str]) -> str:
    """« En retard » and its reasons, one a line: what the pointer on the status reads."""
    return "\n".join(["En retard", *reasons])


def sheet_reasons(action: "Action", today: date) -> list[str]:
    """The reasons of an action loaded with its milestones, as a fiche writes them after
    its stored status: « En cours ; échéance dépassée le 18/10/2026 ; jalon « … » … »."""
    return [in_sentence(reason) for reason in reasons_of(
        action.status, action.end_date,
        ((m.title, m.due_date, m.done) for m in action.milestones), today)]
