"""Cell values as typed by officers, turned into dates, amounts, texts and list choices.

Each parser returns the value or raises ValueProblem with a short French description
("date « 31/02/2025 » invalide"); the importer prefixes the line.
"""

import re
from calendar import monthrange
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from charte_desktop.formatting import NBSP, format_date, format_number
from charte_desktop.imports.table_rows import CellValue
from charte_desktop.money import to_money
from charte_desktop.text import fold


class ValueProblem(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_EXCEL_EPOCH = date(1899, 12, 30)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("janvier", "janv", "jan"), ("fevrier", "fevr", "fev"), ("mars", "mar"),
         ("avril", "avr"), ("mai",), ("juin",), ("juillet", "juil"), ("aout",),
         ("septembre", "sept", "sep"), ("octobre", "oct"), ("novembre", "nov"),
         ("decembre", "dec")),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\.?\s+(\d{4})$")
_NUMERIC_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|/|–|a|au)\s*(\d{4})$")  # folded: "à" is "a"


def text(value: CellValue) -> str:
    """Any cell as text: 2.0 → "2", a date → "14/03/2026"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _period_bound(year: int, month: int | None, *, end: bool) -> date:
    """First or last day of a year or of a month: « 2026 » as an end date is 31/12/2026."""
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    return date(year, month, monthrange(year, month)[1] if end else 1)


def parse_date(value: CellValue, *, end: bool = False) -> date | None:
    """A real Excel date, "14/03/2026", "2026-03-14", "mars 2026", "03/2026" or "2026".

    A month or a year alone means its first day, or its last day for an end date.
    """
    if value is None or is_unknown(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2200:
            return _period_bound(int(value), None, end=end)
        if 20_000 <= value <= 110_000:  # a date serial in a cell not formatted as a date
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueProblem(f"date « {text(value)} » invalide")
    if isinstance(value, timedelta):
        raise ValueProblem(f"date « {value} » invalide (c'est une durée)")
    raw = str(value).strip()
    typed = fold(raw)
    try:
        if match := _DAY_MONTH_YEAR.match(typed):
            day, month, year = (int(part) for part in match.groups())
            if year < 100:
                year += 2000
            return date(year, month, day)
        if match := _ISO.match(typed):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _MONTH_YEAR.match(typed):
            day_text, month_name, year_text = match.groups()
            named_month = _MONTHS.get(month_name)
            if named_month is not None:
                if day_text:
                    return date(int(year_text), named_month, int(day_text))
                return _period_bound(int(year_text), named_month, end=end)
        if match := _NUMERIC_MONTH_YEAR.match(typed):
            month, year = int(match.group(1)), int(match.group(2))
            return _period_bound(year, month, end=end)
        if _YEAR.match(typed):
            return _period_bound(int(typed), None, end=end)
        if match := _YEAR_RANGE.match(typed):  # "2025-2027": the period's start or end
            return _period_bound(int(match.group(2 if end else 1)), None, end=end)
    except ValueError:
        pass
    raise ValueProblem(f"date « {raw} » invalide (attendu : jj/mm/aaaa)")


_AMOUNT_SUFFIXES = (("keur", 1000), ("k€", 1000), ("euros", 1), ("euro", 1), ("eur", 1),
                    ("€", 1), ("ht", 1), ("ttc", 1))
# What officers type for "not known yet": no value rather than a problem.
UNKNOWN_MARKERS = frozenset(fold(marker) for marker in (
    "-", "–", "—", "?", "/", "nc", "n.c.", "nd", "n.d.", "à définir", "à préciser", "à venir",
    "à déterminer", "non défini", "inconnu", "sans objet", "so", "néant"))


def is_unknown(value: CellValue) -> bool:
    return isinstance(value, str) and fold(value.strip()) in UNKNOWN_MARKERS


_SPACES = re.compile(r"[\s\u00a0\u202f']")
_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_amount(value: CellValue) -> Decimal:
    """Euros from a number or from "12 500,50 €", "12500.50", "12.500,50", "15 k€"."""
    if value is None or is_unknown(value):
        return Decimal("0.00")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueProblem(f"montant « {text(value)} » invalide")
    if isinstance(value, int | float):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        amount = _amount_from_text(value)
    if not amount.is_finite():
        raise ValueProblem(f"montant « {text(value)} » invalide")
    if amount < 0:
        raise ValueProblem(f"montant « {text(value)} » négatif")
    return to_money(amount)


def _amount_from_text(raw: str) -> Decimal:
    typed = _SPACES.sub("", fold(raw))
    factor = 1
    stripped = True
    while stripped:  # "15 k€ HT", "100 EUR TTC"…
        stripped = False
        for suffix, multiplier in _AMOUNT_SUFFIXES:
            if typed.endswith(suffix) and len(typed) > len(suffix):
                typed, factor, stripped = typed[: -len(suffix)], factor * multiplier, True
    if "," in typed and "." in typed:
        # The last separator is the decimal one: "12.500,50" or "12,500.50".
        decimal_separator = "," if typed.rfind(",") > typed.rfind(".") else "."
        thousands = "." if decimal_separator == "," else ","
        typed = typed.replace(thousands, "").replace(decimal_separator, ".")
    elif "," in typed:
        typed = typed.replace(",", ".")
    elif _THOUSANDS_DOTS.match(typed):
        typed = typed.replace(".", "")
    try:
        return Decimal(typed) * factor
    except InvalidOperation:
        raise ValueProblem(f"montant « {raw} » invalide (attendu : 12 500,50 €)") from None


def choice_table(choices: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """{member: (label, synonyms…)} → {folded label or synonym: member}."""
    return {fold(name): member for member, names in choices.items() for name in names}


_PERCENT = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*%?$")
# What a number format shows as is: "texts", \escaped characters, [colours and locales].
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(number_format: str | None) -> bool:
    """Whether Excel shows a number of this format multiplied by 100 with « % » (« 0% »,
    « 0,0 % »): a percent sign outside quotes, escapes and brackets (« 0" %" » shows
    40 as « 40 % » and is no percentage)."""
    if not number_format or "%" not in number_format:
        return False
    return "%" in _LITERALS.sub("", number_format)


def progress_number(value: CellValue, *, percent_format: bool = False
                    ) -> tuple[Decimal, bool] | None:
    """A progress cell as (number in %, known to be a percentage); None when it is not a
    number. Known: written with « % », or a number in a cell formatted as a percentage
    (`percent_format`: Excel holds 1 for « 100 % » and 0,4 for « 40 % »)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return None
        return (number * 100, True) if percent_format else (number, False)
    if not isinstance(value, str):
        return None
    typed = _SPACES.sub("", value.strip())
    match = _PERCENT.match(typed)
    if match is None:
        return None
    number = Decimal(match.group(1).replace(",", "."))
    return number, typed.endswith("%")


