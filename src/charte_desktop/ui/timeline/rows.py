"""The calendar's rows, top to bottom: an axis heading, then its actions (no Qt)."""

import bisect
from collections.abc import Collection
from dataclasses import dataclass, replace

from charte_desktop.services.timeline import TimelineAction, TimelineGroup

HEADING_HEIGHT = 26
ACTION_HEIGHT = 26


@dataclass(frozen=True)
class Row:
    top: int
    height: int
    group: TimelineGroup
    action: TimelineAction | None = None  # None: the group's heading

    @property
    def bottom(self) -> int:
        return self.top + self.height


def kept_groups(
    groups: tuple[TimelineGroup, ...], ids: Collection[int] | None
) -> list[TimelineGroup]:
    """The groups restricted to the actions in `ids` (all when None); a heading stays when
    it or one of its sub-axes still has an action."""
    if ids is None:
        return list(groups)
    restricted = [
        replace(g, actions=tuple(a for a in g.actions if a.id in ids))
        for g in groups
    ]
    kept = [bool(g.actions) for g in restricted]
    for i in reversed(range(len(restricted))):
        j = i + 1  # the sub-axes follow their axis, deeper
        while not kept[i] and j < len(restricted) and restricted[j].depth > restricted[i].depth:
            kept[i] = kept[j]
            j += 1
    return [g for g, keep in zip(restricted, kept, strict=True) if keep]


class RowLayout:
    """The rows of some groups, with their heights, found by height."""

    def __init__(self, groups: list[TimelineGroup]) -> None:
        self.rows: list[Row] = []
        top = 0
        for group in groups:
            self.rows.append(Row(top, HEADING_HEIGHT, group))
            top += HEADING_HEIGHT
            for action in group.actions:
                self.rows.append(Row(top, ACTION_HEIGHT, group, action))
                top += ACTION_HEIGHT
        self.height = top
        self._tops = [row.top for row in self.rows]

    def index_at(self, y: float) -> int:
        """The index of the row at height `y` (from the top of the first row), or -1."""
        if y < 0 or y >= self.height:
            return -1
        return bisect.bisect_right(self._tops, y) - 1

    def visible(self, top: float, bottom: float) -> range:
        """The indexes of the rows crossing the band `top`…`bottom`."""
        first = max(bisect.bisect_right(self._tops, top) - 1, 0)
        return range(first, bisect.bisect_left(self._tops, bottom))

    def index_of(self, action_id: int) -> int:
        for i, row in enumerate(self.rows):
            if row.action is not None and row.action.id == action_id:
                return i
        return -1

    def action_indexes(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.action is not None]
