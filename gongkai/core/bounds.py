"""Is a value something its column can hold? Checked before saving, so that no figure a user,
an import or the API sends can make a later read of the row fail (a 40-digit figure saved in
SQLite reads back as an error on every page that shows it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import models

# A BigIntegerField holds ±2^63; Django's own IntegerField bounds come from the connection.
INT64_MAX = 2**63 - 1
# Dates outside these years are typing mistakes (or attacks), never records of a disclosure body;
# past them, working-day arithmetic and timezone conversion overflow.
MIN_YEAR = 1900
MAX_YEAR = 2100


def decimal_message(value, max_digits: int, decimal_places: int) -> str | None:
    """Chinese message when ``value`` does not fit DECIMAL(max_digits, decimal_places)."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return f"“{str(value)[:40]}”不是有效数字"
    if not number.is_finite():
        return f"“{str(value)[:40]}”不是有效数字"
    # trailing zeros ("1.5000") are not decimal places the column has to keep
    sign, digits, exponent = (number.normalize() if number else number).as_tuple()
    places = max(0, -int(exponent))
    if places > decimal_places:
        return f"数值“{str(value)[:40]}”的小数位过多（最多{decimal_places}位）"
    whole = len(digits) + int(exponent)
    if number != 0 and whole > max_digits - decimal_places:
        return f"数值“{str(value)[:40]}”过大（整数部分最多{max_digits - decimal_places}位）"
    return None


def check_decimal(value, field: models.DecimalField, error: type[Exception] = ValueError) -> None:
    message = decimal_message(value, field.max_digits, field.decimal_places)
    if message:
        raise error(message)


def int_message(
    value, low: int = -INT64_MAX, high: int = INT64_MAX, label: str = "数值"
) -> str | None:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return f"{label}应为整数"
    if number < low:
        return f"{label}不能小于{low}"
    if number > high:
        return f"{label}不能大于{high}"
    return None


def date_message(value: dt.date | None, label: str = "日期") -> str | None:
    if value is None:
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return f"{label}的年份应在{MIN_YEAR}–{MAX_YEAR}之间"
    return None


def sane_date(value: dt.date | None) -> None:
    """Django validator for every date and date-time form field (installed in CoreConfig)."""
    from django.core.exceptions import ValidationError

    message = date_message(value)
    if message:
        raise ValidationError(message, code="date_range")


def bound_form_dates() -> None:
    """Every DateField/DateTimeField of every form (pages, ModelForms, admin) refuses years
    outside MIN_YEAR–MAX_YEAR: one rule instead of a validator on each of dozens of fields."""
    from django import forms

    for field in (forms.DateField, forms.DateTimeField):
        if sane_date not in field.default_validators:
            field.default_validators = [*field.default_validators, sane_date]
