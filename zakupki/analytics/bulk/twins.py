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
        # Adding a row of zeros would change nothing (the sums are ints and Decimals of NUMERIC columns,
        # whose exponent is never positive), and one side is missing for most customers.
        if eis is None:
            return platform or ContractTotals()
        if platform is None:
            return eis
        return platform + eis

    # `id`, not `pk`: the pk property goes through the model's meta, and twins ask it of every customer
    return run.once("contracts", customer.id, total)


# A «нет данных» value that depends on nothing of the customer is built once and shared by every customer
# without data (IndicatorValue is frozen, and its fields are tuples): a national rating holds thousands.
_SAVINGS_WEIGHTED_LABEL = "средневзвешенная экономия: Σ(НМЦК − цена) / ΣНМЦК"
_SAVINGS_WEIGHTED_NONE = no_data("%", NO_NMCK, _SAVINGS_WEIGHTED_LABEL)
_SAVINGS_MEAN_LABEL = "средняя из процентов экономии по контрактам"
_SAVINGS_MEAN_NONE = no_data("%", NO_NMCK, _SAVINGS_MEAN_LABEL)
_SMP_SHARE_LABEL = "доля контрактов с СМП/СОНКО по цене (все контракты периода)"
_SMP_SHARE_NONE = no_data("%", "нет контрактов, заключённых за период", _SMP_SHARE_LABEL)
_AVG_BIDS_LABEL = f"среднее число участников, {SOURCE_LABEL}"
_AVG_BIDS_NONE = no_data("шт", NO_SESSIONS, _AVG_BIDS_LABEL)
_K9_LABEL = "жалобы, признанные обоснованными или частично обоснованными"
_K9_NONE = no_data("шт", NOT_COVERED, _K9_LABEL)


def savings_weighted(run: BulkRun, customer: Organization) -> IndicatorValue:
    t = _contracts(run, customer)
    if not t.priced:
        return _SAVINGS_WEIGHTED_NONE
    return IndicatorValue(
        value=percent(t.priced_saved, t.priced_nmck),
        unit="%",
        numerator=t.priced_saved,
        denominator=t.priced_nmck,
        label=_SAVINGS_WEIGHTED_LABEL,
    )


def savings_mean_pct(run: BulkRun, customer: Organization) -> IndicatorValue:
    t = _contracts(run, customer)
    if not t.priced:
        return _SAVINGS_MEAN_NONE
    count = Decimal(t.priced)
    return IndicatorValue(
        value=(t.pct_sum / count).quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        unit="%",
        numerator=t.pct_sum.quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
        denominator=count,
        label=_SAVINGS_MEAN_LABEL,
    )


def smp_share(run: BulkRun, customer: Organization) -> IndicatorValue:
    t = _contracts(run, customer)
    if not t.count or t.price == ZERO:
        return _SMP_SHARE_NONE
    return IndicatorValue(
        value=percent(t.smp_price, t.price),
        unit="%",
        numerator=t.smp_price,
        denominator=t.price,
        label=_SMP_SHARE_LABEL,
    )


def _execution_share(label: str, hits: Callable[[ContractTotals], int]) -> BulkFormula:
    none = no_data("%", NO_CONTRACTS, label)

    def twin(run: BulkRun, customer: Organization) -> IndicatorValue:
        t = _contracts(run, customer)
        if not t.count:
            return none
        part, whole = Decimal(hits(t)), Decimal(t.count)
        return IndicatorValue(
            value=percent(part, whole), unit="%", numerator=part, denominator=whole, label=label
        )

    return twin


def _session_share(label: str, hits: Callable[[SessionTotals], int]) -> BulkFormula:
    none = no_data("%", NO_SESSIONS, label)

    def twin(run: BulkRun, customer: Organization) -> IndicatorValue:
        s = run.session(customer)
        if s is None:
            return none
        part, whole = Decimal(hits(s)), Decimal(s.count)
        return IndicatorValue(
            value=percent(part, whole), unit="%", numerator=part, denominator=whole, label=label
        )

    return twin


def competition_avg_bids(run: BulkRun, customer: Organization) -> IndicatorValue:
    s = run.session(customer)
    if s is None:
        return _AVG_BIDS_NONE
    participants, count = Decimal(s.participants), Decimal(s.count)
    # quantize without a rounding mode, as the formula does (the context's, half-even)
    return IndicatorValue(
        value=(participants / count).quantize(HUNDREDTH),
        unit="шт",
        numerator=participants,
        denominator=count,
        label=_AVG_BIDS_LABEL,
    )


def k9_justified_complaints(run: BulkRun, customer: Organization) -> IndicatorValue:
    count = run.k9.get(customer.id)
    if count is None:
        return _K9_NONE
    total = Decimal(count)
    return IndicatorValue(value=total, unit="шт", numerator=total, label=_K9_LABEL)


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
