"""One twin per key of FORMULAS: the same figure from the bulk passes. Labels and «нет данных» reasons are
the formulas' own words (repeated here where the formula keeps them inline; the equality test catches
a drift)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from zakupki.accounts.models import Organization
from zakupki.analytics.bulk import twins_sgoz
from zakupki.analytics.bulk.passes import ZERO, ContractTotals, SessionTotals
from zakupki.analytics.bulk.run import BulkFormula, BulkRun
from zakupki.analytics.formulas.base import HUNDREDTH, IndicatorValue, no_data, percent
from zakupki.analytics.formulas.competition import NO_SESSIONS, SOURCE_LABEL
from zakupki.analytics.formulas.complaints import NOT_COVERED
from zakupki.analytics.formulas.execution import NO_CONTRACTS
from zakupki.analytics.formulas.savings import NO_NMCK


def _contracts(run: BulkRun, customer: Organization) -> ContractTotals:
    def total() -> ContractTotals:
        platform, eis = run.contracts(customer)
        return (platform or ContractTotals()) + (eis or ContractTotals())

    return run.once("contracts", customer.pk, total)


def _value(value: Decimal, unit: str, numerator: Decimal, denominator: Decimal, label: str) -> IndicatorValue:
    return IndicatorValue(value=value, unit=unit, numerator=numerator, denominator=denominator, label=label)


def savings_weighted(run: BulkRun, customer: Organization) -> IndicatorValue:
    label = "средневзвешенная экономия: Σ(НМЦК − цена) / ΣНМЦК"
    t = _contracts(run, customer)
    if not t.priced:
        return no_data("%", NO_NMCK, label)
    return _value(percent(t.priced_saved, t.priced_nmck), "%", t.priced_saved, t.priced_nmck, label)


def savings_mean_pct(run: BulkRun, customer: Organization) -> IndicatorValue:
    label = "средняя из процентов экономии по контрактам"
    t = _contracts(run, customer)
    if not t.priced:
        return no_data("%", NO_NMCK, label)
    count = Decimal(t.priced)
    return _value(
        (t.pct_sum / count).quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        "%",
        t.pct_sum.quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        count,
        label,
    )


def smp_share(run: BulkRun, customer: Organization) -> IndicatorValue:
    label = "доля контрактов с СМП/СОНКО по цене (все контракты периода)"
    t = _contracts(run, customer)
    if not t.count or t.price == ZERO:
        return no_data("%", "нет контрактов, заключённых за период", label)
    return _value(percent(t.smp_price, t.price), "%", t.smp_price, t.price, label)


def _execution_share(label: str, hits: Callable[[ContractTotals], int]) -> BulkFormula:
    def twin(run: BulkRun, customer: Organization) -> IndicatorValue:
        t = _contracts(run, customer)
        if not t.count:
            return no_data("%", NO_CONTRACTS, label)
        part, whole = Decimal(hits(t)), Decimal(t.count)
        return _value(percent(part, whole), "%", part, whole, label)

    return twin


def _session_share(label: str, hits: Callable[[SessionTotals], int]) -> BulkFormula:
    def twin(run: BulkRun, customer: Organization) -> IndicatorValue:
        s = run.session(customer)
        if s is None:
            return no_data("%", NO_SESSIONS, label)
        part, whole = Decimal(hits(s)), Decimal(s.count)
        return _value(percent(part, whole), "%", part, whole, label)

    return twin


def competition_avg_bids(run: BulkRun, customer: Organization) -> IndicatorValue:
    label = f"среднее число участников, {SOURCE_LABEL}"
    s = run.session(customer)
    if s is None:
        return no_data("шт", NO_SESSIONS, label)
    participants, count = Decimal(s.participants), Decimal(s.count)
    # quantize without a rounding mode, as the formula does (the context's, half-even)
    return _value((participants / count).quantize(HUNDREDTH), "шт", participants, count, label)


def k9_justified_complaints(run: BulkRun, customer: Organization) -> IndicatorValue:
    label = "жалобы, признанные обоснованными или частично обоснованными"
    if customer.pk not in run.k9:
        return no_data("шт", NOT_COVERED, label)
    total = Decimal(run.k9[customer.pk])
    return IndicatorValue(value=total, unit="шт", numerator=total, label=label)


BULK: dict[str, BulkFormula] = {
    "savings_weighted": savings_weighted,
    "savings_mean_pct": savings_mean_pct,
    "competition_avg_bids": competition_avg_bids,
    "single_bid_share": _session_share(f"доля сессий с одним участником, {SOURCE_LABEL}", lambda s: s.single),
    "failed_share": _session_share(f"доля несостоявшихся сессий, {SOURCE_LABEL}", lambda s: s.failed),
    "failed_or_single_share": _session_share(
        f"доля несостоявшихся сессий и сессий с одним участником, {SOURCE_LABEL}",
        lambda s: s.failed_or_single,
    ),
    "smp_share": smp_share,
    "late_share": _execution_share("доля контрактов, исполненных с просрочкой", lambda t: t.late),
    "terminated_share": _execution_share("доля расторгнутых контрактов", lambda t: t.terminated),
    "k9_justified_complaints": k9_justified_complaints,
    "sgoz": twins_sgoz.sgoz,
    "k7_smp_share": twins_sgoz.k7_smp_share,
    "k7_requirement_met": twins_sgoz.k7_requirement_met,
    "k8": twins_sgoz.k8,
}
