"""Points 3/2/1/0 from three boundaries, and the monotonic rule every boundary set must obey.

A boundary value earns the lower band: to get more points a figure must strictly beat the boundary.
higher_better, boundaries (a, b, c) with a > b > c: value > a → 3, > b → 2, > c → 1, else 0.
lower_better, boundaries (a, b, c) with a < b < c: value < a → 3, < b → 2, < c → 1, else 0.
Tyumen К1.2 «< 25% → 3, 25–35% → 2» reads exactly so; for К1.1 «> 50% → 3, 30–50% → 2» the value 30
itself falls to 1 point — the source does not say which side is inclusive, so we pick one rule for all.
"""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation
from typing import Any


class Direction(enum.StrEnum):
    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"


Thresholds = tuple[Decimal, Decimal, Decimal]


def parse_thresholds(raw: Any, direction: Direction) -> Thresholds | str:
    """The three boundaries, or the Russian reason they are unusable."""
    if not isinstance(raw, list | tuple) or len(raw) != 3:
        return "границы баллов (thresholds) — список из трёх чисел для 3, 2 и 1 балла"
    values: list[Decimal] = []
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, int | float | str | Decimal):
            return f"граница «{item}» — не число"
        try:
            value = Decimal(str(item))
        except InvalidOperation:
            return f"граница «{item}» — не число"
        if not value.is_finite():
            return f"граница «{item}» — не число"
        values.append(value)
    a, b, c = values
    if direction == Direction.HIGHER_BETTER and not a > b > c:
        return f"границы {a}, {b}, {c} должны строго убывать (чем больше, тем лучше)"
    if direction == Direction.LOWER_BETTER and not a < b < c:
        return f"границы {a}, {b}, {c} должны строго возрастать (чем меньше, тем лучше)"
    return (a, b, c)


def points_for(value: Decimal, thresholds: Thresholds, direction: Direction) -> int:
    # plain comparisons: a national rating asks this of every indicator of every customer
    a, b, c = thresholds
    if direction == Direction.HIGHER_BETTER:
        return 3 if value > a else 2 if value > b else 1 if value > c else 0
    return 3 if value < a else 2 if value < b else 1 if value < c else 0
