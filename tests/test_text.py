"""Folding text for searches: accents and case ignored, nothing else lost."""

from hypothesis import given, settings
from hypothesis import strategies as st

from charte_desktop.text import fold


def test_french_accents_and_case_fold_away() -> None:
    assert fold("Élus et Hélène à l'Œuvre — Çà") == "elus et helene a l'œuvre — ca"
    assert fold(None) == ""


@settings(max_examples=2000)
@given(st.text())
def test_folding_is_stable_and_keeps_plain_ascii(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    if text.isascii():
        assert folded == text.casefold()
