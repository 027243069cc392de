"""Rendering rows for the terminal (aligned French table) or for scripts (JSON)."""

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import Enum
from typing import Any

from charte_desktop.formatting import format_value

MAX_CELL = 60

# What a terminal would obey rather than show: C0 and C1 controls (ESC starts colour,
# cursor and title sequences; 0x9B is a one-byte CSI), DEL, and the bidirectional
# overrides and isolates that reorder what follows them; lone surrogates (undecodable
# bytes of a file name) and the non-characters U+FFFE and U+FFFF, which mean nothing.
# Line breaks and tabs are kept.
_TERMINAL_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
REPLACEMENT = "\ufffd"


def terminal_text(text: str) -> str:
    """`text` safe to print: every control character but line break and tab becomes U+FFFD."""
    return _TERMINAL_CONTROLS.sub(REPLACEMENT, text)


def _json_escape(match: "re.Match[str]") -> str:
    return f"\\u{ord(match.group()):04x}"


@dataclass(frozen=True)
class Column:
    """One field of a listing: its JSON key, its French header (None: JSON only)."""

    key: str
    header: str | None
    get: Callable[[Any], Any]
    money: bool = False


def json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return format(value, "f")  # exact, as text: scripts must not get binary floats
    return value


def text_value(value: Any, *, money: bool = False) -> str:
    text = terminal_text(" ".join(format_value(value, money=money).split()))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def to_json(rows: Sequence[Any], columns: Sequence[Column]) -> str:
    objects = [{c.key: json_value(c.get(row)) for c in columns} for row in rows]
    # json.dumps escapes C0 controls; C1 and bidirectional ones are escaped here too: the
    # JSON means the same text, and the terminal it is printed on shows it as is.
    return _TERMINAL_CONTROLS.sub(_json_escape, json.dumps(objects, ensure_ascii=False, indent=2))


def to_table(rows: Sequence[Any], columns: Sequence[Column], empty: str) -> str:
    shown = [c for c in columns if c.header is not None]
    if not rows:
        return empty
    cells = [[text_value(c.get(row), money=c.money) for c in shown] for row in rows]
    headers = [c.header or "" for c in shown]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    # Amounts and counts line up on the right, like in a spreadsheet.
    def is_numeric(column: Column) -> bool:
        values = [column.get(row) for row in rows]
        return column.money or (
            any(v is not None for v in values)
            and all(v is None or (isinstance(v, int | Decimal) and not isinstance(v, bool))
                    for v in values)
        )

    numeric = [is_numeric(c) for c in shown]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    return "\n".join(out)
