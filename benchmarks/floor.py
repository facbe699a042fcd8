"""The floor of this stack: a minimal Typer app of one command with one option, printing a
four-row Rich table. Any Typer 0.29 command that parses an option pays what this pays
(Typer coerces options through Pydantic's TypeAdapter), so relance is measured against it.

    python benchmarks/floor.py --name x
"""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main(name: str = "relance") -> None:
    table = Table("dispositif", "statut")
    for row in ("dematerialisation", "donnees", "cooperation", name):
        table.add_row(row, "fermé")
    Console().print(table)


if __name__ == "__main__":
    app()
