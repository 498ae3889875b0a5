"""A customer's platform figures of one period: everything the costly bulk passes give for it, in one bundle
that can be stored (`stored.py`) and read back instead of scanning millions of rows again.

What is in it: the contract totals (without «late», which moves with the calendar and is always counted
live), Vк and the SMP-only procedures in force, the year's payment-plan amounts by part and ground, the
contracts without a plan, and V_SMP's halves. Sessions, complaints, imported EIS rows and the annual
volumes are cheap passes and are not bundled.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zakupki.accounts.models import Region
from zakupki.analytics.bulk import passes, sgoz
from zakupki.analytics.bulk.sgoz import SgozTotals, SmpTotals
from zakupki.analytics.formulas.base import Period

# Bump when what a bundle holds or how a pass counts changes: stored bundles of another format are
# ignored (and recomputed by the worker), so a deployment never mixes two ways of counting.
FORMAT = 1


@dataclass
class CustomerFigures:
    """One customer's bundle; None parts mean the pass had no row for the customer."""

    totals: passes.ContractTotals | None = None
    procedures: dict[str, Any] | None = None  # the platform scan's extras: smp_all, smp_k7
    sgoz: SgozTotals | None = None
    unplanned: int = 0
    smp: SmpTotals | None = None

    def to_json(self) -> dict[str, Any]:
        """Decimals as strings, so that a value comes back with its exponent (the twins compare exactly)."""
        return {
            "totals": None if self.totals is None else _strings(dataclasses.asdict(self.totals)),
            "procedures": None if self.procedures is None else _strings(self.procedures),
            "sgoz": None
            if self.sgoz is None
            else [[part, ground, str(amount)] for (part, ground), amount in self.sgoz.amounts.items()],
            "unplanned": self.unplanned,
            "smp": None if self.smp is None else _strings(dataclasses.asdict(self.smp)),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CustomerFigures:
        totals, procedures, amounts, smp = data["totals"], data["procedures"], data["sgoz"], data["smp"]
        return cls(
            totals=None if totals is None else passes.ContractTotals(**_numbers(totals)),
            procedures=None if procedures is None else _numbers(procedures),
            sgoz=None
            if amounts is None
            else SgozTotals({(part, ground): Decimal(amount) for part, ground, amount in amounts}),
            unplanned=data["unplanned"],
            smp=None if smp is None else SmpTotals(**_numbers(smp)),
        )


def _strings(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _numbers(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: Decimal(v) if isinstance(v, str) else v for k, v in values.items()}


@dataclass
class FiguresByCustomer:
    """The bundles of a scope, customer by customer, and the pass results rebuilt from them."""

    figures: dict[int, CustomerFigures] = field(default_factory=dict)

    def platform(self) -> dict[int, passes.ContractTotals]:
        # copies: the run sets «late» on them, and a stored bundle may be shared
        return {pk: dataclasses.replace(f.totals) for pk, f in self.figures.items() if f.totals is not None}

    def procedures(self) -> dict[int, dict[str, Any]]:
        return {pk: f.procedures for pk, f in self.figures.items() if f.procedures is not None}

    def sgoz(self) -> dict[int, SgozTotals]:
        return {pk: f.sgoz for pk, f in self.figures.items() if f.sgoz is not None}

    def unplanned(self) -> dict[int, int]:
        return {pk: f.unplanned for pk, f in self.figures.items() if f.unplanned}

    def smp(self) -> dict[int, SmpTotals]:
        return {pk: f.smp for pk, f in self.figures.items() if f.smp is not None}


def platform_figures(
    regions: Sequence[Region],
    period: Period,
    *,
    customers: Sequence[int] | None = None,
    mean_pct: bool = True,
) -> dict[int, CustomerFigures]:
    """Run the bundled passes over the scope (only `customers` of it when given) and bundle them by customer."""
    totals, procedures = passes.platform_contract_totals(
        regions,
        period,
        extra=sgoz.smp_procedure_sums(period),
        late=False,
        mean_pct=mean_pct,
        customers=customers,
    )
    prices = {customer_id: t.price for customer_id, t in totals.items()}
    by_customer: dict[int, CustomerFigures] = {}

    def of(customer_id: int) -> CustomerFigures:
        return by_customer.setdefault(customer_id, CustomerFigures())

    for customer_id, t in totals.items():
        of(customer_id).totals = t
    for customer_id, row in procedures.items():
        of(customer_id).procedures = row
    for customer_id, amounts in sgoz.platform_sgoz(regions, period, customers=customers).items():
        of(customer_id).sgoz = amounts
    for customer_id, n in sgoz.unplanned_counts(regions, period, customers=customers).items():
        of(customer_id).unplanned = n
    for customer_id, smp in sgoz.smp_totals(regions, period, prices, procedures, customers=customers).items():
        of(customer_id).smp = smp
    return by_customer
