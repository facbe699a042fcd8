"""What the user typed, as a search: the words that must all appear, the quoted phrases,
the `-excluded` ones, and the FTS5 expression that asks the index for exactly that.

The user's text never reaches FTS5's own query syntax: each word or phrase is reduced to
stems and quoted, so `AND`, `NEAR`, `*` or a stray quote are words like any other. Terms
are kept as words until the index is open, which knows the stems of its own words.
"""

from __future__ import annotations

import re

from relance_cli.errors import UsageError
from relance_cli.i18n import _
from relance_cli.search.words import tokens
from relance_cli.text import UNSAFE, quoted

MAX_CHARACTERS = 1_000
MAX_TERMS = 32
# A term: an optional minus, then a "quoted phrase" (closing quote optional) or a word.
_TERM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


class Query:
    """Each term as lower-case words: one for a word, several for a phrase. (A plain
    class: a NamedTuple costs a fraction of a millisecond to define, at every search.)"""

    __slots__ = ("excluded", "required")

    def __init__(
        self, required: tuple[tuple[str, ...], ...], excluded: tuple[tuple[str, ...], ...]
    ) -> None:
        self.required = required
        self.excluded = excluded


def parse(words: list[str]) -> Query:
    """The query the words of the command line make; a word given with spaces in it (the
    shell's quotes) is a phrase. Refuses what would search for nothing."""
    text = " ".join(f'"{w}"' if _is_phrase(w) else w for w in words)
    _check(text)
    required: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    for found in _TERM.finditer(text):
        minus, phrase, word = found.groups()
        term = tuple(tokens(phrase if phrase is not None else word))
        if term and term not in required + excluded:
            (excluded if minus else required).append(term)
    if len(required) + len(excluded) > MAX_TERMS:
        message = _("recherche : {count} termes, au plus {limit}")
        count = len(required) + len(excluded)
        raise UsageError(message.format(count=count, limit=MAX_TERMS))
    if not required:
        if excluded:
            message = _(
                "recherche : seulement des mots exclus (-mot) ; ajoutez au moins un mot à trouver, "
                "p. ex. relance search -- numérique -formation"
            )
        else:
            message = _(
                "recherche : aucun mot à chercher ; attendu des mots, p. ex. "
                'relance search bibliothèque ou relance search "eau potable"'
            )
        raise UsageError(message)
    return Query(tuple(required), tuple(excluded))


def _is_phrase(word: str) -> bool:
    """One argument of several words, from the shell's quotes: a phrase, unless it is
    written in the query syntax itself (quotes or -excluded words inside)."""
    parts = word.split()
    return len(parts) > 1 and '"' not in word and not any(p.startswith("-") for p in parts)


def _check(text: str) -> None:
    if len(text) > MAX_CHARACTERS:
        message = _("recherche : {count} caractères, au plus {limit}")
        raise UsageError(message.format(count=len(text), limit=MAX_CHARACTERS))
    unsafe = UNSAFE.search(text)
    if unsafe:
        message = _("recherche : caractère de contrôle {char} refusé dans « {text} »")
        shown = quoted(unsafe.group())
        raise UsageError(message.format(char=shown, text=quoted(text[:80])))
