"""SQLite's integrity_check speaks English: the lines an officer may meet, in French."""

import re

BREAKS_A_RULE = " ne respecte pas ses règles"
_INTEGRITY_LINES = (
    (re.compile(r"CHECK constraint failed in (\w+)"),
     "une ligne de la table « {0} »" + BREAKS_A_RULE),
    (re.compile(r"NULL value in (\w+)\.(\w+)"),
     "la colonne obligatoire « {1} » de la table « {0} » est vide"),
    (re.compile(r"row \d+ missing from index (\w+)"), "l'index « {0} » est incomplet"),
    (re.compile(r"wrong # of entries in index (\w+)"), "l'index « {0} » est incohérent"),
    (re.compile(r"non-unique entry in index (\w+)"), "l'index « {0} » contient un doublon"),
)


def french_integrity(line: str) -> str:
    for pattern, french in _INTEGRITY_LINES:
        match = pattern.search(line)
        if match:
            return french.format(*match.groups())
    return "ses pages internes sont incohérentes"
