from __future__ import annotations

from decimal import Decimal

import pytest

from zakupki.analytics.thresholds import Direction, parse_thresholds, points_for

HIGHER = (Decimal(50), Decimal(30), Decimal(10))
LOWER = (Decimal(25), Decimal(35), Decimal(50))


@pytest.mark.parametrize(
    ("value", "points"),
    [("50.01", 3), ("50", 2), ("30.01", 2), ("30", 1), ("10.01", 1), ("10", 0), ("0", 0)],
)
def test_higher_better_boundary_falls_to_the_lower_band(value: str, points: int) -> None:
    assert points_for(Decimal(value), HIGHER, Direction.HIGHER_BETTER) == points


@pytest.mark.parametrize(
    ("value", "points"),
    [("24.99", 3), ("25", 2), ("34.99", 2), ("35", 1), ("49.99", 1), ("50", 0), ("100", 0)],
)
def test_lower_better_boundary_falls_to_the_lower_band(value: str, points: int) -> None:
    assert points_for(Decimal(value), LOWER, Direction.LOWER_BETTER) == points


def test_thresholds_must_be_three_numbers() -> None:
    assert (
        parse_thresholds([1, 2], Direction.LOWER_BETTER)
        == "границы баллов (thresholds) — список из трёх чисел для 3, 2 и 1 балла"
    )
    assert parse_thresholds([1, "два", 3], Direction.LOWER_BETTER) == "граница «два» — не число"
    assert (
        parse_thresholds([3, 3, 1], Direction.HIGHER_BETTER)
        == "границы 3, 3, 1 должны строго убывать (чем больше, тем лучше)"
    )
    assert parse_thresholds(["1.5", 2, 3], Direction.LOWER_BETTER) == (Decimal("1.5"), Decimal(2), Decimal(3))


def test_weighted_total_only_when_every_scored_indicator_is_weighted() -> None:
    import datetime as dt

    from zakupki.analytics.formulas.base import IndicatorValue
    from zakupki.analytics.methodology import Criterion, Indicator, Version
    from zakupki.analytics.scoring import score

    def indicator(ident: str, weight: str | None) -> Indicator:
        return Indicator(
            id=ident,
            name=ident,
            formula="failed_share",
            unit="%",
            direction=Direction.LOWER_BETTER,
            thresholds=LOWER,
            weight=None if weight is None else Decimal(weight),
            informational=False,
            tag="U",
            note="",
        )

    values = {
        "a": IndicatorValue(value=Decimal(20), unit="%"),
        "b": IndicatorValue(value=Decimal(40), unit="%"),
        "c": IndicatorValue(value=None, unit="%", no_data_reason="нет сессий"),
    }
    weighted = Version(
        dt.date(2025, 1, 1),
        None,
        (Criterion("1", "К1", (indicator("a", "0.3"), indicator("b", "0.7"), indicator("c", "1"))),),
    )
    plain = Version(
        dt.date(2025, 1, 1),
        None,
        (Criterion("1", "К1", (indicator("a", "0.3"), indicator("b", None), indicator("c", "1"))),),
    )

    result = score(weighted, values, {})

    assert (result.total, result.weighted, result.no_data_ids) == (4, Decimal("1.6"), ("c",))
    assert score(plain, values, {"b": (Decimal(45), Decimal(46), Decimal(47))}).weighted is None
    assert score(plain, values, {"b": (Decimal(45), Decimal(46), Decimal(47))}).total == 6
