"""Governance bodies, their members and meetings with agenda, attendance and outcomes."""

from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charte_desktop.db.enums import (
    AttendanceState,
    BodyKind,
    MeetingState,
    MembershipRole,
    QuorumRule,
)
from charte_desktop.db.models.base import ADDED, ADDED_LATER, Base, Timestamped, enum_type
from charte_desktop.db.types import CleanString, CleanText

if TYPE_CHECKING:
    from charte_desktop.db.models.directory import Contact
    from charte_desktop.db.models.plan import Action


class Body(Timestamped, Base):
    """An instance: COPIL, COTECH, comité des partenaires, groupe projet…"""

    __tablename__ = "body"
    __table_args__ = (CheckConstraint("quorum_value >= 0", name="quorum_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BodyKind] = mapped_column(enum_type(BodyKind))
    name: Mapped[str] = mapped_column(CleanString(200))
    mission: Mapped[str] = mapped_column(CleanText, default="")
    frequency: Mapped[str] = mapped_column(CleanString(120), default="")
    # The action a groupe projet carries, if any.
    # use_alter breaks the action <-> body cycle for table ordering; SQLite still gets the
    # constraint inline in CREATE TABLE.
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL", use_alter=True), index=True
    )
    quorum_rule: Mapped[QuorumRule] = mapped_column(
        enum_type(QuorumRule), default=QuorumRule.NONE
    )
    # A number of members for COUNT, a percentage of voting members for SHARE.
    quorum_value: Mapped[int] = mapped_column(Integer, default=0)
    # Archived (revision 0006): kept for history, out of the everyday lists.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, sort_order=ADDED)

    action: Mapped["Action | None"] = relationship(foreign_keys=[action_id])
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="body", cascade="all, delete-orphan", passive_deletes=True
    )
    meetings: Mapped[list["Meeting"]] = relationship(
        back_populates="body", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Meeting.date",
    )


class Membership(Base):
    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("body_id", "contact_id"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="dates_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MembershipRole] = mapped_column(
        enum_type(MembershipRole), default=MembershipRole.MEMBER
    )
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    body: Mapped[Body] = relationship(back_populates="memberships")
    contact: Mapped["Contact"] = relationship()


class MeetingSeries(Base):
    """Meetings planned together (« le 2e jeudi du mois jusqu'au 30/06/2027»), so that the
    rest of them can be moved or cancelled at once."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(CleanString(300), default="")


class Meeting(Timestamped, Base):
    """A séance of a body."""

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint(
            "end_time IS NULL OR start_time IS NULL OR end_time >= start_time",
            name="times_order",
        ),
    )

    # Added by revision 0007: bumped by every save; a save from an older version is
    # refused (db/row_versions.py), so two officers never overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, sort_order=ADDED_LATER)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(CleanString(300), default="")
    state: Mapped[MeetingState] = mapped_column(
        enum_type(MeetingState), default=MeetingState.PLANNED, index=True
    )
    secretary_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(CleanText, default="")
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="SET NULL"), index=True, sort_order=ADDED
    )
    # Who signs the convocation; none: the body's président·e.
    signatory_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True, sort_order=ADDED
    )
    # The iCalendar SEQUENCE: grows by one each time the date, times or place change.
    sequence: Mapped[int] = mapped_column(Integer, default=0, sort_order=ADDED)

    body: Mapped[Body] = relationship(back_populates="meetings")
    secretary: Mapped["Contact | None"] = relationship(foreign_keys=[secretary_id])
    signatory: Mapped["Contact | None"] = relationship(foreign_keys=[signatory_id])
    series: Mapped[MeetingSeries | None] = relationship()
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        order_by="AgendaItem.position",
    )
    attendances: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        foreign_keys="Attendance.meeting_id",
    )
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Decision.position",
    )
    follow_ups: Mapped[list["FollowUp"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        order_by="FollowUp.position",
    )


class AgendaItem(Base):
    """A point of the ordre du jour, with the discussion noted in the minutes."""

    __tablename__ = "agenda_item"
    __table_args__ = (CheckConstraint("duration_minutes >= 0", name="duration_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(CleanString(300))
    presenter_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    minutes_text: Mapped[str] = mapped_column(CleanText, default="")
    # « Reporté »: not dealt with, offered on the body's next meeting.
    postponed: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    presenter: Mapped["Contact | None"] = relationship()


class Attendance(Base):
    """An invitee of a meeting and whether they came; INVITED until attendance is taken."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[AttendanceState] = mapped_column(
        enum_type(AttendanceState), default=AttendanceState.INVITED
    )
    represented_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    contact: Mapped["Contact"] = relationship(foreign_keys=[contact_id])
    represented_by: Mapped["Contact | None"] = relationship(foreign_keys=[represented_by_id])


class Decision(Base):
    """A decision; with a vote, its counts (or unanimity) are printed in the minutes."""

    __tablename__ = "decision"
    __table_args__ = (
        CheckConstraint("votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0",
                        name="votes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(CleanText)
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), index=True
    )
    unanimous: Mapped[bool] = mapped_column(Boolean, default=False)
    votes_for: Mapped[int | None] = mapped_column(Integer)  # None: no vote recorded
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    agenda_item: Mapped[AgendaItem | None] = relationship()
    action: Mapped["Action | None"] = relationship()


class FollowUp(Base):
    """A suite à donner: who does what by when, ticked when done."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(CleanText)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    done_date: Mapped[date | None] = mapped_column(Date)
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="follow_ups")
    agenda_item: Mapped[AgendaItem | None] = relationship()
    owner: Mapped["Contact | None"] = relationship()
    action: Mapped["Action | None"] = relationship()
