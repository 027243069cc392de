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
    # Head keys by the first word of their head: the first words typed find them at once.
    _by_first_word: dict[str, set[str]] = field(default_factory=dict)
    _found: dict[str, tuple[int | None, str | None]] = field(default_factory=dict)

    def add(self, name: str, known_id: int) -> None:
        self.whole.add(name, known_id)
        self._names[known_id] = name
        head = structure_head(name)
        key = name_key(head)
        self._families.setdefault(key, set()).add(known_id)
        folded = fold(head).strip()
        self._folded_heads[key] = folded
        self._by_first_word.setdefault(folded.split(" ", 1)[0], set()).add(key)
        self._found.clear()
        if name_key(name) == key:
            self._heads[key] = known_id

    def get(self, name: str) -> int | None:
        return self.find(name)[0]

    def find(self, name: str) -> tuple[int | None, str | None]:
        """(its id, the known name when found other than as written); (None, None). Each
        name is looked for once: a plan names the same partners on many rows."""
        if name not in self._found:
            self._found[name] = self._look_for(name)
        return self._found[name]

    def _look_for(self, name: str) -> tuple[int | None, str | None]:
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
        candidates = self._by_first_word.get(typed.split(" ", 1)[0], set())
        starting = [family for family in candidates
                    if self._folded_heads[family].startswith(typed + " ")]
        return starting[0] if len(starting) == 1 else None
