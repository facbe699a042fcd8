from __future__ import annotations

from datetime import date
from decimal import Decimal

from relance_cli import french

NB = "\u00a0"


def test_dates_are_written_the_french_way() -> None:
    assert french.day(date(2021, 5, 28)) == f"28{NB}mai{NB}2021"
    assert french.day(date(2021, 6, 1)) == f"1er{NB}juin{NB}2021"
    assert french.day(date(2021, 8, 15)) == f"15{NB}août{NB}2021"
    assert french.day(date(2021, 2, 1)) == f"1er{NB}février{NB}2021"


def test_numbers_and_amounts() -> None:
    assert french.integer(600_000) == f"600{NB}000"
    assert french.integer(1_234_567) == f"1{NB}234{NB}567"
    assert french.integer(999) == "999"
    assert french.integer(-1000) == f"-1{NB}000"
    assert french.amount(Decimal(100_000)) == f"100{NB}000{NB}€"
    assert french.amount(Decimal("1234.5")) == f"1{NB}234,50{NB}€"
    assert french.amount(Decimal("0.07")) == f"0,07{NB}€"


def test_rates_and_days() -> None:
    assert french.rate(Decimal("0.5")) == f"50{NB}%"
    assert french.rate(Decimal("0.125")) == f"12,5{NB}%"
    assert french.days(0) == f"0{NB}jour"
    assert french.days(1) == f"1{NB}jour"
    assert french.days(116) == f"116{NB}jours"
