"""Checks shared by the use cases; each raises CharteError naming the field in French."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from charte_desktop.errors import CharteError
from charte_desktop.money import to_money

# Deliberately loose: one "@", something on each side, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required_text(value: str | None, field: str, label: str, *, max_length: int = 300) -> str:
    """Stripped text that must not be empty."""
    text = (value or "").strip()
    if not text:
        raise CharteError(f"Le champ « {label} » est obligatoire.", field=field)
    return limited_text(text, field, label, max_length=max_length)


def limited_text(value: str | None, field: str, label: str, *, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise CharteError(
            f"Le champ « {label} » est trop long ({len(text)} caractères, "
            f"{max_length} au plus).",
            field=field,
        )
    return text


def dates_in_order(
    start: date | None, end: date | None, field: str, start_label: str, end_label: str
) -> None:
    if start is not None and end is not None and end < start:
        raise CharteError(
            f"Le champ « {end_label} » ({end:%d/%m/%Y}) doit être postérieur ou égal "
            f"au champ « {start_label} » ({start:%d/%m/%Y}).",
            field=field,
        )


def percentage(value: int, field: str, label: str) -> int:
    if not 0 <= value <= 100:
        raise CharteError(
            f"Le champ « {label} » doit être compris entre 0 et 100 % (saisi : {value}).",
            field=field,
        )
    return value


def integer_between(value: int, low: int, high: int, field: str, label: str) -> int:
    if not low <= value <= high:
        raise CharteError(
            f"Le champ « {label} » doit être compris entre {low} et {high} (saisi : {value}).",
            field=field,
        )
    return value


def _french_number_text(text: str) -> str:
    """ "1 234,50 €" → "1234.50": spaces of any kind and the euro sign removed."""
    for removed in (" ", "\u00a0", "\u202f", "€"):
        text = text.replace(removed, "")
    return text.replace(",", ".")


def amount(value: Decimal | int | str | None, field: str, label: str) -> Decimal:
    """Euros, rounded to the cent, never negative; empty means zero."""
    if value is None or value == "":
        return Decimal("0.00")
    try:
        money = to_money(_french_number_text(value) if isinstance(value, str) else value)
    except (InvalidOperation, ValueError, TypeError):
        raise CharteError(
            f"Le champ « {label} » doit être un montant en euros (saisi : {value}).",
            field=field,
        ) from None
    if not money.is_finite():
        raise CharteError(f"Le champ « {label} » doit être un montant en euros.", field=field)
    if money < 0:
        raise CharteError(
            f"Le champ « {label} » ne peut pas être négatif (saisi : {value} €).", field=field
        )
    if money >= Decimal("1e13"):
        raise CharteError(f"Le montant du champ « {label} » est trop grand.", field=field)
    return money


def number(value: Decimal | int | str | None, field: str, label: str) -> Decimal | None:
    """An optional exact number (an indicator value)."""
    if value is None or value == "":
        return None
    try:
        result = Decimal(_french_number_text(str(value)))
    except InvalidOperation:
        raise CharteError(
            f"Le champ « {label} » doit être un nombre (saisi : {value}).", field=field
        ) from None
    if not result.is_finite():
        raise CharteError(f"Le champ « {label} » doit être un nombre.", field=field)
    return result


def email(value: str | None, field: str = "email", label: str = "Courriel") -> str:
    text = (value or "").strip()
    if text and not _EMAIL.match(text):
        raise CharteError(
            f"Le champ « {label} » n'est pas une adresse électronique valide (« {text} »).",
            field=field,
        )
    return limited_text(text, field, label, max_length=254)
