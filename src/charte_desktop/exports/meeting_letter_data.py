"""What the meeting documents read beyond the meeting itself: the body's members on the
day, who signs, the body's next meeting, the quorum, the follow-ups carried from earlier
meetings. Plain values, read in a few queries (no service offers them as such)."""

from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from charte_desktop.civility import formal_name
from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState, MembershipRole
from charte_desktop.db.models import Contact, Meeting, Membership
from charte_desktop.services.bodies import current_membership
from charte_desktop.services.meeting_outcomes import FollowUpRow


@dataclass(frozen=True)
class NextMeeting:
    date: date
    start_time: time | None
    place: str


@dataclass
class LetterData:
    """Defaults describe a body with no members, no chair and nothing carried."""

    members: list[Membership] = field(default_factory=list)  # on the meeting's day
    chair: Contact | None = None
    next_meeting: NextMeeting | None = None
    quorum_sentence: str = ""
    carried: list[FollowUpRow] = field(default_factory=list)
    # The carried follow-ups' owners as letters name them (« Mme Aurélie Bourgeois »).
    owner_names: dict[int, str] = field(default_factory=dict)

    @property
    def has_voting_members(self) -> bool:
        return any(membership.voting for membership in self.members)


def read_letter_data(db: Database, meeting: Meeting) -> LetterData:
    """The body's members and chair on the meeting's day, its next meeting (not
    cancelled, after this one), the quorum sentence, and the open follow-ups of earlier
    meetings, « en retard » against the meeting's day (what the meeting saw)."""
    from charte_desktop.services.meeting_outcomes import carried_follow_ups
    from charte_desktop.services.meetings import quorum_status

    with db.session() as session:
        members = list(session.scalars(
            select(Membership)
            .where(Membership.body_id == meeting.body_id, current_membership(meeting.date))
            .options(joinedload(Membership.contact).joinedload(Contact.organisation))
            .order_by(Membership.id)
        ))
        later = session.execute(
            select(Meeting.date, Meeting.start_time, Meeting.place)
            .where(Meeting.body_id == meeting.body_id, Meeting.id != meeting.id,
                   Meeting.state != MeetingState.CANCELLED,
                   (Meeting.date > meeting.date)
                   | ((Meeting.date == meeting.date) & (Meeting.id > meeting.id)))
            .order_by(Meeting.date, Meeting.id)
            .limit(1)
        ).first()
    chair = next((m.contact for m in members if m.role is MembershipRole.CHAIR), None)
    carried = carried_follow_ups(db, meeting.id, today=meeting.date)
    owner_ids = {row.owner_id for row in carried if row.owner_id is not None}
    owner_names: dict[int, str] = {}
    if owner_ids:
        with db.session() as session:
            for contact in session.scalars(select(Contact).where(Contact.id.in_(owner_ids))):
                owner_names[contact.id] = formal_name(
                    contact.civility, contact.first_name, contact.last_name)
    return LetterData(
        members=members,
        chair=chair,
        next_meeting=NextMeeting(*later) if later is not None else None,
        quorum_sentence=quorum_status(db, meeting.id).sentence,
        carried=carried,
        owner_names=owner_names,
    )
