"""The official geography relance ships: régions, départements, EPCI and communes, from
Etalab's @etalab/decoupage-administratif (see `france.tsv`'s header and
`tools/geography.py`).

Read only when a territory is asked for, and cheaply: each small table (régions,
départements, EPCI) is parsed the first time it is needed; the 35,000 communes stay one
block of bytes, searched at C speed by code, by name key or by EPCI, and only the lines
found are decoded. The file is plain text: the wheel compresses it, and inflating it
would cost every use more than reading it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

DATA = Path(__file__).with_name("france.tsv")
COMMUNES = b"\n@communes\t"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    key: str
    population: int
    departements: tuple[str, ...]


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    key: str
    region: str
    population: int


@dataclass(frozen=True)
class Epci:
    siren: str
    name: str
    key: str
    kind: str
    population: int
    departements: tuple[str, ...]


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    key: str
    departement: str
    region: str
    population: int | None
    epci: str | None
    postcodes: tuple[str, ...]


class Geography:
    """One reading of the data file."""

    def __init__(self, data: bytes) -> None:
        text_end = data.index(COMMUNES)
        self._sections: dict[str, list[str]] = {}
        self.meta: dict[str, str] = {}
        for section in data[:text_end].decode("utf-8").split("\n@"):
            kind, _, rows = section.partition("\n")
            if kind.startswith("#"):
                for line in section.splitlines():
                    name, _, value = line[1:].partition("\t")
                    self.meta[name] = value
            else:
                self._sections[kind.split("\t", 1)[0]] = rows.splitlines()
        block_start = data.index(b"\n", text_end + 1)
        self._communes = data[block_start:]  # b"\ncode\tname\t…\n…", each line ends in \n

    def _rows(self, kind: str) -> list[list[str]]:
        return [line.split("\t") for line in self._sections[kind]]

    @cached_property
    def regions(self) -> dict[str, Region]:
        return {
            f[0]: Region(f[0], f[1], f[2], int(f[3]), _list(f[4])) for f in self._rows("regions")
        }

    @cached_property
    def departements(self) -> dict[str, Departement]:
        return {
            f[0]: Departement(f[0], f[1], f[2], f[3], int(f[4])) for f in self._rows("departements")
        }

    @cached_property
    def epcis(self) -> dict[str, Epci]:
        return {
            f[0]: Epci(f[0], f[1], f[2], f[3], int(f[4]), _list(f[5])) for f in self._rows("epci")
        }

    @staticmethod
    def _commune(line: bytes) -> Commune:
        f = line.decode("utf-8").split("\t")
        return Commune(
            f[0], f[1], f[2], f[3], f[4], int(f[5]) if f[5] else None, f[6] or None, _list(f[7])
        )

    def _line_at(self, index: int) -> bytes:
        block = self._communes
        start = block.rfind(b"\n", 0, index) + 1
        return block[start : block.index(b"\n", index)]

    def commune(self, code: str) -> Commune | None:
        found = self._communes.find(b"\n" + code.upper().encode("ascii", "replace") + b"\t")
        return self._commune(self._line_at(found + 1)) if found >= 0 else None

    def communes_named(self, key: str) -> list[Commune]:
        """Every commune whose name has this key, in code order."""
        needle = b"\t" + key.encode("utf-8") + b"\t"
        found: list[Commune] = []
        index = self._communes.find(needle)
        while index >= 0:
            commune = self._commune(self._line_at(index + 1))
            if commune.key == key and commune not in found:
                found.append(commune)
            index = self._communes.find(needle, index + 1)
        return found

    def communes_with_postcode(self, postcode: str) -> list[Commune]:
        """Every commune La Poste serves under this postal code, in code order (the last
        field of a line: codes joined by commas)."""
        code = postcode.encode("ascii", "replace")
        found: list[Commune] = []
        for before, after in ((b"\t", b"\n"), (b"\t", b","), (b",", b","), (b",", b"\n")):
            needle = before + code + after
            index = self._communes.find(needle)
            while index >= 0:
                commune = self._commune(self._line_at(index + 1))
                if postcode in commune.postcodes and commune not in found:
                    found.append(commune)
                index = self._communes.find(needle, index + 1)
        return sorted(found, key=lambda c: c.code)

    def members(self, siren: str) -> tuple[str, ...]:
        """The INSEE codes of an EPCI's communes."""
        needle = b"\t" + siren.encode("ascii") + b"\t"
        codes: list[str] = []
        index = self._communes.find(needle)
        while index >= 0:
            commune = self._commune(self._line_at(index + 1))
            if commune.epci == siren:
                codes.append(commune.code)
            index = self._communes.find(needle, index + 1)
        return tuple(codes)

    def commune_keys(self) -> list[str]:
        """Every commune name key, for suggestions when nothing matches."""
        return [
            line.split(b"\t")[2].decode("utf-8") for line in self._communes.split(b"\n") if line
        ]


def _list(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()


@cache
def load() -> Geography:
    return Geography(DATA.read_bytes())
