"""The command line: `app` parses, each command calls the core and hands its result to the
output. Importing this package registers every command."""

from relance_cli.cli.commands import register
from relance_cli.cli.program import app, main

register()

__all__ = ["app", "main"]
