"""A form's fields as the file holds them: the row is read by id and copied into the use
case's fields dataclass inside its session, so that the window gets plain values, never
an ORM object whose relationships would be read after its session has closed."""

import dataclasses
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from charte_desktop.db import Database
from charte_desktop.db.models import Base
from charte_desktop.services.common import get_or_fail

F = TypeVar("F")
M = TypeVar("M", bound=Base)


def fields_of(item: Any, fields_class: type[F], **overrides: Any) -> F:
    """`fields_class` filled from the attributes of the same names of `item`; `overrides`
    give the values read otherwise (a number as the form types it, linked ids…)."""
    values = {
        f.name: overrides[f.name] if f.name in overrides else getattr(item, f.name)
        for f in dataclasses.fields(fields_class)  # type: ignore[arg-type]
        if f.name in overrides or hasattr(item, f.name)
    }
    return fields_class(**values)


def load_fields(
    db: Database, model: type[M], item_id: int, what: str, fields_class: type[F],
    extra: Callable[[M], Mapping[str, Any]] | None = None,
) -> F:
    """The fields of the row `item_id` of `model`, read in one session; `extra` reads the
    values that are not plain attributes (inside the session: relationships may be read).
    A French "introuvable" naming `what` (« La mesure ») if the row is gone."""
    with db.session() as session:
        item = get_or_fail(session, model, item_id, what)
        overrides = dict(extra(item)) if extra is not None else {}
        return fields_of(item, fields_class, **overrides)


def number_text(value: Decimal | int | str | None) -> str:
    """A stored number as a form's number field hands it back ("12.5", "" when empty):
    loaded in this shape, an untouched form does not look modified."""
    if value is None or value == "":
        return ""
    return format(Decimal(value), "f")
