"""One meeting as the Réunions screen shows it: plain rows, read in one session.

The screen's lists and heading get values, never ORM objects: nothing they paint can
reach for a relationship after the session has closed.
"""

from dataclasses import dataclass
from datetime import date, time

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.db.models import Contact
from charte_desktop.services.agenda_timing import agenda_total_text, item_starts
from charte_desktop.services.meetings import load_meeting, proxy_problem


@dataclass(frozen=True)
class AgendaRow:
    id: int
    position: int  # 0 for the first point
    title: str
    presenter_name: str  # "" when nobody presents it
    duration_minutes: int | None
    minutes_text: str
    starts_at: time | None  # the meeting's start plus the durations before it
    postponed: bool


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    contact_id: int
    name: str  # "Prénom Nom"
    sort_name: str  # "Nom Prénom"
    organisation: str
    state: AttendanceState
    represented_by_id: int | None
    represented_by_name: str
    proxy_problem: str  # why the proxy does not count (its holder is not present), or ""
    circle: str  # the person's circle, or their organisation's


@dataclass(frozen=True)
class DecisionRow:
    id: int
    position: int
    text: str
    agenda_title: str  # the point it was taken on, or ""
    action_code: str  # the action it concerns, or ""


@dataclass(frozen=True)
class OutcomeRow:
    """A suite à donner of the meeting."""

    id: int
    text: str
    owner_name: str
    due_date: date | None
    done: bool
    action_code: str


@dataclass(frozen=True)
class MeetingDetails:
    id: int
    title: str  # « Comité de pilotage de la charte du 18/05/2026 »
    start_time: time | None
    end_time: time | None
    place: str
    state: MeetingState
    secretary_name: str
    agenda: list[AgendaRow]
    attendance: list[AttendanceRow]
    decisions: list[DecisionRow]
    follow_ups: list[OutcomeRow]
    agenda_total: str  # « Ordre du jour : 2 h 15 sur 2 h 30 (reste 15 min) », or ""


def _name(contact: Contact | None) -> str:
    return contact.full_name if contact is not None else ""


def _circle(contact: Contact) -> str:
    circle = contact.circle or (contact.organisation.circle if contact.organisation else None)
    return circle.name if circle is not None else ""


def meeting_details(db: Database, meeting_id: int) -> MeetingDetails:
    """The meeting's heading and its four lists (French CharteError if it is unknown)."""
    from charte_desktop.formatting import format_date

    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        states = {a.contact_id: a.state for a in meeting.attendances}
        durations = [item.duration_minutes for item in meeting.agenda_items]
        starts = item_starts(meeting.start_time, durations)
        return MeetingDetails(
            meeting.id, f"{meeting.body.name} du {format_date(meeting.date)}",
            meeting.start_time, meeting.end_time, meeting.place, meeting.state,
            _name(meeting.secretary),
            agenda=[AgendaRow(item.id, item.position, item.title, _name(item.presenter),
                              item.duration_minutes, item.minutes_text, start, item.postponed)
                    for item, start in zip(meeting.agenda_items, starts, strict=True)],
            attendance=[
                AttendanceRow(
                    a.id, a.contact_id, a.contact.full_name,
                    f"{a.contact.last_name} {a.contact.first_name}",
                    a.contact.organisation.name if a.contact.organisation else "",
                    a.state, a.represented_by_id, _name(a.represented_by),
                    proxy_problem(a.state, _name(a.represented_by),
                                  states.get(a.represented_by_id or 0)),
                    _circle(a.contact))
                for a in meeting.attendances],
            decisions=[
                DecisionRow(d.id, d.position, d.text,
                            d.agenda_item.title if d.agenda_item else "",
                            d.action.code if d.action else "")
                for d in meeting.decisions],
            follow_ups=[
                OutcomeRow(f.id, f.text, _name(f.owner), f.due_date, f.done,
                           f.action.code if f.action else "")
                for f in meeting.follow_ups],
            agenda_total=agenda_total_text(meeting.start_time, meeting.end_time, durations),
        )
