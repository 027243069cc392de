"""Calls for projects and grants (appels à projets): a funder's call, its deadlines and
its state for the territory, the actions it may fund and the fundings it brought."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charte_desktop.db.enums import CallState
from charte_desktop.db.models.base import Base, Timestamped, enum_type
from charte_desktop.db.types import CleanString, CleanText, Hundredths, Money

if TYPE_CHECKING:
    from charte_desktop.db.models.directory import Organisation
    from charte_desktop.db.models.plan import Action

funding_call_action = Table(
    "funding_call_action",
    Base.metadata,
    Column("call_id", ForeignKey("funding_call.id", ondelete="CASCADE"), primary_key=True),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class FundingCall(Timestamped, Base):
    """An appel à projets or a grant scheme (DETR, DSIL, Fonds vert…). Its funder may be
    unknown when spotted, and is cleared if the organisation is deleted."""

    __tablename__ = "funding_call"
    __table_args__ = (
        CheckConstraint("rate IS NULL OR rate BETWEEN 0 AND 10000", name="rate_range"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
        CheckConstraint(
            "submission_deadline IS NULL OR pre_deposit_deadline IS NULL OR "
            "pre_deposit_deadline <= submission_deadline", name="deadlines_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(CleanString(300))
    url: Mapped[str] = mapped_column(CleanString(2000), default="")
    opening_date: Mapped[date | None] = mapped_column(Date)
    pre_deposit_deadline: Mapped[date | None] = mapped_column(Date)
    submission_deadline: Mapped[date | None] = mapped_column(Date)
    decision_date: Mapped[date | None] = mapped_column(Date)
    # A rate of the eligible cost in percent (hundredths in the file: 80,5 % is 8050), or
    # an amount; either, both or none.
    rate: Mapped[Decimal | None] = mapped_column(Hundredths())
    amount: Mapped[Decimal | None] = mapped_column(Money())
    state: Mapped[CallState] = mapped_column(enum_type(CallState), default=CallState.SPOTTED)
    notes: Mapped[str] = mapped_column(CleanText, default="")

    funder: Mapped["Organisation | None"] = relationship()
    actions: Mapped[list["Action"]] = relationship(
        secondary=funding_call_action, order_by="Action.code"
    )
