"""Text folding shared by searches and sorts: case and French accents ignored."""

import re
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


# What no stored text may hold: C0 controls but tab and line break, DEL, C1 controls, lone
# surrogates and the non-characters (U+FDD0–U+FDEF, U+FFFE and U+FFFF of every plane).
# Word's and Excel's XML refuse most of them, and none means anything to a reader.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
# Line breaks as other programs write them: Windows (\r\n), old Mac (\r), Word's manual
# break (vertical tab) and page break (form feed), NEL, and Unicode's line and paragraph
# separators (which Qt's text boxes use between paragraphs).
_OTHER_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def clean_text(text: str) -> str:
    """`text` as it may be stored and written anywhere: line breaks of every kind become
    \\n, and unwanted characters (see _UNWANTED) go. Tabs and every printable character,
    emoji and right-to-left scripts included, are kept."""
    # The common case, decided in C: every unwanted character and every line break is
    # "not printable" (controls, surrogates, unassigned code points, separators).
    if text.isprintable():
        return text
    return _UNWANTED.sub("", _OTHER_LINE_BREAKS.sub("\n", text))


_LINE_BREAKS_AND_TABS = re.compile("[\t\n]+")


def clean_line(text: str) -> str:
    """clean_text for a one-line value (a title, a name): line breaks and tabs, which a
    pasted or imported cell may hold, become one space."""
    if text.isprintable():
        return text
    text = clean_text(text)
    return _LINE_BREAKS_AND_TABS.sub(" ", text) if "\n" in text or "\t" in text else text
