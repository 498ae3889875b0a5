"""Competition on the platform's quotation sessions summed up in the period (closed, not cancelled).

Imported EIS data has no bid counts in our import, so these are platform-only and say so in the label.
A session's participants are the suppliers who placed at least one offer: a supplier lowering its own
price many times is still one bid for competition purposes.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.db.models import QuerySet

from zakupki.analytics.formulas.base import (
    HUNDREDTH,
    PLATFORM,
    Counted,
    IndicatorValue,
    Period,
    Scope,
    no_data,
    percent,
)
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession

NOT_SUMMED_UP = (SessionStatus.DRAFT, SessionStatus.PUBLISHED, SessionStatus.CANCELLED)
NO_SESSIONS = "нет котировочных сессий, завершённых за период"
SOURCE_LABEL = "котировочные сессии площадки"


def summed_up_sessions(scope: Scope, period: Period) -> QuerySet[QuotationSession]:
    start, end = period.bounds(scope.region)
    sessions = QuotationSession.objects.filter(
        region=scope.region, closed_at__gte=start, closed_at__lt=end
    ).exclude(status__in=NOT_SUMMED_UP)
    if scope.customer is not None:
        sessions = sessions.filter(customer=scope.customer)
    return sessions.order_by("pk")


def _ref(session: QuotationSession) -> Counted:
    return Counted(PLATFORM, "session", f"КС № {session.pk}")


def _is_single(session: QuotationSession) -> bool:
    return session.participants_count == 1


def _is_failed(session: QuotationSession) -> bool:
    return session.status == SessionStatus.FAILED


def _share(
    scope: Scope, period: Period, *, label: str, hit: Callable[[QuotationSession], bool]
) -> IndicatorValue:
    sessions = list(summed_up_sessions(scope, period))
    if not sessions:
        return no_data("%", NO_SESSIONS, label)
    hits = [s for s in sessions if hit(s)]
    return IndicatorValue(
        value=percent(Decimal(len(hits)), Decimal(len(sessions))),
        unit="%",
        numerator=Decimal(len(hits)),
        denominator=Decimal(len(sessions)),
        counted=tuple(_ref(s) for s in hits),
        label=label,
    )


def competition_avg_bids(scope: Scope, period: Period) -> IndicatorValue:
    """Σ participants ÷ number of sessions summed up (failed sessions with no bids count as 0)."""
    label = f"среднее число участников, {SOURCE_LABEL}"
    sessions = list(summed_up_sessions(scope, period))
    if not sessions:
        return no_data("шт", NO_SESSIONS, label)
    participants = Decimal(sum(s.participants_count for s in sessions))
    count = Decimal(len(sessions))
    return IndicatorValue(
        value=(participants / count).quantize(HUNDREDTH),
        unit="шт",
        numerator=participants,
        denominator=count,
        counted=tuple(_ref(s) for s in sessions),
        label=label,
    )


def single_bid_share(scope: Scope, period: Period) -> IndicatorValue:
    """Sessions with exactly one participant ÷ sessions summed up × 100."""
    return _share(scope, period, label=f"доля сессий с одним участником, {SOURCE_LABEL}", hit=_is_single)


def failed_share(scope: Scope, period: Period) -> IndicatorValue:
    """Sessions that did not take place (no bids) ÷ sessions summed up × 100."""
    return _share(scope, period, label=f"доля несостоявшихся сессий, {SOURCE_LABEL}", hit=_is_failed)


def failed_or_single_share(scope: Scope, period: Period) -> IndicatorValue:
    """Sessions that failed or had one participant ÷ sessions summed up × 100 (Tyumen К1.2.x, meaning [U])."""
    return _share(
        scope,
        period,
        label=f"доля несостоявшихся сессий и сессий с одним участником, {SOURCE_LABEL}",
        hit=lambda s: _is_failed(s) or _is_single(s),
    )
