"""Public statistics of the signals of a region, by municipality and by organization: how many, how fast
the first answer came (average and median), which share missed the target term, how satisfied the
authors were. Counted by the database; a group without data shows None («нет данных»), never 0."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q, QuerySet

from zakupki.accounts.models import Region
from zakupki.public_signals.enums import Rating
from zakupki.public_signals.models import Signal
from zakupki.public_signals.states import PUBLIC_STATUSES

SECONDS_PER_DAY = Decimal(86400)
ONE_PLACE = Decimal("0.1")

BY_MUNICIPALITY = "municipality"
BY_ORGANIZATION = "organization"
GROUPINGS = {BY_MUNICIPALITY: "municipality__name", BY_ORGANIZATION: "organization__short_name"}


@dataclass(frozen=True)
class StatRow:
    key: int | None  # the municipality or organization id; None for the region's total
    name: str
    signals: int
    answered: int
    average_days: Decimal | None
    median_days: Decimal | None
    overdue: int
    overdue_percent: Decimal | None
    rated: int
    satisfied_percent: Decimal | None


def _days(seconds: float | Decimal | None) -> Decimal | None:
    if seconds is None:
        return None
    return (Decimal(str(seconds)) / SECONDS_PER_DAY).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _published(region: Region) -> QuerySet[Signal]:
    return Signal.objects.filter(region=region, status__in=PUBLIC_STATUSES)


def _overdue_filter(now: dt.datetime) -> Q:
    # late first answer, or none yet and the target term has passed
    return Q(answered_at__gt=F("sla_due_at")) | Q(answered_at__isnull=True, sla_due_at__lt=now)


def _aggregates(now: dt.datetime) -> dict[str, Count | Avg]:
    return {
        "total": Count("pk"),
        "answered": Count("pk", filter=Q(answer_seconds__isnull=False)),
        "avg_seconds": Avg("answer_seconds"),
        "overdue": Count("pk", filter=_overdue_filter(now)),
        "rated": Count("pk", filter=~Q(rating="")),
        "satisfied": Count("pk", filter=Q(rating=Rating.SATISFIED)),
    }


def _row(key: int | None, name: str, values: dict[str, object], durations: list[int]) -> StatRow:
    total = int(values["total"] or 0)  # type: ignore[call-overload]
    overdue = int(values["overdue"] or 0)  # type: ignore[call-overload]
    rated = int(values["rated"] or 0)  # type: ignore[call-overload]
    satisfied = int(values["satisfied"] or 0)  # type: ignore[call-overload]
    avg = values["avg_seconds"]
    return StatRow(
        key=key,
        name=name,
        signals=total,
        answered=int(values["answered"] or 0),  # type: ignore[call-overload]
        average_days=_days(avg if isinstance(avg, float | int | Decimal) else None),
        median_days=_days(statistics.median(durations)) if durations else None,
        overdue=overdue,
        overdue_percent=_percent(overdue, total),
        rated=rated,
        satisfied_percent=_percent(satisfied, rated),
    )


def signal_stats(*, region: Region, by: str, now: dt.datetime) -> list[StatRow]:
    """One row per municipality (or organization) that has published signals, by name."""
    name_field = GROUPINGS[by]
    signals = _published(region)
    grouped = signals.values(f"{by}_id", name_field).annotate(**_aggregates(now)).order_by(name_field)
    durations: dict[int, list[int]] = defaultdict(list)
    # the median has no portable SQL aggregate: the database hands over the sorted durations only
    for key, seconds in (
        signals.filter(answer_seconds__isnull=False)
        .order_by(f"{by}_id", "answer_seconds")
        .values_list(f"{by}_id", "answer_seconds")
    ):
        durations[key].append(seconds)
    return [
        _row(values[f"{by}_id"], str(values[name_field] or "—"), values, durations[values[f"{by}_id"]])
        for values in grouped
    ]


def signal_stats_total(*, region: Region, now: dt.datetime) -> StatRow:
    signals = _published(region)
    values = signals.aggregate(**_aggregates(now))
    durations = list(
        signals.filter(answer_seconds__isnull=False)
        .order_by("answer_seconds")
        .values_list("answer_seconds", flat=True)
    )
    return _row(None, region.name, values, [d for d in durations if d is not None])
