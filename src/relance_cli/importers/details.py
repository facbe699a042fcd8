"""What an aid says beyond the rules relance judges: its contact, who examines the
applications, what it pays for and at which stage of a project, and its description kept
whole up to the catalog's limit. Both API generations write these fields alike (HTML for
the contact, lists of labels for the rest)."""

from __future__ import annotations

from typing import Any

from relance_cli.importers.html import html_to_text
from relance_cli.limits import TEXT_MAX  # the catalog's limit for a text (models.Text)

# Part of the catalog's text, in the source's language whatever the interface's.
CUT_NOTE = "\n\n[texte coupé à {limit} caractères : la suite est sur la page de l'aide]"


def details(aid: dict[str, Any], labels: Any) -> dict[str, Any]:
    """The scheme fields of these details, TOML-ready: only those the source fills.
    `labels` reads a list of labels as the importer does (cleaned, each once)."""
    found: dict[str, Any] = {}
    # One line each (a name, an address, a phone number): no blank lines between them.
    contact = "\n".join(line for line in html_to_text(aid.get("contact")).split("\n") if line)
    if contact:
        found["contact"] = cut(contact, TEXT_MAX)[0]
    for key in ("instructors", "destinations", "mobilization_steps"):
        values = labels(aid.get(key))
        if values:
            found[key] = values
    return found


def cut(text: str, limit: int = TEXT_MAX) -> tuple[str, bool]:
    """The text whole, or cut at the last word boundary that leaves room for a visible
    note saying so, and whether it was cut."""
    if len(text) <= limit:
        return text, False
    note = CUT_NOTE.format(limit=f"{limit:,}".replace(",", " "))
    room = limit - len(note) - 1
    head = text[:room]
    boundary = max(head.rfind(" "), head.rfind("\n"))
    if boundary > room // 2:  # a word boundary not too far back
        head = head[:boundary]
    return head.rstrip() + "…" + note, True