def parse_progress(value: CellValue, *, fractions: bool, percent_format: bool = False) -> int:
    """Progress in whole % from « 40 % », « 40 », « 0,4 » or 0.4.

    A cell formatted as a percentage in Excel shows « 40 % » but holds 0.4
    (`percent_format`, from the cell's number format): its number is a share. Any other
    number is a percentage, except a number between 0 and 1 (0.4 % is no progress anyone
    types) and 1 in a column of shares (`fractions`, see `fraction_column`): a CSV file
    has no formats, and a sheet may hold shares typed without one."""
    if value is None or is_unknown(value):
        return 0
    read = progress_number(value, percent_format=percent_format)
    if read is None:
        raise ValueProblem(f"avancement « {text(value)} » invalide (attendu : 40 %)")
    number, known = read
    if not known and (0 < number < 1 or (number == 1 and fractions)):
        number *= 100
    if not 0 <= number <= 100:
        shown = f"{format_number(number.normalize())}{NBSP}%" if percent_format else text(value)
        raise ValueProblem(f"avancement « {shown} » hors de 0 à 100 %")
    return int(number.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def fraction_column(values: list[CellValue], percent_formats: Sequence[bool] = ()) -> bool:
    """Whether a progress column holds shares (0 to 1) rather than percentages: every
    number in it not known to be a percentage (written with « % » or in a cell formatted
    as one, `percent_formats` beside `values`) is at most 1, and one is not 0."""
    formats = list(percent_formats) + [False] * (len(values) - len(percent_formats))
    numbers = [read[0] for read in (progress_number(value, percent_format=percent)
                                    for value, percent in zip(values, formats, strict=True))
               if read is not None and not read[1]]
    return bool(numbers) and all(0 <= number <= 1 for number in numbers) and any(numbers)
