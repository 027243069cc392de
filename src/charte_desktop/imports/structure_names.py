"""A structure as a plan's « Partenaires » column names it, found in the directory.

An officer writes « ADEME » or « Région » where the directory holds « ADEME — direction
régionale Bourgogne-Franche-Comté » and « Région Bourgogne-Franche-Comté ». Creating a
second « ADEME » would list the funder twice on the COPIL's paper. So a name not found as
written (`people.NameIndex`) is looked for as the head of a known name (what comes before
« — », « ( » or a comma), then as the first words of one known head. The preview says
which structure each such name was taken for.
"""

import re
from dataclasses import dataclass, field

from charte_desktop.imports.people import NameIndex, name_key
from charte_desktop.text import fold

_HEAD_END = re.compile(r"\s+[—–-]\s+|\s*\(|,\s")
SHORTEST_PREFIX = 4  # « CC » or « CD » alone could be anything


def structure_head(name: str) -> str:
    """« ADEME — direction régionale BFC » → « ADEME »; « Région BFC, direction de
    l'agriculture » → « Région BFC »."""
    return _HEAD_END.split(name, maxsplit=1)[0].strip() or name.strip()


@dataclass
class StructureIndex:
    """Known organisations, found by whole name, by head, or by the first words of one head."""

    whole: NameIndex = field(default_factory=NameIndex)
    _names: dict[int, str] = field(default_factory=dict)
    _families: dict[str, set[int]] = field(default_factory=dict)  # head key → ids
    _heads: dict[str, int] = field(default_factory=dict)  # head key → the head itself
    _folded_heads: dict[str, str] = field(default_factory=dict)  # head key → folded head

    def add(self, name: str, known_id: int) -> None:
        self.whole.add(name, known_id)
        self._names[known_id] = name
        head = structure_head(name)
        key = name_key(head)
        self._families.setdefault(key, set()).add(known_id)
        self._folded_heads[key] = fold(head).strip()
        if name_key(name) == key:
            self._heads[key] = known_id

    def get(self, name: str) -> int | None:
        return self.find(name)[0]

    def find(self, name: str) -> tuple[int | None, str | None]:
        """(its id, the known name when found other than as written); (None, None)."""
        exact = self.whole.get(name)
        if exact is not None:
            return exact, None
        family = self._family_of(name)
        if family is None:
            return None, None
        ids = self._families[family]
        known = self._heads.get(family, next(iter(ids)) if len(ids) == 1 else None)
        return (known, self._names[known]) if known is not None else (None, None)

    def _family_of(self, name: str) -> str | None:
        key = name_key(name)
        if key in self._families:
            return key
        typed = fold(name).strip()
        if len(typed) < SHORTEST_PREFIX:
            return None
        starting = [family for family, head in self._folded_heads.items()
                    if head.startswith(typed + " ")]
        return starting[0] if len(starting) == 1 else None
