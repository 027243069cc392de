"""Checks shared by the use cases; each raises CharteError naming the field in French."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from charte_desktop.errors import CharteError
from charte_desktop.money import to_money

# Deliberately loose: one "@", something on each side, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A phone number as typed: digits in groups parted by one space (any kind), dot or hyphen,
# an optional leading "+" and, after an international prefix, an optional "(0)".
_DIGIT_GROUPS = r"\d+(?:[\s.\-]\d+)*"
_PHONE = re.compile(rf"(\+)?\s?({_DIGIT_GROUPS})(?:\s?\(0\)\s?({_DIGIT_GROUPS}))?")
PHONE_EXAMPLE = "01 23 45 67 89 ou +33 1 23 45 67 89"


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


def percentage(value: int | None, field: str, label: str) -> int:
    if value is None:
        raise CharteError(f"Le champ « {label} » est obligatoire.", field=field)
    if not 0 <= value <= 100:
        raise CharteError(
            f"Le champ « {label} » doit être compris entre 0 et 100 % (saisi : {value}).",
            field=field,
        )
    return value


def integer_between(value: int | None, low: int, high: int, field: str, label: str) -> int:
    if value is None:
        raise CharteError(f"Le champ « {label} » est obligatoire.", field=field)
    if not low <= value <= high:
        raise CharteError(
            f"Le champ « {label} » doit être compris entre {low} et {high} (saisi : {value}).",
            field=field,
        )
    return value


# « 12.000,50 », « 1.234.567 »: dots grouping thousands, as some French officers type
# them. Only when a decimal comma follows or the dots are several: a single dot is a
# decimal point (« 12.5 », and what the forms hand over: « 1,500 » arrives as « 1.500 »).
_DOT_THOUSANDS = re.compile(r"-?[1-9]\d{0,2}(\.\d{3})+(,\d*)?")


def plain_number_text(text: str) -> str:
    """ "1 234,50 €" → "1234.50", "12.000,50" → "12000.50": spaces of any kind, the euro
    sign and dots grouping thousands removed, the decimal comma made a point."""
    for removed in (" ", "\u00a0", "\u202f", "€"):
        text = text.replace(removed, "")
    if _DOT_THOUSANDS.fullmatch(text) and ("," in text or text.count(".") > 1):
        text = text.replace(".", "")
    return text.replace(",", ".")


def is_empty(value: object) -> bool:
    """Nothing typed: None, or a text of spaces (a form sends "" for an empty number)."""
    return value is None or (isinstance(value, str) and not value.strip())


def amount(value: Decimal | int | str | None, field: str, label: str) -> Decimal:
    """Euros, rounded to the cent, never negative; empty means zero (an optional amount)."""
    if value is None or is_empty(value):
        return Decimal("0.00")
    try:
        money = to_money(plain_number_text(value) if isinstance(value, str) else value)
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


def required_amount(value: Decimal | int | str | None, field: str, label: str) -> Decimal:
    """Euros, as `amount`, that must be typed: empty is refused, not taken as 0,00 €."""
    if is_empty(value):
        raise CharteError(f"Le champ « {label} » est obligatoire.", field=field)
    return amount(value, field, label)


def number(value: Decimal | int | str | None, field: str, label: str) -> Decimal | None:
    """An optional exact number (an indicator value)."""
    if is_empty(value):
        return None
    try:
        result = Decimal(plain_number_text(str(value)))
    except InvalidOperation:
        raise CharteError(
            f"Le champ « {label} » doit être un nombre (saisi : {value}).", field=field
        ) from None
    if not result.is_finite():
        raise CharteError(f"Le champ « {label} » doit être un nombre.", field=field)
    return result


def required_number(value: Decimal | int | str | None, field: str, label: str) -> Decimal:
    """An exact number, as `number`, that must be typed."""
    result = number(value, field, label)
    if result is None:
        raise CharteError(f"Le champ « {label} » est obligatoire.", field=field)
    return result


def email(value: str | None, field: str = "email", label: str = "Courriel") -> str:
    text = (value or "").strip()
    if text and not _EMAIL.match(text):
        raise CharteError(
            f"Le champ « {label} » n'est pas une adresse électronique valide (« {text} »).",
            field=field,
        )
    return limited_text(text, field, label, max_length=254)


def _is_phone(text: str) -> bool:
    match = _PHONE.fullmatch(text)
    if match is None:
        return False
    plus, head, tail = match.groups()
    head_digits = re.sub(r"\D", "", head)
    if not plus:  # French: ten digits, 0 then not 0
        return tail is None and re.fullmatch(r"0[1-9]\d{8}", head_digits) is not None
    if tail is not None and not 1 <= len(head_digits) <= 3:
        return False  # "(0)" follows the country code only
    digits = head_digits + re.sub(r"\D", "", tail or "")
    if digits.startswith("33"):  # France: the nine digits after the national 0
        return re.fullmatch(r"33[1-9]\d{8}", digits) is not None
    return 6 <= len(digits) <= 15


def phone(value: str | None, field: str = "phone", label: str = "Téléphone") -> str:
    """A phone number, kept as typed (stripped); empty is fine.

    French numbers (« 01 23 45 67 89 », « 0123456789 », « 01.23.45.67.89 »,
    « 01-23-45-67-89 ») and international ones (« +33 1 23 45 67 89 »,
    « +33 (0)1 23 45 67 89 », other countries with 6 to 15 digits after the "+").
    """
    text = limited_text(value, field, label, max_length=40)
    if text and not _is_phone(text):
        raise CharteError(
            f"Le numéro de téléphone « {text} » n'est pas valide (exemple : {PHONE_EXAMPLE}).",
            field=field,
        )
    return text
