"""Points per indicator and the integral score Rп = Σ points (see `thresholds` for the boundary rule).

Informational indicators get no points. An indicator with no data gets no points and is listed in
`no_data_ids`, so a reader sees that the total is incomplete rather than reading a silent zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from zakupki.analytics.formulas.base import IndicatorValue
from zakupki.analytics.methodology import Indicator, Version
from zakupki.analytics.thresholds import Thresholds, points_for


@dataclass(frozen=True, slots=True)
class ScoredIndicator:
    indicator: Indicator
    result: IndicatorValue
    thresholds: Thresholds | None  # the region's override where it has one
    points: int | None  # None: informational, or no data


@dataclass(frozen=True, slots=True)
class Score:
    indicators: tuple[ScoredIndicator, ...]
    total: int  # Rп
    weighted: Decimal | None  # Σ points × weight, only when the methodology weighs every scored indicator
    no_data_ids: tuple[str, ...]


# Decimal(points) for the weighted total, built once rather than per indicator of every customer
_POINTS = tuple(Decimal(p) for p in range(4))


def score(
    version: Version, values: Mapping[str, IndicatorValue], overrides: Mapping[str, Thresholds]
) -> Score:
    scored: list[ScoredIndicator] = []
    total = 0
    weighted = Decimal(0) if version.weighted else None
    no_data_ids: list[str] = []
    for indicator in version.indicators:
        result = values[indicator.id]
        thresholds = overrides.get(indicator.id, indicator.thresholds)
        points = None
        if result.value is None:
            no_data_ids.append(indicator.id)
        elif not indicator.informational and thresholds is not None:
            points = points_for(result.value, thresholds, indicator.direction)
            total += points
            if weighted is not None:
                weighted += _POINTS[points] * (indicator.weight or 0)
        scored.append(ScoredIndicator(indicator, result, thresholds, points))
    return Score(indicators=tuple(scored), total=total, weighted=weighted, no_data_ids=tuple(no_data_ids))
