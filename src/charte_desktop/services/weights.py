"""Weights typed the French way (« 1,5 », « 2 »): an action's in the progress of its axis
and plan (0 leaves it out), a criterion's in the priorisation score (above 0: a criterion
that counts for nothing is deleted, not weighed 0). Two decimals at most, 100 at most."""

from decimal import Decimal, InvalidOperation

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number

MAX_WEIGHT = Decimal(100)
NOT_A_WEIGHT = "Le poids doit être 0 ou plus, par exemple 1,5."
NOT_A_CRITERION_WEIGHT = "Le poids doit être supérieur à 0, par exemple 1,5."


def _as_decimal(value: Decimal | int | str | None) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for removed in (" ", "\u00a0", "\u202f"):
        text = text.replace(removed, "")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def checked_weight(value: Decimal | int | str | None, field: str = "weight", *,
                   above_zero: bool = False) -> Decimal:
    """The weight typed, as a Decimal without trailing zeros; a French CharteError naming
    `field` for anything but a number from 0 (excluded when `above_zero`) to 100 with two
    decimals at most."""
    number = _as_decimal(value)
    if number is None or not number.is_finite() or number < 0 or (above_zero and not number):
        raise CharteError(NOT_A_CRITERION_WEIGHT if above_zero else NOT_A_WEIGHT, field=field)
    if number > MAX_WEIGHT:
        raise CharteError(
            f"Le poids doit être au plus {format_number(MAX_WEIGHT)} "
            f"(saisi : {weight_text(number)}).", field=field)
    if number != number.quantize(Decimal("0.01")):
        raise CharteError(
            f"Le poids a deux décimales au plus, par exemple 1,25 (saisi : "
            f"{format_number(number)}).", field=field)
    return plain(number)


def plain(number: Decimal) -> Decimal:
    """1.50 → 1.5, 2.00 → 2 (never 2E+1 for 20)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def weight_text(value: Decimal | int) -> str:
    """« 1,5 », « 2 », « 0,25 »: as the officer typed it."""
    return format_number(plain(Decimal(value)))


def checked_criterion_weight(value: Decimal | int | str | None) -> Decimal:
    """A criterion's weight: as `checked_weight`, and above 0."""
    return checked_weight(value, above_zero=True)
