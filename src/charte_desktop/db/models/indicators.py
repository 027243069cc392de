"""Indicators of completion (réalisation) and of results (résultat), and their measurements."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charte_desktop.db.enums import Dimension, Direction, IndicatorKind
from charte_desktop.db.models.base import Base, Timestamped, enum_type
from charte_desktop.db.types import CleanString, CleanText, DecimalText

if TYPE_CHECKING:
    from charte_desktop.db.models.plan import Action, Plan

indicator_action = Table(
    "indicator_action",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Indicator(Timestamped, Base):
    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(CleanString(300))
    description: Mapped[str] = mapped_column(CleanText, default="")
    kind: Mapped[IndicatorKind] = mapped_column(enum_type(IndicatorKind))
    dimension: Mapped[Dimension] = mapped_column(enum_type(Dimension))
    unit: Mapped[str] = mapped_column(CleanString(60), default="")
    direction: Mapped[Direction] = mapped_column(
        enum_type(Direction), default=Direction.INCREASE
    )
    baseline_value: Mapped[Decimal | None] = mapped_column(DecimalText())
    baseline_date: Mapped[date | None] = mapped_column(Date)
    target_value: Mapped[Decimal | None] = mapped_column(DecimalText())
    target_date: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(CleanString(300), default="")
    frequency: Mapped[str] = mapped_column(CleanString(120), default="")

    plan: Mapped["Plan | None"] = relationship()
    actions: Mapped[list["Action"]] = relationship(
        secondary=indicator_action, back_populates="indicators"
    )
    measurements: Mapped[list["Measurement"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Measurement.date",
    )


class Measurement(Base):
    __tablename__ = "measurement"
    __table_args__ = (UniqueConstraint("indicator_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(DecimalText())
    comment: Mapped[str] = mapped_column(CleanText, default="")

    indicator: Mapped[Indicator] = relationship(back_populates="measurements")
