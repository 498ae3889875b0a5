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


@dataclass(frozen=True)
class ScoredIndicator:
    indicator: Indicator
    result: IndicatorValue
    thresholds: Thresholds | None  # the region's override where it has one
    points: int | None  # None: informational, or no data


@dataclass(frozen=True)
class Score:
    indicators: tuple[ScoredIndicator, ...]
    total: int  # Rп
    weighted: Decimal | None  # Σ points × weight, only when the methodology weighs every scored indicator
    no_data_ids: tuple[str, ...]


def score(
    version: Version, values: Mapping[str, IndicatorValue], overrides: Mapping[str, Thresholds]
) -> Score:
    scored: list[ScoredIndicator] = []
    for indicator in version.indicators:
        result = values[indicator.id]
        thresholds = overrides.get(indicator.id, indicator.thresholds)
        points = None
        if not indicator.informational and thresholds is not None and result.value is not None:
            points = points_for(result.value, thresholds, indicator.direction)
        scored.append(ScoredIndicator(indicator, result, thresholds, points))
    weighted = None
    if version.weighted:
        weighted = sum(
            (Decimal(s.points) * (s.indicator.weight or 0) for s in scored if s.points is not None),
            Decimal(0),
        )
    return Score(
        indicators=tuple(scored),
        total=sum(s.points for s in scored if s.points is not None),
        weighted=weighted,
        no_data_ids=tuple(s.indicator.id for s in scored if s.result.value is None),
    )
