"""What lets documents sent out be recognised when they come back: the file's identity and
the update workbooks already imported."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from charte_desktop.db.models.base import Base
from charte_desktop.db.types import CleanString, UTCDateTime, utcnow


class FileIdentity(Base):
    """A random token drawn once per Charte file (at creation or upgrade). Backups and
    restored copies keep it: they are the same file; a file created elsewhere has another."""

    __tablename__ = "file_identity"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(CleanString(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class UpdateImport(Base):
    """An update workbook brought back and merged: recorded so that it is not merged twice."""

    __tablename__ = "update_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    export_token: Mapped[str] = mapped_column(CleanString(32), unique=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    pilot_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    pilot_name: Mapped[str] = mapped_column(CleanString(250), default="")
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    file_name: Mapped[str] = mapped_column(CleanString(260), default="")
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
