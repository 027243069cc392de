"""Small helpers shared by the use-case modules."""

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from charte_desktop.db.models import Base
from charte_desktop.errors import CharteError

M = TypeVar("M", bound=Base)


def get_or_fail(session: Session, model: type[M], item_id: int, what: str) -> M:
    """The row with this id, or a French "introuvable" naming `what` (e.g. "L'action")."""
    item = session.get(model, item_id)
    if item is None:
        raise CharteError(f"{what} n° {item_id} est introuvable.")
    return item


def fetch_all(
    session: Session, model: type[M], ids: Iterable[int], what: str, field: str
) -> list[M]:
    """Rows for `ids` in one query, in the given order; unknown ids are an error."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {row.id: row for row in session.scalars(select(model).where(model.id.in_(wanted)))}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise CharteError(f"{what} n° {missing[0]} est introuvable.", field=field)
    return [found[i] for i in wanted]


def ensure_exists(
    session: Session, model: type[Base], item_id: int | None, what: str, field: str
) -> None:
    """Check an optional reference (e.g. the pilot) points at an existing row."""
    if item_id is not None and session.get(model, item_id) is None:
        raise CharteError(f"{what} n° {item_id} est introuvable.", field=field)


def assign(target: Any, values: dict[str, Any], names: Sequence[str]) -> None:
    """Copy the named validated values onto an ORM object."""
    for name in names:
        setattr(target, name, values[name])
