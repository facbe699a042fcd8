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
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

# A word: letters and digits. The underscore is a separator, as for FTS5's unicode61
# tokenizer, so that a stem is always one token of the index.
WORD = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_stems: dict[str, str] = {}  # each lower-case word `learn` has seen, to its stem
folded: dict[str, str] = {}  # each lower-case word `holds` has seen, folded
# The stems it knows of some folded words (those an index holds), by folded word.
Lexicon = Callable[[list[str]], dict[str, str]]


@cache
def _stemmer() -> Any:
    """PyStemmer's French Snowball stemmer, loaded on the first search only."""
    import Stemmer

    return Stemmer.Stemmer("french")


def fold(word: str) -> str:
    """A lower-case word without its accents or ligatures."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def learn(words: Iterable[str], lexicon: Lexicon | None = None) -> None:
    """Stem the lower-case words not seen yet: from the lexicon those it holds (until the
    stemmer is loaded: it is then faster than the index), the others in one call to the
    stemmer. Stemming a folded word again gives the same stem, so a lexicon's stem is the
    one the stemmer would give."""
    new = set(words).difference(_stems)  # in C: a set against a dict's keys
    if not new:
        return
    ordered = list(new)
    folded = [fold(w) for w in ordered]
    loaded = _stemmer.cache_info().currsize
    read = lexicon(folded) if lexicon is not None and not loaded else {}
    unknown = [
        (word, plain) for word, plain in zip(ordered, folded, strict=True) if plain not in read
    ]
    _stems.update(
        (word, read[plain]) for word, plain in zip(ordered, folded, strict=True) if plain in read
    )
    if unknown:
        stemmed = _stemmer().stemWords([plain for _word, plain in unknown])
        _stems.update(zip([word for word, _plain in unknown], stemmed, strict=True))


def tokens(text: str) -> list[str]:
    """The lower-case words of a text, in order."""
    return WORD.findall(text.lower())


def stems_of(words: Iterable[str], lexicon: Lexicon | None = None) -> list[str]:
    """The stem of each lower-case word, in order (so a phrase stays a phrase)."""
    words = list(words)
    learn(words, lexicon)
    return list(map(_stems.__getitem__, words))


def holds(text: str, wanted: frozenset[str]) -> bool:
    """Whether a text holds one of these folded words (set operations per text, and each
    distinct word folded once: excerpts read thousands of texts)."""
    found = tokens(text)
    new = set(found).difference(folded)
    folded.update((word, fold(word)) for word in new)
    return not wanted.isdisjoint(map(folded.__getitem__, found))
