"""Bulk passes for СГОЗ, К7 and К8 (formulas/sgoz.py): the П/Т amounts of the year's payment plans, the
unplanned contracts, the annual volumes (С), V_SMP from SMP-only contracts and SMP subcontracts, and Vк.

A contract's year amount follows `formulas.sgoz._year_amount`: the plan, unless the contract was terminated
by `as_of` — then nothing for a year after its termination and what was paid in the year of it. Platform
contracts in force are summed by one GROUP BY; the terminated ones (a few per cent) by another, where a
CASE over the local termination date (`passes.ended_on`) reads their payments by a correlated subquery.
EIS rows keep a CASE over the first termination with the year's payments the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from zakupki.accounts.models import Region
from zakupki.analytics.bulk.passes import ZERO, ended_on, in_scope, money, terminated_q
from zakupki.analytics.formulas.base import Period
from zakupki.analytics.formulas.sgoz import NOT_CONCLUDED
from zakupki.contracts.models import (
    Contract,
    ContractPaymentPlan,
    ContractSubcontract,
    CustomerAnnualVolume,
    Payment,
)
from zakupki.interop.enums import EisExecutionDocumentKind
from zakupki.interop.models import EisContractPaymentYear, EisExecutionDocument, EisTermination

_MONEY = DecimalField(max_digits=20, decimal_places=2)


def _money_sum(queryset: Any, *, key: str, column: str) -> Subquery:
    """The sum of `column` over the rows of `queryset` that belong to the outer row (grouped by `key`)."""
    return Subquery(
        queryset.order_by().values(key).annotate(total=Sum(column)).values("total")[:1], output_field=_MONEY
    )


@dataclass
class SgozTotals:
    """One customer's (platform) or one ИНН's (EIS) year amounts by (part "П"/"Т", ч.1.1 ground or "")."""

    amounts: dict[tuple[str, str], Decimal] = field(default_factory=dict)

    def add(self, part: str, ground: str, amount: Decimal) -> None:
        self.amounts[part, ground] = self.amounts.get((part, ground), ZERO) + amount


def _paid(contract: str, *, year: int | None = None) -> Subquery:
    """What was paid under the outer row's contract (its field `contract`), in `year` or in all."""
    payments = Payment.objects.filter(document__stage__contract=OuterRef(contract))
    if year is not None:
        payments = payments.filter(paid_on__year=year)
    return _money_sum(payments, key="document__stage__contract", column="amount")


def platform_sgoz(regions: Sequence[Region], period: Period) -> dict[int, SgozTotals]:
    """The year's planned payments by customer, part and ground. A contract in force counts its plan; one
    terminated by `as_of` counts `formulas.sgoz._year_amount` — nothing after the year of its termination,
    what was paid in that year. Two GROUP BYs: the terminated ones (a few per cent) separately, so that only
    they evaluate the correlated sum of payments and the scan of the rest stays parallel."""
    year = period.date_to.year
    terminated = terminated_q("contract__", period.as_of)
    plans = ContractPaymentPlan.objects.filter(
        in_scope("contract__customer__", regions), year=year, contract__concluded_on__lte=period.date_to
    ).exclude(contract__status__in=NOT_CONCLUDED)
    part = Case(When(contract__concluded_on__lt=dt.date(year, 1, 1), then=Value("П")), default=Value("Т"))
    year_amount = Case(
        When(ended_on__year__gt=year, then=F("amount")),
        When(ended_on__year__lt=year, then=Value(ZERO)),
        default=Coalesce(_paid("contract_id", year=year), Value(ZERO), output_field=_MONEY),
        output_field=_MONEY,
    )
    ended = plans.filter(terminated).alias(ended_on=ended_on("contract__", period.as_of))
    result: dict[int, SgozTotals] = defaultdict(SgozTotals)
    for rows, amount in ((plans.exclude(terminated), F("amount")), (ended, year_amount)):
        grouped = (
            rows.annotate(part=part)
            .values("contract__customer_id", "part", "contract__sgoz_exclusion")
            .annotate(total=Sum(amount))
            .order_by()
        )
        for row in grouped:
            result[row["contract__customer_id"]].add(
                row["part"], row["contract__sgoz_exclusion"], money(row["total"])
            )
    return dict(result)


