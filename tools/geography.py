"""Write `src/relance_cli/territory/france.tsv`: the official French administrative
geography that relance ships, from the npm package @etalab/decoupage-administratif.

`make data` runs it on the pinned version (`npm pack`, then this script); the generated
file is committed, so neither `make run` nor `make test` needs npm. Standard library only.

    python tools/geography.py PACKAGE_FOLDER [--output FILE]

What goes in, one tab-separated section per kind, communes last (a reader that needs only
the small tables stops before them):

  régions       code, name, key, population, départements
  départements  code, name, key, région, population
  epci          SIREN, name, key, type (CC, CA, CU, METRO, MET69), population, départements
  communes      INSEE code, name, key, département, région, population, EPCI SIREN,
                postal codes

`key` is the name as relance compares names (`relance_cli.text.name_key`: no case, no
accents, hyphens and apostrophes as spaces), so a search by name is one scan of bytes.

Only current communes ("commune-actuelle"); populations are INSEE's populations
municipales of the package's communes, and every larger population is the sum of its
communes' (the EPCI file's own figures are a year older). Lists are comma-separated; an
empty field is an absent value. The header names the source, its version, its licence
and its producers, as the Licence Ouverte asks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

from relance_cli.text import name_key

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
TARGET = Path(__file__).resolve().parents[1] / "src" / "relance_cli" / "territory" / "france.tsv"


def clean(text: object) -> str:
    value = "" if text is None else str(text)
    assert "\t" not in value and "\n" not in value, value
    return value


def named(text: object) -> str:
    """The name, then its key."""
    return f"{clean(text)}\t{name_key(clean(text))}"


def build(folder: Path) -> str:
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    data = folder / "data"

    def load(name: str) -> list[dict[str, object]]:
        records: list[dict[str, object]] = json.loads((data / f"{name}.json").read_text("utf-8"))
        return records

    communes = [c for c in load("communes") if c.get("type") == "commune-actuelle"]
    epci_of: dict[str, str] = {}
    epcis = load("epci")
    for epci in epcis:
        for member in epci["membres"]:  # type: ignore[attr-defined]
            epci_of[member["code"]] = str(epci["code"])
    population: dict[str, int] = defaultdict(int)
    departements_of: dict[str, set[str]] = defaultdict(set)
    for commune in communes:
        people = int(commune.get("population") or 0)  # type: ignore[call-overload]
        population["dep" + str(commune["departement"])] += people
        population["reg" + str(commune["region"])] += people
        epci = epci_of.get(str(commune["code"]))
        if epci:
            population["epci" + epci] += people
            departements_of[epci].add(str(commune["departement"]))
    departements = load("departements")
    region_departements: dict[str, list[str]] = defaultdict(list)
    for departement in departements:
        region_departements[str(departement["region"])].append(str(departement["code"]))

    lines = [
        f"#source\t{PACKAGE}",
        f"#version\t{package['version']}",
        "#licence\tdonnées : Licence Ouverte (Etalab) ; code du paquet : MIT",
        "#producers\tINSEE (Code officiel géographique, populations municipales), "
        "DGCL (EPCI), La Poste (codes postaux)",
        f"#url\thttps://www.npmjs.com/package/{PACKAGE}/v/{package['version']}",
        "@regions\tcode\tname\tkey\tpopulation\tdepartements",
    ]
    for region in load("regions"):
        code = str(region["code"])
        deps = ",".join(region_departements[code])
        lines.append(f"{code}\t{named(region['nom'])}\t{population['reg' + code]}\t{deps}")
    lines.append("@departements\tcode\tname\tkey\tregion\tpopulation")
    for departement in departements:
        code = str(departement["code"])
        lines.append(
            f"{code}\t{named(departement['nom'])}\t{departement['region']}\t"
            f"{population['dep' + code]}"
        )
    lines.append("@epci\tsiren\tname\tkey\ttype\tpopulation\tdepartements")
    for epci in epcis:
        siren = str(epci["code"])
        deps = ",".join(sorted(departements_of[siren]))
        lines.append(
            f"{siren}\t{named(epci['nom'])}\t{epci['type']}\t{population['epci' + siren]}\t{deps}"
        )
    lines.append("@communes\tcode\tname\tkey\tdepartement\tregion\tpopulation\tepci\tpostcodes")
    for commune in sorted(communes, key=lambda c: str(c["code"])):
        code = str(commune["code"])
        postcodes = ",".join(commune.get("codesPostaux") or [])  # type: ignore[arg-type]
        lines.append(
            f"{code}\t{named(commune['nom'])}\t{commune['departement']}\t{commune['region']}\t"
            f"{clean(commune.get('population'))}\t{epci_of.get(code, '')}\t{postcodes}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package (holds data/)")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    folder = args.package
    if (folder / "package").is_dir() and not (folder / "package.json").exists():
        folder = folder / "package"
    data = build(folder).encode("utf-8")
    args.output.write_bytes(data)
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()
    print(f"{args.output}: {len(data):,} bytes of text, sha256 {digest}")


if __name__ == "__main__":
    main()
