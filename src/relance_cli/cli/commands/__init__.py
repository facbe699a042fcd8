"""One module per command: each declares its options, calls the core and hands the result
to the output dispatch. `cli.program.build` imports them in the order `--help` lists them,
or only the module of the command a run names (`DECLARED_IN`)."""

from __future__ import annotations

MODULES = (
    "list_schemes",
    "show",
    "match",
    "search",
    "types",
    "calendar",
    "diff",
    "profile",
    "validate",
    "catalog_tests",
    "schema",
    "import_aides_territoires",
    "help_page",
)

DECLARED_IN = {
    "list": "list_schemes",
    "show": "show",
    "match": "match",
    "search": "search",
    "types": "types",
    "calendar": "calendar",
    "diff": "diff",
    "profile": "profile",
    "validate": "validate",
    "test": "catalog_tests",
    "schema": "schema",
    "import": "import_aides_territoires",
    "help": "help_page",
}
"""The module declaring each command or group of the first level: a run that names one
imports that module only (a test checks this against what the modules declare)."""
