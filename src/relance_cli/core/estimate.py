"""The co-financing a scheme could bring: an upper bound, never a promise."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from relance_cli import l10n
from relance_cli.core.models import CostCategory, Scheme
from relance_cli.i18n import _

CENT = Decimal("0.01")


class Budget(NamedTuple):
    """The project's total cost and the parts the schemes may leave out."""

    total: Decimal
    staff: Decimal = Decimal(0)
    equipment: Decimal = Decimal(0)

    def problem(self) -> str | None:
        """Why these figures cannot describe one budget, if they cannot."""
        for name, value in (
            (_("budget négatif"), self.total),
            (_("frais de personnel négatifs"), self.staff),
            (_("frais de matériel négatifs"), self.equipment),
        ):
            if value < 0:
                return name
        if self.staff + self.equipment > self.total:
            costs = l10n.amount(self.staff + self.equipment)
            text = _(
                "les frais de personnel et de matériel dépassent le budget total "
                "({costs} > {total})"
            )
            return text.format(costs=costs, total=l10n.amount(self.total))
        return None

    def excluded(self, category: CostCategory) -> Decimal:
        return self.staff if category is CostCategory.personnel else self.equipment


class Estimate(NamedTuple):
    eligible_base: Decimal
    rate: Decimal
    amount: Decimal


def estimate(scheme: Scheme, budget: Budget) -> Estimate | None:
    """Eligible base = budget minus the excluded cost categories; amount = base × rate,
    rounded to the cent (half up). None when the scheme states no rate."""
    if scheme.funding.rate is None:
        return None
    base = budget.total - sum(
        (budget.excluded(c) for c in set(scheme.funding.excluded_costs)), Decimal(0)
    )
    amount = (base * scheme.funding.rate).quantize(CENT, rounding=ROUND_HALF_UP)
    return Estimate(base, scheme.funding.rate, amount)
