"""The payment plan of a contract by year (ContractPaymentPlan), pure arithmetic: what is planned for which
year at conclusion, and how a price change re-plans it. Both keep the one invariant СГОЗ relies on: the
amounts add up to the contract price to the kopeck."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, Decimal

from zakupki.core.money import KOPECK


def plan_from_stages(stages: Iterable[tuple[dt.date, Decimal]]) -> dict[int, Decimal]:
    """Each stage's amount falls into the year of its due date: the stage is paid after acceptance,
    and a stage due on 31 December is paid in the new year only if late, which a plan does not foresee."""
    plan: dict[int, Decimal] = {}
    for due_date, amount in stages:
        plan[due_date.year] = plan.get(due_date.year, Decimal(0)) + amount
    return dict(sorted(plan.items()))


def replan(plan: Mapping[int, Decimal], new_price: Decimal) -> dict[int, Decimal]:
    """Scales every year by new/old price. All years but the last are rounded down to the kopeck and the
    last takes the remainder: the sum stays exact and no year can turn negative."""
    years = sorted(plan)
    old_price = sum(plan.values(), Decimal(0))
    if not years or old_price <= 0:
        raise ValueError("план оплаты пуст")
    scaled = {
        year: (plan[year] * new_price / old_price).quantize(KOPECK, rounding=ROUND_DOWN)
        for year in years[:-1]
    }
    scaled[years[-1]] = new_price - sum(scaled.values(), Decimal(0))
    return scaled
