"""СГОЗ of a year and the SMP share К7 by ст.30 44-ФЗ, and К8 of the Tyumen methodology (domain.md §4.1,
§4.2). The exact definitions, and which of them are our reading [U], are in docs/analytics/k7_k8.md.

Year Y = the year of `period.date_to`; К7 and СГОЗ need a period that starts on 1 January (a year or a
cumulative half-year). Platform contracts and EIS contracts are counted together, each labelled; an EIS
contract in the scope of the SMP volume makes that volume unknown (the open data lack the SMP-only flag and
subcontracts), so К7/К8 say «нет данных» rather than read it as zero.

СГОЗ = П + Т + С, by payment year:
- П: the plan for Y of contracts concluded before Y; Т: the plan for Y of contracts concluded in Y up to
  the period end. A contract terminated before Y counts nothing; one terminated in Y (by `as_of`) counts
  what was paid in Y instead of its plan, since the rest will not be paid.
- С: the rest of the customer's planned volume for Y (CustomerAnnualVolume − П − Т, not below zero) while
  the year is not over; 0 for a year that is over, whose plan either became contracts or lapsed.
- Exclusions: the П and Т amounts of contracts with a ч.1.1 ст.30 ground, by ground. С has none known.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

from django.db.models import QuerySet, Sum

from zakupki.analytics.formulas.base import (
    EIS,
    PLATFORM,
    Counted,
    IndicatorValue,
    Part,
    Period,
    Scope,
    no_data,
    percent,
)
from zakupki.analytics.formulas.contracts_in_scope import platform_ref
from zakupki.contracts.enums import ContractStatus, SgozExclusion
from zakupki.contracts.models import (
    Contract,
    ContractPaymentPlan,
    ContractSubcontract,
    CustomerAnnualVolume,
    Payment,
)
from zakupki.contracts.selectors import contract_effective_status
from zakupki.interop.enums import EisExecutionDocumentKind
from zakupki.interop.models import EisContract, EisContractPaymentYear, EisExecutionDocument, EisTermination
from zakupki.rules.engine import rule_value

ZERO = Decimal(0)
NOT_CONCLUDED = (ContractStatus.DRAFT, ContractStatus.SIGNED_BY_SUPPLIER)
NOT_FROM_JANUARY = (
    "СГОЗ и К7 считаются за календарный год нарастающим итогом: период должен начинаться 1 января"
)


# (value, label) of each ч.1.1 ground in the enum's order: read for every customer of a national rating
GROUNDS = tuple((g.value, str(g.label)) for g in SgozExclusion)
# part labels, shared with the bulk twins (bulk/twins_sgoz.py), which build the same parts from sums
PAYMENT_PARTS = (
    ("П", "П — оплаты года по контрактам прошлых лет"),
    ("Т", "Т — оплаты года по контрактам этого года"),
)
REMAINING_LABEL = "С — оставшийся плановый объём года"
SMP_PROCEDURES_LABEL = "закупки только у СМП/СОНКО (п. 1 ч. 1 ст. 30)"
SMP_SUBCONTRACTS_LABEL = "субподряд с СМП/СОНКО (ч. 5 ст. 30)"
VK_LABEL = "Vк — цена контрактов периода"


@dataclass(frozen=True)
class Row:
    """One contract's share of СГОЗ for the year."""

    what: Counted
    customer_inn: str
    part: str  # "П" or "Т"
    amount: Decimal
    exclusion: str  # SgozExclusion value or ""


