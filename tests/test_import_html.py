"""HTML to text, the way a browser lays it out: white space collapsed, one item per <li>,
paragraphs apart, inline elements inside their sentence, nothing hidden or unsafe shown."""

from __future__ import annotations

import pytest

from relance_cli.importers.aides_territoires import paragraphs
from relance_cli.importers.html import Block, blocks, html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        (None, ""),
        ("   \n\t ", ""),
        ("a &amp; b &lt;c&gt; &eacute; &#8217; &nbsp;d", "a & b <c> é ’ d"),
        ("<p>un</p><p>deux</p>", "un\n\ndeux"),
        ("ligne<br>suivante", "ligne\nsuivante"),
        ("<p>a<br><br>b</p>", "a\n\nb"),
        ("<p>fin<br></p><p><br></p><p></p>", "fin"),
        ("<ul><li>a</li><li>b</li></ul>", "• a\n• b"),
        ("<ol><li>a<li>b</ol>", "1. a\n2. b"),
        ("  espaces \t multiples  ", "espaces multiples"),
        ("\x1b[2J\u202e", "[2J"),  # the escape character goes; the rest is plain text
        ("a\u200bb\u00adc", "abc"),
        ("a&#27;[2Jb &#x202E;c", "a[2Jb c"),  # decoded references are cleaned too
        ("1 < 2 et 3 > 2", "1 < 2 et 3 > 2"),
        ("<!-- commentaire -->texte<!DOCTYPE html>", "texte"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a | b\n\nc"),
    ],
)
def test_html_to_text(html: object, text: str) -> None:
    assert html_to_text(html) == text


def test_pretty_printed_html_reads_as_a_browser_shows_it() -> None:
    """Aid 34662 (Symfony, 2024): newlines and indents inside <li> and <strong>."""
    html = (
        "<p>\n Cette aide poursuit 3 objectifs.\n <br/>\n</p>\n<ol>\n <li>\n  <strong>\n"
        "   Aider les structures\n  </strong>\n  et la prévention de la perte d'autonomie.\n"
        " </li>\n <li>\n  <strong>\n   Favoriser\n  </strong>\n  les modes d'accueil.\n"
        " </li>\n</ol>"
    )
    assert html_to_text(html) == (
        "Cette aide poursuit 3 objectifs.\n\n"
        "1. Aider les structures et la prévention de la perte d'autonomie.\n"
        "2. Favoriser les modes d'accueil."
    )


def test_windows_line_ends_are_white_space() -> None:
    assert html_to_text("<p>Une\r\nphrase\r\n entière.</p>\r\n<p>Une autre.</p>") == (
        "Une phrase entière.\n\nUne autre."
    )


def test_inline_elements_never_split_a_sentence() -> None:
    html = (
        '<p>Voir <a href="https://example.org">le <em>site</em></a>, <span>puis</span>'
        "<strong>déposer</strong> avant le <font face='x'>31</font>.</p>"
    )
    assert html_to_text(html) == "Voir le site (https://example.org), puisdéposer avant le 31."


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert('x')</script>",
        "<script>if (a<b) { x() }</script>",
        "<style>p { color: red }</style>",
        "<template><p>caché</p></template>",
        "<noscript>sans script</noscript>",
        '<a href="javascript:alert(1)">cliquez</a>',
        "<a href=' JaVa&#x09;ScRiPt:alert(1)'>cliquez</a>",
        '<a href="vbscript:x">cliquez</a>',
        "<iframe src='https://example.org'>cadre</iframe>",
    ],
)
def test_what_a_reader_never_sees_stays_out(html: str) -> None:
    assert html_to_text(f"avant {html} après") == "avant après"


def test_an_ordinary_link_keeps_its_text_and_its_address() -> None:
    assert html_to_text('<a href="https://example.org/">le site</a>') == (
        "le site (https://example.org/)"
    )


def test_an_address_already_shown_is_not_repeated() -> None:
    html = (
        '<a href="https://www.x.fr/b">x.fr/b/</a> <a href="mailto:a@b.fr">a@b.fr</a> '
        '<a href="mailto:c@d.fr">écrire</a> <a href="/page">relatif</a> <a href="#ici">ici</a>'
    )
    assert html_to_text(html) == "x.fr/b/ a@b.fr écrire (c@d.fr) relatif ici"


def test_a_hidden_or_unbalanced_link_adds_no_address() -> None:
    html = '<p><script><a href="https://q.fr">q</a></script>a</a> <a href="https://x.fr">b</p>'
    assert html_to_text(html) == "a b"


def test_nested_lists_and_text_after_them() -> None:
    html = "<ul><li>a<ul><li>b</li><li>c</li></ul>suite</li><li>d</li></ul><p>fin</p>"
    assert html_to_text(html) == "• a\n  • b\n  • c\n  suite\n• d\n\nfin"
    assert blocks(html)[:2] == [Block("a", True, 0, "•"), Block("b", True, 1, "•")]


def test_a_list_item_holding_paragraphs_is_one_item() -> None:
    html = "<ul><li><p>premier</p><p>second</p></li><li>b<br>c</li></ul>"
    assert html_to_text(html) == "• premier\n  second\n• b\n  c"


def test_unclosed_and_stray_tags_do_no_harm() -> None:
    assert html_to_text("<p>a<p>b</li></ul></ol><li>c") == "a\n\nb\n\n• c"
    assert html_to_text("<ul><li>a</p></div>b</li></ul>") == "• a\n  b"


@pytest.mark.parametrize(
    ("html", "items"),
    [
        ("<ul><li>\n •\n</li><li> : </li><li>/</li><li>Vraie condition</li></ul>",
         ["Vraie condition"]),
        ("<p>-Penser la mobilité</p><p>• Deuxième</p><p>- 10 % au moins</p>",
         ["Penser la mobilité", "Deuxième", "10 % au moins"]),
        ("<p>Tel : 06<br>Courriel : a@b.fr</p>", ["Tel : 06", "Courriel : a@b.fr"]),
        ("<ul><li>\n  Structures\n  <strong>\n   visées\n  </strong>\n  ici.\n</li></ul>",
         ["Structures visées ici."]),
    ],
)  # fmt: skip
def test_conditions_and_examples_are_items(html: str, items: list[str]) -> None:
    assert paragraphs(html) == items
