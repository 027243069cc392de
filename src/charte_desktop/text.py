"""Text folding shared by searches and sorts: case and French accents ignored."""

import unicodedata


def fold(text: str | None) -> str:
    """"Élus" → "elus": what the officer types finds what was written, accents or not."""
    text = (text or "").casefold()
    if text.isascii():  # the common case, and ten times cheaper
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
