"""What commands print: one result type per command, one module per output format.

A command builds a result (`results.py`) and hands it to `emit`, which loads the module
of the chosen format and calls its `render`: `human` (tables) for people, `shapes` (JSON) for
scripts, `spreadsheet` (CSV) for spreadsheets, `workbook` (xlsx) for people who open
them in Excel or LibreOffice. A new format is one member of `OutputFormat`, one entry in
`RENDERERS` and one module with a `render` function. Nothing heavy loads here: the
format's module is imported only when it is used.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path
from typing import Any


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class CsvDialect(StrEnum):
    standard = "standard"  # the stable machine format: comma, decimal point, UTF-8
    excel_fr = "excel-fr"  # for a French spreadsheet: semicolon, decimal comma


RENDERERS = {
    OutputFormat.table: "relance_cli.output.human",
    OutputFormat.json: "relance_cli.output.shapes",
    OutputFormat.csv: "relance_cli.output.spreadsheet",
    OutputFormat.xlsx: "relance_cli.output.workbook",
}


def emit(
    result: Any,
    output: OutputFormat,
    *,
    target: Path | None = None,
    force: bool = False,
    dialect: CsvDialect = CsvDialect.standard,
) -> None:
    """Print `result` in the chosen format, to standard output or, with `target`, into
    that file (written whole or not at all); each result type says which formats it has."""
    assert output in type(result).formats, (type(result).__name__, output)
    module = importlib.import_module(RENDERERS[output])
    settings = {"dialect": dialect} if output is OutputFormat.csv else {}
    if target is None:
        module.render(result, **settings)
        return
    from relance_cli.output.destination import into_file

    into_file(target, force, lambda: module.render(result, **settings))
