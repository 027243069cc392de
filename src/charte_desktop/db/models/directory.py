"""The directory (annuaire): circles, organisations and contacts."""

from sqlalchemy import Boolean, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charte_desktop.db.enums import Civility
from charte_desktop.db.models.base import ADDED, ADDED_LATER, Base, Timestamped, enum_type
from charte_desktop.db.types import CleanString, CleanText


class Circle(Base):
    """A circle of actors (partenaires publics, monde associatif, entreprises…)."""

    __tablename__ = "circle"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(CleanString(120), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Organisation(Timestamped, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(CleanString(300), index=True)
    circle_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle.id", ondelete="SET NULL"), index=True
    )
    address: Mapped[str] = mapped_column(CleanText, default="")
    notes: Mapped[str] = mapped_column(CleanText, default="")

    circle: Mapped[Circle | None] = relationship()
    contacts: Mapped[list["Contact"]] = relationship(
        back_populates="organisation", passive_deletes=True
    )


class Contact(Timestamped, Base):
    """A person. Their circle is their own when set, else their organisation's."""

    __tablename__ = "contact"

    # Added by revision 0007: bumped by every save; a save from an older version is
    # refused (db/row_versions.py), so two officers never overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, sort_order=ADDED_LATER)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it)

    id: Mapped[int] = mapped_column(primary_key=True)
    civility: Mapped[Civility] = mapped_column(
        enum_type(Civility), default=Civility.NONE, sort_order=ADDED
    )
    first_name: Mapped[str] = mapped_column(CleanString(120), default="")
    last_name: Mapped[str] = mapped_column(CleanString(120), index=True)
    function: Mapped[str] = mapped_column(CleanString(200), default="")
    # An elected member's title, as letters name them: « Président », « Vice-présidente ».
    title: Mapped[str] = mapped_column(CleanString(120), default="", sort_order=ADDED)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    circle_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str] = mapped_column(CleanString(254), default="")
    phone: Mapped[str] = mapped_column(CleanString(40), default="")
    notes: Mapped[str] = mapped_column(CleanText, default="")
    # Archived (revision 0006): kept for history, out of the everyday lists.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, sort_order=ADDED)

    organisation: Mapped[Organisation | None] = relationship(back_populates="contacts")
    circle: Mapped[Circle | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
