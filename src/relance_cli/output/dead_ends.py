"""Why an answer is empty, and what to do next: the words for the counts the advisor
returns (which filter removed how many schemes), so no search ends on a bare « aucun »."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from relance_cli import l10n
from relance_cli.core.advisor import Sieve
from relance_cli.i18n import _, ngettext

if TYPE_CHECKING:
    from relance_cli.core.advisor import Filtered


def _removal(sieve: Sieve, count: int, on: date) -> str:
    number = l10n.integer(count)
    if sieve is Sieve.announced:
        text = ngettext(
            "{count} n'est pas encore annoncé au {day}",
            "{count} ne sont pas encore annoncés au {day}",
            count,
        )
    elif sieve is Sieve.profile:
        text = ngettext(
            "{count} ne convient pas à ce profil", "{count} ne conviennent pas à ce profil", count
        )
    elif sieve is Sieve.financer:
        text = ngettext(
            "{count} n'a pas ce financeur (--financer)",
            "{count} n'ont pas ce financeur (--financer)",
            count,
        )
    elif sieve is Sieve.aid_type:
        text = ngettext(
            "{count} n'offre pas cette forme d'aide (--aid-type)",
            "{count} n'offrent pas cette forme d'aide (--aid-type)",
            count,
        )
    elif sieve is Sieve.open:
        text = ngettext(
            "{count} n'est pas ouvert au {day}", "{count} ne sont pas ouverts au {day}", count
        )
    else:
        text = ngettext("{count} écarté par {option}", "{count} écartés par {option}", count)
    return text.format(count=number, day=l10n.day(on), option=f"--{sieve.value}")


def explain(filtered: Filtered | None, on: date, *, show_all: bool, searched: bool) -> list[str]:
    """The lines that replace an empty table: what removed what, then what to try."""
    if filtered is None or not filtered.considered:
        if searched:
            return [
                _(
                    "Aucun dispositif ne contient tous ces mots : essayez moins de mots, "
                    "sans -mot, ou un autre catalogue (--catalog)."
                )
            ]
        return [_("Aucun dispositif dans le catalogue.")]
    dated = filtered.last_closed is not None and filtered.closed >= filtered.removed_by(Sieve.open)
    parts = [
        _removal(sieve, count, on)
        for sieve, count in filtered.removed
        if count and not (dated and sieve is Sieve.open)
    ]
    if dated:
        parts = _closed(filtered, on, parts)
    total = ngettext(
        "Aucun résultat sur {count} dispositif : {parts}.",
        "Aucun résultat sur {count} dispositifs : {parts}.",
        filtered.considered,
    )
    lines = [total.format(count=l10n.integer(filtered.considered), parts=_(" ; ").join(parts))]
    return lines + _hints(filtered, show_all)


def _closed(filtered: Filtered, on: date, parts: list[str]) -> list[str]:
    """The schemes the date removed were closed: say since when, as the whole answer when
    nothing else removed any."""
    assert filtered.last_closed is not None
    if filtered.closed == filtered.considered:
        text = ngettext(
            "{count} dispositif est fermé au {day} ; il a fermé le {last}",
            "les {count} dispositifs sont fermés au {day} ; le dernier a fermé le {last}",
            filtered.closed,
        )
    else:
        text = ngettext(
            "{count} est fermé au {day} ; il a fermé le {last}",
            "{count} sont fermés au {day} ; le dernier a fermé le {last}",
            filtered.closed,
        )
    closed = text.format(
        count=l10n.integer(filtered.closed), day=l10n.day(on), last=l10n.day(filtered.last_closed)
    )
    return [closed] if filtered.closed == filtered.considered else [*parts, closed]


def _hints(filtered: Filtered, show_all: bool) -> list[str]:
    hints = []
    if filtered.last_closed is not None:
        windows = filtered.removed_by(Sieve.closing_within) + filtered.removed_by(
            Sieve.opening_within
        )
        if not windows:  # nothing open was left out: the catalog is out of date
            hints.append(
                _(
                    "Pour les aides en cours : relance import aides-territoires --fetch "
                    "-o aides.toml, puis --catalog aides.toml."
                )
            )
        text = _("Pour revoir cette époque : --as-of {day}.")
        hints.append(text.format(day=filtered.last_closed.isoformat()))
    if not show_all and filtered.removed_by(Sieve.profile):
        hints.append(_("--all montre aussi les dispositifs écartés par le profil, et pourquoi."))
    if filtered.removed_by(Sieve.financer) or filtered.removed_by(Sieve.aid_type):
        hints.append(_("Un texte plus court pour --financer ou --aid-type en garde davantage."))
    return hints
