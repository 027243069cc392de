"""Euro amounts rounded as an accountant would; shared by the database types, the rules
and the French formatting (kept apart from `db.types` so formatting needs no SQLAlchemy)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round to the cent, the way an accountant would (half up)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
