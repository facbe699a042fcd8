"""Every text of a scheme a search reads, in the three parts the ranking weighs apart:
its title, the labels of its project types, and everything else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    kinds: str
    body: list[str]  # each text apart, so an excerpt never runs from one into the next


def document(scheme: Scheme, kinds: dict[str, str]) -> Document:
    funding = scheme.funding
    body = [scheme.summary, *scheme.requirements, *scheme.examples]
    body += [*scheme.categories, *scheme.financers, *scheme.programmes, *funding.support]
    body += [scheme.operator or "", funding.note or ""]
    body += [step.note or "" for step in scheme.steps]
    labels = [kinds.get(kind, kind) for kind in scheme.kinds]
    return Document(scheme.title, " ; ".join(labels), [text for text in body if text])
