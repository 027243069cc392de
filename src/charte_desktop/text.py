"""Text folding shared by searches and sorts: case and French accents ignored."""

import unicodedata

# Combining marks (accents once decomposed), mapped to nothing by str.translate, which
# runs in C: folding 3,000 names must not cost a Python loop per character.
_COMBINING_MARKS = dict.fromkeys(
    code
    for first, last in ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
                        (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
    for code in range(first, last + 1)
)


def fold(text: str | None) -> str:
    """ "Élus" → "elus": what the officer types finds what was written, accents or not."""
    text = (text or "").casefold()
    if text.isascii():  # the common case
        return text
    # Compatibility forms may decompose into capitals (ᴬ → A): fold case once more.
    return unicodedata.normalize("NFKD", text).translate(_COMBINING_MARKS).casefold()
