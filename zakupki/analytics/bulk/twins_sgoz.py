"""Twins of formulas/sgoz.py (СГОЗ, К7, К7 against the requirement, К8). They build the parts the formula's
SgozYear and SmpVolume give, from one sum per (part, ground), in the same order, with the formula's labels
and the same additions (so even a Decimal's exponent matches); `counted` is empty everywhere. A national
rating asks this of every customer, so a customer's СГОЗ is summed once and shared by СГОЗ and К7."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from zakupki.accounts.models import Organization
from zakupki.analytics.bulk.passes import ZERO, ContractTotals
from zakupki.analytics.bulk.run import BulkRun
from zakupki.analytics.bulk.sgoz import SmpTotals
from zakupki.analytics.formulas.base import HUNDREDTH, IndicatorValue, Part, no_data, percent
from zakupki.analytics.formulas.sgoz import (
    GROUNDS,
    K7_LABEL,
    K8_LABEL,
    NOT_FROM_JANUARY,
    PAYMENT_PARTS,
    REMAINING_LABEL,
    SMP_PROCEDURES_LABEL,
    SMP_SUBCONTRACTS_LABEL,
    VK_LABEL,
    eis_smp_unknown,
)
from zakupki.rules.engine import rule_value

SGOZ_LABEL = "СГОЗ = П + Т + С за год; исключения ч. 1.1 ст. 30 показаны отдельно"
# (ground, key, label) of the exclusion parts, in the order SgozYear.parts lists them
_EXCLUDED_PARTS = tuple((value, f"excluded:{value}", f"исключено: {label}") for value, label in GROUNDS)


class _Sgoz(NamedTuple):
    """What SgozYear gives the twins: its parts without `counted`, total, base and notes."""

    year: int
    parts: tuple[Part, ...]
    total: Decimal
    base: Decimal
    notes: tuple[str, ...]


def _from_january(run: BulkRun) -> bool:
    return run.period.date_from == dt.date(run.period.date_to.year, 1, 1)


def _sgoz_year(run: BulkRun, customer: Organization) -> _Sgoz:
    """`formulas.sgoz.sgoz_year` for one customer, from the bulk sums (built once per customer)."""
    return run.once("sgoz_year", customer.id, lambda: _build_sgoz_year(run, customer))


def _build_sgoz_year(run: BulkRun, customer: Organization) -> _Sgoz:
    # Each sum starts from ZERO and adds the rows in SgozYear's order (platform, then EIS): its part
    # amounts, total, exclusions and С come out as SgozYear's, exponent included.
    year = run.period.date_to.year
    by_part = {"П": ZERO, "Т": ZERO}
    rows = excluded = ZERO
    by_ground: dict[str, Decimal] = {}
    for totals in (run.sgoz_platform.get(customer.id), run.sgoz_eis.get(run.eis_key(customer))):
        if totals is None:
            continue
        for (part, ground), amount in totals.amounts.items():
            by_part[part] = by_part.get(part, ZERO) + amount
            rows += amount
            if ground:
                excluded += amount
                if amount:
                    by_ground[ground] = by_ground.get(ground, ZERO) + amount
    notes, remaining = _remaining(run, customer, year, rows)
    parts = [Part(key, label, by_part[key]) for key, label in PAYMENT_PARTS]
    parts.append(Part("С", REMAINING_LABEL, remaining))
    parts += [
        Part(key, label, by_ground[ground]) for ground, key, label in _EXCLUDED_PARTS if ground in by_ground
    ]
    total = by_part["П"] + by_part["Т"] + remaining
    return _Sgoz(year, tuple(parts), total, total - excluded, tuple(notes))


def _remaining(run: BulkRun, customer: Organization, year: int, rows: Decimal) -> tuple[list[str], Decimal]:
    """The notes of `formulas.sgoz.sgoz_year` and its С for one customer whose rows sum to `rows`."""
    notes = []
    unplanned = run.unplanned.get(customer.id, 0)
    if unplanned:
        notes.append(f"контрактов без плана оплаты по годам: {unplanned} — в СГОЗ не учтены")
    remaining = ZERO
    if not _year_over(run, customer.region_id):
        volume = run.volumes.get(customer.id)
        if volume is not None:
            rest = volume - rows
            if rest > 0:
                remaining += rest
        else:
            notes.append(
                f"год {year} не окончен, а плановый СГОЗ указан не у всех заказчиков: С у них считается равной нулю"
            )
    return notes, remaining


def _year_over(run: BulkRun, region_id: int) -> bool:
    """Whether the period is a whole calendar year already over in the region (then С is not added)."""
    period = run.period

    def over() -> bool:
        zone = ZoneInfo(run.regions_by_id[region_id].timezone)
        return period.date_to == dt.date(period.date_to.year, 12, 31) and (
            period.as_of.astimezone(zone).date() > period.date_to
        )

    return run.once("year_over", region_id, over)


_NO_SMP = SmpTotals()


def _smp_parts(procedures: Decimal, subcontracts: Decimal) -> tuple[tuple[Part, Part], Decimal]:
    """SmpVolume's parts and total for one sum of each half (each starts from ZERO, as SmpVolume adds)."""
    parts = (
        Part("smp_procedures", SMP_PROCEDURES_LABEL, ZERO + procedures),
        Part("smp_subcontracts", SMP_SUBCONTRACTS_LABEL, ZERO + subcontracts),
    )
    return parts, ZERO + procedures + subcontracts


