"""Dates, amounts, counts and rates in the interface language.

French: « 1er juin 2021 », « 100 000 € », « 50 % »; English: "1 June 2021", "€100,000",
"50%". The words and symbols are Babel's (CLDR), kept in `locale/formats.json` by
`make translations` (tools/locale_formats.py) and checked against Babel by the tests:
reading them costs nothing, where loading Babel's locale data cost every command tens of
milliseconds. Spaces inside a date, number or amount do not break, so a table never
splits them; the output turns them into ordinary spaces (`output.terminal`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from relance_cli.i18n import _, language, ngettext

NBSP = "\u00a0"
FORMATS = Path(__file__).with_name("locale") / "formats.json"


@cache
def _symbols() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(FORMATS.read_text(encoding="utf-8"))
    return data


def _locale() -> dict[str, Any]:
    return _symbols()[language()]


def day(value: date) -> str:
    """28 mai 2021 / 28 May 2021; in French the first of the month is « 1er »."""
    symbols = _locale()
    first = "1er" if value.day == 1 and language() == "fr" else str(value.day)
    return NBSP.join((first, symbols["months"][value.month - 1], str(value.year)))


def short_month(month: int) -> str:
    """janv, févr… / Jan, Feb…, without the final period."""
    return str(_locale()["months_short"][month - 1])


def _grouped(whole: int) -> str:
    digits = str(abs(whole))
    groups: list[str] = []
    while len(digits) > 3:
        digits, last = digits[:-3], digits[-3:]
        groups.insert(0, last)
    groups.insert(0, digits)
    return ("-" if whole < 0 else "") + str(_locale()["group"]).join(groups)


def _number(value: Decimal, places: int) -> str:
    """Grouped digits, and up to `places` decimals when there are some."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    whole = int(rounded)
    fraction = str(abs(rounded - whole)).partition(".")[2].rstrip("0")
    text = _grouped(whole)
    return text + str(_locale()["decimal"]) + fraction if fraction else text


def integer(value: int) -> str:
    return _grouped(value).replace(" ", NBSP)


def amount(value: Decimal) -> str:
    """Euros: cents only when there are some (« 100 000 € », « 1 234,50 € »)."""
    cents = value.quantize(Decimal("0.01"))
    number = _grouped(int(cents))
    if cents != cents.to_integral_value():
        number += str(_locale()["decimal"]) + str(abs(cents)).partition(".")[2]
    before, after = _locale()["currency"]
    return f"{before}{number}{after}".replace(" ", NBSP)


def rate(value: Decimal) -> str:
    """50 % / 50%; 12.5 % keeps its decimal, at most two."""
    before, after = _locale()["percent"]
    return f"{before}{_number(value * 100, 2)}{after}".replace(" ", NBSP)


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


_MONTH_NAMES = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
_MONTH = "(?i:" + _MONTH_NAMES.replace(" ", "|") + ")"
# A space inside a number (« 297 000 », not after a year: « en 2021 250 communes »), before
# its € or %, or inside a date (« 22 novembre 2021 », « 1er mars »): the spaces a catalog
# writes there. Before a year, a month is known by its last three letters (a lookbehind
# has one width). The space comes first, so that `re` looks for it before anything else.
_GLUED_SPACE = (
    rf" (?:(?<=\d )(?:(?=[€%])|(?<!\d\d\d\d )(?=\d{{3}}(?!\d))|(?={_MONTH}\b))"
    r"|(?=\d{4}(?!\d))(?<=(?i:ier|ars|ril|mai|uin|let|oût|bre) )"
    rf"|(?<=1er )(?={_MONTH}\b))"
)


def written_typography(text: str) -> str:
    """`typography` for text written elsewhere (a catalog's), whose numbers and dates
    relance did not lay out itself: they are never cut either. (A regular expression:
    0.5 ms to compile, once a run, only where such text is shown.)"""
    return re.sub(_GLUED_SPACE, NBSP, typography(text))


def enumeration(items: list[str]) -> str:
    """« a, b et c » / "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} et {last}").format(items=", ".join(items[:-1]), last=items[-1])
