from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from relance_cli import i18n
from relance_cli import l10n as formats

NB = "\u00a0"
NN = "\u202f"  # Babel's French digit-group separator, narrow and non-breaking


@pytest.fixture
def english() -> Iterator[None]:
    i18n.use("en")
    yield
    i18n.use("fr")


def test_dates_are_written_the_french_way() -> None:
    assert formats.day(date(2021, 5, 28)) == f"28{NB}mai{NB}2021"
    assert formats.day(date(2021, 6, 1)) == f"1er{NB}juin{NB}2021"
    assert formats.day(date(2021, 8, 15)) == f"15{NB}août{NB}2021"
    assert formats.day(date(2021, 2, 1)) == f"1er{NB}février{NB}2021"


def test_numbers_and_amounts() -> None:
    assert formats.integer(600_000) == f"600{NN}000"
    assert formats.integer(1_234_567) == f"1{NN}234{NN}567"
    assert formats.integer(999) == "999"
    assert formats.amount(Decimal(100_000)) == f"100{NN}000{NB}€"
    assert formats.amount(Decimal("1234.5")) == f"1{NN}234,50{NB}€"
    assert formats.amount(Decimal("0.07")) == f"0,07{NB}€"


def test_rates_and_days() -> None:
    assert formats.rate(Decimal("0.5")) == f"50{NB}%"
    assert formats.rate(Decimal("0.125")) == f"12,5{NB}%"
    assert formats.days(0) == f"0{NB}jour"
    assert formats.days(1) == f"1{NB}jour"
    assert formats.days(116) == f"116{NB}jours"


def test_english(english: None) -> None:
    assert formats.day(date(2021, 5, 28)) == f"28{NB}May{NB}2021"
    assert formats.day(date(2021, 6, 1)) == f"1{NB}June{NB}2021"
    assert formats.amount(Decimal(100_000)) == "€100,000"
    assert formats.amount(Decimal("1234.5")) == "€1,234.50"
    assert formats.rate(Decimal("0.5")) == "50%"
    assert formats.integer(600_000) == "600,000"
    assert formats.days(1) == f"1{NB}day" and formats.days(2) == f"2{NB}days"
