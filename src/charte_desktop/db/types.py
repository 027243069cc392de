"""Column types SQLite cannot store faithfully on its own: money, decimals, UTC times."""

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from charte_desktop import clock
from charte_desktop.money import to_money
from charte_desktop.text import clean_line, clean_text


class Money(TypeDecorator[Decimal]):
    """Euros as `Decimal` in Python, integer cents in the file (SQLite has no exact decimal).

    SQLite's integers have 64 bits; a server's INTEGER has 32, under 21,5 M€ in cents: there
    the column is a BIGINT (revision 0007)."""

    impl = Integer
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Integer())
        return dialect.type_descriptor(BigInteger())

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int(to_money(value) * 100)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-2)  # exact, always two decimals


class Hundredths(TypeDecorator[Decimal]):
    """A decimal with two decimals at most (a weight: 1,5), integer hundredths in the file.

    Read back without trailing zeros (150 → 1.5, 200 → 2), so it reads as typed."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value(ROUND_HALF_UP))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)) / 100  # exact; 200 / 100 is Decimal("2")


class DecimalText(TypeDecorator[Decimal]):
    """A measured value kept exactly as entered (e.g. 12.5 t CO2), stored as text."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return format(Decimal(value), "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp; SQLite would otherwise drop the time zone silently."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: timestamps must be UTC-aware")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value).astimezone(UTC)


def utcnow() -> datetime:
    return clock.now()


class CleanText(TypeDecorator[str]):
    """Paragraphs (notes, minutes, descriptions) without control characters but tab and
    line break, nor non-characters, both ways: whatever the window, an import or a script
    writes, and whatever an older file holds, every reader (Word, Excel, agenda, e-mail,
    terminal) gets text it can write."""

    impl = Text
    cache_ok = True
    clean = staticmethod(clean_text)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return self.clean(value) if isinstance(value, str) else value

    def result_processor(self, dialect: Dialect, coltype: object
                         ) -> Callable[[Any], str | None]:
        # Run for every text value read (21,000 for the large directory): printable text,
        # nearly all of it, is handed back after one test in C.
        clean = self.clean

        def process(value: Any) -> str | None:
            if value is None or value.isprintable():
                return value
            return clean(value)

        return process


class CleanString(CleanText):
    """A one-line value (title, name, place) cleaned as CleanText, its line breaks and
    tabs made spaces: an e-mail subject or a Word heading has one line."""

    impl = String  # type: ignore[assignment]  # Text is a String: the impl may narrow
    cache_ok = True
    clean = staticmethod(clean_line)
