"""Text folding shared by searches and sorts: case and French accents ignored."""

import unicodedata


def fold(text: str | None) -> str:
    """"Élus" → "elus": what the officer types finds what was written, accents or not."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