def unplanned_counts(regions: Sequence[Region], period: Period) -> dict[int, int]:
    """Contracts concluded in the year up to the period end with no payment plan at all."""
    year = period.date_to.year
    rows = (
        Contract.objects.filter(
            in_scope("customer__", regions),
            concluded_on__gte=dt.date(year, 1, 1),
            concluded_on__lte=period.date_to,
        )
        .exclude(status__in=NOT_CONCLUDED)
        .filter(~Exists(ContractPaymentPlan.objects.filter(contract=OuterRef("pk"))))
        .values("customer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["customer_id"]: row["n"] for row in rows}


def _as_of_days(regions: Sequence[Region], as_of: dt.datetime) -> dict[str, dt.date]:
    return {r.code: as_of.astimezone(ZoneInfo(r.timezone)).date() for r in regions}


def eis_sgoz(regions: Sequence[Region], period: Period) -> dict[tuple[str, str], SgozTotals]:
    year = period.date_to.year
    days = _as_of_days(regions, period.as_of)
    as_of_day = Case(
        *(When(contract__region_code=code, then=Value(day)) for code, day in days.items()),
        output_field=DateField(),
    )
    first_termination = Subquery(
        EisTermination.objects.filter(
            reg_num=OuterRef("contract__reg_num"), termination_date__lte=OuterRef("as_of_day")
        )
        .order_by("termination_date")
        .values("termination_date")[:1]
    )
    paid_in_year = _money_sum(
        EisExecutionDocument.objects.filter(
            execution__reg_num=OuterRef("contract__reg_num"),
            kind=EisExecutionDocumentKind.PAYMENT,
            date__year=year,
        ),
        key="execution__reg_num",
        column="paid",
    )
    end_year = Case(
        When(terminated_on__isnull=True, then=F("amount")),
        When(terminated_on__year__gt=year, then=F("amount")),
        When(terminated_on__year__lt=year, then=Value(ZERO)),
        default=Coalesce(paid_in_year, Value(ZERO), output_field=_MONEY),
        output_field=_MONEY,
    )
    rows = (
        EisContractPaymentYear.objects.filter(
            year=year, contract__region_code__in=list(days), contract__sign_date__lte=period.date_to
        )
        .alias(as_of_day=as_of_day)
        .alias(terminated_on=first_termination)
        .annotate(part=Case(When(contract__sign_date__year__lt=year, then=Value("П")), default=Value("Т")))
        .values("contract__region_code", "contract__customer_inn", "part", "contract__sgoz_exclusion")
        .annotate(total=Sum(end_year))
        .order_by()
    )
    result: dict[tuple[str, str], SgozTotals] = defaultdict(SgozTotals)
    for row in rows:
        key = (row["contract__region_code"], row["contract__customer_inn"])
        result[key].add(row["part"], row["contract__sgoz_exclusion"], money(row["total"]))
    return dict(result)


def annual_volumes(regions: Sequence[Region], period: Period) -> dict[int, Decimal]:
    rows = CustomerAnnualVolume.objects.filter(
        year=period.date_to.year, customer__region__in=list(regions)
    ).values_list("customer_id", "sgoz")
    return {customer_id: money(sgoz) for customer_id, sgoz in rows}


@dataclass
class SmpTotals:
    """One customer's platform contracts concluded in the period (any status): Vк and V_SMP."""

    price: Decimal = ZERO  # Vк
    procedures_all: Decimal = ZERO  # SMP-only contracts (К8)
    procedures_k7: Decimal = ZERO  # the same without a ч.1.1 ground (К7)
    subcontracts_all: Decimal = ZERO
    subcontracts_k7: Decimal = ZERO


def smp_procedure_sums(period: Period) -> dict[str, Any]:
    """The SMP-only procedures in force, summed in the platform contract scan (`passes.platform_contract_totals`,
    whose rows are these: concluded in the period, not a draft): plain filtered sums, which PostgreSQL can
    run in parallel workers (a correlated subquery would pin the whole scan to one process). The terminated
    ones are `_terminated_procedures`."""
    smp_in_force = Q(smp_procedure=True) & ~terminated_q("", period.as_of)
    return {
        "smp_all": Sum("price", filter=smp_in_force),
        "smp_k7": Sum("price", filter=smp_in_force & Q(sgoz_exclusion="")),
    }


def _terminated_procedures(regions: Sequence[Region], period: Period) -> list[tuple[int, str, Decimal]]:
    """(customer id, ч.1.1 ground, amount) of the SMP-only contracts of the period terminated by `as_of`:
    `formulas.sgoz._procedure_amount` — terminated by the period end, what was paid; later, the price."""
    amount = Case(
        When(ended_on__gt=period.date_to, then=F("price")),
        default=Coalesce(_paid("pk"), Value(ZERO), output_field=_MONEY),
        output_field=_MONEY,
    )
    rows = (
        Contract.objects.filter(
            terminated_q("", period.as_of),
            in_scope("customer__", regions),
            smp_procedure=True,
            concluded_on__gte=period.date_from,
            concluded_on__lte=period.date_to,
        )
        .exclude(status__in=NOT_CONCLUDED)
        .alias(ended_on=ended_on("", period.as_of))
        .values("customer_id", "sgoz_exclusion")
        .annotate(total=Sum(amount))
        .values_list("customer_id", "sgoz_exclusion", "total")
        .order_by()
    )
    return [(customer_id, ground, money(total)) for customer_id, ground, total in rows]


def smp_totals(
    regions: Sequence[Region],
    period: Period,
    prices: Mapping[int, Decimal],
    procedures: Mapping[int, Mapping[str, Any]],
) -> dict[int, SmpTotals]:
    """Vк (`prices`) and the SMP-only procedures in force (`smp_procedure_sums`) from the platform scan, the
    terminated ones, and the SMP subcontracts of the period (of contracts not SMP-only: their whole price
    already counts)."""
    result: dict[int, SmpTotals] = defaultdict(SmpTotals)
    for customer_id, row in procedures.items():
        t = result[customer_id]
        t.price = prices[customer_id]
        t.procedures_all, t.procedures_k7 = money(row["smp_all"]), money(row["smp_k7"])
    for customer_id, ground, amount in _terminated_procedures(regions, period):
        t = result[customer_id]
        t.procedures_all += amount
        if not ground:
            t.procedures_k7 += amount
    subs = (
        ContractSubcontract.objects.filter(
            in_scope("contract__customer__", regions),
            subcontractor_is_smp=True,
            concluded_on__gte=period.date_from,
            concluded_on__lte=period.date_to,
            contract__smp_procedure=False,
        )
        .values("contract__customer_id")
        .annotate(t_all=Sum("amount"), t_k7=Sum("amount", filter=Q(contract__sgoz_exclusion="")))
        .order_by()
    )
    for sub in subs:
        t = result[sub["contract__customer_id"]]
        t.subcontracts_all, t.subcontracts_k7 = money(sub["t_all"]), money(sub["t_k7"])
    return dict(result)
