"""Saved pages of the Aides-territoires API, read from files: plain or gzip-compressed JSON,
bounded in size before and after decompression, each error located by file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from relance_cli import files, limits
from relance_cli.errors import CatalogError
from relance_cli.i18n import _

MAX_PAGE_BYTES = limits.MAX_READ_BYTES


def aids_in(document: object, label: str) -> list[Any]:
    """The aids of one saved API page, or of a plain JSON list of aids. Other keys of a
    page, such as the `_provenance` of the test fixtures, are not read."""
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        return list(document["results"])
    if isinstance(document, list):
        return document
    text = _(
        '{file}: ni une page de l\'API Aides-territoires ({{"results": [...]}}) '
        "ni une liste d'aides"
    )
    raise CatalogError(text.format(file=label))


GZIP_MAGIC = b"\x1f\x8b"


def page_bytes(path: Path, label: str) -> bytes:
    """A saved page, plain or gzip-compressed (as `curl --compressed -o page.json.gz`
    keeps it): the same cap applies to what decompression gives, read by bounded
    steps, so a small bomb never fills the memory."""
    import zlib

    data = files.read_bytes(path, label, MAX_PAGE_BYTES)
    if not data.startswith(GZIP_MAGIC):
        return data
    parts: list[bytes] = []
    size = 0
    try:
        while data:
            inflate = zlib.decompressobj(wbits=31)  # one gzip member; a file may hold several
            while data and not inflate.eof:
                part = inflate.decompress(data, MAX_PAGE_BYTES + 1 - size)
                size += len(part)
                parts.append(part)
                if size > MAX_PAGE_BYTES:
                    text = _("{file}: une fois décompressé, dépasse {limit} Mio")
                    raise CatalogError(text.format(file=label, limit=MAX_PAGE_BYTES // limits.MIB))
                data = inflate.unconsumed_tail
            if not inflate.eof:
                raise zlib.error("truncated")
            data = inflate.unused_data
    except zlib.error:
        text = _("{file}: fichier gzip illisible ou tronqué")
        raise CatalogError(text.format(file=label)) from None
    return b"".join(parts)


def read_pages(paths: Iterable[str]) -> Iterator[tuple[str, list[Any]]]:
    for raw in paths:
        path = Path(raw)
        try:
            text = page_bytes(path, raw).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CatalogError(
                _("{file}: le fichier n'est pas en UTF-8").format(file=raw)
            ) from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            text = _("{where}: JSON invalide : {reason}")
            where = f"{raw}:{error.lineno}:{error.colno}"
            raise CatalogError(text.format(where=where, reason=error.msg)) from None
        except RecursionError:
            raise CatalogError(
                _("{url}: JSON trop profondément imbriqué").format(url=raw)
            ) from None
        except ValueError:  # an integer of thousands of digits, beyond what Python converts
            text = _("{file}: un nombre a trop de chiffres pour être lu")
            raise CatalogError(text.format(file=raw)) from None
        yield raw, aids_in(document, raw)
