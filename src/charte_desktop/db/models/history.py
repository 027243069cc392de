"""Who changed what and when: one line per creation, change or deletion of an action, a
meeting or a contact (db/history.py writes them). No foreign key: a deleted row's lines
stay, they say who deleted it."""

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from charte_desktop.db.models.base import Base
from charte_desktop.db.types import CleanText, UTCDateTime


class ChangeLog(Base):
    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_table_name", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # created, changed, deleted
    # Free text as far as people's data go: a value may name a person (anonymising finds
    # it there, services/person_data.TEXT_COLUMNS).
    summary: Mapped[str] = mapped_column(CleanText, default="")
