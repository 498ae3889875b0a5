"""What every indicator formula takes and gives back.

A formula is `(scope, period) -> IndicatorValue`. The value carries its inputs (numerator, denominator)
and the objects counted, each labelled by source (platform or EIS import), so that a person can open a
figure and see which contracts make it. `value is None` means «нет данных» and always has a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from zakupki.accounts.models import Organization, Region

HUNDREDTH = Decimal("0.01")
PLATFORM = "platform"
EIS = "eis"


@dataclass(frozen=True)
class Scope:
    region: Region
    customer: Organization | None = None  # None: the whole region

    @property
    def label(self) -> str:
        if self.customer is None:
            return f"регион {self.region.code}"
        return self.customer.display_name


@dataclass(frozen=True)
class Period:
    """Local dates of the scope's region, both inclusive; `as_of` judges «late» and «terminated»."""

    date_from: dt.date
    date_to: dt.date
    as_of: dt.datetime

    @classmethod
    def year(cls, year: int, *, as_of: dt.datetime) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), as_of)

    def bounds(self, region: Region) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) instants of the period in the region's time zone."""
        zone = ZoneInfo(region.timezone)
        start = dt.datetime.combine(self.date_from, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, end


@dataclass(frozen=True)
class Counted:
    source: str  # PLATFORM or EIS
    kind: str  # "contract", "session", "complaint"
    ref: str  # the number a person can look up


@dataclass(frozen=True, slots=True)
class Part:
    """One component of a composite figure (СГОЗ's П, Т, С, an exclusion ground, V_SMP's halves), with the
    objects it sums, so a drill-down can show each on its own."""

    key: str
    label: str
    amount: Decimal
    counted: tuple[Counted, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    value: Decimal | None
    unit: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    counted: tuple[Counted, ...] = field(default_factory=tuple)
    label: str = ""  # how the figure is computed, shown next to it
    no_data_reason: str | None = None
    parts: tuple[Part, ...] = ()  # the components of a composite figure, in display order
    notes: tuple[str, ...] = ()  # what the figure could not see (e.g. a notion the EIS data lacks)


def no_data(
    unit: str, reason: str, label: str = "", *, parts: tuple[Part, ...] = (), notes: tuple[str, ...] = ()
) -> IndicatorValue:
    return IndicatorValue(value=None, unit=unit, label=label, no_data_reason=reason, parts=parts, notes=notes)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


Formula = Callable[[Scope, Period], IndicatorValue]
