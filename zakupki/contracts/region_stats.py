"""Read-only region dashboard figures: how many concluded contracts were executed late or terminated,
per customer of the region and month by month.

A concluded contract counts at most once: terminated (its effective status, see
`contract_effective_status`) wins over late. Late means one of its stages was
- accepted or paid, and the customer's first acceptance decision on it came after the stage due date
  (in the region's time zone); a stage marked accepted without any accepted acceptance document is not
  counted, since there is no date to judge it by;
- or still not delivered (pending or refused) with its due date already behind the region's today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Min, Q

from zakupki.accounts.models import Region
from zakupki.contracts.enums import ACCEPTED_DOCUMENT_STATUSES, ContractStatus, StageStatus
from zakupki.contracts.models import Contract, Stage
from zakupki.contracts.selectors import contract_effective_status

TREND_MONTHS = 12
CONCLUDED_STATUSES = (
    ContractStatus.CONCLUDED,
    ContractStatus.EXECUTING,
    ContractStatus.TERMINATION_PENDING,
    ContractStatus.EXECUTED,
    ContractStatus.TERMINATED,
)
DONE_STAGE_STATUSES = (StageStatus.ACCEPTED, StageStatus.PARTIALLY_ACCEPTED, StageStatus.PAID)
UNDELIVERED_STAGE_STATUSES = (StageStatus.PENDING, StageStatus.REFUSED)
_TENTH = Decimal("0.1")


def share_percent(part: int, whole: int) -> Decimal | None:
    """part / whole in percent to one decimal (half up); None when there is nothing to divide by."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ShareRow:
    customer_id: int | None  # None for the region total
    name: str
    concluded: int
    late: int
    terminated: int

    @property
    def share(self) -> Decimal | None:
        return share_percent(self.late + self.terminated, self.concluded)


@dataclass(frozen=True)
class MonthPoint:
    month: dt.date  # the first day of the month
    concluded: int
    late_or_terminated: int

    @property
    def share(self) -> Decimal | None:
        return share_percent(self.late_or_terminated, self.concluded)


@dataclass(frozen=True)
class RegionContractStats:
    customers: list[ShareRow]  # by share descending, then by name
    total: ShareRow
    trend: list[MonthPoint]  # the last TREND_MONTHS months, oldest first, the current one included


@dataclass
class _Tally:
    name: str
    concluded: int = 0
    late: int = 0
    terminated: int = 0


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def late_contract_ids(contract_ids: Iterable[int], *, today: dt.date, zone: ZoneInfo) -> set[int]:
    stages = (
        Stage.objects.filter(contract_id__in=list(contract_ids))
        .filter(
            Q(status__in=DONE_STAGE_STATUSES) | Q(status__in=UNDELIVERED_STAGE_STATUSES, due_date__lt=today)
        )
        .annotate(
            accepted_at=Min(
                "acceptance_documents__decided_at",
                filter=Q(acceptance_documents__status__in=ACCEPTED_DOCUMENT_STATUSES),
            )
        )
        .values_list("contract_id", "status", "due_date", "accepted_at")
    )
    late: set[int] = set()
    for contract_id, status, due_date, accepted_at in stages:
        overdue_now = status in UNDELIVERED_STAGE_STATUSES
        accepted_late = (
            isinstance(accepted_at, dt.datetime) and accepted_at.astimezone(zone).date() > due_date
        )
        if overdue_now or accepted_late:
            late.add(contract_id)
    return late


def region_contract_stats(*, region: Region, now: dt.datetime) -> RegionContractStats:
    zone = ZoneInfo(region.timezone)
    today = now.astimezone(zone).date()
    contracts = list(
        Contract.objects.filter(
            customer__region=region, status__in=CONCLUDED_STATUSES, concluded_at__isnull=False
        )
        .select_related("customer")
        .order_by("pk")
    )
    late_ids = late_contract_ids((c.pk for c in contracts), today=today, zone=zone)

    months = [_month_start(today, back) for back in range(TREND_MONTHS - 1, -1, -1)]
    month_concluded = dict.fromkeys(months, 0)
    month_bad = dict.fromkeys(months, 0)
    tallies: dict[int, _Tally] = {}
    for contract in contracts:
        tally = tallies.setdefault(contract.customer_id, _Tally(name=contract.customer.display_name))
        tally.concluded += 1
        terminated = contract_effective_status(contract=contract, now=now) == ContractStatus.TERMINATED
        late = not terminated and contract.pk in late_ids
        tally.terminated += terminated
        tally.late += late
        concluded_at = contract.concluded_at
        month = _month_start(concluded_at.astimezone(zone).date()) if concluded_at else None
        if month in month_concluded:
            month_concluded[month] += 1
            month_bad[month] += terminated or late

    rows = [
        ShareRow(customer_id=pk, name=t.name, concluded=t.concluded, late=t.late, terminated=t.terminated)
        for pk, t in tallies.items()
    ]
    rows.sort(key=lambda r: (-(r.share or Decimal(0)), r.name, r.customer_id or 0))
    total = ShareRow(
        customer_id=None,
        name="Итого по региону",
        concluded=sum(r.concluded for r in rows),
        late=sum(r.late for r in rows),
        terminated=sum(r.terminated for r in rows),
    )
    trend = [
        MonthPoint(month=m, concluded=month_concluded[m], late_or_terminated=month_bad[m]) for m in months
    ]
    return RegionContractStats(customers=rows, total=total, trend=trend)
