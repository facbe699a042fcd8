"""One module per command: each declares its options, calls the core and hands the result
to the output dispatch. `cli.program.build` imports them in the order `--help` lists them."""

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
