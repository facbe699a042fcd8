"""The interface language: French by default, English on request, through gettext.

Messages are written in French in the code (the msgids); `locale/en/LC_MESSAGES/relance.mo`
translates them to English. `--lang en` or RELANCE_LANG=en choose English. Scheme content
stays as the catalog writes it; JSON and CSV keys and values never change.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "relance"
LOCALES = Path(__file__).with_name("locale")
LANGUAGES = ("fr", "en")
BABEL_LOCALES = {"fr": "fr_FR", "en": "en"}  # CLDR's, for tools/locale_formats.py

_current: dict[str, object] = {"language": "fr", "catalog": gettext.NullTranslations()}


def detect(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for: `--lang X` on the command line, else RELANCE_LANG, else fr."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return normalise(argv[index + 1])
        if arg.startswith("--lang="):
            return normalise(arg.split("=", 1)[1])
    return normalise(environ.get("RELANCE_LANG", ""))


def normalise(value: str) -> str:
    """ "en", "EN", "en_GB.UTF-8" -> "en"; anything unknown -> "fr"."""
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else "fr"


def use(language: str) -> None:
    language = normalise(language)
    catalog: gettext.NullTranslations = gettext.NullTranslations()
    if language != "fr":
        catalog = gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)
    _current["language"] = language
    _current["catalog"] = catalog


def language() -> str:
    return str(_current["language"])


def _(message: str) -> str:
    catalog = _current["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """French puts 0 and 1 in the singular (« 0 jour »), English only 1."""
    catalog = _current["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    if language() == "fr":
        return singular if count in (0, 1) else plural
    return catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction; translated later, where it is shown."""
    return message
