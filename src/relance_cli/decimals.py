"""Exact decimals where a format wants a plain number."""

from __future__ import annotations

from decimal import Decimal


def json_number(value: Decimal) -> int | float:
    """An integer when the amount is whole (JSON and TOML write `80000`), else a float
    (`0.5`, an amount in cents)."""
    return int(value) if value == value.to_integral_value() else float(value)
