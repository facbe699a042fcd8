"""The co-financing a scheme could bring: an upper bound, never a promise."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

from relance_cli.core.vocabulary import CostCategory

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme

CENT = Decimal("0.01")


class Budget(NamedTuple):
    """The project's total cost and the parts the schemes may leave out."""

    total: Decimal
    staff: Decimal = Decimal(0)
    equipment: Decimal = Decimal(0)

    def problem(self) -> str | None:
        """Why these figures cannot describe one budget, if they cannot, as a code the
        command line words: `negative_budget`, `negative_staff_costs`,
        `negative_equipment_costs` or `costs_over_budget` (staff and equipment together
        above the total)."""
        for code, value in (
            ("negative_budget", self.total),
            ("negative_staff_costs", self.staff),
            ("negative_equipment_costs", self.equipment),
        ):
            if value < 0:
                return code
        if self.staff + self.equipment > self.total:
            return "costs_over_budget"
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
