"""Bounds shared by the catalog models and the command-line options, so that every date
and number the core computes with stays far from the edges of Python's types."""

from __future__ import annotations

from datetime import date

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
MAX_POPULATION = 100_000_000

# An identifier (a scheme id, a project type): a name to type, not a text.
IDENTIFIER_MAX = 80
# A one-line label (a title, a name) or a web address; a text of several paragraphs.
LABEL_MAX = 2_000
TEXT_MAX = 20_000
# Euros: any amount a catalog, an import, a [[test]] case or `--budget` may hold (10¹²,
# a thousand billion: far above any public budget, far below the edges of Decimal).
MAX_AMOUNT = 10**12
# A file read whole (an API page, saved or fetched): memory stays bounded.
MIB = 1024 * 1024
MAX_READ_BYTES = 64 * MIB

# Rows a table shows in a terminal before saying how many more there are.
TERMINAL_ROWS = 50
