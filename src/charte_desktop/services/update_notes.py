"""Why an answer of a returned update workbook changes nothing, in French, for the review.

The pilot saw « En retard » in the workbook and typed « En cours »: the late status is
computed, not stored, so there is nothing to record when « En cours » is already stored.
The review then says why the action shows « En retard » and what would lift it, rather
than dropping the answer without a word. The same goes for a progress or a value that
the file already holds.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.models import Action
from charte_desktop.formatting import format_date
from charte_desktop.services.action_rows import milestone_overdue
from charte_desktop.services.late_reasons import in_sentence, late_reasons

if TYPE_CHECKING:
    from charte_desktop.services.update_merge import ActionReview, Change


def lifts(action: Action, today: date) -> list[str]:
    """What would lift the late status of `action` (its milestones loaded)."""
    found = []
    if action.end_date is not None and action.end_date < today:
        found.append("repousser l'échéance")
    overdue = [m for m in action.milestones
               if milestone_overdue(action.status, m.due_date, m.done, today)]
    if overdue:
        found.append("cocher le jalon comme atteint" if len(overdue) == 1
                     else "cocher les jalons comme atteints")
    found.append(f"passer l'action en « {ActionStatus.DONE.label} »")
    return found


def _joined(parts: list[str]) -> str:
    """"a", "a et b", "a, b et c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} et {parts[-1]}"


def _or_joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} ou {parts[-1]}"


def why_late(reasons: list[str]) -> str:
    """"échéance dépassée le 18/10/2026 et jalon « … » non atteint au 12/11/2026"."""
    return _joined([in_sentence(reason) for reason in reasons]) or "une échéance est passée"


def still_late_hint(reasons: list[str]) -> str:
    """Beside a status change that will not lift the late status."""
    return f"restera « En retard » : {why_late(reasons)}"


def unchanged_late_status(code: str, status: ActionStatus, reasons: list[str],
                          lift: list[str]) -> str:
    """The pilot typed the stored status of a late action: nothing to record, and why."""
    return (f"Action {code} : statut « {status.label} » non repris : l'action est déjà "
            f"« {status.label.lower()} » ; elle apparaît « En retard » : "
            f"{why_late(reasons)}. Pour lever le retard : {_or_joined(lift)}.")


def unchanged_status(code: str, status: ActionStatus) -> str:
    return (f"Action {code} : statut « {status.label} » non repris : c'est déjà le statut "
            "enregistré.")


def unchanged_progress(code: str, progress: int) -> str:
    return (f"Action {code} : avancement {progress} % non repris : c'est déjà l'avancement "
            "enregistré.")


def unchanged_measurement(name: str, value: str, measured_on: date) -> str:
    return (f"Indicateur « {name} » : la valeur {value} au {format_date(measured_on)} "
            "n'est pas reprise : elle est déjà enregistrée.")


@dataclass
class LateNote:
    """A status answer on a late action, worded once the late reasons are read."""

    at: int  # its place among the skipped answers (or -1: a hint on a change)
    action: Action
    status: ActionStatus
    change: "Change | None" = None


def word_late_notes(
    db: Database, late: list[LateNote], skipped: list[str], reviews: "list[ActionReview]",
    today: date,
) -> "list[ActionReview]":
    """Say why each late action is late: in its skipped line, or beside its status change
    when the new status leaves it late (the changes are frozen: rebuild those reviews)."""
    reasons = late_reasons(db, {note.action.id for note in late}, today)
    hints: dict[str, str] = {}
    for note in late:
        why = reasons.get(note.action.id, [])
        if note.change is not None:
            hints[note.change.key] = still_late_hint(why)
        else:
            skipped[note.at] = unchanged_late_status(
                note.action.code, note.status, why, lifts(note.action, today))
    return [
        replace(review, changes=tuple(
            replace(change, hint=hints[change.key]) if change.key in hints else change
            for change in review.changes))
        for review in reviews
    ]
