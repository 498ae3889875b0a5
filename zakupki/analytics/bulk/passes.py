"""The single-pass aggregates behind the bulk indicators: each query reads one kind of row once for every
customer of the scope (GROUP BY customer) and sums everything several formulas need from it.

The period is the region's calendar year. Contracts and acceptance decisions carry their local date
(`concluded_on`, `decided_on`, kept by save()), so their passes compare dates; sessions convert their
closing instant with `LocalDate` (in SQL on both backends), and one query covers any number of regions.
Sums of money come back as exact Decimals; ratios are taken in Python with the formulas' own rounding.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from zakupki.accounts.models import Organization, Region
from zakupki.analytics.formulas.base import HUNDREDTH, Period
from zakupki.analytics.formulas.competition import NOT_SUMMED_UP
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, Stage
from zakupki.contracts.region_stats import (
    CONCLUDED_STATUSES,
    DONE_STAGE_STATUSES,
    UNDELIVERED_STAGE_STATUSES,
)
from zakupki.interop.selectors import eis_contracts
from zakupki.oversight.selectors import complaint_k9_counts
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession

ZERO = Decimal(0)
# (НМЦК − цена) × 100 ÷ НМЦК is summed in SQL with 30 decimal places, beyond the formula's 28 significant
# digits, so the sum rounds to the same hundredth (the per-customer formula sums Python Decimals).
_PRECISE = DecimalField(max_digits=50, decimal_places=30)


_MONEY_TOTALS = ("price", "smp_price", "priced_nmck", "priced_saved")


def money(value: Decimal | None) -> Decimal:
    """A sum of kopeck amounts to kopecks: SQLite sums DECIMAL columns as floats (exact after rounding)."""
    return ZERO if value is None else Decimal(value).quantize(HUNDREDTH)


class LocalDate(Func):
    """The local calendar date of an instant in a time zone named by another expression (a column)."""

    output_field = DateField()
    arity = 2

    def as_postgresql(self, compiler: Any, conn: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, conn, template="((%(expressions)s)::date)", arg_joiner=" AT TIME ZONE ")

    def as_sqlite(self, compiler: Any, conn: Any, **extra: Any) -> Any:  # type: ignore[override]
        template = f"django_datetime_cast_date(%(expressions)s, '{connection.timezone_name}')"
        return self.as_sql(compiler, conn, template=template)


class _Dividend(Cast):
    """The numerator of a per-row percentage. SQLite's NUMERIC keeps whole rubles as integers, so 312000 /
    3125 would divide as integers (99, not 99.84); there it is a REAL, as its other money sums already are."""

    def as_sqlite(self, compiler: Any, conn: Any, **extra: Any) -> Any:  # type: ignore[override]
        return self.as_sql(compiler, conn, template="CAST(%(expressions)s AS REAL)", **extra)


@dataclass
class ContractTotals:
    """One customer's concluded contracts of the period (platform rows, or EIS rows of one ИНН)."""

    count: int = 0
    price: Decimal = ZERO
    smp_price: Decimal = ZERO
    priced: int = 0  # with a positive НМЦК
    priced_nmck: Decimal = ZERO
    priced_saved: Decimal = ZERO
    pct_sum: Decimal = ZERO  # Σ (НМЦК − цена) × 100 ÷ НМЦК over the priced ones
    terminated: int = 0
    late: int = 0  # late and not terminated
    unexcluded: int = 0  # without a ч.1.1 ст.30 ground (К7 needs it of EIS contracts)

    def __add__(self, other: ContractTotals) -> ContractTotals:
        return ContractTotals(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))


def _sums(
    *, price: str, nmck: str, smp: Q, terminated: Q, late: Q | None, mean_pct: bool = True
) -> dict[str, Any]:
    """The aggregates of `ContractTotals`; the mean of percentages only when asked for: its per-row
    division in 30 decimal places is the dearest part of the scan (about 40% of it on PostgreSQL)."""
    priced = Q(**{f"{nmck}__gt": 0})
    saved = ExpressionWrapper(F(nmck) - F(price), output_field=DecimalField(max_digits=21, decimal_places=2))
    pct = ExpressionWrapper(_Dividend(saved * 100, _PRECISE) / F(nmck), output_field=_PRECISE)
    # "t_" names: an aggregate may not take the name of a model field it sums
    sums = {
        "t_count": Count("pk"),
        "t_price": Sum(price),
        "t_smp_price": Sum(price, filter=smp),
        "t_priced": Count("pk", filter=priced),
        "t_priced_nmck": Sum(nmck, filter=priced),
        "t_priced_saved": Sum(saved, filter=priced),
        "t_terminated": Count("pk", filter=terminated),
        "t_unexcluded": Count("pk", filter=Q(sgoz_exclusion="")),
    }
    if mean_pct:
        sums["t_pct_sum"] = Sum(pct, filter=priced)
    if late is not None:
        sums["t_late"] = Count("pk", filter=late & ~terminated)
    return sums


