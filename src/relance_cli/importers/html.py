"""HTML from other sources to plain text that reads the way a browser shows it.

Aides-territoires descriptions are HTML written by many hands: pretty-printed (a newline
and an indent inside every `<p>`, `<li>` and `<strong>`), CKEditor output with `&nbsp;`
and `<font>`, or `\\r\\n`. A browser collapses every run of white space into one space and
lays out blocks, whatever the source's line breaks; the text here follows the same rules,
so a source newline never splits a sentence, an inline element never splits a line, and
each `<li>` is one item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from relance_cli.limits import LABEL_MAX
from relance_cli.text import UNSAFE

# Blocks that start and end a paragraph (inside a list item: a line of that item).
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "main", "nav", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr",
})  # fmt: skip
LISTS = frozenset({"ul", "ol", "menu"})
CELLS = frozenset({"td", "th"})
# What a reader never sees as text: code, styles, inert templates, embedded documents.
HIDDEN = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
    "head", "title", "select",
})  # fmt: skip
# Elements whose content is raw text up to their end tag, as HTML parses them.
RAW_TEXT = {
    tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    for tag in ("script", "style", "textarea", "title", "xmp")
}
# White space, as HTML collapses it (and the no-break and other Unicode spaces, which a
# terminal shows as plain spaces anyway): str.split() finds the same, faster.
WHITESPACE = re.compile(r"\s+")
# Then what must never reach a terminal, and what shows nothing: soft hyphens, zero-width
# spaces, byte-order marks.
DROPPED = re.compile("[" + UNSAFE.pattern[1:-1] + "\u00ad\u200b\u2060\ufeff]")
SCRIPT_LINK = re.compile(r"^(?:javascript|vbscript):", re.IGNORECASE)
# One pass over the source: comments and declarations, tags (their attributes, quoted
# values may hold ">"), text, and a "<" that starts no tag (text too).
TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>?"
    r"|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|([^<]+|<)",
    re.DOTALL,
)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """A paragraph, or one list item; `text` holds the `<br>` line breaks as newlines."""

    text: str
    item: bool = False
    depth: int = 0  # nesting of the item's list, 0 for a top-level list
    marker: str = "•"  # "•", "3." in an ordered list, "" for text after a nested list


class _Layout:
    """Lays out the tokens of one HTML text into blocks, the way a browser would."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []  # finished lines of the current block
        self.line: list[str] = []  # pieces of the current line
        self.space = False  # a collapsed space is due before the next word
        self.separator = ""  # between table cells
        self.item: tuple[int, str] | None = None  # (depth, marker) of the current item
        self.open: list[str] = []  # the open lists ("ul", "ol") and items ("li")
        self.counters: list[int] = []  # the next number of each open list
        self.hidden = 0
        self.links: list[bool] = []  # for each open <a>: is it a script link?
        # For each open <a> that runs no script: its address ("" for none a reader can
        # use) and the words it shows so far.
        self.targets: list[tuple[str, list[str]]] = []

    def feed(self, html: str) -> list[Block]:
        match, text, start, end = TOKEN.match, self.text, self.start, self.end
        position, size = 0, len(html)
        while position < size:
            token = match(html, position)
            assert token is not None  # "<" alone matches at worst
            position = token.end()
            kind = token.lastindex
            if kind == 4:
                data = token[4]
                text(_clean_part(unescape(data)) if "&" in data else data)
            elif kind is None:  # a comment or a declaration shows nothing
                continue
            elif token[1]:
                end(token[2].lower())
            else:
                tag = token[2].lower()
                start(tag, token[3])
                if tag in RAW_TEXT:  # its content is text up to its end tag
                    found = RAW_TEXT[tag].search(html, position)
                    stop = found.start() if found else size
                    if tag in {"textarea", "xmp"}:
                        text(html[position:stop])
                    position = stop
        self._end_block()
        return self.blocks

    # --- text -------------------------------------------------------------------------

    def text(self, text: str) -> None:
        """Text already cleaned: white space collapsed, nothing unsafe or invisible."""
        if self.hidden:
            return
        words = text.strip(" ")
        if not words:
            self.space = self.space or (bool(text) and bool(self.line))
            return
        if self.line:
            if self.separator:
                self.line.append(self.separator)
            elif self.space or text.startswith(" "):
                self.line.append(" ")
        self.line.append(words)
        for _address, shown in self.targets:
            shown.append(words)
        self.space = text.endswith(" ")
        self.separator = ""

    def _end_line(self, *, keep_empty: bool) -> None:
        if self.line or keep_empty:
            self.lines.append("".join(self.line))
        self.line, self.space, self.separator = [], False, ""

    def _end_block(self) -> None:
        if not self.line and not self.lines:
            return
        self._end_line(keep_empty=False)
        lines: list[str] = []
        for line in self.lines:
            if line or (lines and lines[-1]):
                lines.append(line)
        while lines and not lines[-1]:
            lines.pop()
        if lines:
            depth, marker = self.item or (0, "")
            self.blocks.append(Block("\n".join(lines), self.item is not None, depth, marker))
            if self.item is not None:  # more text in the same <li> continues it, unmarked
                self.item = (depth, "")
        self.lines = []

    # --- tags ---------------------------------------------------------------------------

    def start(self, tag: str, attributes: str) -> None:
        if tag == "a":
            script = _is_script_link(attributes)
            self.links.append(script)
            self.hidden += script
            if not script:
                self.targets.append(("" if self.hidden else link_address(attributes), []))
        elif tag in HIDDEN:
            if not attributes.rstrip().endswith("/"):
                self.hidden += 1
        elif self.hidden:
            return
        elif tag == "br":
            self._end_line(keep_empty=True)
        elif tag == "li":
            self._end_block()
            if self.open and self.open[-1] == "li":  # the previous <li> was never closed
                self.open.pop()
            self.open.append("li")
            self.item = (max(0, len(self.counters) - 1), self._next_marker())
        elif tag in LISTS:
            self._end_block()
            self.open.append("ol" if tag == "ol" else "ul")
            self.counters.append(1)
        elif tag in BLOCKS:
            self._block_boundary()
        elif tag in CELLS and self.line:
            self.separator = " | "

    def end(self, tag: str) -> None:
        if tag == "a":
            if not self.links:  # an </a> without its <a>
                return
            if self.links.pop():
                self.hidden -= 1
            else:
                self._show_address(*self.targets.pop())
        elif tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif self.hidden:
            return
        elif tag == "li":
            self._end_block()
            self.item = None
            self._close("li")
            self._resume_outer_item()
        elif tag in LISTS:
            self._end_block()
            self.item = None
            if self._close("ol" if tag == "ol" else "ul"):
                self.counters.pop()
            self._resume_outer_item()
        elif tag in BLOCKS:
            self._block_boundary()

    def _show_address(self, address: str, shown: list[str]) -> None:
        """« texte (https://…) »: the address follows the words of its link, unless they
        already give it (a link whose text is its own address, an e-mail address)."""
        if not address or self.hidden:
            return
        words = " ".join(shown)
        bare = address.removeprefix("mailto:")
        if _address_key(bare) not in _address_key(words):
            self.text(f" ({bare})")

    def _close(self, kind: str) -> bool:
        """Close the innermost open `kind` and whatever is open inside it."""
        if kind not in self.open:
            return False
        del self.open[len(self.open) - 1 - self.open[::-1].index(kind) :]
        return True

    def _block_boundary(self) -> None:
        """A paragraph ends; inside a list item, only the line does."""
        if self.open and self.open[-1] == "li":
            self._end_line(keep_empty=False)
        else:
            self._end_block()
            self.item = None

    def _resume_outer_item(self) -> None:
        if self.open and self.open[-1] == "li":
            self.item = (max(0, len(self.counters) - 1), "")

    def _next_marker(self) -> str:
        if not self.counters:
            return "•"
        kind = next((k for k in reversed(self.open) if k != "li"), "ul")
        number = self.counters[-1]
        self.counters[-1] += 1
        return f"{number}." if kind == "ol" else "•"


