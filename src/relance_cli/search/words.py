"""French words as the index and the queries see them: folded (no case, no accents),
then reduced to their Snowball stem, so « Bibliothèques », « bibliotheque » and
« BIBLIOTHÈQUE » are one word.

Folding comes before stemming, on both sides: the stemmer then sees the same letters
whether the user typed the accents or not (« activité » and « activite » would otherwise
stem apart). Each distinct word is folded and stemmed once per run: a 5,000-aid catalog
holds millions of words but tens of thousands of distinct ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

# A word: letters and digits. The underscore is a separator, as for FTS5's unicode61
# tokenizer, so that a stem is always one token of the index.
WORD = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_stems: dict[str, str] = {}
known = _stems  # each lower-case word `learn` has seen, to its stem


@cache
def _stemmer() -> Any:
    """PyStemmer's French Snowball stemmer, loaded on the first search only."""
    import Stemmer

    return Stemmer.Stemmer("french")


def fold(word: str) -> str:
    """A lower-case word without its accents or ligatures."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def learn(words: Iterable[str]) -> None:
    """Stem, in one call to the stemmer, the lower-case words not seen yet."""
    new = set(words).difference(_stems)  # in C: a set against a dict's keys
    if new:
        ordered = list(new)
        folded = [fold(w) for w in ordered]
        _stems.update(zip(ordered, _stemmer().stemWords(folded), strict=True))


def tokens(text: str) -> list[str]:
    """The lower-case words of a text, in order."""
    return WORD.findall(text.lower())


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order (so a phrase stays a phrase)."""
    found = tokens(text)
    learn(found)
    return list(map(_stems.__getitem__, found))


def stems_of(words: list[str]) -> list[str]:
    """The stem of each lower-case word, in order."""
    learn(words)
    return list(map(_stems.__getitem__, words))


def holds(text: str, wanted: frozenset[str]) -> bool:
    """Whether a text holds a word of one of these stems (a set operation per text, not a
    call per word: excerpts read thousands of texts)."""
    found = tokens(text)
    learn(found)
    return not wanted.isdisjoint(map(_stems.__getitem__, found))
