"""Suggested file names are valid on Windows and keep accents."""

from datetime import date
from pathlib import PureWindowsPath

import pytest

from charte_desktop.exports.naming import (
    action_sheet_name,
    is_reserved,
    safe_file_name,
    shortened,
    suggested_name,
)


def test_suggested_name() -> None:
    assert suggested_name("Compte rendu", "COTECH", date(2026, 3, 14)) == (
        "Compte rendu - COTECH - 2026-03-14.docx"
    )


@pytest.mark.parametrize("name", ["CON", "con", "NUL.docx", "Com1", "LPT9.tar.gz", "aux "])
def test_reserved_names_are_recognised(name: str) -> None:
    assert is_reserved(name)


@pytest.mark.parametrize("stem", ["CON", "nul", "COM1", "lpt3", "PRN.", "AUX "])
def test_reserved_names_are_avoided(stem: str) -> None:
    name = safe_file_name(stem, suffix=".docx")
    assert not is_reserved(name) and name.endswith(".docx")


@pytest.mark.parametrize(("text", "expected"), [
    ('Réunion <a>: "b"/c\\d|e?f*g', "Réunion a - b -c-d e f g"),
    ("Groupe projet « Équité »...", "Groupe projet « Équité »"),
    ("fin. . ", "fin"),
    ("tab\there\x00\x1f", "tab here"),
    ("...", "document"),
    ("", "document"),
    ("Comité des élus – Aubrance", "Comité des élus – Aubrance"),
])
def test_safe_file_name(text: str, expected: str) -> None:
    assert safe_file_name(text) == expected


def test_names_are_valid_windows_names() -> None:
    for text in ['a<b>c:d"e/f\\g|h?i*j. ', "x" * 500, "CON.docx", " é è ç à ù "]:
        name = safe_file_name(text, suffix=".docx")
        assert not set('<>:"/\\|?*') & set(name)
        assert name == name.rstrip(". ") and len(name) <= 130
        assert PureWindowsPath(name).name == name and not is_reserved(name)


def test_accents_are_kept() -> None:
    name = suggested_name("Feuille d'émargement", "Comité des partenaires", date(2026, 6, 15))
    assert name == "Feuille d'émargement - Comité des partenaires - 2026-06-15.docx"


def test_action_sheet_name_cuts_a_long_title_on_a_word() -> None:
    name = action_sheet_name(
        "1.2", "Harmoniser les horaires de livraison et les arrêtés de circulation des poids "
        "lourds")
    assert name == "Fiche action 1.2 - Harmoniser les horaires de livraison et les arrêtés.docx"


@pytest.mark.parametrize(("title", "expected"), [
    ("Court", "Court"),
    ("Créer une plateforme de mobilité solidaire avec les acteurs de l'insertion",
     "Créer une plateforme de mobilité solidaire avec les acteurs"),
    ("x" * 100, "x" * 60),
])
def test_shortened(title: str, expected: str) -> None:
    assert shortened(title) == expected


def test_action_sheet_name_is_a_valid_windows_name() -> None:
    name = action_sheet_name("2/3", 'Vélo : "plan" <2026>')
    assert name == "Fiche action 2-3 - Vélo - plan 2026.docx"
    assert PureWindowsPath(name).name == name