def _totals(row: Mapping[str, object]) -> ContractTotals:
    values: dict[str, Any] = {}
    for k in ContractTotals.__dataclass_fields__:
        values[k] = row.get(f"t_{k}") or ZERO
        if k in _MONEY_TOTALS:
            values[k] = money(values[k])
    return ContractTotals(**values)


def in_scope(prefix: str, regions: Sequence[Region], customers: Sequence[int] | None = None) -> Q:
    """Rows of organizations (reached by `prefix`) in the regions, and among `customers` when given; no
    region condition, so no join, when the scope is every region of the platform (the national run)."""
    ids = {r.pk for r in regions}
    chosen = Q() if customers is None else Q(**{f"{prefix}id__in": sorted(customers)})
    if len(ids) == Region.objects.count():
        return chosen
    return chosen & Q(**{f"{prefix}region__in": sorted(ids)})


def terminated_q(prefix: str, as_of: dt.datetime) -> Q:
    """`contract_effective_status(...) == TERMINATED` as a condition on a contract (reached by `prefix`)."""
    return Q(**{f"{prefix}status": ContractStatus.TERMINATED}) | Q(
        **{
            f"{prefix}status": ContractStatus.TERMINATION_PENDING,
            f"{prefix}termination_effective_at__lte": as_of,
        }
    )


def ended_on(prefix: str, as_of: dt.datetime) -> LocalDate:
    """The local date a terminated contract (reached by `prefix`) stopped being in force, as
    `formulas.sgoz._platform_termination` takes it: terminated, else effective, else `as_of`."""
    moment = Coalesce(
        f"{prefix}terminated_at", f"{prefix}termination_effective_at", Value(as_of, DateTimeField())
    )
    return LocalDate(moment, F(f"{prefix}customer__region__timezone"))


def _past_due(regions: Sequence[Region], as_of: dt.datetime) -> Q:
    """A stage's due date is behind its region's today: regions grouped by their local date of `as_of`
    (one group most of the day, two around midnight), so no time-zone conversion per row."""
    groups: dict[dt.date, list[int]] = defaultdict(list)
    for r in regions:
        groups[as_of.astimezone(ZoneInfo(r.timezone)).date()].append(r.pk)
    if len(groups) == 1:
        return Q(due_date__lt=next(iter(groups)))
    return reduce(
        operator.or_,
        (Q(due_date__lt=day, contract__customer__region__in=ids) for day, ids in sorted(groups.items())),
    )


