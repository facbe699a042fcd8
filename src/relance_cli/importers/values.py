"""Values of an Aides-territoires record as a catalog holds them: labels and paragraphs
cleaned and bounded, dates, rates and amounts read (or the reason they are not), links made
absolute. Each reader returns the value, or None and what to note about it."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from relance_cli.i18n import _
from relance_cli.importers.html import blocks
from relance_cli.limits import FIRST_DAY, LABEL_MAX, LAST_DAY, MAX_AMOUNT
from relance_cli.limits import TEXT_MAX as _TEXT_MAX
from relance_cli.text import UNSAFE, printable

SITE = "https://aides-territoires.beta.gouv.fr"


TITLE_MAX = LABEL_MAX


TEXT_MAX = _TEXT_MAX


MAX_MONEY = Decimal(MAX_AMOUNT)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label_of(value: object) -> str:
    """A name from a string, or from an object with a name or label."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("label") or value.get("title") or ""
    if not isinstance(value, str):
        return ""
    return _clean_label(value)


@lru_cache(maxsize=8192)  # financers, programmes, audiences and categories recur
def _clean_label(text: str) -> str:
    return clip(" ".join(UNSAFE.sub(" ", text).split()), TITLE_MAX)


def labels_of(value: object) -> list[str]:
    if not isinstance(value, list):
        value = [value] if value else []
    seen: list[str] = []
    for item in value:
        text = label_of(item)
        if text and text not in seen:
            seen.append(text)
    return seen


_HAND_BULLET = re.compile(r"^[•·*–—-]+\s*(?=\S)")


def paragraphs(html: object, limit: int = TITLE_MAX) -> list[str]:
    """One item per paragraph line or list item of an HTML list of conditions or
    examples, without the bullets authors type by hand; an item with no letter or digit
    (a lone "•", ":" or "/") is no item."""
    items = []
    for block in blocks(html):
        for line in block.text.split("\n"):
            text = _HAND_BULLET.sub("", line.strip())
            if any(c.isalnum() for c in text):
                items.append(clip(text, limit))
    return items


def parse_day(value: object) -> tuple[date | None, str | None]:
    """A date from "2024-05-31", "2024-05-31T00:00:00+02:00" or "31/05/2024"; anything
    else gives None and says why (an empty field says nothing)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).strip()
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", text) or None
    parts: tuple[str, str, str] | None = None
    if found:
        parts = (found[1], found[2], found[3])
    else:
        french = re.match(r"^(\d{2})/(\d{2})/(\d{4})$", text)
        if french:
            parts = (french[3], french[2], french[1])
    if parts is None:
        return None, _("date illisible « {value} » ignorée").format(value=printable(text[:40]))
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None, _("date impossible « {value} » ignorée").format(value=printable(text[:40]))
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, _("date hors limites « {value} » ignorée").format(value=printable(text[:40]))
    return day, None


def _percent(value: object) -> Decimal | str | None:
    """A percentage, None when empty, or the text to quote when it is no number."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        percent = Decimal(str(value).strip())
    except InvalidOperation:
        return printable(str(value)[:20])
    return percent if percent.is_finite() else printable(str(value)[:20])


def _fraction(percent: Decimal) -> Decimal:
    return (percent / 100).quantize(Decimal("0.000001")).normalize()


def parse_rate(value: object) -> tuple[Decimal | None, str | None]:
    """A rate (0 < p ≤ 100 %) as a fraction."""
    percent = _percent(value)
    if percent is None:
        return None, None
    if isinstance(percent, str):
        return None, _("taux illisible « {value} » ignoré").format(value=percent)
    if not 0 < percent <= 100:
        return None, _("taux hors de ]0, 100] « {value} » ignoré").format(value=percent)
    return _fraction(percent), None


def parse_floor(value: object) -> tuple[Decimal | None, str | None]:
    """A lower bound (0 ≤ p ≤ 100 %) as a fraction: "de 0 à 15 %" starts at 0."""
    percent = _percent(value)
    if percent is None:
        return None, None
    if isinstance(percent, str):
        return None, _("taux illisible « {value} » ignoré").format(value=percent)
    if not 0 <= percent <= 100:
        return None, _("taux bas hors de [0, 100] « {value} » ignoré").format(value=percent)
    return _fraction(percent), None


def parse_money(value: object, name: str) -> tuple[Decimal | None, str | None]:
    """An amount in euros, to the cent."""
    if value is None or value == "":
        return None, None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        text = _("montant illisible « {value} » ignoré ({field})")
        return None, text.format(value=printable(str(value)[:20]), field=name)
    if not amount.is_finite() or not 0 <= amount <= MAX_MONEY:
        text = _("montant hors limites « {value} » ignoré ({field})")
        return None, text.format(value=printable(str(value)[:20]), field=name)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), None


def absolute_url(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.startswith("//"):
        text = "https:" + text
    elif text.startswith("/"):
        text = SITE + text
    if re.fullmatch(r"https?://\S+", text) and not UNSAFE.search(text) and len(text) <= TITLE_MAX:
        return text
    return None
