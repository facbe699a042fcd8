"""`relance schema`: the JSON Schema of the catalog format, for editors."""

from __future__ import annotations

from relance_cli.cli.program import command
from relance_cli.i18n import N_
from relance_cli.output import OutputFormat, emit


@command(
    "schema",
    N_("Affiche le schéma JSON du format de catalogue (pour Taplo / Even Better TOML)."),
    examples=("relance schema",),
)
def schema() -> None:
    from relance_cli.core.models import catalog_schema
    from relance_cli.output.results import SchemaDocument

    emit(SchemaDocument(catalog_schema()), OutputFormat.json)
