"""The interface language: French by default, English on request, through gettext.

Messages are written in French in the code (the msgids); `locale/en/LC_MESSAGES/relance.mo`
translates them to English; the run chooses its language (`environment.Environment`). Scheme content
stays as the catalog writes it; JSON and CSV keys and values never change.
"""

from __future__ import annotations

import contextlib
import gettext
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from relance_cli.environment import LANGUAGES, normalise_language

DOMAIN = "relance"
LOCALES = Path(__file__).with_name("locale")
BABEL_LOCALES = {"fr": "fr_FR", "en": "en"}  # CLDR's, for tools/locale_formats.py
__all__ = ["LANGUAGES", "N_", "_", "language", "ngettext", "speaking", "use"]

# The language of the run in progress (see environment.running): a context variable, as
# gettext lookups happen deep in the output, far from the run that chose the language.
_LANGUAGE: ContextVar[str] = ContextVar("relance_language", default="fr")


def normalise(value: str) -> str:
    """ "en", "EN", "en_GB.UTF-8" -> "en"; anything unknown -> "fr"."""
    return normalise_language(value)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    """The compiled messages of a language, read once per process (they never change)."""
    if language == "fr":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)


def use(language: str) -> None:
    """Speak `language` from now on, in this context (a run: see environment.running)."""
    _LANGUAGE.set(normalise(language))


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside; the language spoken before comes back after."""
    token = _LANGUAGE.set(normalise(language))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language() -> str:
    return _LANGUAGE.get()


def _(message: str) -> str:
    return _catalog(_LANGUAGE.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """French puts 0 and 1 in the singular (« 0 jour »), English only 1."""
    spoken = _LANGUAGE.get()
    if spoken == "fr":
        return singular if count in (0, 1) else plural
    return _catalog(spoken).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction; translated later, where it is shown."""
    return message
