"""A short passage around the first match of a scheme's texts, with the matching words
marked, so a reader sees why it was found. A word matches when its folded spelling is one
of the index words the query stood for: no stem is worked out for an excerpt."""

from __future__ import annotations

from relance_cli.search.documents import Document
from relance_cli.search.words import WORD, folded, holds

WIDTH = 160  # characters of an excerpt, about two lines of a table cell
BEFORE = 50  # of which, before the first match


class Excerpt:
    """A plain class: a NamedTuple costs a fraction of a millisecond to define."""

    __slots__ = ("marks", "text")

    def __init__(self, text: str, marks: tuple[tuple[int, int], ...]) -> None:
        self.text = text
        self.marks = marks  # (start, end) of each matching word in `text`


def excerpt(doc: Document, wanted: frozenset[str]) -> Excerpt:
    """From the first text holding a wanted word (folded), the body before the title; the
    summary's opening when only the project types matched."""
    for text in [*doc.body, doc.title]:
        if not holds(text, wanted):
            continue
        flat = " ".join(text.split())
        spans = _matches(flat, wanted)
        if spans:
            return _around(flat, spans)
    opening = " ".join(doc.body[0].split()) if doc.body else ""
    return Excerpt(_cut(opening, 0, WIDTH)[0], ())


def _matches(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """The matching words from the first one to the end of the excerpt it opens (the text's
    words were folded by `holds`)."""
    spans: list[tuple[int, int]] = []
    for found in WORD.finditer(text):
        if spans and found.start() > spans[0][0] + WIDTH:
            break
        if folded[found.group().lower()] in wanted:
            spans.append(found.span())
    return spans


def _around(text: str, spans: list[tuple[int, int]]) -> Excerpt:
    first = spans[0][0]
    start = 0 if first <= BEFORE else text.rfind(" ", 0, first - BEFORE) + 1
    cut, offset, kept = _cut(text, start, start + WIDTH)
    marks = tuple(
        (a - start + offset, b - start + offset)
        for a, b in spans
        if start <= a and b <= start + kept
    )
    return Excerpt(cut, marks)


def _cut(text: str, start: int, end: int) -> tuple[str, int, int]:
    """text[start:end] at word boundaries, with "…" where it was cut; how far the start
    moved (the "…" it gained), and how many characters of `text` it keeps."""
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
        tail = "…"
    else:
        tail = ""
    head = "…" if start > 0 else ""
    return head + text[start:end] + tail, len(head), end - start