def _eis(run: BulkRun, customer: Organization) -> ContractTotals | None:
    return run.eis.get(run.eis_key(customer))


def sgoz(run: BulkRun, customer: Organization) -> IndicatorValue:
    if not _from_january(run):
        return no_data("₽", NOT_FROM_JANUARY, SGOZ_LABEL)
    data = _sgoz_year(run, customer)
    if data.total == 0:
        reason = f"нет контрактов с оплатой в {data.year} году и планового СГОЗ"
        return no_data("₽", reason, SGOZ_LABEL, parts=data.parts)
    return IndicatorValue(
        value=data.total,
        unit="₽",
        numerator=data.total,
        denominator=None,
        label=SGOZ_LABEL,
        parts=data.parts,
        notes=data.notes,
    )


def k7_smp_share(run: BulkRun, customer: Organization) -> IndicatorValue:
    return run.once("k7", customer.id, lambda: _k7_smp_share(run, customer))


def _requirement(run: BulkRun, region_id: int) -> tuple[Decimal, str]:
    """The required SMP share on the year's last day and the label naming it: the rule is read once per
    region, not once per customer."""

    def read() -> tuple[Decimal, str]:
        year_end = dt.date(run.period.date_to.year, 12, 31)
        required = Decimal(rule_value("smp.share_min_pct", on=year_end, region=run.regions_by_id[region_id]))
        label = (
            f"К7 − обязательная доля {required}% (ч. 1 ст. 30 на {year_end:%d.%m.%Y}), п. п.; ≥ 0 — выполнено"
        )
        return required, label

    return run.once("smp_requirement", region_id, read)


def _k7_smp_share(run: BulkRun, customer: Organization) -> IndicatorValue:
    if not _from_january(run):
        return no_data("%", NOT_FROM_JANUARY, K7_LABEL)
    data = _sgoz_year(run, customer)
    t = run.smp.get(customer.id, _NO_SMP)
    smp_parts, smp_total = _smp_parts(t.procedures_k7, t.subcontracts_k7)
    parts = data.parts + smp_parts
    notes = data.notes
    if data.total == 0:
        reason = f"нет СГОЗ за {data.year} год: нет оплат по контрактам и планового объёма"
        return no_data("%", reason, K7_LABEL, parts=parts, notes=notes)
    if data.base <= 0:
        reason = (
            f"СГОЗ за {data.year} год за вычетом исключений ч. 1.1 ст. 30 равен нулю: "
            "все закупки года — исключаемые (например, у единственного поставщика)"
        )
        return no_data("%", reason, K7_LABEL, parts=parts, notes=notes)
    eis = _eis(run, customer)
    if eis is not None and eis.unexcluded:
        what = f"{data.year} года без исключений ч. 1.1 ст. 30"
        return no_data("%", eis_smp_unknown(eis.unexcluded, what), K7_LABEL, parts=parts, notes=notes)
    return IndicatorValue(
        value=percent(smp_total, data.base),
        unit="%",
        numerator=smp_total,
        denominator=data.base,
        label=K7_LABEL,
        parts=parts,
        notes=notes,
    )


def k7_requirement_met(run: BulkRun, customer: Organization) -> IndicatorValue:
    k7 = k7_smp_share(run, customer)
    required, label = _requirement(run, customer.region_id)
    if k7.value is None or k7.numerator is None or k7.denominator is None:
        return no_data("%", k7.no_data_reason or "нет К7", label, parts=k7.parts, notes=k7.notes)
    margin = (k7.numerator * 100 / k7.denominator - required).quantize(HUNDREDTH, rounding=ROUND_FLOOR)
    # К7's own fields with the margin and this label (what dataclasses.replace gave, without its overhead)
    return IndicatorValue(
        value=margin,
        unit=k7.unit,
        numerator=k7.numerator,
        denominator=k7.denominator,
        counted=k7.counted,
        label=label,
        no_data_reason=k7.no_data_reason,
        parts=k7.parts,
        notes=k7.notes,
    )


def k8(run: BulkRun, customer: Organization) -> IndicatorValue:
    eis = _eis(run, customer) or ContractTotals()
    t = run.smp.get(customer.id, _NO_SMP)
    total = t.price + eis.price
    smp_parts, smp_total = _smp_parts(t.procedures_all, t.subcontracts_all)
    parts = (*smp_parts, Part("vk", VK_LABEL, total))
    if total == 0:
        return no_data("%", "нет контрактов, заключённых за период", K8_LABEL, parts=parts)
    if eis.count:
        return no_data("%", eis_smp_unknown(eis.count, "периода"), K8_LABEL, parts=parts)
    return IndicatorValue(
        value=percent(smp_total, total),
        unit="%",
        numerator=smp_total,
        denominator=total,
        label=K8_LABEL,
        parts=parts,
    )
