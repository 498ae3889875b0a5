"""The formula registry: methodology files name formulas by these keys, and nothing else."""

from __future__ import annotations

from zakupki.analytics.formulas.base import Formula
from zakupki.analytics.formulas.competition import (
    competition_avg_bids,
    failed_or_single_share,
    failed_share,
    single_bid_share,
)
from zakupki.analytics.formulas.complaints import k9_justified_complaints
from zakupki.analytics.formulas.execution import late_share, terminated_share
from zakupki.analytics.formulas.savings import savings_mean_pct, savings_weighted
from zakupki.analytics.formulas.sgoz import k7_requirement_met, k7_smp_share, k8, sgoz
from zakupki.analytics.formulas.smp import smp_share

FORMULAS: dict[str, Formula] = {
    "savings_weighted": savings_weighted,
    "savings_mean_pct": savings_mean_pct,
    "competition_avg_bids": competition_avg_bids,
    "single_bid_share": single_bid_share,
    "failed_share": failed_share,
    "failed_or_single_share": failed_or_single_share,
    "smp_share": smp_share,
    "late_share": late_share,
    "terminated_share": terminated_share,
    "k9_justified_complaints": k9_justified_complaints,
    "sgoz": sgoz,
    "k7_smp_share": k7_smp_share,
    "k7_requirement_met": k7_requirement_met,
    "k8": k8,
}
