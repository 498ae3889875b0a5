"""Savings (§2.4 of the domain notes): on contracts with a known НМЦК only, platform and EIS together.

Both aggregates are offered and labelled, because they differ a lot when small lots have deep discounts.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zakupki.analytics.formulas.base import (
    EIS,
    HUNDREDTH,
    PLATFORM,
    Counted,
    IndicatorValue,
    Period,
    Scope,
    no_data,
    percent,
)
from zakupki.analytics.formulas.contracts_in_scope import imported_contracts, platform_contracts, platform_ref

NO_NMCK = "нет контрактов с известной НМЦК за период"


def _priced(scope: Scope, period: Period) -> list[tuple[Counted, Decimal, Decimal]]:
    """(what, НМЦК, price) of every contract with a positive НМЦК."""
    rows = [
        (Counted(PLATFORM, "contract", platform_ref(c)), c.nmck, c.price)
        for c in platform_contracts(scope, period).filter(nmck__gt=0)
        if c.nmck is not None
    ]
    rows += [
        (Counted(EIS, "contract", c.reg_num), c.nmck, c.price)
        for c in imported_contracts(scope, period).filter(nmck__gt=0)
        if c.nmck is not None
    ]
    return rows


def savings_weighted(scope: Scope, period: Period) -> IndicatorValue:
    """Σ(НМЦК − цена) ÷ ΣНМЦК × 100 — the figure the domain notes ask dashboards to show."""
    label = "средневзвешенная экономия: Σ(НМЦК − цена) / ΣНМЦК"
    rows = _priced(scope, period)
    if not rows:
        return no_data("%", NO_NMCK, label)
    saved = sum((nmck - price for _, nmck, price in rows), Decimal(0))
    total = sum((nmck for _, nmck, _ in rows), Decimal(0))
    return IndicatorValue(
        value=percent(saved, total),
        unit="%",
        numerator=saved,
        denominator=total,
        counted=tuple(what for what, _, _ in rows),
        label=label,
    )


def savings_mean_pct(scope: Scope, period: Period) -> IndicatorValue:
    """Mean of per-contract savings percentages (how press figures are usually given)."""
    label = "средняя из процентов экономии по контрактам"
    rows = _priced(scope, period)
    if not rows:
        return no_data("%", NO_NMCK, label)
    total_pct = sum(((nmck - price) * 100 / nmck for _, nmck, price in rows), Decimal(0))
    count = Decimal(len(rows))
    return IndicatorValue(
        value=(total_pct / count).quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        unit="%",
        numerator=total_pct.quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        denominator=count,
        counted=tuple(what for what, _, _ in rows),
        label=label,
    )
