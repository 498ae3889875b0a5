"""The public region dashboard: what a region concluded in a year, platform contracts and imported EIS
contracts together, every figure labelled with where it comes from.

The shares (savings, SMP, late, terminated) are the indicator formulas themselves, computed for the
whole region (`Scope(region)`), so the dashboard and the customers' rating can never disagree. A year
without a single contract is «нет данных» (`region_dashboard` returns None), never a page of zeros.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from zakupki.accounts.models import Organization, Region
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import EIS, HUNDREDTH, PLATFORM, IndicatorValue, Period, Scope
from zakupki.analytics.formulas.contracts_in_scope import imported_contracts, platform_contracts
from zakupki.core.errors import ValidationFailed
from zakupki.core.timeutil import MONTHS_RU
from zakupki.interop.models import EisContractSupplier

FIRST_YEAR = 2014  # 44-FZ is in force since 01.01.2014: nothing before it is comparable
TOP_REGIONS = 5
OTHER_REGIONS = "прочие регионы"
UNKNOWN_REGION = "регион не указан"
SOURCE_NAMES = {PLATFORM: "площадка", EIS: "ЕИС"}
# The dashboard's shares, in the order the page shows them: (formula, heading, inputs are rubles).
SHARES = (
    ("savings_weighted", "Экономия (средневзвешенная)", True),
    ("savings_mean_pct", "Экономия (средняя из процентов)", False),
    ("smp_share", "Доля СМП/СОНКО", True),
    ("late_share", "Доля контрактов, исполненных с просрочкой", False),
    ("terminated_share", "Доля расторгнутых контрактов", False),
)


def year_parse(raw: str | None, *, region: Region, now: dt.datetime) -> int:
    """The year asked for (the current year in the region's zone when none is given), or a field error."""
    current = now.astimezone(ZoneInfo(region.timezone)).year
    if raw is None or raw.strip() == "":
        return current
    text = raw.strip()
    if not text.isdigit() or len(text) != 4:
        raise ValidationFailed({"year": "Год — четыре цифры, например 2025"})
    year = int(text)
    if not FIRST_YEAR <= year <= current:
        raise ValidationFailed({"year": f"Год — от {FIRST_YEAR} до {current}"})
    return year


@dataclass(frozen=True)
class Sources:
    """How many contracts of a figure's base come from each source."""

    platform: int
    eis: int

    @property
    def label(self) -> str:
        return f"{SOURCE_NAMES[PLATFORM]} — {self.platform}, {SOURCE_NAMES[EIS]} — {self.eis}"


@dataclass(frozen=True)
class Share:
    key: str  # the formula's name in FORMULAS
    title: str
    result: IndicatorValue
    sources: Sources
    money_inputs: bool  # numerator and denominator are rubles (else counts or summed percents)


@dataclass(frozen=True)
class DayPoint:
    day: dt.date
    count: int
    amount: Decimal


@dataclass(frozen=True)
class MonthPoint:
    month: int  # 1..12
    count: int
    amount: Decimal
    days: int  # calendar days of the month inside the counted period (0 for months still ahead)

    @property
    def name(self) -> str:
        return MONTHS_RU[self.month - 1]

    @property
    def per_day(self) -> Decimal | None:
        return None if self.days == 0 else per_day(self.count, self.days)


@dataclass(frozen=True)
class SupplierRegionRow:
    name: str  # the region's name, «регион NN» when it is not on the platform, or «прочие регионы»
    code: str  # "" for «прочие регионы» and for suppliers without a known region
    suppliers: int
    contracts: int
    amount: Decimal
    regions: int = 1  # how many regions the row stands for («прочие регионы» counts them)


@dataclass(frozen=True)
class Dashboard:
    region: Region
    year: int
    period: Period
    days: int  # calendar days of the year counted for «per day»: up to today in the current year
    count: int
    amount: Decimal
    sources: Sources
    platform_amount: Decimal
    eis_amount: Decimal
    daily: tuple[DayPoint, ...]  # every counted day, 1 January first
    monthly: tuple[MonthPoint, ...]  # January..December
    shares: tuple[Share, ...]
    supplier_regions: tuple[SupplierRegionRow, ...]  # the top TOP_REGIONS, then «прочие регионы»
    suppliers: int  # distinct suppliers (by ИНН) of the year's contracts

    @property
    def per_day(self) -> Decimal:
        return per_day(self.count, self.days)


def per_day(count: int, days: int) -> Decimal:
    return (Decimal(count) / Decimal(days)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _counted_days(year: int, today: dt.date) -> int:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (min(last, today) - first).days + 1


@dataclass(frozen=True)
class _Row:
    """One contract of the year, whatever its source."""

    source: str
    day: dt.date
    amount: Decimal
    suppliers: tuple[tuple[str, str], ...]  # (ИНН, region code) of each supplier


def _rows(region: Region, period: Period) -> list[_Row]:
    zone = ZoneInfo(region.timezone)
    scope = Scope(region=region)
    rows = []
    for contract in platform_contracts(scope, period).select_related("supplier__region"):
        assert contract.concluded_at is not None  # noqa: S101 — the queryset filters on it
        supplier = contract.supplier
        rows.append(
            _Row(
                PLATFORM,
                contract.concluded_at.astimezone(zone).date(),
                contract.price,
                ((supplier.inn, supplier.region.code),),
            )
        )
    imported = list(imported_contracts(scope, period))
    inns: dict[int, list[str]] = {}
    for contract_id, inn in EisContractSupplier.objects.filter(
        contract_id__in=[c.pk for c in imported]
    ).values_list("contract_id", "inn"):
        inns.setdefault(contract_id, []).append(inn)
    known = dict(
        Organization.objects.filter(inn__in={i for found in inns.values() for i in found}).values_list(
            "inn", "region__code"
        )
    )
    for eis in imported:
        suppliers = tuple((inn, _inn_region(inn, known)) for inn in sorted(inns.get(eis.pk, [])))
        rows.append(_Row(EIS, eis.sign_date, eis.price, suppliers))
    return rows


def _inn_region(inn: str, known: dict[str, str]) -> str:
    """A supplier registered on the platform is where its card says; otherwise the first two digits of
    its ИНН, the code of the tax office that issued it, which is the region of registration."""
    if inn in known:
        return known[inn]
    return inn[:2] if len(inn) >= 2 and inn[:2].isdigit() else ""


def _supplier_regions(rows: list[_Row]) -> tuple[tuple[SupplierRegionRow, ...], int]:
    region_of: dict[str, str] = {}
    contracts: Counter[str] = Counter()
    amounts: dict[str, Decimal] = {}
    for number, row in enumerate(rows):
        codes = {code for _, code in row.suppliers}
        for inn, code in row.suppliers:
            # A supplier without an ИНН cannot be matched to another contract's: it counts on its own.
            region_of.setdefault(inn or f"без ИНН {number}", code)
        for code in codes:
            contracts[code] += 1
            amounts[code] = amounts.get(code, Decimal(0)) + row.amount
    suppliers: Counter[str] = Counter(region_of.values())
    names = dict(Region.objects.filter(code__in=list(suppliers)).values_list("code", "name"))
    ranked = sorted(suppliers, key=lambda code: (-suppliers[code], code == "", code))
    table = [
        SupplierRegionRow(
            name=names.get(code, f"регион {code}") if code else UNKNOWN_REGION,
            code=code,
            suppliers=suppliers[code],
            contracts=contracts[code],
            amount=amounts[code],
        )
        for code in ranked[:TOP_REGIONS]
    ]
    rest = ranked[TOP_REGIONS:]
    if rest:
        table.append(
            SupplierRegionRow(
                name=OTHER_REGIONS,
                code="",
                suppliers=sum(suppliers[c] for c in rest),
                contracts=sum(contracts[c] for c in rest),
                amount=sum((amounts[c] for c in rest), Decimal(0)),
                regions=len(rest),
            )
        )
    return tuple(table), len(region_of)


def _series(rows: list[_Row], year: int, days: int) -> tuple[tuple[DayPoint, ...], tuple[MonthPoint, ...]]:
    first = dt.date(year, 1, 1)
    counts: Counter[dt.date] = Counter()
    amounts: dict[dt.date, Decimal] = {}
    for row in rows:
        counts[row.day] += 1
        amounts[row.day] = amounts.get(row.day, Decimal(0)) + row.amount
    daily = tuple(
        DayPoint(day, counts[day], amounts.get(day, Decimal("0.00")))
        for day in (first + dt.timedelta(days=n) for n in range(days))
    )
    monthly = tuple(
        MonthPoint(
            month=month,
            count=sum(p.count for p in daily if p.day.month == month),
            amount=sum((p.amount for p in daily if p.day.month == month), Decimal("0.00")),
            days=sum(1 for p in daily if p.day.month == month),
        )
        for month in range(1, 13)
    )
    return daily, monthly


def region_dashboard(*, region: Region, year: int, now: dt.datetime) -> Dashboard | None:
    """The region's year in figures; None when no contract of the year is known from any source."""
    period = Period.year(year, as_of=now)
    rows = _rows(region, period)
    if not rows:
        return None
    today = now.astimezone(ZoneInfo(region.timezone)).date()
    days = _counted_days(year, today)
    daily, monthly = _series(rows, year, days)
    sources = Sources(
        platform=sum(1 for r in rows if r.source == PLATFORM), eis=sum(1 for r in rows if r.source == EIS)
    )
    scope = Scope(region=region)
    shares = []
    for key, title, money_inputs in SHARES:
        result = FORMULAS[key](scope, period)
        if key.startswith("savings"):
            # Savings only see contracts with a known НМЦК: their own base is what they counted.
            base = Sources(
                platform=sum(1 for c in result.counted if c.source == PLATFORM),
                eis=sum(1 for c in result.counted if c.source == EIS),
            )
        else:
            base = sources
        shares.append(Share(key, title, result, base, money_inputs))
    supplier_regions, suppliers = _supplier_regions(rows)
    return Dashboard(
        region=region,
        year=year,
        period=period,
        days=days,
        count=len(rows),
        amount=sum((r.amount for r in rows), Decimal("0.00")),
        sources=sources,
        platform_amount=sum((r.amount for r in rows if r.source == PLATFORM), Decimal("0.00")),
        eis_amount=sum((r.amount for r in rows if r.source == EIS), Decimal("0.00")),
        daily=daily,
        monthly=monthly,
        shares=tuple(shares),
        supplier_regions=supplier_regions,
        suppliers=suppliers,
    )
