"""Dates, amounts, counts and rates in the interface language, through Babel.

French: « 1er juin 2021 », « 100 000 € », « 50 % »; English: "1 June 2021", "€100,000",
"50%". Spaces inside a date, number or amount do not break, so a table never splits them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from relance_cli.i18n import _, babel_locale, ngettext

NBSP = "\u00a0"


@cache
def _patterns(locale: str) -> tuple[str, str]:
    from babel import Locale

    parsed = Locale.parse(locale)
    currency = parsed.currency_formats["standard"].pattern
    percent = parsed.percent_formats[None].pattern
    return currency, percent.replace("0", "0.##", 1)


# Babel takes tens of microseconds a call, and a 10,000-scheme catalog repeats the same
# few dates and figures thousands of times: each formatting is cached per locale.


def day(value: date) -> str:
    """28 mai 2021 / 28 May 2021; in French the first of the month is « 1er »."""
    return _day(value, babel_locale())


@lru_cache(maxsize=4096)
def _day(value: date, locale: str) -> str:
    from babel.dates import format_date

    text = format_date(value, "d MMMM y", locale=locale)
    if locale.startswith("fr") and value.day == 1:
        text = "1er" + text[1:]
    return text.replace(" ", NBSP)


def integer(value: int) -> str:
    return _integer(value, babel_locale())


@lru_cache(maxsize=4096)
def _integer(value: int, locale: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=locale)).replace(" ", NBSP)


def amount(value: Decimal) -> str:
    """Euros: cents only when there are some (« 100 000 € », « 1 234,50 € »)."""
    return _amount(value.quantize(Decimal("0.01")), babel_locale())


@lru_cache(maxsize=4096)
def _amount(cents: Decimal, locale: str) -> str:
    from babel.numbers import format_currency

    currency, _ = _patterns(locale)
    if cents == cents.to_integral_value():
        currency = currency.replace(".00", "")
    text = format_currency(cents, "EUR", format=currency, locale=locale, currency_digits=False)
    return str(text).replace(" ", NBSP)


def rate(value: Decimal) -> str:
    return _rate(value, babel_locale())


@lru_cache(maxsize=1024)
def _rate(value: Decimal, locale: str) -> str:
    from babel.numbers import format_percent

    _, percent = _patterns(locale)
    return str(format_percent(value, format=percent, locale=locale)).replace(" ", NBSP)


def days(count: int) -> str:
    return ngettext("{n} jour", "{n} jours", count).format(n=integer(count)).replace(" ", NBSP)


def typography(text: str) -> str:
    """Non-breaking spaces where French typography wants them (inside « », before : ; ! ?),
    so a line never starts with a closing guillemet or a colon."""
    for before, after in (
        ("« ", "«" + NBSP),
        (" »", NBSP + "»"),
        (" :", NBSP + ":"),
        (" ;", NBSP + ";"),
        (" !", NBSP + "!"),
        (" ?", NBSP + "?"),
    ):
        text = text.replace(before, after)
    return text


def enumeration(items: list[str]) -> str:
    """« a, b et c » / "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} et {last}").format(items=", ".join(items[:-1]), last=items[-1])
