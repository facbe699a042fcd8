"""Command-line values to Python values, with messages that name the option, repeat
what was given and say what would be valid (exit code 2 through UsageError)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from relance_cli import limits
from relance_cli.errors import UsageError
from relance_cli.i18n import _
from relance_cli.limits import FIRST_DAY, LAST_DAY
from relance_cli.text import fold, quoted

# Patterns compiled at first use (re caches them): most runs give no number nor date.
_GROUPED = r"^\d{1,3}(?:[ _\u00a0\u202f]\d{3})+$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_COUNT = 10**9
MAX_DAYS = 36_500  # a hundred years: any date the catalogs can hold stays in range
MAX_AMOUNT = Decimal(limits.MAX_AMOUNT)  # a [[test]] case's budget has the same bound


def _given(value: str) -> str:
    return _("« {value} »").format(value=quoted(value))


def count(option: str, value: str, limit: int = MAX_COUNT, expected: str | None = None) -> int:
    """A non-negative whole number up to `limit`; French digit grouping ("600 000") is
    accepted. `expected` is the example the error gives, of the option's own kind."""
    text = value.strip()
    if re.match(_GROUPED, text):
        text = re.sub(r"[ _\u00a0\u202f]", "", text)
    if not text.isascii() or not text.isdigit():
        text = _("{option} : {given} n'est pas un nombre entier ≥ 0 ; attendu {expected}")
        example = expected or _("p. ex. 600000 ou « 600 000 »")
        raise UsageError(text.format(option=option, given=_given(value), expected=example))
    digits = text.lstrip("0") or "0"  # never int() of thousands of digits
    if len(digits) > len(str(limit)) or int(digits) > limit:
        text = _("{option} : {given} est hors limites (au plus {limit})")
        raise UsageError(text.format(option=option, given=_given(value), limit=limit))
    number = int(digits)
    return number


def days(option: str, value: str) -> int:
    """A number of days, up to a hundred years."""
    return count(option, value, MAX_DAYS, _("un nombre de jours, p. ex. 30"))


def rows(option: str, value: str) -> int:
    return count(option, value, expected=_("un nombre de lignes, p. ex. 20 (0 : toutes)"))


_EUROS = r"(?i)[\s\u00a0\u202f]*(?:€|eur|euros?)$"


def amount(option: str, value: str) -> Decimal:
    """Euros, to the cent: 300000, « 300 000 », « 80 000 € » (as relance prints amounts),
    1234.5 or 1234,50."""
    text = re.sub(_EUROS, "", value.strip()).replace(",", ".")
    whole, dot, cents = text.partition(".")
    if re.match(_GROUPED, whole):
        whole = re.sub(r"[ _\u00a0\u202f]", "", whole)
    problem = (
        not whole.isascii()
        or not whole.isdigit()
        or (dot and (not cents.isascii() or not cents.isdigit() or len(cents) > 2))
    )
    if problem:
        text = _(
            "{option} : {given} n'est pas un montant en euros ; "
            "attendu p. ex. 300000, « 300 000 » ou 1234,50"
        )
        raise UsageError(text.format(option=option, given=_given(value)))
    try:
        result = Decimal(f"{whole}.{cents}" if dot else whole)
    except InvalidOperation:  # pragma: no cover - excluded by the checks above
        text = _("{option} : {given} n'est pas un montant")
        raise UsageError(text.format(option=option, given=_given(value))) from None
    if result > MAX_AMOUNT:
        text = _("{option} : {given} est hors limites")
        raise UsageError(text.format(option=option, given=_given(value)))
    return result


def day(option: str, value: str) -> date:
    """A calendar date written YYYY-MM-DD (and only that, so 2021-02-30 is refused)."""
    text = value.strip()
    try:
        if not re.match(_DATE, text):
            raise ValueError
        parsed = date.fromisoformat(text)
        if not FIRST_DAY <= parsed <= LAST_DAY:
            text = _("{option} : {given} est hors limites (entre {first} et {last})")
            values = {
                "option": option,
                "given": _given(value),
                "first": FIRST_DAY,
                "last": LAST_DAY,
            }
            raise UsageError(text.format(**values))
        return parsed
    except ValueError:
        text = _(
            "{option} : {given} n'est pas une date valide ; attendu AAAA-MM-JJ, p. ex. 2021-02-01"
        )
        raise UsageError(text.format(option=option, given=_given(value))) from None


def choice(option: str, value: str, valid: Sequence[str]) -> str:
    """One of `valid`, matched without regard to case or accents."""
    folded = fold(value)
    for candidate in valid:
        if fold(candidate) == folded:
            return candidate
    close = difflib.get_close_matches(folded, list(valid), n=1)
    if close:
        text = _(
            "{option} : {given} n'est pas une valeur possible (vouliez-vous dire « {close} » ?) ; "
            "valeurs possibles : {valid}"
        )
    else:
        text = _("{option} : {given} n'est pas une valeur possible ; valeurs possibles : {valid}")
    values = {"option": option, "given": _given(value), "valid": ", ".join(valid)}
    raise UsageError(text.format(close=close[0] if close else "", **values))


def choices(option: str, values: Iterable[str], valid: Sequence[str]) -> tuple[str, ...]:
    picked: list[str] = []
    for value in values:
        item = choice(option, value, valid)
        if item not in picked:
            picked.append(item)
    return tuple(picked)


def closest(value: str, valid: Sequence[str]) -> list[str]:
    return difflib.get_close_matches(fold(value), list(valid), n=3, cutoff=0.5)
