"""Bulk passes for СГОЗ, К7 and К8 (formulas/sgoz.py): the П/Т amounts of the year's payment plans, the
unplanned contracts, the annual volumes (С), V_SMP from SMP-only contracts and SMP subcontracts, and Vк.

A contract's year amount follows `formulas.sgoz._year_amount`: the plan, unless the contract was terminated
by `as_of` — then nothing for a year after its termination and what was paid in the year of it. Platform
contracts in force are summed by one GROUP BY; the terminated ones (a few per cent) by their local termination
date (`passes.ended_on`): the plan, or their payments joined — a correlated sum per contract runs in one
process (0.05 ms × 400 000 contracts at 10 M). EIS rows keep a CASE over the first termination with the
year's payments as a correlated subquery (EIS terminations are few).
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


_PAID_CONTRACT = "document__stage__contract__"  # a payment's contract


def _grouped(rows: Any, prefix: str, amount: str, keys: tuple[str, ...]) -> Any:
    """Σ `amount` of `rows` by the contract's customer, ч.1.1 ground and `keys` (contract reached by `prefix`)."""
    return (
        rows.values(f"{prefix}customer_id", f"{prefix}sgoz_exclusion", *keys)
        .annotate(total=Sum(amount))
        .values_list(f"{prefix}customer_id", f"{prefix}sgoz_exclusion", *keys, "total")
        .order_by()
    )


def platform_sgoz(
    regions: Sequence[Region], period: Period, *, customers: Sequence[int] | None = None
) -> dict[int, SgozTotals]:
    """The year's planned payments by customer, part and ground. A contract in force counts its plan; one
    terminated by `as_of` counts `formulas.sgoz._year_amount` — its plan if it ended after the year, nothing
    if before, what was paid in the year if it ended in it. Three GROUP BYs of joins, none correlated, so
    PostgreSQL runs each in parallel: plans of contracts in force, plans of those that ended after the
    year, payments of the year of those that ended in it (their plan row of the year joined, as the
    formula reads only contracts with one)."""
    year = period.date_to.year
    january, december = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def contracts(prefix: str) -> Q:
        return (
            in_scope(f"{prefix}customer__", regions, customers)
            & Q(**{f"{prefix}concluded_on__lte": period.date_to})
            & ~Q(**{f"{prefix}status__in": NOT_CONCLUDED})
        )

    def part(prefix: str) -> Case:
        return Case(When(**{f"{prefix}concluded_on__lt": january}, then=Value("П")), default=Value("Т"))

    plans = ContractPaymentPlan.objects.filter(contracts("contract__"), year=year)
    terminated = terminated_q("contract__", period.as_of)
    ended_later = (
        plans.filter(terminated)
        .alias(ended_on=ended_on("contract__", period.as_of))
        .filter(ended_on__gt=december)
    )
    paid = (
        Payment.objects.filter(
            contracts(_PAID_CONTRACT),
            terminated_q(_PAID_CONTRACT, period.as_of),
            paid_on__year=year,
            **{f"{_PAID_CONTRACT}payment_plan__year": year},
        )
        .alias(ended_on=ended_on(_PAID_CONTRACT, period.as_of))
        .filter(ended_on__gte=january, ended_on__lte=december)
    )
    result: dict[int, SgozTotals] = defaultdict(SgozTotals)
    for rows, prefix, amount in (
        (plans.exclude(terminated), "contract__", "amount"),
        (ended_later, "contract__", "amount"),
        (paid, _PAID_CONTRACT, "amount"),
    ):
        for customer_id, ground, part_key, total in _grouped(
            rows.annotate(part=part(prefix)), prefix, amount, ("part",)
        ):
            result[customer_id].add(part_key, ground, money(total))
    return dict(result)


def unplanned_counts(
    regions: Sequence[Region], period: Period, *, customers: Sequence[int] | None = None
) -> dict[int, int]:
    """Contracts concluded in the year up to the period end with no payment plan at all."""
    year = period.date_to.year
    rows = (
        Contract.objects.filter(
            in_scope("customer__", regions, customers),
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


def _terminated_procedures(
    regions: Sequence[Region], period: Period, customers: Sequence[int] | None
) -> list[tuple[int, str, Decimal]]:
    """(customer id, ч.1.1 ground, amount) of the SMP-only contracts of the period terminated by `as_of`:
    `formulas.sgoz._procedure_amount` — ended after the period, the price; by its end, what was paid (all
    payments). Two GROUP BYs, neither correlated."""

    def contracts(prefix: str) -> Q:
        return (
            terminated_q(prefix, period.as_of)
            & in_scope(f"{prefix}customer__", regions, customers)
            & Q(
                **{
                    f"{prefix}smp_procedure": True,
                    f"{prefix}concluded_on__gte": period.date_from,
                    f"{prefix}concluded_on__lte": period.date_to,
                }
            )
            & ~Q(**{f"{prefix}status__in": NOT_CONCLUDED})
        )

    later = (
        Contract.objects.filter(contracts(""))
        .alias(ended_on=ended_on("", period.as_of))
        .filter(ended_on__gt=period.date_to)
    )
    paid = (
        Payment.objects.filter(contracts(_PAID_CONTRACT))
        .alias(ended_on=ended_on(_PAID_CONTRACT, period.as_of))
        .filter(ended_on__lte=period.date_to)
    )
    return [
        (customer_id, ground, money(total))
        for rows, prefix, amount in ((later, "", "price"), (paid, _PAID_CONTRACT, "amount"))
        for customer_id, ground, total in _grouped(rows, prefix, amount, ())
    ]


def smp_totals(
    regions: Sequence[Region],
    period: Period,
    prices: Mapping[int, Decimal],
    procedures: Mapping[int, Mapping[str, Any]],
    *,
    customers: Sequence[int] | None = None,
) -> dict[int, SmpTotals]:
    """Vк (`prices`) and the SMP-only procedures in force (`smp_procedure_sums`) from the platform scan, the
    terminated ones, and the SMP subcontracts of the period (of contracts not SMP-only: their whole price
    already counts)."""
    result: dict[int, SmpTotals] = defaultdict(SmpTotals)
    for customer_id, row in procedures.items():
        t = result[customer_id]
        t.price = prices[customer_id]
        t.procedures_all, t.procedures_k7 = money(row["smp_all"]), money(row["smp_k7"])
    for customer_id, ground, amount in _terminated_procedures(regions, period, customers):
        t = result[customer_id]
        t.procedures_all += amount
        if not ground:
            t.procedures_k7 += amount
    subs = (
        ContractSubcontract.objects.filter(
            in_scope("contract__customer__", regions, customers),
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
