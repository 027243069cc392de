"""The territory, its plans, axes and actions with everything an action carries."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charte_desktop.db.enums import ActionStatus, FundingState, Priority, TerritoryKind
from charte_desktop.db.models.base import ADDED, ADDED_LATER, Base, Timestamped, enum_type
from charte_desktop.db.types import CleanString, CleanText, Hundredths, Money

if TYPE_CHECKING:
    from charte_desktop.db.models.calls import FundingCall
    from charte_desktop.db.models.directory import Contact, Organisation
    from charte_desktop.db.models.governance import Body, Decision
    from charte_desktop.db.models.indicators import Indicator


class Territory(Timestamped, Base):
    """The officer's own collectivité, used in letterheads. One row per file."""

    __tablename__ = "territory"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(CleanString(200))
    kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind))
    address: Mapped[str] = mapped_column(CleanText, default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_filename: Mapped[str | None] = mapped_column(CleanString(260))
    # Added by revision 0004, after the first columns (ADDED).
    # Where letters are signed: « Saint-Aubin-sur-Aubrance, le 2 décembre 2026 ».
    town: Mapped[str] = mapped_column(CleanString(120), default="", sort_order=ADDED)
    # The officer whom partners call or write to, named in letters and e-mail signatures.
    officer_name: Mapped[str] = mapped_column(CleanString(200), default="",
                                              sort_order=ADDED)
    officer_function: Mapped[str] = mapped_column(CleanString(200), default="",
                                                  sort_order=ADDED)
    officer_phone: Mapped[str] = mapped_column(CleanString(40), default="",
                                               sort_order=ADDED)
    officer_email: Mapped[str] = mapped_column(CleanString(254), default="",
                                               sort_order=ADDED)
    # The reminder of the invitations' .ics, in minutes before the start (0: none).
    reminder_minutes: Mapped[int] = mapped_column(Integer, default=24 * 60,
                                                  sort_order=ADDED)


class Plan(Timestamped, Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(CleanString(300))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(CleanText, default="")

    axes: Mapped[list["Axis"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Axis.position",
    )
    actions: Mapped[list["Action"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )


class Axis(Base):
    __tablename__ = "axis"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("axis.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(CleanString(20), default="")
    title: Mapped[str] = mapped_column(CleanString(300))
    description: Mapped[str] = mapped_column(CleanText, default="")

    plan: Mapped[Plan] = relationship(back_populates="axes")
    parent: Mapped["Axis | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Axis"]] = relationship(
        back_populates="parent", order_by="Axis.position", passive_deletes=True
    )


action_copilot = Table(
    "action_copilot",
    Base.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

action_partner = Table(
    "action_partner",
    Base.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)

action_policy = Table(
    "action_policy",
    Base.metadata,
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("policy_id", ForeignKey("policy.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Action(Timestamped, Base):
    """A fiche action of a plan."""

    __tablename__ = "action"
    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="dates_order",
        ),
        CheckConstraint(
            "budget_planned >= 0 AND budget_committed >= 0 AND budget_spent >= 0",
            name="budget_positive",
        ),
        CheckConstraint("weight >= 0", name="weight_positive"),
    )

    # Added by revision 0007: bumped by every save; a save from an older version is
    # refused (db/row_versions.py), so two officers never overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, sort_order=ADDED_LATER)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    axis_id: Mapped[int | None] = mapped_column(
        ForeignKey("axis.id", ondelete="SET NULL"), index=True
    )
    code: Mapped[str] = mapped_column(CleanString(20))
    title: Mapped[str] = mapped_column(CleanString(300))
    description: Mapped[str] = mapped_column(CleanText, default="")
    status: Mapped[ActionStatus] = mapped_column(
        enum_type(ActionStatus), default=ActionStatus.TO_START, index=True
    )
    priority: Mapped[Priority | None] = mapped_column(enum_type(Priority))
    pilot_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    project_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("body.id", ondelete="SET NULL"), index=True
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    progress_from_milestones: Mapped[bool] = mapped_column(Boolean, default=False)
    budget_planned: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    budget_committed: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    budget_spent: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    # Added by revision 0005: the action's weight in its axis's and plan's progress
    # (0: left out of them), two decimals at most.
    weight: Mapped[Decimal] = mapped_column(Hundredths(), default=Decimal(1), sort_order=ADDED)

    plan: Mapped[Plan] = relationship(back_populates="actions")
    axis: Mapped[Axis | None] = relationship()
    pilot: Mapped["Contact | None"] = relationship(foreign_keys=[pilot_id])
    # post_update: a groupe projet and its action point at each other.
    project_group: Mapped["Body | None"] = relationship(
        foreign_keys=[project_group_id], post_update=True
    )
    copilots: Mapped[list["Contact"]] = relationship(secondary=action_copilot)
    partners: Mapped[list["Organisation"]] = relationship(secondary=action_partner)
    policies: Mapped[list["Policy"]] = relationship(secondary=action_policy)
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="action", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Milestone.due_date",
    )
    fundings: Mapped[list["Funding"]] = relationship(
        back_populates="action", cascade="all, delete-orphan", passive_deletes=True
    )
    notes: Mapped[list["ActionNote"]] = relationship(
        back_populates="action", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ActionNote.note_date",
    )
    scores: Mapped[list["PriorityScore"]] = relationship(
        back_populates="action", cascade="all, delete-orphan", passive_deletes=True
    )
    indicators: Mapped[list["Indicator"]] = relationship(
        secondary="indicator_action", back_populates="actions"
    )
    budget_years: Mapped[list["BudgetYear"]] = relationship(
        back_populates="action", cascade="all, delete-orphan", passive_deletes=True,
        order_by="BudgetYear.year",
    )


class PriorityCriterion(Base):
    """A prioritisation criterion (facilité, rapidité…) and its weight."""

    __tablename__ = "priority_criterion"
    __table_args__ = (CheckConstraint("weight >= 0", name="weight_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(CleanString(120), unique=True)
    description: Mapped[str] = mapped_column(CleanText, default="")
    # Two decimals at most (1,5), stored as hundredths since revision 0005.
    weight: Mapped[Decimal] = mapped_column(Hundredths(), default=Decimal(1))
    position: Mapped[int] = mapped_column(Integer, default=0)


class PriorityScore(Base):
    """An action's score (0 to 3) on one criterion."""

    __tablename__ = "priority_score"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 3", name="score_range"),)

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("priority_criterion.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[int] = mapped_column(Integer)

    action: Mapped[Action] = relationship(back_populates="scores")
    criterion: Mapped[PriorityCriterion] = relationship()


class Milestone(Base):
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(CleanString(300))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_date: Mapped[date | None] = mapped_column(Date)

    action: Mapped[Action] = relationship(back_populates="milestones")


class Funding(Base):
    __tablename__ = "funding"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    funder_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money())
    state: Mapped[FundingState] = mapped_column(
        enum_type(FundingState), default=FundingState.REQUESTED
    )
    note: Mapped[str] = mapped_column(CleanText, default="")
    # The call for projects this funding came from, if any (revision 0006).
    call_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_call.id", ondelete="SET NULL"), index=True, sort_order=ADDED
    )

    action: Mapped[Action] = relationship(back_populates="fundings")
    funder: Mapped["Organisation"] = relationship()
    call: Mapped["FundingCall | None"] = relationship()


class BudgetYear(Base):
    """One year of an action's budget. When an action has such lines, its planned,
    committed and spent totals are their sums (kept in step by the service)."""

    __tablename__ = "budget_year"
    __table_args__ = (
        UniqueConstraint("action_id", "year"),
        CheckConstraint("year BETWEEN 1900 AND 2200", name="year_plausible"),
        CheckConstraint("planned >= 0 AND committed >= 0 AND spent >= 0",
                        name="amounts_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    planned: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    committed: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    spent: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))

    action: Mapped[Action] = relationship(back_populates="budget_years")


class Policy(Base):
    """A public policy an action contributes to (PCAET, PLUi…), used as a tag."""

    __tablename__ = "policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CleanString(40), unique=True)
    label: Mapped[str] = mapped_column(CleanString(200), default="")


class ActionNote(Timestamped, Base):
    """A dated entry of an action's follow-up journal."""

    __tablename__ = "action_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    note_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(CleanText)
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision.id", ondelete="SET NULL"), index=True
    )

    action: Mapped[Action] = relationship(back_populates="notes")
    decision: Mapped["Decision | None"] = relationship()
