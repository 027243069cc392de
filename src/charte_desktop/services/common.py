"""Small helpers shared by the use-case modules."""

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from charte_desktop.db.models import Base
from charte_desktop.errors import CharteError

M = TypeVar("M", bound=Base)


def is_absent(item_id: int | None) -> bool:
    """No reference given: None, or an id no row can have (0 stands for "none" in forms)."""
    return item_id is None or (isinstance(item_id, int) and item_id < 1)


def not_found(what: str, item_id: int | None, *, note: str = "") -> str:
    """"L'action n° 12 est introuvable.", never "n° None" nor "n° 0" for an absent id;
    `note` is added in brackets ("peut-être supprimée")."""
    number = "" if is_absent(item_id) else f" n° {item_id}"
    return f"{what}{number} est introuvable{f' ({note})' if note else ''}."


def required_id(item_id: int | None, field: str | None, label: str) -> int:
    """A required reference chosen in a form: absent is "Le champ « label » est obligatoire."."""
    if item_id is None or is_absent(item_id):
        raise CharteError(f"Le champ « {label} » est obligatoire.", field=field)
    return item_id


def get_or_fail(
    session: Session, model: type[M], item_id: int | None, what: str, *,
    field: str | None = None, label: str | None = None,
) -> M:
    """The row with this id, or a French "introuvable" naming `what` (e.g. "L'action").

    With `label`, the id is a required field of a form: absent, it is reported as
    "Le champ « label » est obligatoire." beside `field`.
    """
    if label is not None:
        required_id(item_id, field, label)
    item = None if is_absent(item_id) else session.get(model, item_id)
    if item is None:
        raise CharteError(not_found(what, item_id), field=field)
    return item


def fetch_all(
    session: Session, model: type[M], ids: Iterable[int], what: str, field: str
) -> list[M]:
    """Rows for `ids` in one query, in the given order; unknown ids are an error."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    id_column = model.__table__.c.id  # every model Charte lists by id has an "id" column
    found = {row.id: row  # type: ignore[attr-defined]
             for row in session.scalars(select(model).where(id_column.in_(wanted)))}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise CharteError(not_found(what, missing[0]), field=field)
    return [found[i] for i in wanted]


def ensure_exists(
    session: Session, model: type[Base], item_id: int | None, what: str, field: str
) -> None:
    """Check an optional reference (e.g. the pilot) points at an existing row."""
    if item_id is not None and (is_absent(item_id) or session.get(model, item_id) is None):
        raise CharteError(not_found(what, item_id), field=field)


def assign(target: Any, values: dict[str, Any], names: Sequence[str]) -> None:
    """Copy the named validated values onto an ORM object."""
    for name in names:
        setattr(target, name, values[name])
