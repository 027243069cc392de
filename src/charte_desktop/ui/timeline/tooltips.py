"""The French texts shown when the pointer rests on an action or a milestone (no Qt)."""

from collections.abc import Sequence
from html import escape

from charte_desktop.formatting import format_date
from charte_desktop.services.timeline import Dating, TimelineAction, TimelineMilestone


def dates_text(action: TimelineAction) -> str:
    start, end = format_date(action.start_date), format_date(action.end_date)
    return {
        Dating.SPAN: f"Du {start} au {end}",
        Dating.START_ONLY: f"Début le {start} ; date de fin non renseignée",
        Dating.END_ONLY: f"Fin le {end} ; date de début non renseignée",
        Dating.UNDATED: "Dates de début et de fin non renseignées",
    }[action.dating]


def milestones_text(action: TimelineAction) -> str:
    total = len(action.milestones)
    if not total:
        return "Aucun jalon"
    done = sum(m.done for m in action.milestones)
    overdue = sum(m.overdue for m in action.milestones)
    text = f"Jalons : {done} atteint{'s' if done > 1 else ''} sur {total}"
    if overdue:
        text += f", {overdue} dépassé{'s' if overdue > 1 else ''}"
    return text


def action_tooltip(action: TimelineAction, late_reasons: Sequence[str] = ()) -> str:
    """`late_reasons`: why a late action is late (services.late_reasons), said under its
    status."""
    lines = [
        f"<b>{escape(action.code)} {escape(action.title)}</b>",
        dates_text(action),
        f"Statut : {action.status.label} · avancement {action.progress} %",
    ]
    if action.late:
        lines += [escape(reason) for reason in late_reasons]
    if action.pilot_name:
        lines.append(f"Pilote : {escape(action.pilot_name)}")
    lines.append(milestones_text(action))
    lines.append("<i>Clic sur la barre ou Entrée : ouvrir la fiche</i>")
    return "<br>".join(lines)


def milestone_tooltip(action: TimelineAction, milestone: TimelineMilestone) -> str:
    if milestone.done:
        state = "atteint"
    elif milestone.overdue:
        state = "dépassé, non atteint"
    else:
        state = "à venir"
    return "<br>".join([
        f"<b>Jalon : {escape(milestone.title)}</b>",
        f"Échéance : {format_date(milestone.due_date)} — {state}",
        f"Action {escape(action.code)} {escape(action.title)}",
    ])
