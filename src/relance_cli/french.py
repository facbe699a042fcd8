"""French typography for dates, amounts and counts ("1er juin 2021", "100 000 €")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

NBSP = "\u00a0"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def day(value: date) -> str:
    """28 mai 2021; the first of the month is written "1er", as in French print. The
    spaces do not break, so a date is never split across two lines of a table."""
    number = "1er" if value.day == 1 else str(value.day)
    return f"{number}{NBSP}{MONTHS[value.month - 1]}{NBSP}{value.year}"


def integer(value: int) -> str:
    """600000 -> "600 000" (non-breaking space, so a number never splits across lines)."""
    sign = "-" if value < 0 else ""
    digits = str(abs(value))
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + NBSP.join(groups)


def amount(value: Decimal) -> str:
    """Euros the French way: "100 000 €", "1 234,50 €" (cents only when there are some)."""
    cents = value.quantize(Decimal("0.01"))
    whole = int(cents)
    fraction = abs(cents - whole)
    text = integer(whole)
    if fraction:
        text += "," + f"{fraction:.2f}"[2:]
    return f"{text}{NBSP}€"


def rate(value: Decimal) -> str:
    """0.5 -> "50 %" (with the space French puts before the percent sign)."""
    percent = (value * 100).normalize()
    text = f"{percent:f}".replace(".", ",")
    return f"{text}{NBSP}%"


def days(count: int) -> str:
    return f"{count}{NBSP}jour" if count in (0, 1) else f"{integer(count)}{NBSP}jours"


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
