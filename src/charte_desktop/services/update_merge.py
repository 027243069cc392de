"""Merging a pilot's returned update workbook: what changed, then record what is accepted.

The reader (`imports/updates.py`) turns the workbook into a `ReturnedWorkbook` of plain
answers; `review_update` checks it belongs to this file and plan and was not merged yet,
and compares each answer with the file as it is now, giving the changes old → new per
action; `apply_update` records the accepted ones in one transaction (status, progress,
one journal note per action saying it comes from the pilot, measurements) and marks the
workbook as imported.

An empty answer means "unchanged": only what the pilot typed becomes a change, and it is
compared with the file now, not with what was sent (the officer may have edited since).
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.db.models import (
    Action,
    ActionNote,
    Contact,
    Indicator,
    Measurement,
    Plan,
    UpdateImport,
)
from charte_desktop.db.types import utcnow
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date, format_number
from charte_desktop.services import update_notes as notes
from charte_desktop.services.action_rows import ACTIVE_STATUSES, natural_key
from charte_desktop.services.status import display_statuses
from charte_desktop.services.update_content import file_token

# --- What the reader hands over -------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookIdentity:
    file_token: str
    file_name: str
    plan_id: int
    plan_created_at: datetime
    plan_title: str
    pilot_id: int | None
    pilot_name: str
    export_token: str
    exported_at: datetime


@dataclass(frozen=True)
class ActionAnswer:
    """What the pilot typed for one action; None / "" where the cell was left empty."""

    action_id: int
    code: str  # as sent
    status: ActionStatus | None = None
    progress: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class MeasurementAnswer:
    indicator_id: int
    name: str  # as sent
    measured_on: date
    value: Decimal
    comment: str = ""


@dataclass(frozen=True)
class ReturnedWorkbook:
    identity: WorkbookIdentity
    source_name: str  # the returned file's name, for messages and the import record
    actions: tuple[ActionAnswer, ...]
    measurements: tuple[MeasurementAnswer, ...]
    # Cells that could not be read (formula, #REF!, 120 %…), each a French sentence.
    problems: tuple[str, ...] = ()
    # Indicator id -> ids of the workbook's actions that follow it (as sent).
    indicator_actions: dict[int, tuple[int, ...]] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()  # cells not taken (gray cell changed…), each said why


# --- What the officer reviews ---------------------------------------------------------------


class ChangeKind(StrEnum):
    STATUS = "status"
    PROGRESS = "progress"
    COMMENT = "comment"
    MEASUREMENT = "measurement"


@dataclass(frozen=True)
class Change:
    """One proposed change; `key` identifies it when the officer accepts or rejects it."""

    key: str
    kind: ChangeKind
    what: str  # "Statut", "Avancement", "Journal", "Indicateur « … » au 31/03/2026"
    old: str  # French, as the officer reads it ("" when nothing was there)
    new: str
    status: ActionStatus | None = None
    progress: int | None = None
    text: str = ""
    indicator_id: int | None = None
    measured_on: date | None = None
    value: Decimal | None = None
    hint: str = ""  # e.g. the latest value, to judge a new one

    def describe(self) -> str:
        """One line, e.g. "Statut : En cours → Réalisée"."""
        if self.kind is ChangeKind.COMMENT:
            return f"{self.what} : + « {' '.join(self.new.split())} »"
        old = self.old or "(aucune valeur)"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.what} : {old} → {self.new}{hint}"


@dataclass(frozen=True)
class ActionReview:
    """The changes of one action (action_id None: indicators no listed action follows)."""

    action_id: int | None
    code: str
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class UpdateReview:
    identity: WorkbookIdentity
    source_name: str
    actions: tuple[ActionReview, ...]  # only actions with at least one change
    problems: tuple[str, ...]  # cells to correct (formula, unknown status…)
    skipped: tuple[str, ...] = ()  # answers that no longer apply (action deleted since…)

    @property
    def changes(self) -> list[Change]:
        return [change for action in self.actions for change in action.changes]


@dataclass(frozen=True)
class AppliedUpdate:
    accepted: int
    rejected: int
    notes: int
    measurements: int

    def summary(self) -> str:
        """E.g. "5 changements enregistrés (3 entrées du journal de suivi, 2 mesures)…"."""
        if not self.accepted:
            refused = f" ({_counted(self.rejected, 'refusé', 'refusés')})" if self.rejected else ""
            return f"Aucun changement enregistré{refused} ; le classeur est noté comme importé."
        parts = [_counted(self.accepted, "changement enregistré", "changements enregistrés")]
        details = [_counted(self.notes, "entrée du journal de suivi",
                            "entrées du journal de suivi"),
                   _counted(self.measurements, "mesure", "mesures")]
        text = f"{parts[0]} ({', '.join(details)})"
        if self.rejected:
            text += f", {_counted(self.rejected, 'refusé', 'refusés')}"
        return f"{text} ; le classeur est noté comme importé."


def describe_review(review: "UpdateReview") -> str:
    """The review as text (command line): heading, changes per action, problems."""
    identity = review.identity
    whose = f"pilote {identity.pilot_name}" if identity.pilot_name else "toutes les actions"
    lines = [f"Classeur « {review.source_name} » : plan « {identity.plan_title} », {whose}, "
             f"envoyé le {_sent_on(identity)}."]
    for action in review.actions:
        lines.append(f"Action {action.code} — {action.title}" if action.action_id is not None
                     else action.title)
        lines.extend(f"  {change.describe()}" for change in action.changes)
    if review.problems:
        lines.append("À corriger dans le classeur :")
        lines.extend(f"  - {problem}" for problem in review.problems)
    if review.skipped:
        lines.append("Non repris :")
        lines.extend(f"  - {note}" for note in review.skipped)
    count = len(review.changes)
    lines.append(_counted(count, "changement", "changements") + "." if count else
                 "Aucun changement à enregistrer (voir ci-dessus pourquoi)."
                 if review.problems or review.skipped else
                 "Aucun changement : le pilote n'a rien modifié.")
    return "\n".join(lines)


# --- Checks ---------------------------------------------------------------------------------


def _sent_on(identity: WorkbookIdentity) -> str:
    return format_date(identity.exported_at.astimezone().date())


def _check_identity(session: Session, identity: WorkbookIdentity, source: str) -> Plan:
    """The workbook's plan, if the workbook is this file's and was not merged yet."""
    if identity.file_token != file_token(session):
        raise CharteError(
            f"Le classeur « {source} » a été préparé à partir d'un autre fichier Charte "
            f"(« {identity.file_name} ») : importez-le dans ce fichier-là. Rien n'a été modifié."
        )
    plan = session.get(Plan, identity.plan_id)
    if plan is None or plan.created_at != identity.plan_created_at:
        raise CharteError(
            f"Le classeur « {source} » concerne le plan « {identity.plan_title} », qui n'existe "
            "plus dans ce fichier. Rien n'a été modifié."
        )
    done = session.scalars(
        select(UpdateImport).where(UpdateImport.export_token == identity.export_token)
    ).first()
    if done is not None:
        from charte_desktop.db.backups import format_moment

        raise CharteError(
            f"Le classeur « {source} » (envoyé le {_sent_on(identity)}"
            f"{_to_whom(identity)}) a déjà été importé le {format_moment(done.imported_at)} : "
            f"{_counted(done.accepted, 'changement accepté', 'changements acceptés')}, "
            f"{_counted(done.rejected, 'refusé', 'refusés')}. Rien n'a été modifié."
        )
    return plan


def _to_whom(identity: WorkbookIdentity) -> str:
    return f" à {identity.pilot_name}" if identity.pilot_name else ""


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


# --- Review ---------------------------------------------------------------------------------


def _with_unit(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{format_number(value)} {unit}".strip()


def _action_changes(
    action: Action, answer: ActionAnswer, skipped: list[str], late: list[notes.LateNote] | None
) -> list[Change]:
    """The changes of one answer; `late` is None unless the action shows « En retard »."""
    changes = []
    if answer.status is not None and answer.status != action.status:
        changes.append(Change(
            f"{action.id}:status", ChangeKind.STATUS, "Statut", action.status.label,
            answer.status.label, status=answer.status,
        ))
        if late is not None and answer.status in ACTIVE_STATUSES:
            late.append(notes.LateNote(-1, action, answer.status, changes[-1]))
    elif answer.status is not None and late is not None:
        late.append(notes.LateNote(len(skipped), action, answer.status))
        skipped.append("")  # worded by `notes.word_late_notes`
    elif answer.status is not None:
        skipped.append(notes.unchanged_status(action.code, answer.status))
    if answer.progress is not None and answer.progress == action.progress:
        skipped.append(notes.unchanged_progress(action.code, answer.progress))
    elif answer.progress is not None:
        if action.progress_from_milestones:
            skipped.append(
                f"Action {action.code} : l'avancement ({answer.progress} %) n'est pas repris, "
                "il est calculé d'après les jalons de l'action."
            )
        else:
            changes.append(Change(
                f"{action.id}:progress", ChangeKind.PROGRESS, "Avancement",
                f"{action.progress} %", f"{answer.progress} %", progress=answer.progress,
            ))
    if answer.comment:
        changes.append(Change(
            f"{action.id}:comment", ChangeKind.COMMENT, "Journal de suivi", "", answer.comment,
            text=answer.comment,
        ))
    return changes


def _measurement_change(
    session: Session, indicator: Indicator, answer: MeasurementAnswer, skipped: list[str]
) -> Change | None:
    existing = session.scalars(
        select(Measurement).where(
            Measurement.indicator_id == indicator.id, Measurement.date == answer.measured_on
        )
    ).first()
    if existing is not None and existing.value == answer.value:
        skipped.append(notes.unchanged_measurement(
            indicator.name, _with_unit(answer.value, indicator.unit), answer.measured_on))
        return None
    latest = session.scalars(
        select(Measurement).where(Measurement.indicator_id == indicator.id)
        .order_by(Measurement.date.desc()).limit(1)
    ).first()
    hint = ""
    if existing is None and latest is not None:
        hint = (f"dernière valeur : {_with_unit(latest.value, indicator.unit)} "
                f"au {format_date(latest.date)}")
    return Change(
        f"indicator:{indicator.id}:{answer.measured_on.isoformat()}", ChangeKind.MEASUREMENT,
        f"Indicateur « {indicator.name} » au {format_date(answer.measured_on)}",
        _with_unit(existing.value if existing else None, indicator.unit),
        _with_unit(answer.value, indicator.unit),
        text=answer.comment, indicator_id=indicator.id, measured_on=answer.measured_on,
        value=answer.value, hint=hint,
    )


def review_update(
    db: Database, returned: ReturnedWorkbook, *, today: date | None = None
) -> UpdateReview:
    """The changes the returned workbook proposes, action by action; writes nothing.

    Refused with a French CharteError: a workbook of another file, of a plan deleted
    since, or already imported. Every answer that changes nothing is listed in `skipped`
    with its reason (action deleted or moved since, value already recorded, status of a
    late action already stored: why it is late and what would lift it).
    """
    today = today or clock.today()
    identity, source = returned.identity, returned.source_name
    skipped = list(returned.ignored)
    late: list[notes.LateNote] = []
    with db.session() as session:
        plan = _check_identity(session, identity, source)
        ids = {answer.action_id for answer in returned.actions}
        ids.update(i for followers in returned.indicator_actions.values() for i in followers)
        actions = {
            action.id: action
            for action in session.scalars(select(Action).where(Action.id.in_(ids))
                                          .options(selectinload(Action.milestones)))
        }
        shown = display_statuses(session, actions, today=today)
        changes_of: dict[int | None, list[Change]] = {}
        for answer in returned.actions:
            action = actions.get(answer.action_id)
            if action is None or action.plan_id != plan.id or action.code != answer.code:
                if answer.status is not None or answer.progress is not None or answer.comment:
                    skipped.append(
                        f"Action {answer.code} : elle n'existe plus dans le plan (supprimée ou "
                        "renumérotée depuis l'envoi) ; ses réponses ne sont pas reprises."
                    )
                continue
            is_late = shown.get(action.id) is DisplayStatus.LATE
            found = _action_changes(action, answer, skipped, late if is_late else None)
            if found:
                changes_of.setdefault(action.id, []).extend(found)
        for measured in returned.measurements:
            indicator = session.get(
                Indicator, measured.indicator_id, options=[selectinload(Indicator.actions)]
            )
            if indicator is None:
                skipped.append(
                    f"Indicateur « {measured.name} » : il n'existe plus ; sa valeur n'est pas "
                    "reprise."
                )
                continue
            change = _measurement_change(session, indicator, measured, skipped)
            if change is not None:
                owner = _owning_action(indicator, returned, actions, plan.id)
                changes_of.setdefault(owner, []).append(change)
        reviews = [
            ActionReview(action_id, actions[action_id].code, actions[action_id].title,
                         tuple(found))
            for action_id, found in changes_of.items() if action_id is not None
        ]
        reviews.sort(key=lambda review: natural_key(review.code))
        if None in changes_of:
            reviews.append(ActionReview(None, "", "Indicateurs", tuple(changes_of[None])))
    if late:
        reviews = notes.word_late_notes(db, late, skipped, reviews, today)
    return UpdateReview(identity, source, tuple(reviews), returned.problems, tuple(skipped))


def _owning_action(
    indicator: Indicator, returned: ReturnedWorkbook, actions: dict[int, Action], plan_id: int
) -> int | None:
    """The workbook action a measurement is shown under: the first (by code) that sent the
    indicator and still follows it."""
    following = {action.id for action in indicator.actions}
    candidates = [
        actions[i] for i in returned.indicator_actions.get(indicator.id, ())
        if i in following and i in actions and actions[i].plan_id == plan_id
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda action: natural_key(action.code)).id


# --- Apply ----------------------------------------------------------------------------------


def _journal_text(
    identity: WorkbookIdentity, pilot: str, changes: list[Change]
) -> str:
    sent = _sent_on(identity)
    who = f" de {pilot}" if pilot else " du pilote"
    lines = [f"Mise à jour{who} (classeur de mise à jour envoyé le {sent})."]
    for change in changes:
        if change.kind is ChangeKind.COMMENT:
            continue
        if change.kind is ChangeKind.MEASUREMENT:
            lines.append(f"{change.what} : {change.new}.")
        else:
            lines.append(f"{change.what} : {change.old} → {change.new}.")
    lines.extend(change.text for change in changes if change.kind is ChangeKind.COMMENT)
    return "\n".join(lines)


def apply_update(
    db: Database, review: UpdateReview, accepted: Collection[str], *, today: date | None = None
) -> AppliedUpdate:
    """Record the changes whose key is in `accepted`, in one transaction, and mark the
    workbook as imported (even when nothing is accepted: it was reviewed)."""
    today = today or clock.today()
    identity = review.identity
    every = review.changes
    taken = [change for change in every if change.key in accepted]
    notes = measurements = 0
    with db.session() as session:
        _check_identity(session, identity, review.source_name)
        for action_review in review.actions:
            chosen = [c for c in action_review.changes if c.key in accepted]
            if not chosen:
                continue
            action = None
            if action_review.action_id is not None:
                action = session.get(Action, action_review.action_id)
                if action is None:
                    raise CharteError(
                        f"L'action {action_review.code} a été supprimée entre-temps : "
                        "recommencez l'import. Rien n'a été modifié."
                    )
            for change in chosen:
                if change.kind is ChangeKind.MEASUREMENT:
                    _record_measurement(session, change, identity)
                    measurements += 1
                elif action is not None and change.kind is ChangeKind.STATUS:
                    action.status = change.status or action.status
                elif action is not None and change.kind is ChangeKind.PROGRESS:
                    action.progress = change.progress if change.progress is not None else 0
            if action is not None:
                pilot = identity.pilot_name or _pilot_name(session, action)
                session.add(ActionNote(
                    action_id=action.id, note_date=today,
                    text=_journal_text(identity, pilot, chosen),
                ))
                notes += 1
        session.add(UpdateImport(
            export_token=identity.export_token, plan_id=identity.plan_id,
            pilot_id=_existing_pilot(session, identity.pilot_id),
            pilot_name=identity.pilot_name, exported_at=identity.exported_at,
            imported_at=utcnow(), file_name=review.source_name[:260],
            accepted=len(taken), rejected=len(every) - len(taken),
        ))
    return AppliedUpdate(len(taken), len(every) - len(taken), notes, measurements)


def _pilot_name(session: Session, action: Action) -> str:
    pilot = session.get(Contact, action.pilot_id) if action.pilot_id is not None else None
    return pilot.full_name if pilot is not None else ""


def _existing_pilot(session: Session, pilot_id: int | None) -> int | None:
    if pilot_id is None or session.get(Contact, pilot_id) is None:
        return None
    return pilot_id


def _record_measurement(session: Session, change: Change, identity: WorkbookIdentity) -> None:
    assert change.indicator_id is not None and change.measured_on is not None
    assert change.value is not None
    who = identity.pilot_name or "le pilote"
    source = f"Transmise par {who} (classeur de mise à jour du {_sent_on(identity)})"
    if session.get(Indicator, change.indicator_id) is None:
        raise CharteError(f"{change.what} : l'indicateur a été supprimé entre-temps ; "
                          "recommencez l'import. Rien n'a été modifié.")
    comment = f"{source} : {change.text}" if change.text else f"{source}."
    existing = session.scalars(
        select(Measurement).where(
            Measurement.indicator_id == change.indicator_id,
            Measurement.date == change.measured_on,
        )
    ).first()
    if existing is None:
        session.add(Measurement(
            indicator_id=change.indicator_id, date=change.measured_on, value=change.value,
            comment=comment,
        ))
    else:
        existing.value = change.value
        existing.comment = comment
