"""Bounds shared by the catalog models and the command-line options, so that every date
and number the core computes with stays far from the edges of Python's types."""

from __future__ import annotations

from datetime import date

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
MAX_POPULATION = 100_000_000

# Rows a table shows in a terminal before saying how many more there are.
TERMINAL_ROWS = 50
