"""Dates, amounts and names as officers type them."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from charte_desktop.imports.action_plan import split_axis
from charte_desktop.imports.people import person_key, split_person
from charte_desktop.imports.values import ValueProblem, parse_amount, parse_date, text


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        (datetime(2025, 3, 14), date(2025, 3, 14), date(2025, 3, 14)),
        ("14/03/2025", date(2025, 3, 14), date(2025, 3, 14)),
        ("1/3/25", date(2025, 3, 1), date(2025, 3, 1)),
        ("14.03.2025", date(2025, 3, 14), date(2025, 3, 14)),
        ("2025-03-14", date(2025, 3, 14), date(2025, 3, 14)),
        ("mars 2025", date(2025, 3, 1), date(2025, 3, 31)),
        ("Févr. 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("1er juin 2026", date(2026, 6, 1), date(2026, 6, 1)),
        ("06/2026", date(2026, 6, 1), date(2026, 6, 30)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        (2026, date(2026, 1, 1), date(2026, 12, 31)),
        ("2025-2027", date(2025, 1, 1), date(2027, 12, 31)),
        (45731, date(2025, 3, 15), date(2025, 3, 15)),  # a serial not formatted as a date
        ("à définir", None, None),
        (None, None, None),
    ],
)
def test_dates(typed: object, start: date | None, end: date | None) -> None:
    assert parse_date(typed) == start  # type: ignore[arg-type]
    assert parse_date(typed, end=True) == end  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["31/02/2025", "bientôt", "13/13/2025", "S1", 12.5])
def test_invalid_dates_are_quoted(typed: object) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_date(typed)  # type: ignore[arg-type]
    assert problem.value.message.startswith(f"date « {text(typed)} » invalide")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        (12500.5, "12500.50"),
        (3, "3.00"),
        ("12 500,50 €", "12500.50"),
        ("12\u202f500,50\u00a0€", "12500.50"),
        ("12500.50", "12500.50"),
        ("12.500,50", "12500.50"),
        ("12,500.50", "12500.50"),
        ("1.250.000", "1250000.00"),
        ("15 k€", "15000.00"),
        ("100 EUR HT", "100.00"),
        ("2 000 euros TTC", "2000.00"),
        ("-", "0.00"),
        ("NC", "0.00"),
        (None, "0.00"),
    ],
)
def test_amounts(typed: object, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(("typed", "message"), [
    ("environ 300", "montant « environ 300 » invalide"),
    (-5, "montant « -5 » négatif"),
    ("-1 200 €", "montant « -1 200 € » négatif"),
])
def test_invalid_amounts(typed: object, message: str) -> None:
    with pytest.raises(ValueProblem, match=message):
        parse_amount(typed)  # type: ignore[arg-type]


def test_names() -> None:
    assert split_person("Jean-Pierre Martin") == ("Jean-Pierre", "Martin")
    assert split_person("MARTIN Jean") == ("Jean", "Martin")
    assert split_person("Mme Zoé LE GALL") == ("Zoé", "Le Gall")
    assert split_person("Marie de La Tour") == ("Marie", "de La Tour")
    assert split_person("Dupont") == ("", "Dupont")
    assert person_key("Mme Zoé LEFÈVRE") == person_key("lefevre zoe")
    assert person_key("Jean-Pierre Martin") == person_key("MARTIN Jean Pierre")


def test_axis_labels() -> None:
    assert split_axis("Axe 2 : Mobilité durable") == ("2", "Mobilité durable")
    assert split_axis("AXE 3 – Gouvernance") == ("3", "Gouvernance")
    assert split_axis("II. Logistique") == ("II", "Logistique")
    assert split_axis("1.2 - Livraisons") == ("1.2", "Livraisons")
    assert split_axis("Axe 4") == ("4", "Axe 4")
    assert split_axis("Mobilité solidaire") == ("", "Mobilité solidaire")
