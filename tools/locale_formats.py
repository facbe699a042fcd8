"""Write `src/relance_cli/locale/formats.json`: what relance needs of Babel's locale data
(month names, digit symbols, where the € and % signs go), for each interface language.

relance formats dates and amounts without Babel at run time (loading its locale data cost
every command tens of milliseconds); `make translations` runs this script, and
`tests/test_l10n.py` checks the file against Babel's own formatting.

    python tools/locale_formats.py
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.numbers import format_currency, format_percent

from relance_cli.i18n import BABEL_LOCALES

TARGET = Path(__file__).resolve().parents[1] / "src" / "relance_cli" / "locale" / "formats.json"


def around(text: str, number: str) -> list[str]:
    """What a pattern puts before and after the number, e.g. ["", " €"]."""
    before, found, after = text.partition(number)
    assert found, (text, number)
    return [before, after]


def formats(locale_name: str) -> dict[str, object]:
    locale = Locale.parse(locale_name)
    symbols = locale.number_symbols["latn"]
    currency = locale.currency_formats["standard"].pattern.replace(".00", "")
    percent = locale.percent_formats[None].pattern
    return {
        "group": symbols["group"],
        "decimal": symbols["decimal"],
        "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
        "months_short": [
            locale.months["format"]["abbreviated"][m].rstrip(".") for m in range(1, 13)
        ],
        "currency": around(
            format_currency(
                Decimal(7), "EUR", format=currency, locale=locale, currency_digits=False
            ),
            "7",
        ),
        "percent": around(format_percent(Decimal("0.07"), format=percent, locale=locale), "7"),
    }


def main() -> None:
    data = {language: formats(name) for language, name in BABEL_LOCALES.items()}
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
