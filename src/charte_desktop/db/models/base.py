"""Declarative base shared by every model, with constraint names Alembic can rely on."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from charte_desktop.db.types import UTCDateTime, utcnow

# Named constraints let Alembic's batch mode recreate SQLite tables faithfully.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# The sort order of columns a later revision added to a table: after the table's first
# columns (its timestamps included), where the migration put them, so that a new file and
# a migrated one list the same columns in the same order.
ADDED = 1
# Columns of revision 0007 and later: after those of the earlier revisions.
ADDED_LATER = 2


class Timestamped:
    """Creation and last-change times, UTC-aware."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


def enum_type(enum_cls: type[StrEnum]) -> Enum:
    """Store an enum by its value as text, with a CHECK constraint listing the values."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=32,
        name=enum_cls.__name__.lower(),
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )
