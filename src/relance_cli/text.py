"""Untrusted text: what may never reach a terminal, and how people's words are compared.

Catalogs, API pages, file names, URLs and environment values all come from outside; the
models, the importers and the messages share these definitions, so a character refused
in one place is refused everywhere.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (tab and newline aside), DEL, the bidi embeddings, overrides, isolates
# and marks (LRM, RLM, ALM), the line and paragraph separators and the byte-order mark:
# any of them could move the cursor, clear the screen, break a line a reader cannot see
# or reorder what the reader sees. The models refuse them; messages that quote untrusted
# input escape them.
# The same class is written once and read by both Python's `re` and the Rust regex engine
# of pydantic-core, which checks catalog fields without calling back into Python.
UNSAFE_CLASS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")


# Python's own reading, with lone surrogates too: the bytes of a command-line value or a
# file name that are not UTF-8 (which no stream can encode).
_SHOWN_ESCAPED = re.compile(f"[{UNSAFE_CLASS}\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8: shown as that byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """Show control and bidi characters as \\x1b-style escapes, and bytes that are not
    UTF-8 as \\xff, so an error message that quotes untrusted input (or a file name) can
    never drive the terminal nor fail to print."""
    return _SHOWN_ESCAPED.sub(_escape, text)


def quoted(text: str) -> str:
    """Untrusted text quoted inside a one-line message (a value given to an option, a file
    name, an id): `printable`, and tabs and line breaks shown as \\t and \\n, so the
    message stays one line a reader can trust."""
    return printable(text).replace("\t", "\\t").replace("\n", "\\n")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Dématérialisation" -> "dematerialisation"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """A place name as people type it, compared: no case, no accents, hyphens, apostrophes
    and quotes as spaces: "L'Île-d'Yeu", "l ile d yeu" and "L’ÎLE-D’YEU" are one name."""
    folded = fold(text).replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[-'’‘ʼ`´\"«»]", " ", folded).split())
