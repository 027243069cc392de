"""How letters name and greet a person: only the article follows the civilité."""

import pytest

from charte_desktop.civility import (
    civility_abbreviation,
    formal_name,
    parse_civility,
    salutation,
)
from charte_desktop.db.enums import Civility


def test_formal_name_puts_the_french_abbreviation_before_the_name() -> None:
    assert formal_name(Civility.MADAME, "Claire", "Moreau") == "Mme Claire Moreau"
    assert formal_name(Civility.MONSIEUR, "Jean", "Martin") == "M. Jean Martin"
    assert formal_name(Civility.NONE, "Claire", "Moreau") == "Claire Moreau"
    assert formal_name(Civility.MADAME, "", " Moreau ") == "Mme Moreau"
    assert formal_name(Civility.MONSIEUR, "", "") == ""
    assert civility_abbreviation(Civility.NONE) == ""


@pytest.mark.parametrize(("civility", "title", "expected"), [
    (Civility.MADAME, "Vice-présidente", "Madame la Vice-présidente"),
    (Civility.MONSIEUR, "Président", "Monsieur le Président"),
    (Civility.MADAME, "", "Madame"),
    (Civility.MONSIEUR, "  ", "Monsieur"),
    (Civility.NONE, "", "Madame, Monsieur"),
    (Civility.NONE, "Président", "Madame, Monsieur"),
    (Civility.MADAME, "Adjointe au maire", "Madame l'Adjointe au maire"),
    (Civility.MONSIEUR, "Élu délégué", "Monsieur l'Élu délégué"),
    # The officer's text is kept as typed, even when it does not agree with the civilité.
    (Civility.MADAME, "Président", "Madame la Président"),
])
def test_salutation_takes_the_article_of_the_civility(
        civility: Civility, title: str, expected: str) -> None:
    assert salutation(civility, title) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mme", Civility.MADAME), ("Madame", Civility.MADAME), ("MME.", Civility.MADAME),
    ("M.", Civility.MONSIEUR), ("Monsieur", Civility.MONSIEUR), ("m", Civility.MONSIEUR),
    ("", Civility.NONE), ("  ", Civility.NONE), ("(aucune)", Civility.NONE),
    ("Docteur", None),
])
def test_typed_civilities_are_recognised(text: str, expected: Civility | None) -> None:
    assert parse_civility(text) is expected
