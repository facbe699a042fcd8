"""Every text of a scheme a search reads, in the three parts the ranking weighs apart:
its title, the labels of its project types, and everything else."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme


class Document:
    """A plain class: a dataclass costs 0.7 ms to define, at every search's start."""

    __slots__ = ("body", "kinds", "title")

    def __init__(self, title: str, kinds: str, body: list[str]) -> None:
        self.title = title
        self.kinds = kinds
        self.body = body  # each text apart, so an excerpt never runs from one into the next


def document(scheme: Scheme, kinds: dict[str, str]) -> Document:
    funding = scheme.funding
    body = [scheme.summary, *scheme.requirements, *scheme.examples]
    body += [*scheme.categories, *scheme.financers, *scheme.programmes, *funding.support]
    body += [scheme.operator or "", funding.note or ""]
    body += [step.note or "" for step in scheme.steps]
    labels = [kinds.get(kind, kind) for kind in scheme.kinds]
    return Document(scheme.title, " ; ".join(labels), [text for text in body if text])
