"""Set-based twins of the indicator formulas: every customer of one region, or of all regions, at once.

`formulas/*` compute one customer's figure and list the contracts behind it (the drill-down). Rating
thousands of customers that way costs queries per customer; here each kind of row is read once by a few
GROUP BY customer aggregates (`passes`), and every twin turns those sums into exactly the IndicatorValue
its formula gives — same value, numerator, denominator, label and «нет данных» reason — with `counted`
left empty (open the per-customer formula for that). `tests/test_bulk.py` holds the two to equality.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from zakupki.accounts.models import Organization, Region
from zakupki.analytics.bulk.run import BulkFormula, BulkRun
from zakupki.analytics.bulk.tuning import analytic_statements, without_cyclic_gc
from zakupki.analytics.bulk.twins import BULK
from zakupki.analytics.formulas.base import IndicatorValue, Period


def bulk_values(
    formula_ids: Iterable[str],
    customers: Sequence[Organization],
    *,
    regions: Sequence[Region],
    period: Period,
) -> dict[int, dict[str, IndicatorValue]]:
    """{customer id: {formula id: value}} for customers of `regions` (each passes runs once for all)."""
    wanted = list(dict.fromkeys(formula_ids))
    missing = [f for f in wanted if f not in BULK]
    if missing:
        raise KeyError(f"no bulk twin for {missing}")
    run = BulkRun(regions, period, formulas=frozenset(wanted), customers=[c.pk for c in customers])
    with analytic_statements(), without_cyclic_gc():
        return {c.pk: {f: BULK[f](run, c) for f in wanted} for c in customers}


__all__ = ["BULK", "BulkFormula", "BulkRun", "bulk_values"]
