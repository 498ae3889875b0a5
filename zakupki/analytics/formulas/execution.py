"""Late and terminated contracts, with the region dashboard's definitions (`contracts.region_stats`):
a contract counts at most once, terminated (effective status as of `period.as_of`) wins over late.
The base is the contracts concluded in the period; EIS contracts use the import's own flags
(`terminated`, `executed_late`) with the same precedence."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from zakupki.analytics.formulas.base import (
    EIS,
    PLATFORM,
    Counted,
    IndicatorValue,
    Period,
    Scope,
    no_data,
    percent,
)
from zakupki.analytics.formulas.contracts_in_scope import imported_contracts, platform_contracts, platform_ref
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.region_stats import late_contract_ids
from zakupki.contracts.selectors import contract_effective_status

NO_CONTRACTS = "нет контрактов, заключённых за период"


def _classified(scope: Scope, period: Period) -> list[tuple[Counted, bool, bool]]:
    """(what, terminated, late-and-not-terminated) for every contract of the period."""
    contracts = list(platform_contracts(scope, period))
    zone = ZoneInfo(scope.region.timezone)
    late_ids = late_contract_ids(
        (c.pk for c in contracts), today=period.as_of.astimezone(zone).date(), zone=zone
    )
    rows = []
    for c in contracts:
        terminated = contract_effective_status(contract=c, now=period.as_of) == ContractStatus.TERMINATED
        rows.append(
            (Counted(PLATFORM, "contract", platform_ref(c)), terminated, not terminated and c.pk in late_ids)
        )
    rows += [
        (Counted(EIS, "contract", c.reg_num), c.terminated, not c.terminated and c.executed_late)
        for c in imported_contracts(scope, period)
    ]
    return rows


def _share(scope: Scope, period: Period, *, label: str, late: bool) -> IndicatorValue:
    rows = _classified(scope, period)
    if not rows:
        return no_data("%", NO_CONTRACTS, label)
    hits = [what for what, terminated, overdue in rows if (overdue if late else terminated)]
    return IndicatorValue(
        value=percent(Decimal(len(hits)), Decimal(len(rows))),
        unit="%",
        numerator=Decimal(len(hits)),
        denominator=Decimal(len(rows)),
        counted=tuple(hits),
        label=label,
    )


def late_share(scope: Scope, period: Period) -> IndicatorValue:
    """Contracts executed late (and not terminated) ÷ contracts concluded in the period × 100."""
    return _share(scope, period, label="доля контрактов, исполненных с просрочкой", late=True)


def terminated_share(scope: Scope, period: Period) -> IndicatorValue:
    """Contracts terminated ÷ contracts concluded in the period × 100."""
    return _share(scope, period, label="доля расторгнутых контрактов", late=False)
