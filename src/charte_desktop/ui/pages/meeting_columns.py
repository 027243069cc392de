"""What the Réunions screen shows in its lists: columns, colours, periods, and the small
helpers the screen and its tests share (hours, the quorum's sentence)."""

from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
)

from charte_desktop.db.enums import AttendanceState, MeetingState, QuorumRule
from charte_desktop.formatting import format_hour
from charte_desktop.services import meetings
from charte_desktop.services.meeting_details import (
    AgendaRow,
    AttendanceRow,
    DecisionRow,
    OutcomeRow,
)
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.table_model import Column

STATE_COLOURS: dict[MeetingState, QColor] = {
    MeetingState.PLANNED: QColor("#dbeafe"),
    MeetingState.HELD: QColor("#d1fae5"),
    MeetingState.CANCELLED: QColor("#e2e2e2"),
}
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #c2410c; font-weight: bold;"  # orange: a warning, not an error
PERIODS: list[tuple[str, str]] = [
    ("upcoming", "À venir"),
    ("past", "Passées"),
    ("this_year", "Cette année"),
    ("last_year", "L'année dernière"),
]


def period_bounds(period: str | None, today: date) -> tuple[date | None, date | None]:
    """The date_from / date_to of a period of the filter."""
    match period:
        case "upcoming":
            return today, None
        case "past":
            return None, today - timedelta(days=1)
        case "this_year":
            return date(today.year, 1, 1), date(today.year, 12, 31)
        case "last_year":
            return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None


def hours(start: Any, end: Any) -> str:
    if start and end:
        return f"{format_hour(start)} – {format_hour(end)}"
    return format_hour(start)


def quorum_text(status: meetings.QuorumStatus) -> str:
    """E.g. "Quorum atteint : 5 votants présents ou représentés, 4 requis"."""
    if status.rule is QuorumRule.NONE:
        return "Pas de quorum requis pour cette instance."
    verdict = "Quorum atteint" if status.reached else "Quorum non atteint"
    count = status.present_or_represented
    many = "s" if count > 1 else ""
    plural = "s" if status.voting_members > 1 else ""
    members_text = f"{status.voting_members} membre{plural} votant{plural}"
    text = (f"{verdict} : {count} votant{many} présent{many} ou représenté{many} "
            f"sur {status.required} requis ({members_text}).")
    invalid = status.invalid_proxies
    if invalid:  # its holder is not present: flagged in the list, not counted here
        text += (" 1 pouvoir non valable n'est pas compté." if invalid == 1
                 else f" {invalid} pouvoirs non valables ne sont pas comptés.")
    return text


ATTENDANCE_COLOURS: dict[AttendanceState, QColor] = {
    AttendanceState.PRESENT: QColor("#d1fae5"),
    AttendanceState.REPRESENTED: QColor("#e0f2fe"),
    AttendanceState.EXCUSED: QColor("#f1f1f1"),
    AttendanceState.ABSENT: QColor("#fde2e2"),
}
PROXY_PROBLEM_COLOUR = QColor("#fed7aa")  # orange: a proxy that does not count


def representative_text(row: AttendanceRow) -> str:
    """The holder of the proxy; when it does not count, a mark and why (its tooltip)."""
    return f"⚠ {row.proxy_problem}" if row.proxy_problem else row.represented_by_name


def _flat(text: str) -> str:
    return " ".join(text.split())


MEETING_COLUMNS: list[Column[meetings.MeetingRow]] = [
    Column("Date", lambda r: r.date, width=95),
    Column("Heure", lambda r: hours(r.start_time, r.end_time),
           sort_value=lambda r: r.start_time.isoformat() if r.start_time else "", width=110),
    Column("Instance", lambda r: r.body, width=330),
    Column("Lieu", lambda r: r.place, width=250),
    Column("État", lambda r: r.state, colour=lambda r: STATE_COLOURS[r.state], width=80),
    Column("Points à l'ordre du jour", lambda r: r.agenda_count, align_right=True, width=160),
    Column("Convoqués", lambda r: r.invitee_count, align_right=True, width=90),
]
AGENDA_COLUMNS: list[Column[AgendaRow]] = [
    Column("N°", lambda a: a.position + 1, align_right=True, width=40),
    Column("Début", lambda a: format_hour(a.starts_at), width=70),
    Column("Point", lambda a: a.title + (" (reporté)" if a.postponed else ""), width=460),
    Column("Présenté par", lambda a: a.presenter_name, width=170),
    Column("Durée", lambda a: f"{a.duration_minutes} min" if a.duration_minutes else "",
           sort_value=lambda a: a.duration_minutes or 0, align_right=True, width=70),
    Column("Compte rendu", lambda a: _flat(a.minutes_text), width=400),
]
ATTENDANCE_COLUMNS: list[Column[AttendanceRow]] = [
    Column("Nom", lambda a: a.name, sort_value=lambda a: a.sort_name, width=200),
    Column("Structure", lambda a: a.organisation, width=360),
    Column("Présence", lambda a: a.state, colour=lambda a: ATTENDANCE_COLOURS.get(a.state),
           width=110),
    Column("Représenté·e par", representative_text, width=200,
           colour=lambda a: PROXY_PROBLEM_COLOUR if a.proxy_problem else None),
]
DECISION_COLUMNS: list[Column[DecisionRow]] = [
    Column("N°", lambda d: d.position + 1, align_right=True, width=40),
    Column("Décision", lambda d: _flat(d.text), width=480),
    Column("Point", lambda d: d.agenda_title, width=220),
    Column("Action", lambda d: d.action_code, width=70),
]
FOLLOW_UP_COLUMNS: list[Column[OutcomeRow]] = [
    Column("Suite à donner", lambda f: _flat(f.text), width=560),
    Column("Responsable", lambda f: f.owner_name, width=180),
    Column("Échéance", lambda f: f.due_date, width=95),
    Column("Fait", lambda f: f.done, width=60),
    Column("Action", lambda f: f.action_code, width=70),
]
def button_row(page: ListPage[Any]) -> QHBoxLayout | None:
    """The row of Nouveau/Modifier/Supprimer under a list, to add buttons beside them."""
    layout = page.layout()
    item = layout.itemAt(layout.count() - 1) if layout is not None else None
    row: QLayout | None = item.layout() if item is not None else None
    return row if isinstance(row, QHBoxLayout) else None
