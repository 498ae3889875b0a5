"""Contract lines at the winning price: item amounts that sum EXACTLY to the price.

Rule (docs/lifecycles/quotation_session.md, «Цены позиций контракта»):
1. Every item keeps its quantity; its unit price is scaled by price / НМЦК and rounded to the kopeck
   (half up); its amount is quantity × unit price rounded to the kopeck, as the contracts domain computes it.
2. The last item takes the remainder T = price − Σ(other amounts). If a unit price u exists with
   round(quantity × u) = T, the last line is (quantity, u) — always the case for quantity ≤ 1.
3. Otherwise (e.g. 7 pieces for 100,00 ₽) the last item is split into two lines with the same name,
   unit and СТЕ: (quantity − 1) at u = T / quantity rounded down to the kopeck, and 1 at the rest. The
   total quantity is unchanged and the two unit prices differ by less than a rouble per unit; no quantity
   or unit is invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from zakupki.core.money import KOPECK, round_money


@dataclass(frozen=True)
class PricedLine:
    name: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    catalog_ref: str = ""

    @property
    def amount(self) -> Decimal:
        return round_money(self.quantity * self.unit_price)


def _exact_unit_price(quantity: Decimal, target: Decimal) -> Decimal | None:
    guess = (target / quantity).quantize(KOPECK, rounding=ROUND_DOWN)
    for delta in range(-2, 3):
        candidate = guess + delta * KOPECK
        if candidate > 0 and round_money(quantity * candidate) == target:
            return candidate
    if quantity <= 1:
        # round(q × u) grows by at most one kopeck per kopeck of u: walk up to the exact value.
        candidate = max(guess - 2 * KOPECK, KOPECK)
        while round_money(quantity * candidate) < target:
            candidate += KOPECK
        if round_money(quantity * candidate) == target:
            return candidate
    return None


def lines_at_price(*, items: Sequence[PricedLine], start_price: Decimal, price: Decimal) -> list[PricedLine]:
    """`items` at their start unit prices (Σ amounts = `start_price`) → lines summing exactly to `price`."""
    if not items:
        raise ValueError("no items")
    if price <= 0 or start_price <= 0:
        raise ValueError("prices must be positive")
    ratio = price / start_price
    lines = [
        PricedLine(i.name, i.unit, i.quantity, round_money(i.unit_price * ratio), i.catalog_ref)
        for i in items[:-1]
    ]
    last = items[-1]
    target = price - sum((line.amount for line in lines), Decimal("0.00"))
    if target <= 0:
        raise ValueError("the other items already exceed the price")
    exact = _exact_unit_price(last.quantity, target)
    if exact is not None:
        lines.append(PricedLine(last.name, last.unit, last.quantity, exact, last.catalog_ref))
        return lines
    # quantity > 1 here (quantity <= 1 always has an exact unit price)
    first_quantity = last.quantity - 1
    unit = (target / last.quantity).quantize(KOPECK, rounding=ROUND_DOWN)
    head = PricedLine(last.name, last.unit, first_quantity, unit, last.catalog_ref)
    lines.append(head)
    lines.append(PricedLine(last.name, last.unit, Decimal(1), target - head.amount, last.catalog_ref))
    return lines
