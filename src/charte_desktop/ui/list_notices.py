"""What a list says in the status line when the row just created or changed is hidden by
its search, filters or scope (« L'action « Vélo » a été créée ; pour l'afficher, … »)."""

from collections.abc import Sequence

# (words, feminine): « la recherche « vélo » », True — what hid the row, and its gender.
Reason = tuple[str, bool]


def joined(parts: Sequence[str]) -> str:
    """"A", "A et B", "A, B et C"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"


def created_but_hidden(words: str, title: str, feminine: bool,
                       removed: Sequence[Reason]) -> str:
    """`words` (« L'action ») « title » was created; what hid it has been removed."""
    named = f"{words} « {title} »" if title else words
    if len(removed) == 1:
        removed_text = f"a été retiré{'e' if removed[0][1] else ''}"
    else:
        removed_text = "ont été retirés"
    return (f"{named} a été créé{'e' if feminine else ''} ; pour l'afficher, "
            f"{joined([text for text, _ in removed])} {removed_text}.")


def changed_and_hidden(words: str, title: str, feminine: bool,
                       reasons: Sequence[Reason]) -> str:
    """`words` « title » was changed and the list no longer shows it, because of
    `reasons` (none: it left the list's scope)."""
    named = f"{words} « {title} »" if title else words
    where = (f"masqué{'e' if feminine else ''} par {joined([r for r, _ in reasons])}"
             if reasons else "hors de cette liste")
    return (f"{named} a été modifié{'e' if feminine else ''} ; "
            f"{'elle' if feminine else 'il'} est désormais {where}.")