@dataclass
class SgozYear:
    year: int
    rows: list[Row] = field(default_factory=list)
    remaining: Decimal = ZERO  # С
    remaining_counted: list[Counted] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def part_amount(self, part: str) -> Decimal:
        return sum((r.amount for r in self.rows if r.part == part), ZERO)

    @property
    def total(self) -> Decimal:
        return self.part_amount("П") + self.part_amount("Т") + self.remaining

    @property
    def excluded(self) -> Decimal:
        return sum((r.amount for r in self.rows if r.exclusion), ZERO)

    @property
    def base(self) -> Decimal:
        """СГОЗ with the ч.1.1 exclusions: the denominator of К7."""
        return self.total - self.excluded

    def parts(self) -> tuple[Part, ...]:
        parts = [
            Part(
                key,
                label,
                self.part_amount(key),
                tuple(r.what for r in self.rows if r.part == key and r.amount),
            )
            for key, label in PAYMENT_PARTS
        ]
        parts.append(Part("С", REMAINING_LABEL, self.remaining, tuple(self.remaining_counted)))
        excluded = [r for r in self.rows if r.exclusion and r.amount]
        for value, label in GROUNDS if excluded else ():
            hits = [r for r in excluded if r.exclusion == value]
            if hits:
                amount = sum((r.amount for r in hits), ZERO)
                parts.append(
                    Part(f"excluded:{value}", f"исключено: {label}", amount, tuple(r.what for r in hits))
                )
        return tuple(parts)


