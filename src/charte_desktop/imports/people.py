"""People's names as typed in a sheet: "Mme Zoé LEFÈVRE", "Martin Jean", "J.-P. Durand"."""

import re

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
