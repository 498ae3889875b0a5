"""How an item's amount is split over the stages that deliver it, to the kopeck and deterministically:
each stage gets its quantity × unit price rounded half-up, and the last stage that delivers the item takes
the rounding remainder, so the shares add up to the item's amount exactly (and the stages to the price)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from zakupki.core.money import round_money


def split_item_amount(
    *, amount: Decimal, unit_price: Decimal, quantities: Sequence[Decimal]
) -> list[Decimal]:
    shares = [round_money(quantity * unit_price) for quantity in quantities]
    if shares:
        shares[-1] += amount - sum(shares, Decimal(0))
    return shares
