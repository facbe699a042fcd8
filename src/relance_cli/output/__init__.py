"""What commands print: one result type per command, one module per output format.

A command builds a result (`results.py`) and hands it to `emit`, which loads the module
of the chosen format and calls its `render`: `tables` for people, `shapes` (JSON) for
scripts, `spreadsheet` (CSV) for spreadsheets. A new format is one member of
`OutputFormat`, one entry in `RENDERERS` and one module with a `render` function.
Nothing heavy loads here: the format's module is imported only when it is used.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import Any


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


RENDERERS = {
    OutputFormat.table: "relance_cli.output.tables",
    OutputFormat.json: "relance_cli.output.shapes",
    OutputFormat.csv: "relance_cli.output.spreadsheet",
}


def emit(result: Any, output: OutputFormat) -> None:
    """Print `result` in the chosen format; each result type says which formats it has."""
    assert output in type(result).formats, (type(result).__name__, output)
    importlib.import_module(RENDERERS[output]).render(result)
