"""One bulk computation: a scope (regions) and a period, and the passes it has run so far."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar, cast

from zakupki.accounts.models import Organization, Region
from zakupki.analytics.bulk import figures, passes, sgoz, stored
from zakupki.analytics.bulk.figures import FiguresByCustomer
from zakupki.analytics.formulas.base import IndicatorValue, Period

T = TypeVar("T")


@dataclass
class BulkRun:
    """One scope and period; each pass runs at most once, on first use by a twin."""

    regions: Sequence[Region]
    period: Period
    # the formulas asked for; a pass leaves out what none of them reads (None: all of them)
    formulas: frozenset[str] | None = None
    # per-customer and per-region results a twin reuses (К7 feeds К7-vs-requirement; СГОЗ feeds both)
    memo: dict[tuple[str, int], object] = field(default_factory=dict)
    # the customers asked about: given, the run reads their stored figures where they are valid
    customers: Sequence[int] | None = None

    @cached_property
    def _bundles(self) -> FiguresByCustomer | None:
        """The customers' figures from their stored bundles, the rest computed live for just them; None
        when nothing is stored for the run (then every pass runs over the whole scope)."""
        if self.customers is None:
            return None
        found = stored.stored_figures(self.customers, self.period)
        missing = [pk for pk in self.customers if pk not in found]
        # beyond half of them (or an IN list's worth), one pass over the scope beats narrowing to them
        if len(missing) > min(len(self.customers) // 2, stored.id_batch()):
            return None
        if missing:
            found.update(
                figures.platform_figures(
                    self.regions, self.period, customers=missing, mean_pct=self._wants("savings_mean_pct")
                )
            )
        return FiguresByCustomer(found)

    @cached_property
    def _platform_scan(self) -> tuple[dict[int, passes.ContractTotals], dict[int, dict[str, Any]]]:
        # one scan of the period's contracts for the totals and for Vк and the SMP-only procedures (К7, К8)
        if self._bundles is not None:
            totals = self._bundles.platform()
            if self._wants("late_share"):
                passes.add_late_counts(totals, self.regions, self.period)
            return totals, self._bundles.procedures()
        return passes.platform_contract_totals(
            self.regions,
            self.period,
            extra=sgoz.smp_procedure_sums(self.period),
            late=self._wants("late_share"),
            mean_pct=self._wants("savings_mean_pct"),
        )

    def _wants(self, formula: str) -> bool:
        return self.formulas is None or formula in self.formulas

    @cached_property
    def platform(self) -> dict[int, passes.ContractTotals]:
        return self._platform_scan[0]

    @cached_property
    def eis(self) -> dict[tuple[str, str], passes.ContractTotals]:
        return passes.eis_contract_totals(self.regions, self.period)

    @cached_property
    def sessions(self) -> dict[tuple[int, int], passes.SessionTotals]:
        return passes.session_totals(self.regions, self.period)

    @cached_property
    def k9(self) -> dict[int, int]:
        return passes.k9_counts(self.regions, self.period)

    @cached_property
    def sgoz_platform(self) -> dict[int, sgoz.SgozTotals]:
        if self._bundles is not None:
            return self._bundles.sgoz()
        return sgoz.platform_sgoz(self.regions, self.period)

    @cached_property
    def sgoz_eis(self) -> dict[tuple[str, str], sgoz.SgozTotals]:
        return sgoz.eis_sgoz(self.regions, self.period)

    @cached_property
    def unplanned(self) -> dict[int, int]:
        if self._bundles is not None:
            return self._bundles.unplanned()
        return sgoz.unplanned_counts(self.regions, self.period)

    @cached_property
    def volumes(self) -> dict[int, Decimal]:
        return sgoz.annual_volumes(self.regions, self.period)

    @cached_property
    def smp(self) -> dict[int, sgoz.SmpTotals]:
        if self._bundles is not None:
            return self._bundles.smp()
        prices = {customer_id: totals.price for customer_id, totals in self.platform.items()}
        return sgoz.smp_totals(self.regions, self.period, prices, self._platform_scan[1])

    @cached_property
    def regions_by_id(self) -> dict[int, Region]:
        return {r.pk: r for r in self.regions}

    @cached_property
    def _region_codes(self) -> dict[int, str]:
        return {r.pk: r.code for r in self.regions}

    def once(self, kind: str, key: int, compute: Callable[[], T]) -> T:
        """A per-customer or per-region result computed once in this run and reused by every twin."""
        if (kind, key) not in self.memo:
            self.memo[kind, key] = compute()
        return cast(T, self.memo[kind, key])

    def eis_key(self, customer: Organization) -> tuple[str, str]:
        return self._region_codes[customer.region_id], customer.inn

    def contracts(
        self, customer: Organization
    ) -> tuple[passes.ContractTotals | None, passes.ContractTotals | None]:
        """(platform, EIS) totals of a customer; EIS rows match by ИНН within the region, as the formulas do."""
        return (
            self.platform.get(customer.pk),
            self.eis.get(self.eis_key(customer)),
        )

    def session(self, customer: Organization) -> passes.SessionTotals | None:
        return self.sessions.get((customer.region_id, customer.pk))


BulkFormula = Callable[[BulkRun, Organization], IndicatorValue]
