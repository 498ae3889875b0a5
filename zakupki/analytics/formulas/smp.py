"""SMP share (§4.2): the price of contracts whose supplier was СМП/СОНКО at conclusion ÷ the price of
all contracts concluded in the period, platform and EIS together. This is not К7 proper: К7 divides by
СГОЗ with the ч.1.1 ст.30 exclusions, which needs payment-year data we do not have yet."""

from __future__ import annotations

from decimal import Decimal

from zakupki.analytics.formulas.base import (
    EIS,
    PLATFORM,
    Counted,
    IndicatorValue,
    Period,
    Scope,
    no_data,
    percent,
)
from zakupki.analytics.formulas.contracts_in_scope import imported_contracts, platform_contracts, platform_ref


def smp_share(scope: Scope, period: Period) -> IndicatorValue:
    label = "доля контрактов с СМП/СОНКО по цене (все контракты периода)"
    rows = [
        (Counted(PLATFORM, "contract", platform_ref(c)), c.price, c.supplier_is_smp)
        for c in platform_contracts(scope, period)
    ]
    rows += [
        (Counted(EIS, "contract", c.reg_num), c.price, c.supplier_is_smp)
        for c in imported_contracts(scope, period)
    ]
    total = sum((price for _, price, _ in rows), Decimal(0))
    if not rows or total == 0:
        return no_data("%", "нет контрактов, заключённых за период", label)
    smp = sum((price for _, price, is_smp in rows if is_smp), Decimal(0))
    return IndicatorValue(
        value=percent(smp, total),
        unit="%",
        numerator=smp,
        denominator=total,
        counted=tuple(what for what, _, is_smp in rows if is_smp),
        label=label,
    )
