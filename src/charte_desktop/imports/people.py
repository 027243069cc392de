"""Names as typed in a sheet: people ("Mme Zoé LEFÈVRE", "Martin Jean", "J.-P. Durand"),
and structures and policies (« PLU(i) » written « PLUi », « Région BFC » « région bfc »)."""

import re
from dataclasses import dataclass, field

from charte_desktop.text import fold

_CIVILITY = re.compile(r"^(?:m\.|mr\.?|mme|mlle|monsieur|madame|mademoiselle|dr\.?)\s+",
                       re.IGNORECASE)


def person_key(name: str) -> str:
    """What spellings of one name share: "Mme Zoé LEFÈVRE" and "Lefevre Zoe" give the same
    key (no civility, case, accents, hyphens, nor order of first and last names)."""
    return " ".join(sorted(fold(_CIVILITY.sub("", name.strip())).replace("-", " ").split()))


def split_person(name: str) -> tuple[str, str]:
    """ "Jean-Pierre Martin" → ("Jean-Pierre", "Martin"); "MARTIN Jean" → ("Jean", "Martin").

    Words written in capitals are the last name (the French administrative habit), kept
    with an initial capital only ("MARTIN" → "Martin"); otherwise the first word is the
    first name and the rest the last name.
    """
    words = _CIVILITY.sub("", name.strip()).split()
    if len(words) <= 1:
        return "", " ".join(words)
    capitals = [word for word in words if word.isupper() and len(word) > 1]
    if capitals and len(capitals) < len(words):
        return (" ".join(word for word in words if word not in capitals),
                " ".join(capitals).title())
    return words[0], " ".join(words[1:])


_NOT_LETTERS = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """What spellings of a structure's or a policy's name share: case, accents,
    punctuation and spaces ignored (« PLU(i) » and « PLUi », « Région BFC » and
    « région bfc », « C.C.A.S. » and « CCAS »)."""
    folded = fold(name).strip()
    return _NOT_LETTERS.sub("", folded) or folded  # « ( ) »: its own key


@dataclass
class NameIndex:
    """Names already in the file → their id, found as typed or as `name_key` says.

    A name written exactly (but for case and accents) as one known name finds it; else one
    known name of the same key does. Two known names sharing a key name neither (two
    « Mairie » name no one: the name read is then new), or the first one (`keep_first`)."""

    keep_first: bool = False
    _exact: dict[str, int | None] = field(default_factory=dict)
    _loose: dict[str, int | None] = field(default_factory=dict)

    def add(self, name: str, known_id: int) -> None:
        for index, key in ((self._exact, fold(name).strip()), (self._loose, name_key(name))):
            if key in index and index[key] != known_id:
                if not self.keep_first:
                    index[key] = None  # ambiguous
            else:
                index[key] = known_id

    def get(self, name: str) -> int | None:
        exact = fold(name).strip()
        if exact in self._exact:
            return self._exact[exact]
        return self._loose.get(name_key(name))
