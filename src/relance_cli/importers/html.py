"""HTML from other sources to plain text that reads well in a terminal and a catalog."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar

from relance_cli.text import UNSAFE


class _Text(HTMLParser):
    BLOCKS: ClassVar[set[str]] = {
        "p", "div", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
        "table", "blockquote", "section", "article", "hr",
    }  # fmt: skip
    HIDDEN: ClassVar[set[str]] = {"script", "style", "template", "noscript", "iframe", "object"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: object) -> str:
    """Readable plain text: blocks on their own lines, list items as bullets, entities
    decoded, scripts and styles dropped, control characters removed."""
    if not isinstance(html, str) or not html.strip():
        return ""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = UNSAFE.sub(" ", "".join(parser.parts).replace("\r", "\n").replace("\u200b", ""))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned: list[str] = []
    for line in lines:
        if line or (cleaned and cleaned[-1]):
            cleaned.append(line)
    return "\n".join(cleaned).strip()
