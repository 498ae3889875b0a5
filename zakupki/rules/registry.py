"""The immutable, validated set of parameters and their effective-dated periods."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType

from zakupki.rules.formatting import ru_date
from zakupki.rules.values import ParamType, RuleValue

TAGS = ("V", "B", "U")
TAG_LABELS = {
    "V": "проверено по опубликованному источнику",
    "B": "считается верным, первоисточник не найден",
    "U": "не проверено, настраиваемое значение",
}


@dataclass(frozen=True)
class Period:
    """A value in force from `valid_from` (inclusive) to `valid_until` (exclusive; None: open).

    `valid_until` is the written `until`, or else the start of the next period: a new key-rate decision
    ends the previous rate without anyone editing the old entry."""

    valid_from: dt.date
    valid_until: dt.date | None
    value: RuleValue
    source: str
    tag: str
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


@dataclass(frozen=True)
class Parameter:
    key: str
    title: str
    type: ParamType
    unit: str
    source: str
    tag: str
    periods: tuple[Period, ...]
    note: str = ""
    files: tuple[str, ...] = ()
    # Federal law values (the key rate, the СМП share) are the same everywhere; only parameters marked
    # `regional: true` in the data files may get a region's own value.
    regional: bool = False

    def period_on(self, day: dt.date) -> Period | None:
        starts = [period.valid_from for period in self.periods]
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            return None
        period = self.periods[index]
        return period if period.covers(day) else None


@dataclass(frozen=True)
class Span:
    """A period as written: the start and the explicit end, if any."""

    start: dt.date
    until: dt.date | None


def overlap_reason(spans: Sequence[Span]) -> str | None:
    """Why these spans overlap, or None. An open span is not an overlap: it ends where the next begins."""
    ordered = sorted(spans, key=lambda span: span.start)
    for previous, following in pairwise(ordered):
        if previous.start == following.start:
            return f"два периода начинаются в один день — {ru_date(previous.start)}"
        if previous.until is not None and previous.until > following.start:
            return (
                f"период с {ru_date(previous.start)} до {ru_date(previous.until)} "
                f"пересекается со следующим периодом с {ru_date(following.start)}"
            )
    return None


def effective_ends(spans: Sequence[Span]) -> list[dt.date | None]:
    """For spans already sorted by start: each one's end, explicit or implied by the next start."""
    ends: list[dt.date | None] = []
    for index, span in enumerate(spans):
        following = spans[index + 1].start if index + 1 < len(spans) else None
        ends.append(span.until if span.until is not None else following)
    return ends


@dataclass(frozen=True)
class RulesRegistry:
    parameters: Mapping[str, Parameter]
    files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A read-only view over a private copy: nobody can patch a legal number at run time.
        frozen = MappingProxyType(dict(sorted(self.parameters.items())))
        object.__setattr__(self, "parameters", frozen)

    def get(self, key: str) -> Parameter | None:
        return self.parameters.get(key)

    def __len__(self) -> int:
        return len(self.parameters)

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self.parameters.values())

    @property
    def period_count(self) -> int:
        return sum(len(parameter.periods) for parameter in self.parameters.values())