def _is_script_link(attributes: str) -> bool:
    """Whether an <a> runs code instead of leading somewhere (browsers ignore white space
    and control characters in the scheme, and read character references)."""
    found = HREF.search(attributes)
    if not found:
        return False
    href = unescape(next(group for group in found.groups() if group is not None))
    return bool(SCRIPT_LINK.match(WHITESPACE.sub("", UNSAFE.sub("", href))))


LINK_ADDRESS = re.compile(r"(?:https?://|mailto:)[^\s<>\"'()]+", re.IGNORECASE)


def link_address(attributes: str) -> str:
    """The address an <a> leads to, when a reader can use it outside the page: a web
    address or an e-mail address (a relative link or an anchor leads nowhere from here)."""
    found = HREF.search(attributes)
    if not found:
        return ""
    href = DROPPED.sub("", unescape(next(g for g in found.groups() if g is not None))).strip()
    return href if len(href) <= LABEL_MAX and LINK_ADDRESS.fullmatch(href) else ""


def _address_key(text: str) -> str:
    """An address as it may be written in a link's text: no scheme, no final slash."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip().lower()).rstrip("/")


def blocks(html: object) -> list[Block]:
    """The paragraphs and list items of an HTML text, in order, as a browser lays them out:
    white space collapsed, entities decoded, scripts, styles, templates and `javascript:`
    links dropped, control characters removed."""
    if not isinstance(html, str) or not html.strip():
        return []
    return _Layout().feed(_clean(html))


def _clean(html: str) -> str:
    """White space collapsed and what may not be shown removed, over the whole source at
    once (tags keep their meaning, and its own ends do not matter)."""
    return DROPPED.sub("", " ".join(html.split()))


def _clean_part(text: str) -> str:
    """The same for a piece of text whose ends matter: decoded character references."""
    inner = DROPPED.sub("", " ".join(text.split()))
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() else "")


def html_to_text(html: object) -> str:
    """Readable plain text: paragraphs separated by one blank line, one bullet line per
    list item (numbered in ordered lists, indented when nested), `<br>` a line break."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks(html):
        if previous is not None:
            parts.append("\n" if block.item and previous.item else "\n\n")
        parts.append(_shown(block))
        previous = block
    return "".join(parts)


def _shown(block: Block) -> str:
    if not block.item:
        return block.text
    indent = "  " * block.depth
    prefix = f"{block.marker} " if block.marker else "  "
    first, *rest = block.text.split("\n")
    hanging = indent + " " * len(prefix)
    return "\n".join([indent + prefix + first, *(hanging + line if line else "" for line in rest)])
