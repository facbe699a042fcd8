"""Reading catalogs: files to models, and every problem to a located one-line message.

A catalog is a file people edit by hand and share by e-mail, so each failure names the
file, the line (found in the source text, since a TOML parser gives none for valid
syntax), the scheme and the field, says what would be valid, and shows the value as
plain, escaped text.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from relance_cli import files
from relance_cli.catalog import cache
from relance_cli.catalog.paths import BUILTIN, MAX_BYTES, builtin_path, source_label
from relance_cli.errors import CatalogError
from relance_cli.i18n import _, ngettext

if TYPE_CHECKING:  # a warm read gives the compiled records, typed as the models they copy
    from relance_cli.core.models import Case, Catalog, CatalogInfo, Scheme


class Source(NamedTuple):
    """One loaded file and the provenance it declares."""

    label: str
    info: CatalogInfo


@dataclass(frozen=True, slots=True)
class LoadedCatalog:
    """The union of the catalogs a command was given, in the order they were given;
    `origin` maps each scheme id to the path it came from (or "builtin")."""

    sources: list[Source]
    kinds: dict[str, str]
    schemes: list[Scheme]
    origin: dict[str, str]
    cases: list[tuple[str, Case]]  # (file label, case)
    # Each file's cache name (the hash of the bytes its schemes came from), in order: what
    # names a search index built from these schemes, without reading the files again.
    names: tuple[str, ...] = ()

    def find(self, scheme_id: str) -> Scheme | None:
        return next((s for s in self.schemes if s.id == scheme_id), None)


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """One file as read: its catalog, or every problem found in it."""

    raw: str
    catalog: Catalog | None
    problems: list[str]
    name: str | None = None  # the cache name of the bytes read (a cached read only)

    @property
    def label(self) -> str:
        return source_label(self.raw)

    @property
    def schemes(self) -> int:
        return len(self.catalog.schemes) if self.catalog else 0


@dataclass(frozen=True, slots=True)
class Report:
    """Each file on its own, then the ids across files: what `validate` prints, and what
    `load` merges once there is nothing to report."""

    files: list[CheckedFile]
    cross_file: list[str]
    redefining: frozenset[str] = frozenset()  # files that define an id again

    @property
    def valid(self) -> bool:
        return not self.cross_file and all(not f.problems for f in self.files)

    @property
    def problems(self) -> list[str]:
        return [line for f in self.files for line in f.problems] + self.cross_file

    def summary(self) -> str:
        errors = len(self.problems)
        invalid = sum(1 for f in self.files if f.problems or f.raw in self.redefining)
        files = len(self.files)
        checked = ngettext("{count} fichier vérifié", "{count} fichiers vérifiés", files)
        text = checked.format(count=files)
        if not errors:
            return _("{checked} : aucune erreur").format(checked=text)
        found = ngettext("{count} erreur", "{count} erreurs", errors).format(count=errors)
        bad = ngettext("{count} fichier invalide", "{count} fichiers invalides", invalid)
        return _("{checked} : {errors}, {invalid}").format(
            checked=text, errors=found, invalid=bad.format(count=invalid)
        )


def check(paths: Iterable[str], *, use_cache: bool = False) -> Report:
    """Read each file on its own, then check the ids across files; never stop at the
    first problem. The same file named twice is read once."""
    checked: list[CheckedFile] = []
    seen: set[str] = set()
    for raw in paths:
        path = builtin_path() if raw == BUILTIN else Path(raw)
        same = os.path.realpath(path)  # schemes.toml and ./schemes.toml are one file
        if same in seen:
            continue
        seen.add(same)
        try:
            found, name = _read_named(path, source_label(raw), use_cache)
            checked.append(CheckedFile(raw, found, [], name))
        except CatalogError as error:
            checked.append(CheckedFile(raw, None, error.lines))
    cross: list[str] = []
    redefining: set[str] = set()
    origin: dict[str, str] = {}
    for item in checked:
        for scheme in item.catalog.schemes if item.catalog else ():
            if scheme.id in origin:
                from relance_cli.catalog.diagnostics import quoted

                where = f"{item.label}: scheme {quoted(scheme.id)}: id"
                text = _("{where}: déjà défini dans {file}")
                cross.append(text.format(where=where, file=source_label(origin[scheme.id])))
                redefining.add(item.raw)
            origin.setdefault(scheme.id, item.raw)
    return Report(checked, cross, frozenset(redefining))


# The catalogs loaded last (two: `diff` loads two) stay referenced, so that a command's
# return does not free them object by object (a 10,000-scheme catalog: 0.15 s, after the
# answer is written but before the process ends): `relance` ends once the answer is flushed
# (`__main__.run`), without freeing them. Bounded, for a process that runs many commands.
_KEPT: deque[tuple[Report, LoadedCatalog]] = deque(maxlen=2)


def load(paths: Iterable[str]) -> LoadedCatalog:
    """Load and merge catalogs; every problem of every file is reported before failing."""
    report = check(paths, use_cache=True)
    if not report.valid:
        raise CatalogError(*report.problems)
    sources: list[Source] = []
    kinds: dict[str, str] = {}
    schemes: list[Scheme] = []
    origin: dict[str, str] = {}
    cases: list[tuple[str, Case]] = []
    for item in report.files:
        assert item.catalog is not None
        sources.append(Source(item.label, item.catalog.catalog))
        for kind, text in item.catalog.kinds.items():
            kinds.setdefault(kind, text)
        for scheme in item.catalog.schemes:
            origin[scheme.id] = item.raw
            schemes.append(scheme)
        cases += [(item.label, case) for case in item.catalog.cases]
    names = tuple(item.name for item in report.files if item.name is not None)
    loaded = LoadedCatalog(sources, kinds, schemes, origin, cases, names)
    _KEPT.append((report, loaded))
    return loaded


def read(path: Path, label: str | None = None, use_cache: bool = True) -> Catalog:
    """One file to a validated catalog, or a CatalogError listing every problem in it:
    with the cache, its compiled records; without, the models (for `validate`). The file
    is always read: the cache is keyed by its bytes, so an edit is always seen."""
    return _read_named(path, label or str(path), use_cache)[0]


def _read_named(path: Path, label: str, use_cache: bool) -> tuple[Catalog, str | None]:
    """`read`, and with the cache the name of the bytes the catalog came from."""
    if not use_cache:
        return parse(_decode(files.read_bytes(path, label, MAX_BYTES), label), label), None
    digest = cache.key_digest()
    files.digest_file(digest, path, label, MAX_BYTES)  # a warm run never holds the bytes
    name = digest.hexdigest()
    found = cache.load(None, name)
    if found is None:
        content = files.read_bytes(path, label, MAX_BYTES)
        # Named by the bytes parsed, not those hashed above: the file may have changed since.
        name = cache.key(content)
        found = cache.store(content, _parse_content(content, label), name)
    # The compiled records (catalog/compiled.py), cold or warm alike: the same fields,
    # names and types as the models, which is all the core reads (a test holds them
    # together); the core's functions are typed on the models.
    return cast("Catalog", found), name


# What a first run parsed (the document as toml-rs read it, the same with its parts
# validated, and its models) stays referenced, as the catalogs loaded last do (`_KEPT`):
# freeing a 10,000-scheme document and its models object by object costs 0.1 s, before
# the answer is written; `relance` ends without freeing them. Bounded, for a process
# that parses many catalogs.
_PARSED: deque[tuple[Any, ...]] = deque(maxlen=2)


def parse(text: str, label: str) -> Catalog:
    """TOML text to a validated catalog; only on a cache miss, so the parsers and the error
    locator load only then."""
    catalog = _valid(_fast_toml(text))
    return catalog if catalog is not None else _located(text, label)


def _parse_content(content: bytes, label: str) -> Catalog:
    """`parse`, from the file's bytes: a large catalog read in two halves at once
    (`halves.py`: compiled records then); else the text is dropped as soon as toml-rs has
    read it (a 40 MB catalog of French text is 117 MB as a Python string and the UTF-8
    copy toml-rs asks of it), and decoded again only for a located message."""
    from relance_cli.catalog import halves

    read = halves.read(content)
    if read is not None:
        _PARSED.append(read[1])
        return cast("Catalog", read[0])
    catalog = _valid(_fast_toml(_decode(content, label)))
    return catalog if catalog is not None else _located(_decode(content, label), label)


def _valid(data: dict[str, Any] | None) -> Catalog | None:
    """The catalog the document read by toml-rs holds, or None when it is invalid in any
    way: it is then reported as tomli reads it (located, and what Python can hold)."""
    from relance_cli.catalog import parts
    from relance_cli.core.models import Catalog

    if data is None:
        return None
    try:
        shared = parts.shared(data)
        catalog = Catalog.model_validate(shared, context=parts.context())
    except Exception:
        return None
    _PARSED.append((data, shared, catalog))
    return catalog


def _located(text: str, label: str) -> Catalog:
    """The catalog tomli reads in the text, or a CatalogError locating every problem."""
    from pydantic import ValidationError

    from relance_cli.catalog import diagnostics
    from relance_cli.core.models import Catalog

    data = _located_toml(text, label)
    try:
        return Catalog.model_validate(data)
    except ValidationError as error:
        raise CatalogError(*diagnostics.validation_messages(label, text, data, error)) from None


def _fast_toml(text: str) -> dict[str, Any] | None:
    """The document as toml-rs reads it (in Rust: 0.18 × tomli's time on a 10,000-scheme
    catalog, the same values and types), or None when it refuses the text, or fails in
    any way: tomli then reads it again, for the located message people need."""
    import toml_rs

    try:
        return toml_rs.loads(text)
    except Exception:
        return None


def _located_toml(text: str, label: str) -> dict[str, Any]:
    """The document as tomli reads it, or a CatalogError saying where and why not."""
    import tomli

    from relance_cli.catalog import diagnostics

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise CatalogError(diagnostics.syntax_message(label, error)) from None
    except RecursionError:
        text = _("{file}: tableaux ou tables imbriqués trop profondément pour être lus")
        raise CatalogError(text.format(file=label)) from None
    except ValueError:  # an integer of thousands of digits, beyond what Python converts
        text = _("{file}: un nombre a trop de chiffres pour être lu")
        raise CatalogError(text.format(file=label)) from None


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = _(
            "{where}: le fichier n'est pas en UTF-8 (octet 0x{byte} invalide) ; "
            "enregistrez-le en UTF-8"
        )
        where = f"{label}:{line}"
        raise CatalogError(text.format(where=where, byte=f"{data[error.start]:02X}")) from None
