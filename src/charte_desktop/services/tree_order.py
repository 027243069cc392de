"""Order items of a tree (axes and sub-axes) parents first, each level in its given order."""

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def parents_first(items: Iterable[T], id_of: Callable[[T], int],
                  parent_of: Callable[[T], int | None]) -> list[T]:
    """Depth first from the roots (no parent), without recursion: axes may nest deeply.
    Items whose parent is not among `items` are left out, as they cannot be placed."""
    by_parent: dict[int | None, list[T]] = {}
    for item in items:
        by_parent.setdefault(parent_of(item), []).append(item)
    ordered: list[T] = []
    pending = list(reversed(by_parent.get(None, [])))
    while pending:
        item = pending.pop()
        ordered.append(item)
        pending.extend(reversed(by_parent.get(id_of(item), [])))
    return ordered