def _late_counts(regions: Sequence[Region], period: Period) -> dict[int, int]:
    """{customer id: contracts late and not terminated} (region_stats.late_contract_ids): the period's
    contracts that have a late stage.

    A stage is late when it is still undelivered past its due date as of the region's today, or when it
    is done and its first accepted decision (`first_accepted_on`, the decision's date in the customer's
    region) came after its due date; a done stage without any accepted document has no date to judge.
    """
    late_stage = Q(_past_due(regions, period.as_of), status__in=UNDELIVERED_STAGE_STATUSES) | Q(
        status__in=DONE_STAGE_STATUSES, first_accepted_on__gt=F("due_date")
    )
    # contracts with a late stage (a semi-join), counted per customer: no COUNT(DISTINCT), which PostgreSQL
    # can only finish in one process after sorting every late stage by customer
    rows = (
        Contract.objects.filter(
            in_scope("customer__", regions),
            status__in=CONCLUDED_STATUSES,
            concluded_on__gte=period.date_from,
            concluded_on__lte=period.date_to,
            pk__in=Stage.objects.filter(late_stage).values("contract_id"),
        )
        .exclude(terminated_q("", period.as_of))
        .values("customer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["customer_id"]: row["n"] for row in rows}


def platform_contract_totals(
    regions: Sequence[Region],
    period: Period,
    *,
    extra: Mapping[str, Any] | None = None,
    late: bool = True,
    mean_pct: bool = True,
    customers: Sequence[int] | None = None,
) -> tuple[dict[int, ContractTotals], dict[int, dict[str, Any]]]:
    """{customer id: totals} over platform contracts concluded in the period (`platform_contracts`), and
    {customer id: {name: value}} of the `extra` aggregates other passes add to the same scan.

    The late ones are counted by a second query over the stages (`_late_counts`), skipped with `late=False`
    (then `late` stays 0), as is the sum behind the mean of percentages with `mean_pct=False`. `customers`
    narrows the scope to those customers.
    """
    terminated = terminated_q("", period.as_of)
    concluded = Contract.objects.filter(
        in_scope("customer__", regions, customers),
        status__in=CONCLUDED_STATUSES,
        concluded_on__gte=period.date_from,
        concluded_on__lte=period.date_to,
    )
    sums = _sums(
        price="price",
        nmck="nmck",
        smp=Q(supplier_is_smp=True),
        terminated=terminated,
        late=None,
        mean_pct=mean_pct,
    )
    wanted = dict(extra or {})
    rows: Iterable[Mapping[str, Any]] = concluded.values("customer_id").annotate(**sums, **wanted).order_by()
    result: dict[int, ContractTotals] = {}
    extras: dict[int, dict[str, Any]] = {}
    for row in rows:
        result[row["customer_id"]] = _totals(row)
        extras[row["customer_id"]] = {name: row[name] for name in wanted}
    if late:
        add_late_counts(result, regions, period)
    return result, extras


def add_late_counts(totals: Mapping[int, ContractTotals], regions: Sequence[Region], period: Period) -> None:
    """Set `late` on the totals of the customers in `totals` (a late contract's customer has totals, unless
    the run asked for only some of the scope's customers)."""
    for customer_id, n in _late_counts(regions, period).items():
        if customer_id in totals:
            totals[customer_id].late = n


def eis_contract_totals(regions: Sequence[Region], period: Period) -> dict[tuple[str, str], ContractTotals]:
    """{(region code, customer ИНН): totals} over imported EIS contracts signed in the period."""
    rows = (
        eis_contracts()
        .filter(
            region_code__in=[r.code for r in regions],
            sign_date__gte=period.date_from,
            sign_date__lte=period.date_to,
        )
        .values("region_code", "customer_inn")
        .annotate(
            **_sums(
                price="price",
                nmck="nmck",
                smp=Q(supplier_is_smp=True),
                terminated=Q(terminated=True),
                late=Q(executed_late=True),
            )
        )
        .order_by()
    )
    return {(row["region_code"], row["customer_inn"]): _totals(row) for row in rows}


@dataclass(frozen=True)
class SessionTotals:
    count: int
    participants: int
    single: int
    failed: int
    failed_or_single: int


def session_totals(regions: Sequence[Region], period: Period) -> dict[tuple[int, int], SessionTotals]:
    """{(region id, customer id): totals} over quotation sessions summed up in the period."""
    single = Q(participants_count=1)
    failed = Q(status=SessionStatus.FAILED)
    rows = (
        QuotationSession.objects.filter(region__in=list(regions))
        .exclude(status__in=NOT_SUMMED_UP)
        .alias(day=LocalDate(F("closed_at"), F("region__timezone")))
        .filter(day__gte=period.date_from, day__lte=period.date_to)
        .values("region_id", "customer_id")
        .annotate(
            s_count=Count("pk"),
            s_participants=Sum("participants_count"),
            s_single=Count("pk", filter=single),
            s_failed=Count("pk", filter=failed),
            s_failed_or_single=Count("pk", filter=single | failed),
        )
        .order_by()
    )
    return {
        (row["region_id"], row["customer_id"]): SessionTotals(
            row["s_count"],
            row["s_participants"] or 0,
            row["s_single"],
            row["s_failed"],
            row["s_failed_or_single"],
        )
        for row in rows
    }


def k9_counts(regions: Sequence[Region], period: Period) -> dict[int, int]:
    """`complaint_k9_counts` is already set-based (one query per call); a customer absent is «нет данных»."""
    if len(regions) == 1:
        return complaint_k9_counts(region=regions[0], date_from=period.date_from, date_to=period.date_to)
    counts = complaint_k9_counts(date_from=period.date_from, date_to=period.date_to)
    if not in_scope("", regions):  # every region: nothing to leave out
        return counts
    wanted = set(Organization.objects.filter(region__in=list(regions)).values_list("pk", flat=True))
    return {pk: n for pk, n in counts.items() if pk in wanted}
