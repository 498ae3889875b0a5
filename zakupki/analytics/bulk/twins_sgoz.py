"""Twins of formulas/sgoz.py (СГОЗ, К7, К7 against the requirement, К8). The formula's own SgozYear and
SmpVolume are filled with one synthetic row per (part, ground) sum, so the parts, their labels and order,
the totals and the exclusions come from the formula's code; `counted` is emptied everywhere."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

from zakupki.accounts.models import Organization
from zakupki.analytics.bulk.passes import ZERO, ContractTotals
from zakupki.analytics.bulk.run import BulkRun
from zakupki.analytics.bulk.sgoz import SmpTotals
from zakupki.analytics.formulas.base import Counted, IndicatorValue, Part, no_data, percent
from zakupki.analytics.formulas.sgoz import (
    K7_LABEL,
    K8_LABEL,
    NOT_FROM_JANUARY,
    Row,
    SgozYear,
    SmpVolume,
    eis_smp_unknown,
)
from zakupki.rules.engine import rule_value

_SUM = Counted("", "", "")  # stands for the rows a sum came from; dropped before returning


def _bare(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    return tuple(Part(p.key, p.label, p.amount) for p in parts)


def _from_january(run: BulkRun) -> bool:
    return run.period.date_from == dt.date(run.period.date_to.year, 1, 1)


def _sgoz_year(run: BulkRun, customer: Organization) -> SgozYear:
    """`formulas.sgoz.sgoz_year` for one customer, from the bulk sums (built once per customer)."""
    return run.once("sgoz_year", customer.pk, lambda: _build_sgoz_year(run, customer))


def _build_sgoz_year(run: BulkRun, customer: Organization) -> SgozYear:
    period = run.period
    year = period.date_to.year
    data = SgozYear(year=year)
    for totals in (run.sgoz_platform.get(customer.pk), run.sgoz_eis.get(run.eis_key(customer))):
        if totals is not None:
            data.rows += [
                Row(_SUM, customer.inn, part, amount, ground)
                for (part, ground), amount in totals.amounts.items()
            ]
    unplanned = run.unplanned.get(customer.pk, 0)
    if unplanned:
        data.notes.append(f"контрактов без плана оплаты по годам: {unplanned} — в СГОЗ не учтены")
    if not _year_over(run, customer.region_id):
        volume = run.volumes.get(customer.pk)
        if volume is not None:
            rest = volume - sum((r.amount for r in data.rows), ZERO)
            if rest > 0:
                data.remaining += rest
                data.remaining_counted.append(_SUM)
        else:
            data.notes.append(
                f"год {year} не окончен, а плановый СГОЗ указан не у всех заказчиков: С у них считается равной нулю"
            )
    return data


def _year_over(run: BulkRun, region_id: int) -> bool:
    """Whether the period is a whole calendar year already over in the region (then С is not added)."""
    period = run.period

    def over() -> bool:
        zone = ZoneInfo(run.regions_by_id[region_id].timezone)
        return period.date_to == dt.date(period.date_to.year, 12, 31) and (
            period.as_of.astimezone(zone).date() > period.date_to
        )

    return run.once("year_over", region_id, over)


def _smp_volume(run: BulkRun, customer: Organization, *, with_excluded: bool) -> SmpVolume:
    t = run.smp.get(customer.pk, SmpTotals())
    procedures = t.procedures_all if with_excluded else t.procedures_k7
    subcontracts = t.subcontracts_all if with_excluded else t.subcontracts_k7
    return SmpVolume(((_SUM, procedures),), ((_SUM, subcontracts),))


def _eis(run: BulkRun, customer: Organization) -> ContractTotals:
    _, eis = run.contracts(customer)
    return eis or ContractTotals()


def sgoz(run: BulkRun, customer: Organization) -> IndicatorValue:
    label = "СГОЗ = П + Т + С за год; исключения ч. 1.1 ст. 30 показаны отдельно"
    if not _from_january(run):
        return no_data("₽", NOT_FROM_JANUARY, label)
    data = _sgoz_year(run, customer)
    parts = _bare(data.parts())
    if data.total == 0:
        return no_data(
            "₽", f"нет контрактов с оплатой в {data.year} году и планового СГОЗ", label, parts=parts
        )
    return IndicatorValue(
        value=data.total,
        unit="₽",
        numerator=data.total,
        denominator=None,
        label=label,
        parts=parts,
        notes=tuple(data.notes),
    )


def k7_smp_share(run: BulkRun, customer: Organization) -> IndicatorValue:
    return run.once("k7", customer.pk, lambda: _k7_smp_share(run, customer))


def _required_smp_pct(run: BulkRun, region_id: int, year_end: dt.date) -> Decimal:
    """The rule is read once per region, not once per customer."""
    region = run.regions_by_id[region_id]
    return run.once(
        "smp_min_pct", region_id, lambda: Decimal(rule_value("smp.share_min_pct", on=year_end, region=region))
    )


def _k7_smp_share(run: BulkRun, customer: Organization) -> IndicatorValue:
    if not _from_january(run):
        return no_data("%", NOT_FROM_JANUARY, K7_LABEL)
    data = _sgoz_year(run, customer)
    volume = _smp_volume(run, customer, with_excluded=False)
    parts = _bare(data.parts() + volume.parts())
    notes = tuple(data.notes)
    unknown = _eis(run, customer).unexcluded
    if data.total == 0:
        reason = f"нет СГОЗ за {data.year} год: нет оплат по контрактам и планового объёма"
        return no_data("%", reason, K7_LABEL, parts=parts, notes=notes)
    if data.base <= 0:
        reason = (
            f"СГОЗ за {data.year} год за вычетом исключений ч. 1.1 ст. 30 равен нулю: "
            "все закупки года — исключаемые (например, у единственного поставщика)"
        )
        return no_data("%", reason, K7_LABEL, parts=parts, notes=notes)
    if unknown:
        what = f"{data.year} года без исключений ч. 1.1 ст. 30"
        return no_data("%", eis_smp_unknown(unknown, what), K7_LABEL, parts=parts, notes=notes)
    return IndicatorValue(
        value=percent(volume.total, data.base),
        unit="%",
        numerator=volume.total,
        denominator=data.base,
        label=K7_LABEL,
        parts=parts,
        notes=notes,
    )


def k7_requirement_met(run: BulkRun, customer: Organization) -> IndicatorValue:
    k7 = k7_smp_share(run, customer)
    year_end = dt.date(run.period.date_to.year, 12, 31)
    required = _required_smp_pct(run, customer.region_id, year_end)
    label = f"К7 − обязательная доля {required}% (ч. 1 ст. 30 на {year_end:%d.%m.%Y}), п. п.; ≥ 0 — выполнено"
    if k7.value is None or k7.numerator is None or k7.denominator is None:
        return no_data("%", k7.no_data_reason or "нет К7", label, parts=k7.parts, notes=k7.notes)
    margin = (k7.numerator * 100 / k7.denominator - required).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    return dataclasses.replace(k7, value=margin, label=label)


def k8(run: BulkRun, customer: Organization) -> IndicatorValue:
    eis = _eis(run, customer)
    total = run.smp.get(customer.pk, SmpTotals()).price + eis.price
    volume = _smp_volume(run, customer, with_excluded=True)
    parts = _bare((*volume.parts(), Part("vk", "Vк — цена контрактов периода", total)))
    if total == 0:
        return no_data("%", "нет контрактов, заключённых за период", K8_LABEL, parts=parts)
    if eis.count:
        return no_data("%", eis_smp_unknown(eis.count, "периода"), K8_LABEL, parts=parts)
    return IndicatorValue(
        value=percent(volume.total, total),
        unit="%",
        numerator=volume.total,
        denominator=total,
        label=K8_LABEL,
        parts=parts,
    )