def _local_date(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    return moment.astimezone(zone).date()


def _platform_termination(contract: Contract, as_of: dt.datetime, zone: ZoneInfo) -> dt.date | None:
    """The local date a contract stopped being in force, if it has by `as_of`."""
    if contract_effective_status(contract=contract, now=as_of) != ContractStatus.TERMINATED:
        return None
    moment = contract.terminated_at or contract.termination_effective_at or as_of
    return _local_date(moment, zone)


def _platform_paid_in(contract: Contract, year: int) -> Decimal:
    paid = Payment.objects.filter(document__stage__contract=contract, paid_on__year=year).aggregate(
        total=Sum("amount")
    )["total"]
    return paid or ZERO


def _eis_paid_in(reg_num: str, year: int) -> Decimal:
    paid = EisExecutionDocument.objects.filter(
        execution__reg_num=reg_num, kind=EisExecutionDocumentKind.PAYMENT, date__year=year
    ).aggregate(total=Sum("paid"))["total"]
    return paid or ZERO


def _year_amount(
    planned: Decimal, terminated_on: dt.date | None, year: int, paid_in_year: Decimal
) -> Decimal:
    if terminated_on is None or terminated_on.year > year:
        return planned
    if terminated_on.year < year:
        return ZERO
    return paid_in_year


def _platform_rows(scope: Scope, period: Period, year: int) -> tuple[list[Row], int]:
    zone = ZoneInfo(scope.region.timezone)
    _, end = period.bounds(scope.region)
    contracts = (
        Contract.objects.filter(
            customer__region=scope.region, concluded_at__isnull=False, concluded_at__lt=end
        )
        .exclude(status__in=NOT_CONCLUDED)
        .select_related("customer")
    )
    if scope.customer is not None:
        contracts = contracts.filter(customer=scope.customer)
    planned = dict(
        ContractPaymentPlan.objects.filter(year=year, contract__in=contracts).values_list(
            "contract_id", "amount"
        )
    )
    start_of_year = dt.datetime(year, 1, 1, tzinfo=zone)
    # A contract in force in Y with no plan at all was concluded before plans existed and not backfilled.
    unplanned = contracts.filter(payment_plan__isnull=True, concluded_at__gte=start_of_year).count()
    rows = []
    for contract in contracts.filter(pk__in=planned).order_by("concluded_at", "pk"):
        concluded = contract.concluded_at or end  # never None here (filtered); for the type checker
        terminated_on = _platform_termination(contract, period.as_of, zone)
        paid = _platform_paid_in(contract, year) if terminated_on and terminated_on.year == year else ZERO
        rows.append(
            Row(
                what=Counted(PLATFORM, "contract", platform_ref(contract)),
                customer_inn=contract.customer.inn,
                part="П" if _local_date(concluded, zone).year < year else "Т",
                amount=_year_amount(planned[contract.pk], terminated_on, year, paid),
                exclusion=contract.sgoz_exclusion,
            )
        )
    return rows, unplanned


def _eis_rows(scope: Scope, period: Period, year: int) -> list[Row]:
    plans = EisContractPaymentYear.objects.filter(
        year=year, contract__region_code=scope.region.code, contract__sign_date__lte=period.date_to
    ).select_related("contract")
    if scope.customer is not None:
        plans = plans.filter(contract__customer_inn=scope.customer.inn)
    as_of = period.as_of.astimezone(ZoneInfo(scope.region.timezone)).date()
    reg_nums = [p.contract.reg_num for p in plans]
    terminations: dict[str, dt.date] = {}
    for reg_num, day in EisTermination.objects.filter(
        reg_num__in=reg_nums, termination_date__lte=as_of
    ).values_list("reg_num", "termination_date"):
        terminations[reg_num] = min(day, terminations.get(reg_num, day))
    rows = []
    for plan in plans.order_by("contract__sign_date", "contract__reg_num"):
        contract: EisContract = plan.contract
        terminated_on = terminations.get(contract.reg_num)
        paid = _eis_paid_in(contract.reg_num, year) if terminated_on and terminated_on.year == year else ZERO
        rows.append(
            Row(
                what=Counted(EIS, "contract", contract.reg_num),
                customer_inn=contract.customer_inn,
                part="П" if contract.sign_date.year < year else "Т",
                amount=_year_amount(plan.amount, terminated_on, year, paid),
                exclusion=contract.sgoz_exclusion,
            )
        )
    return rows


def _remaining(scope: Scope, period: Period, sgoz: SgozYear) -> None:
    """С from the customers' annual volumes while the year is not over."""
    zone = ZoneInfo(scope.region.timezone)
    year_over = (
        period.date_to == dt.date(sgoz.year, 12, 31) and _local_date(period.as_of, zone) > period.date_to
    )
    if year_over:
        return
    volumes = CustomerAnnualVolume.objects.filter(
        year=sgoz.year, customer__region=scope.region
    ).select_related("customer")
    if scope.customer is not None:
        volumes = volumes.filter(customer=scope.customer)
    by_inn: dict[str, Decimal] = defaultdict(Decimal)
    for row in sgoz.rows:
        by_inn[row.customer_inn] += row.amount
    planned_inns = set()
    for volume in volumes.order_by("customer__inn"):
        planned_inns.add(volume.customer.inn)
        rest = volume.sgoz - by_inn[volume.customer.inn]
        if rest > 0:
            sgoz.remaining += rest
            sgoz.remaining_counted.append(
                Counted(PLATFORM, "annual_volume", f"{volume.customer.inn}/{sgoz.year}")
            )
    expected = set(by_inn) | ({scope.customer.inn} if scope.customer is not None else set())
    if expected - planned_inns:
        sgoz.notes.append(
            f"год {sgoz.year} не окончен, а плановый СГОЗ указан не у всех заказчиков: "
            "С у них считается равной нулю"
        )


def sgoz_year(scope: Scope, period: Period) -> SgozYear:
    year = period.date_to.year
    platform, unplanned = _platform_rows(scope, period, year)
    sgoz = SgozYear(year=year, rows=platform + _eis_rows(scope, period, year))
    if unplanned:
        sgoz.notes.append(f"контрактов без плана оплаты по годам: {unplanned} — в СГОЗ не учтены")
    _remaining(scope, period, sgoz)
    return sgoz


def _from_january(period: Period) -> bool:
    return period.date_from == dt.date(period.date_to.year, 1, 1)


def sgoz(scope: Scope, period: Period) -> IndicatorValue:
    label = "СГОЗ = П + Т + С за год; исключения ч. 1.1 ст. 30 показаны отдельно"
    if not _from_january(period):
        return no_data("₽", NOT_FROM_JANUARY, label)
    data = sgoz_year(scope, period)
    parts = data.parts()
    if data.total == 0:
        return no_data(
            "₽", f"нет контрактов с оплатой в {data.year} году и планового СГОЗ", label, parts=parts
        )
    return IndicatorValue(
        value=data.total,
        unit="₽",
        numerator=data.total,
        denominator=None,
        counted=tuple(r.what for r in data.rows if r.amount) + tuple(data.remaining_counted),
        label=label,
        parts=parts,
        notes=tuple(data.notes),
    )


@dataclass(frozen=True)
class SmpVolume:
    """V_SMP of ч.1 ст.30: contracts concluded in the period from SMP-only procedures (п.1), and the SMP
    subcontracts (ч.5) concluded in the period under the other contracts of the base."""

    procedures: tuple[tuple[Counted, Decimal], ...]
    subcontracts: tuple[tuple[Counted, Decimal], ...]

    @property
    def total(self) -> Decimal:
        return sum((a for _, a in self.procedures + self.subcontracts), ZERO)

    def parts(self) -> tuple[Part, Part]:
        return (
            Part(
                "smp_procedures",
                SMP_PROCEDURES_LABEL,
                sum((a for _, a in self.procedures), ZERO),
                tuple(w for w, _ in self.procedures),
            ),
            Part(
                "smp_subcontracts",
                SMP_SUBCONTRACTS_LABEL,
                sum((a for _, a in self.subcontracts), ZERO),
                tuple(w for w, _ in self.subcontracts),
            ),
        )


def _period_contracts(scope: Scope, period: Period) -> list[Contract]:
    """Platform contracts concluded in the period, whatever became of them since."""
    start, end = period.bounds(scope.region)
    contracts = (
        Contract.objects.filter(customer__region=scope.region, concluded_at__gte=start, concluded_at__lt=end)
        .exclude(status__in=NOT_CONCLUDED)
        .order_by("concluded_at", "pk")
    )
    if scope.customer is not None:
        contracts = contracts.filter(customer=scope.customer)
    return list(contracts)


def _procedure_amount(contract: Contract, period: Period, zone: ZoneInfo) -> Decimal:
    """A contract terminated by the period end counts what was paid on it, the rest never reached SMP."""
    terminated_on = _platform_termination(contract, period.as_of, zone)
    if terminated_on is not None and terminated_on <= period.date_to:
        paid = Payment.objects.filter(document__stage__contract=contract).aggregate(total=Sum("amount"))[
            "total"
        ]
        return paid or ZERO
    return contract.price


def smp_volume(scope: Scope, period: Period, *, with_excluded: bool) -> SmpVolume:
    """`with_excluded=False` (К7) leaves out contracts with a ч.1.1 ground and their subcontracts, so the
    numerator stays a part of the denominator; К8 has no exclusions."""
    zone = ZoneInfo(scope.region.timezone)
    contracts = _period_contracts(scope, period)
    if not with_excluded:
        contracts = [c for c in contracts if not c.sgoz_exclusion]
    procedures = tuple(
        (Counted(PLATFORM, "contract", platform_ref(c)), _procedure_amount(c, period, zone))
        for c in contracts
        if c.smp_procedure
    )
    subs = ContractSubcontract.objects.filter(
        subcontractor_is_smp=True,
        concluded_on__gte=period.date_from,
        concluded_on__lte=period.date_to,
        contract__customer__region=scope.region,
        contract__smp_procedure=False,  # an SMP-only contract already counts in full
    ).select_related("contract")
    if scope.customer is not None:
        subs = subs.filter(contract__customer=scope.customer)
    if not with_excluded:
        subs = subs.filter(contract__sgoz_exclusion="")
    subcontracts = tuple(
        (Counted(PLATFORM, "subcontract", f"{platform_ref(s.contract)}/{s.subcontractor_inn}"), s.amount)
        for s in subs.order_by("concluded_on", "pk")
    )
    return SmpVolume(procedures, subcontracts)


def _eis_in_period(scope: Scope, period: Period) -> QuerySet[EisContract]:
    contracts = EisContract.objects.filter(
        region_code=scope.region.code, sign_date__gte=period.date_from, sign_date__lte=period.date_to
    )
    if scope.customer is not None:
        contracts = contracts.filter(customer_inn=scope.customer.inn)
    return contracts.order_by("sign_date", "reg_num")


def eis_smp_unknown(count: int, what: str) -> str:
    """An EIS contract document says neither whether the procedure was SMP-only nor what was subcontracted:
    with such a contract in the SMP volume's scope that volume is unknown, and a share of it would be a
    guess (counting them as «not SMP» would read a lower bound as the figure)."""
    return (
        f"у контрактов ЕИС {what} ({count}) в открытых данных нет признака закупки только у СМП/СОНКО "
        "и сведений о субподряде: объём закупок у СМП неизвестен"
    )


K7_LABEL = "К7 = V_СМП ÷ (СГОЗ − исключения ч. 1.1 ст. 30) × 100"


def k7_smp_share(scope: Scope, period: Period) -> IndicatorValue:
    if not _from_january(period):
        return no_data("%", NOT_FROM_JANUARY, K7_LABEL)
    data = sgoz_year(scope, period)
    volume = smp_volume(scope, period, with_excluded=False)
    parts = data.parts() + volume.parts()
    notes = tuple(data.notes)
    unknown = _eis_in_period(scope, period).filter(sgoz_exclusion="").count()
    if data.total == 0:
        return no_data(
            "%",
            f"нет СГОЗ за {data.year} год: нет оплат по контрактам и планового объёма",
            K7_LABEL,
            parts=parts,
            notes=notes,
        )
    if data.base <= 0:
        return no_data(
            "%",
            f"СГОЗ за {data.year} год за вычетом исключений ч. 1.1 ст. 30 равен нулю: "
            "все закупки года — исключаемые (например, у единственного поставщика)",
            K7_LABEL,
            parts=parts,
            notes=notes,
        )
    if unknown:
        what = f"{data.year} года без исключений ч. 1.1 ст. 30"
        return no_data("%", eis_smp_unknown(unknown, what), K7_LABEL, parts=parts, notes=notes)
    return IndicatorValue(
        value=percent(volume.total, data.base),
        unit="%",
        numerator=volume.total,
        denominator=data.base,
        counted=tuple(w for w, _ in volume.procedures + volume.subcontracts),
        label=K7_LABEL,
        parts=parts,
        notes=notes,
    )


def k7_requirement_met(scope: Scope, period: Period) -> IndicatorValue:
    """К7 minus the share ч.1 ст.30 requires on the year's last day (15% before 2022, 25% since), in
    percentage points: ≥ 0 — met. Rounded down, so a share a hair below the requirement never shows 0.00."""
    k7 = k7_smp_share(scope, period)
    year_end = dt.date(period.date_to.year, 12, 31)
    required = Decimal(rule_value("smp.share_min_pct", on=year_end, region=scope.region))
    label = f"К7 − обязательная доля {required}% (ч. 1 ст. 30 на {year_end:%d.%m.%Y}), п. п.; ≥ 0 — выполнено"
    if k7.value is None or k7.numerator is None or k7.denominator is None:
        return no_data("%", k7.no_data_reason or "нет К7", label, parts=k7.parts, notes=k7.notes)
    margin = (k7.numerator * 100 / k7.denominator - required).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    return IndicatorValue(
        value=margin,
        unit="%",
        numerator=k7.numerator,
        denominator=k7.denominator,
        counted=k7.counted,
        label=label,
        parts=k7.parts,
        notes=k7.notes,
    )


K8_LABEL = "К8 = (Vсмп + Vсуб) ÷ Vк × 100: все контракты периода, без исключений"


def k8(scope: Scope, period: Period) -> IndicatorValue:
    contracts = _period_contracts(scope, period)
    eis = _eis_in_period(scope, period)
    eis_rows = list(eis.values_list("reg_num", "price"))
    total = sum((c.price for c in contracts), ZERO) + sum((price for _, price in eis_rows), ZERO)
    volume = smp_volume(scope, period, with_excluded=True)
    vk = Part(
        "vk",
        VK_LABEL,
        total,
        tuple(Counted(PLATFORM, "contract", platform_ref(c)) for c in contracts)
        + tuple(Counted(EIS, "contract", reg_num) for reg_num, _ in eis_rows),
    )
    parts = (*volume.parts(), vk)
    if total == 0:
        return no_data("%", "нет контрактов, заключённых за период", K8_LABEL, parts=parts)
    if eis_rows:
        return no_data("%", eis_smp_unknown(len(eis_rows), "периода"), K8_LABEL, parts=parts)
    return IndicatorValue(
        value=percent(volume.total, total),
        unit="%",
        numerator=volume.total,
        denominator=total,
        counted=tuple(w for w, _ in volume.procedures + volume.subcontracts),
        label=K8_LABEL,
        parts=parts,
    )
