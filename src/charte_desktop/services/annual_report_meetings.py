"""The meetings of a year, per body, for « Le bilan de l'année »: those held with their
attendance rate and decisions, and how many were cancelled or are still to come.

Attendance rate: the people present or represented (a proxy counts only while its holder
is present, as for the quorum: `attendance.proxy_problem`) over everyone on the meeting's
list. A body's rate adds up its held meetings' people (a meeting of 20 weighs more than one
of 5). A body's meetings belong to a plan unless it is the groupe projet of another plan's
action: bodies are shared by the plans of a file.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import aliased

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState
from charte_desktop.db.models import Action, Attendance, Body, Decision
from charte_desktop.services.meeting_outcomes import vote_text
from charte_desktop.services.meetings import MeetingFilter, MeetingRow, list_meetings


@dataclass(frozen=True)
class DecisionOfYear:
    text: str
    vote: str  # « Adoptée à l'unanimité », or ""
    action_code: str  # the action it concerns, or ""


@dataclass(frozen=True)
class MeetingOfYear:
    id: int
    day: date
    place: str
    invited: int  # everyone on the list
    present: int  # present, or represented by someone present
    decisions: tuple[DecisionOfYear, ...]

    @property
    def rate(self) -> int | None:
        return rate(self.present, self.invited)


@dataclass(frozen=True)
class BodyYear:
    id: int
    name: str
    kind: BodyKind
    held: tuple[MeetingOfYear, ...]
    cancelled: int
    planned: int  # still « prévue » (to come, or not yet marked held)

    @property
    def rate(self) -> int | None:
        return rate(sum(m.present for m in self.held), sum(m.invited for m in self.held))


def rate(part: int, whole: int) -> int | None:
    """`part` of `whole` in whole % (half up); None when nobody was on the list."""
    if whole <= 0:
        return None
    return int((Decimal(part * 100) / whole).quantize(Decimal(1), ROUND_HALF_UP))


# The order of bodies in the bilan: steering first, project groups last.
_KIND_ORDER = {kind: index for index, kind in enumerate((
    BodyKind.COPIL, BodyKind.STRATEGIC_COMMITTEE, BodyKind.GOVERNANCE_COMMITTEE,
    BodyKind.COTECH, BodyKind.TECHNICAL_COMMITTEE, BodyKind.PARTNERS_COMMITTEE,
    BodyKind.OTHER, BodyKind.PROJECT_GROUP))}


def _bodies_of_plan(db: Database, plan_id: int) -> set[int]:
    query = (select(Body.id).outerjoin(Action, Action.id == Body.action_id)
             .where(Body.action_id.is_(None) | (Action.plan_id == plan_id)))
    with db.session() as session:
        return set(session.scalars(query))


def _attendance(db: Database, meeting_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per meeting: (present or validly represented, on the list)."""
    holder = aliased(Attendance)
    query = (select(Attendance.meeting_id, Attendance.state, holder.state)
             .outerjoin(holder, (holder.meeting_id == Attendance.meeting_id)
                        & (holder.contact_id == Attendance.represented_by_id))
             .where(Attendance.meeting_id.in_(meeting_ids)))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    with db.session() as session:
        for meeting_id, state, holder_state in session.execute(query):
            counts[meeting_id][1] += 1
            if state is AttendanceState.PRESENT or (
                    state is AttendanceState.REPRESENTED
                    and holder_state is AttendanceState.PRESENT):
                counts[meeting_id][0] += 1
    return {meeting_id: (present, invited) for meeting_id, (present, invited) in counts.items()}


def _decisions(db: Database, meeting_ids: list[int]) -> dict[int, list[DecisionOfYear]]:
    query = (select(Decision.meeting_id, Decision.text, Decision.unanimous, Decision.votes_for,
                    Decision.votes_against, Decision.abstentions, Action.code)
             .outerjoin(Action, Action.id == Decision.action_id)
             .where(Decision.meeting_id.in_(meeting_ids))
             .order_by(Decision.meeting_id, Decision.position, Decision.id))
    found: dict[int, list[DecisionOfYear]] = defaultdict(list)
    with db.session() as session:
        for meeting_id, text, unanimous, votes_for, against, abstentions, code in (
                session.execute(query)):
            found[meeting_id].append(DecisionOfYear(
                text, vote_text(unanimous, votes_for, against, abstentions), code or ""))
    return found


def meetings_of_year(db: Database, year: int, plan_id: int | None = None) -> list[BodyYear]:
    """The bodies that met or were to meet in `year`, steering bodies first."""
    rows = list_meetings(db, MeetingFilter(date_from=date(year, 1, 1),
                                           date_to=date(year, 12, 31)))
    if plan_id is not None:
        wanted = _bodies_of_plan(db, plan_id)
        rows = [row for row in rows if row.body_id in wanted]
    held_ids = [row.id for row in rows if row.state is MeetingState.HELD]
    attendance = _attendance(db, held_ids) if held_ids else {}
    decisions = _decisions(db, held_ids) if held_ids else {}
    by_body: dict[int, list[MeetingRow]] = defaultdict(list)
    for row in rows:
        by_body[row.body_id].append(row)
    bodies = []
    for body_id, meetings in by_body.items():
        first = meetings[0]
        held = tuple(
            MeetingOfYear(m.id, m.date, m.place, attendance.get(m.id, (0, 0))[1],
                          attendance.get(m.id, (0, 0))[0], tuple(decisions.get(m.id, ())))
            for m in meetings if m.state is MeetingState.HELD)
        bodies.append(BodyYear(
            body_id, first.body, first.body_kind, held,
            sum(1 for m in meetings if m.state is MeetingState.CANCELLED),
            sum(1 for m in meetings if m.state is MeetingState.PLANNED)))
    bodies.sort(key=lambda b: (_KIND_ORDER.get(b.kind, 99), b.name.casefold(), b.id))
    return bodies
