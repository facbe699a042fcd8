"""Dates and amounts match Babel's (CLDR) formatting, without loading Babel at run time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from relance_cli import i18n, l10n
from relance_cli.i18n import BABEL_LOCALES

DAYS = [date(2021, 1, 1), date(2021, 5, 28), date(1999, 12, 31), date(2026, 8, 15)]
AMOUNTS = ["0", "7", "999", "1000", "100000", "1234.5", "1234567.89", "0.01", "300000"]
RATES = ["0.5", "0.75", "0.125", "1", "0.000001", "0.333333", "0.2"]
COUNTS = [0, 7, 999, 1000, 600000, 12345678]


@pytest.fixture(params=list(BABEL_LOCALES))
def language(request: pytest.FixtureRequest) -> str:
    i18n.use(request.param)
    return str(request.param)


def babel(language: str) -> str:
    return BABEL_LOCALES[language]


def test_the_formats_file_is_what_babel_says() -> None:
    """`make translations` regenerates it; a Babel upgrade that changes CLDR shows here."""
    import json

    from tools.locale_formats import formats  # type: ignore[import-not-found]

    written = json.loads(l10n.FORMATS.read_text(encoding="utf-8"))
    assert written == {lang: formats(name) for lang, name in BABEL_LOCALES.items()}


def test_days(language: str) -> None:
    for value in DAYS:
        expected = format_date(value, "d MMMM y", locale=babel(language))
        if language == "fr" and value.day == 1:
            expected = "1er" + expected[1:]
        assert l10n.day(value).replace("\u00a0", " ") == expected


def test_amounts(language: str) -> None:
    pattern = "#,##0.##\u00a0¤" if language == "fr" else "¤#,##0.##"
    for text in AMOUNTS:
        value = Decimal(text)
        cents = value.quantize(Decimal("0.01"))
        shown = "#,##0" if cents == cents.to_integral_value() else "#,##0.00"
        fmt = pattern.replace("#,##0.##", shown)
        expected = format_currency(
            cents, "EUR", format=fmt, locale=babel(language), currency_digits=False
        )
        assert l10n.amount(value).replace("\u00a0", " ") == expected.replace("\u00a0", " ")


def test_rates_and_counts(language: str) -> None:
    from babel import Locale

    percent = Locale.parse(babel(language)).percent_formats[None].pattern.replace("0", "0.##", 1)
    for text in RATES:
        expected = format_percent(Decimal(text), format=percent, locale=babel(language))
        assert l10n.rate(Decimal(text)).replace("\u00a0", " ") == expected.replace("\u00a0", " ")
    for count in COUNTS:
        expected = format_decimal(count, locale=babel(language))
        assert l10n.integer(count).replace("\u00a0", " ") == expected.replace("\u00a0", " ")


def test_short_months(language: str) -> None:
    from babel.dates import get_month_names

    names = get_month_names("abbreviated", locale=babel(language))
    assert [l10n.short_month(m) for m in range(1, 13)] == [
        names[m].rstrip(".") for m in range(1, 13)
    ]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("de 297 000 € à 1 234 567 €", "de 297·000·€ à 1·234·567·€"),
        ("jusqu'à 100 % du coût", "jusqu'à 100·% du coût"),
        ("« projets : oui ; non ? »", "«·projets·: oui·; non·?·»"),
        ("les années 2021 2022 et 12 1000", "les années 2021 2022 et 12 1000"),  # not numbers
        ("déjà 600\u00a0000 habitants", "déjà 600·000 habitants"),
        ("du 1er mars au 22 novembre 2021, mai 2022", "du 1er·mars au 22·novembre·2021, mai·2022"),
        ("page 12, le mai 20215", "page 12, le mai 20215"),  # not a year
        ("Mai 2021, le 22 Novembre", "Mai·2021, le 22·Novembre"),
        ("en 2021 250 communes, 12 000 000 €", "en 2021 250 communes, 12·000·000·€"),
        ("note5 que, COVID-19 et, Programme 2018", "note5 que, COVID-19 et, Programme 2018"),
    ],
)
def test_french_typography_keeps_numbers_with_what_they_count(written: str, kept: str) -> None:
    assert l10n.written_typography(written).replace(l10n.NBSP, "·") == kept
