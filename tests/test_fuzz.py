"""Property-based tests: whatever the catalog or the command line, a clear answer.

Every run checks a few derandomised examples per property (the `ci` profile, see conftest);
`make fuzz` runs every property long and randomised.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import tomli_w
from helpers import SCRATCH, scheme, shipped_data
from hypothesis import assume, given, note
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from relance_cli.catalog import loading as catalog
from relance_cli.cli import build
from relance_cli.core.models import Catalog

ENV = {"COLUMNS": "80", "NO_COLOR": "1", "RELANCE_CATALOG": ""}
UNSAFE_OUTPUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BIDI = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


APP = build()  # one app for every example: a run starts from a new environment all the same


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(APP, list(args), env={**ENV, **(env or {})})


def assert_clean(result: Result, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    """No traceback, a documented exit code, nothing that drives the terminal."""
    assert result.exit_code in allowed, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    # CSV uses CR LF line ends; anything else would be a control sequence
    assert not UNSAFE_OUTPUT.search(result.output.replace("\r\n", "\n")), result.output


def write(data: bytes | str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir=SCRATCH))
    path = folder / "catalogue.toml"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- strategies ---------------------------------------------------------------------------------

safe_char = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI + "\u2028\u2029"
)
label = st.text(safe_char, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
identifier = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True)
day = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def steps(draw: st.DrawFn) -> list[dict[str, Any]]:
    starts = sorted(draw(st.lists(day, min_size=1, max_size=4)))
    result = []
    for start in starts:
        step: dict[str, Any] = {"name": draw(label), "start": start}
        length = draw(st.one_of(st.none(), st.integers(0, 400)))
        if length is not None:
            step["end"] = start + timedelta(days=length)
        step["accepts_applications"] = draw(st.booleans())
        result.append(step)
    return result


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    kinds = draw(st.dictionaries(identifier, label, min_size=1, max_size=4))
    ids = draw(st.lists(identifier, min_size=0, max_size=5, unique=True))
    schemes = []
    for scheme_id in ids:
        eligibility: dict[str, Any] = {
            "applicants": draw(
                st.lists(
                    st.sampled_from(["collectivite", "groupement", "partenaire"]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            )
        }
        if draw(st.booleans()):
            eligibility["min_population"] = draw(st.integers(0, 2_000_000))
            eligibility["population_is_approximate"] = draw(st.booleans())
            eligibility["approximate_margin"] = draw(st.sampled_from([0.0, 0.05, 0.1, 0.25]))
            eligibility["departement_qualifies"] = draw(st.booleans())
        scheme: dict[str, Any] = {
            "id": scheme_id,
            "title": draw(label),
            "summary": draw(st.text(safe_char, max_size=60)),
            "kinds": draw(st.lists(st.sampled_from(sorted(kinds)), min_size=1, max_size=2)),
            "requirements": draw(st.lists(label, max_size=2)),
            "examples": draw(st.lists(label, max_size=2)),
            "eligibility": eligibility,
            "funding": {
                "rate": draw(st.sampled_from([0.5, 1.0, 0.25, 0.8, 0.333333, 0.000001])),
                "excluded_costs": draw(
                    st.lists(st.sampled_from(["personnel", "materiel"]), unique=True)
                ),
                "support": draw(st.lists(label, max_size=2)),
            },
            "steps": draw(steps()),
        }
        if draw(st.booleans()):
            scheme["url"] = "https://example.org/" + draw(identifier)
        schemes.append(scheme)
    data: dict[str, Any] = {"catalog": {"name": draw(label)}, "kinds": kinds}
    if schemes:
        data["scheme"] = schemes
    return data


# --- valid catalogs: load, round-trip, render -------------------------------------------------


@given(catalogs(), day, st.sampled_from(["table", "json", "csv"]))
def test_valid_catalogs_load_round_trip_and_render(
    data: dict[str, Any], on: date, output: str
) -> None:
    path = write(tomli_w.dumps(data))
    loaded = catalog.read(path, use_cache=False)  # the models; commands below read records
    assert Catalog.model_validate_json(loaded.model_dump_json(by_alias=True)) == loaded
    as_of = on.isoformat()
    for command in (["list"], ["match", "--all"], ["calendar"]):
        result = invoke(*command, "--catalog", str(path), "--as-of", as_of, "--format", output)
        assert_clean(result, allowed=(0,))
    assert_clean(invoke("calendar", "--timeline", "--catalog", str(path), "--as-of", as_of), (0,))
    if loaded.schemes:
        first = loaded.schemes[0].id
        assert_clean(invoke("show", first, "--catalog", str(path), "--population", "1000"), (0,))
    assert sorted(p.name for p in path.parent.iterdir()) == ["catalogue.toml"]


# --- mutated catalogs: refused with a located message, or accepted and rendered ---------------


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_in(item, (*prefix, index))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


WRONG_VALUES = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=20),
    st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(20_001, 30_000)),
    st.just([]),
    st.just({"x": 1}),
    day,
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(draw(catalogs()))
    target = draw(st.sampled_from(paths_in(data)))
    holder = parent_of(data, target)
    key = target[-1]
    action = draw(st.sampled_from(["remove", "wrong", "misspell", "unicode", "swap", "huge"]))
    note(f"{action} at {target}")
    if action == "remove":
        del holder[key]
    elif action == "misspell" and isinstance(key, str):
        holder[key + draw(st.sampled_from(["x", "_", "s"]))] = holder.pop(key)
    elif action == "unicode":
        holder[key] = draw(st.text(min_size=0, max_size=50))
    elif action == "swap" and isinstance(holder, dict) and "end" in holder and "start" in holder:
        holder["start"], holder["end"] = holder["end"], holder["start"]
    elif action == "huge":
        holder[key] = draw(st.sampled_from([10**18, -(10**18), 2**63 - 1]))
    else:
        holder[key] = draw(WRONG_VALUES)
    return data


LOCATED = re.compile(r"^✗ (?P<path>[^:]+)(:(?P<line>\d+))?(:\d+)?: (?P<rest>.+)$")


@given(mutated())
def test_mutated_catalogs_are_refused_with_a_located_message_or_accepted(
    data: dict[str, Any],
) -> None:
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        assume(
            False
        )  # not expressible in TOML (e.g. NaN in a list of strings is fine; None is not)
        return
    path = write(text)
    result = invoke("validate", str(path))
    assert_clean(result, allowed=(0, 1))
    if result.exit_code == 0:
        assert_clean(invoke("match", "--all", "--catalog", str(path)), allowed=(0,))
        assert_clean(invoke("calendar", "--timeline", "--catalog", str(path)), allowed=(0,))
        return
    problems = [line for line in result.stdout.splitlines() if line.startswith("✗")]
    assert problems
    for line in problems:
        found = LOCATED.match(line)
        assert found and found["path"] == str(path), line
        if found["rest"].startswith("scheme "):
            assert found["line"], line  # anything inside a scheme has its line


# --- arbitrary files ---------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_arbitrary_toml_text(text: str) -> None:
    path = write(text.encode("utf-8", errors="surrogatepass"))
    result = invoke("list", "--catalog", str(path))
    assert_clean(result, allowed=(0, 1))
    if result.exit_code == 1:
        assert all(line.startswith(f"Erreur : {path}") for line in result.stderr.splitlines())


@given(
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe"]),
    st.binary(max_size=300),
)
def test_arbitrary_bytes(prefix: bytes, data: bytes) -> None:
    path = write(prefix + data)
    result = invoke("calendar", "--catalog", str(path))
    assert_clean(result, allowed=(0, 1))


# --- random command lines ----------------------------------------------------------------------

COMMANDS = ["list", "show", "match", "calendar", "validate", "schema", "frobnicate", ""]
OPTIONS = [
    "--population", "--type", "--applicant", "--as-of", "--format", "--catalog", "--budget",
    "--staff-costs", "--equipment-costs", "--closing-within", "--remind", "--open", "--all",
    "--explain", "--timeline", "--force", "--version", "--help", "--debug", "-f", "--",
]  # fmt: skip
VALUES = [
    "-0", "1e6", "600 000", "600_000", "", " ", "0", "-1", "99999999999999999999", "2021-02-30",
    "0000-01-01", "9999-12-31", "2021-5-1", "Dématérialisation", "DONNÉES", "commune",
    "partenaire", "json", "csv", "table", "builtin", "donnees", "consultation-incubateur",
    "1234,56", "1 234,56", "NaN", "inf", "\x1b[2J", "[bold]x[/]", "é", "\u202e",
]  # fmt: skip


@given(
    st.sampled_from(COMMANDS),
    st.lists(st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), st.text(max_size=8)),
             max_size=8),
)  # fmt: skip
def test_random_command_lines(command: str, rest: list[str]) -> None:
    args = [command, *rest] if command else rest
    args = [a for a in args if "--ics" not in a and a != "-"]  # never write files here
    result = invoke(*args)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result)
    assert "Traceback" not in result.output
    assert "Erreur interne" not in result.output, (args, result.output)


# --- untrusted text in every field ----------------------------------------------------------------

PAYLOADS = [
    "[bold red]x[/]",
    "[link=https://evil.example]clic[/link]",
    "[/]",
    ":smile:",
    "\x1b[2J",
    "\x1b]8;;https://evil.example\x1b\\lien\x1b]8;;\x1b\\",
    "\x9b31m",
    "\u202eevil",
    "\x07",
    "a\rb",
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "@x",
    "-2+3",
]


@st.composite
def injected(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    data = copy.deepcopy(draw(catalogs().filter(lambda d: "scheme" in d)))
    texts = [
        p for p in paths_in(data)
        if isinstance(parent_of(data, p)[p[-1]], str) and p[-1] != "id"
        and p[:1] != ("kinds",) and "kinds" not in p and "applicants" not in p
        and "excluded_costs" not in p
    ]  # fmt: skip
    target = draw(st.sampled_from(texts))
    payload = draw(st.sampled_from(PAYLOADS))
    parent_of(data, target)[target[-1]] = draw(st.sampled_from(["", "Titre "])) + payload
    return data, payload


@given(injected(), st.sampled_from(["table", "json", "csv"]))
def test_markup_and_escapes_never_reach_the_terminal(
    case: tuple[dict[str, Any], str], output: str
) -> None:
    data, payload = case
    path = write(tomli_w.dumps(data))
    results = [
        invoke("list", "--catalog", str(path), "--format", output),
        invoke("match", "--all", "--catalog", str(path), "--format", output),
        invoke("calendar", "--catalog", str(path), "--format", output),
    ]
    if output != "csv":  # `show` prints every field of a scheme
        for scheme in data["scheme"]:
            results.append(invoke("show", scheme["id"], "--catalog", str(path), "--format", output))
    for result in results:
        assert_clean(result, allowed=(0, 1))
        if UNSAFE_OUTPUT.search(payload):
            assert result.exit_code == 1  # control characters are refused, shown escaped
    if output == "csv" and results[0].exit_code == 0:
        for row in results[0].stdout.splitlines()[1:]:
            for cell in row.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@")), row
    if output == "table" and payload.startswith("[") and results[-1].exit_code == 0:
        shown = "".join(r.stdout for r in results).replace("\u00a0", " ")
        assert payload.split()[0][:5] in shown  # the tag is printed, not interpreted


# --- untrusted file names, URLs, environment values and API pages ---------------------------

HOSTILE_CHARS = ["a", "é", "\x1b", "\x07", "\x9b", "\u202e", "[", "]", " ", "\n", "\t", "\r", "%"]
hostile = st.text(st.sampled_from(HOSTILE_CHARS), min_size=1, max_size=12)


@given(hostile, st.sampled_from(["shipped", "broken", "absent"]))
def test_hostile_file_names_through_every_message_path(name: str, content: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir=SCRATCH))
    path = folder / f"{name}.toml"
    if content == "shipped":
        path.write_bytes(catalog.builtin_path().read_bytes())
    elif content == "broken":
        path.write_text('[catalog]\nname = "x\n', encoding="utf-8")
    for args in (
        ["validate", str(path)],
        ["list", "--catalog", str(path)],
        ["list", "--catalog", str(path), "--format", "csv"],
        ["show", "dematerialisation", "--catalog", str(path)],
        ["calendar", "--catalog", str(path), "--ics", str(folder / f"{name}.ics")],
        ["import", "aides-territoires", str(path), "-o", str(folder / f"{name}-out.toml")],
    ):
        assert_clean(invoke(*args))


@given(st.sampled_from([*PAYLOADS, "\n", "\u2028", " "]), st.booleans())
def test_hostile_urls_are_refused(payload: str, at_end: bool) -> None:
    url = f"https://example.org/{payload}" if at_end else f"https://exa{payload}mple.org/x"
    data = shipped_data()
    scheme(data, "consultation-incubateur")["url"] = url
    path = write(tomli_w.dumps(data))
    for args in (["show", "consultation-incubateur"], ["calendar", "--ics", "-"], ["list"]):
        result = invoke(*args, "--catalog", str(path))
        refused = UNSAFE_OUTPUT.search(payload) or any(c.isspace() for c in payload)
        assert_clean(result, allowed=(1,) if refused else (0,))


@given(
    st.sampled_from(["RELANCE_LANG", "RELANCE_CATALOG", "RELANCE_CACHE_DIR", "RELANCE_AT_TOKEN"]),
    hostile,
)
def test_hostile_environment_values(variable: str, value: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir=SCRATCH))
    if variable == "RELANCE_CACHE_DIR":
        value = str(folder / value)
    env = {variable: value}
    for args in (
        ["--debug", "list"],
        ["match", "--population", "600000"],
        ["import", "aides-territoires", "--fetch", "--api-url", "http://127.0.0.1:9/", "-o",
         str(folder / "o.toml")],
    ):  # fmt: skip
        assert_clean(invoke(*args, env=env))


AID_FIELDS = [
    "name", "description", "eligibility", "project_examples", "perimeter", "categories",
    "targeted_audiences", "financers", "instructors", "programs", "start_date",
    "predeposit_date", "submission_deadline", "subvention_rate_lower_bound",
    "subvention_rate_upper_bound", "subvention_comment", "url", "application_url",
    "origin_url", "recurrence", "aid_types", "loan_amount", "date_updated",
]  # fmt: skip


@given(
    st.dictionaries(
        st.sampled_from(AID_FIELDS),
        st.one_of(
            st.sampled_from(PAYLOADS),
            hostile,
            st.lists(st.sampled_from(PAYLOADS), max_size=3),
            st.integers(-(10**30), 10**30),
            st.floats(allow_nan=True, allow_infinity=True),
        ),
        max_size=8,
    )
)
def test_hostile_api_pages_never_reach_the_terminal(fields: dict[str, Any]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir=SCRATCH))
    aid = {"id": 1, "name": "Aide", "targeted_audiences": ["Communes"], **fields}
    page = folder / "page.json"
    page.write_text(json.dumps({"results": [aid]}), encoding="utf-8")
    out = folder / "out.toml"
    result = invoke("import", "aides-territoires", str(page), "-o", str(out))
    assert_clean(result, allowed=(0, 1))
    if result.exit_code == 0:
        for args in (["validate", str(out)], ["list", "--catalog", str(out)],
                     ["show", "at-1", "--catalog", str(out)]):  # fmt: skip
            assert_clean(invoke(*args), allowed=(0, 2))
