from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import EIS, PLATFORM, Counted, Period, Scope
from zakupki.analytics.tests import builders as b
from zakupki.analytics.tests.conftest import AS_OF, YEAR_2025, World


def _refs(world: World, *contracts: str) -> tuple[Counted, ...]:
    return tuple(Counted(PLATFORM, "contract", ref) for ref in contracts)


def test_savings_weighted_sums_rubles_over_contracts_with_known_nmck(world: World) -> None:
    result = FORMULAS["savings_weighted"](Scope(world.region, world.school), YEAR_2025)

    assert result.value == Decimal("13.33")
    assert result.numerator == Decimal("800.00")
    assert result.denominator == Decimal("6000.00")
    assert result.counted == (
        *_refs(world, world.c1.registry_number or "", world.c2.registry_number or ""),
        Counted(EIS, "contract", "2720000000125000001"),
    )
    assert result.label == "средневзвешенная экономия: Σ(НМЦК − цена) / ΣНМЦК"


def test_savings_mean_pct_averages_the_percentages(world: World) -> None:
    result = FORMULAS["savings_mean_pct"](Scope(world.region, world.school), YEAR_2025)

    assert result.value == Decimal("11.67")
    assert result.numerator == Decimal("35.00")
    assert result.denominator == Decimal(3)
    assert result.label == "средняя из процентов экономии по контрактам"


def test_savings_without_nmck_is_no_data_not_zero(world: World) -> None:
    c = b.buyer(world.region, "ГКУ ТО «Без НМЦК»")
    b.contract(c, price="10.00", nmck=None, concluded_at=b.local(2025, 8, 1))

    result = FORMULAS["savings_weighted"](Scope(world.region, c), YEAR_2025)

    assert result.value is None
    assert result.no_data_reason == "нет контрактов с известной НМЦК за период"


def test_competition_counts_sessions_summed_up_in_the_period(world: World) -> None:
    scope = Scope(world.region, world.school)

    avg = FORMULAS["competition_avg_bids"](scope, YEAR_2025)
    single = FORMULAS["single_bid_share"](scope, YEAR_2025)
    failed = FORMULAS["failed_share"](scope, YEAR_2025)

    assert (avg.value, avg.numerator, avg.denominator) == (Decimal("1.33"), Decimal(4), Decimal(3))
    assert (single.value, single.numerator, single.denominator) == (Decimal("33.33"), Decimal(1), Decimal(3))
    assert (failed.value, failed.numerator, failed.denominator) == (Decimal("33.33"), Decimal(1), Decimal(3))
    either = FORMULAS["failed_or_single_share"](scope, YEAR_2025)
    assert (either.value, either.numerator, either.denominator) == (Decimal("66.67"), Decimal(2), Decimal(3))
    assert len(avg.counted) == 3


def test_competition_without_sessions_is_no_data(world: World) -> None:
    result = FORMULAS["competition_avg_bids"](Scope(world.region, world.clinic), YEAR_2025)

    assert result.value is None
    assert result.no_data_reason == "нет котировочных сессий, завершённых за период"


def test_smp_share_is_by_price_over_all_contracts_both_sources(world: World) -> None:
    result = FORMULAS["smp_share"](Scope(world.region, world.school), YEAR_2025)

    assert result.value == Decimal("57.89")
    assert result.numerator == Decimal("3300.00")
    assert result.denominator == Decimal("5700.00")
    assert result.counted == (
        *_refs(world, world.c1.registry_number or "", world.c3.registry_number or ""),
        Counted(EIS, "contract", "2720000000125000001"),
    )


def test_late_and_terminated_follow_the_dashboard_definitions(world: World) -> None:
    scope = Scope(world.region, world.school)

    late = FORMULAS["late_share"](scope, YEAR_2025)
    terminated = FORMULAS["terminated_share"](scope, YEAR_2025)

    assert (late.value, late.numerator, late.denominator) == (Decimal("25.00"), Decimal(1), Decimal(4))
    assert late.counted == _refs(world, world.c3.registry_number or "")
    assert (terminated.value, terminated.numerator) == (Decimal("25.00"), Decimal(1))
    assert terminated.counted == _refs(world, world.c2.registry_number or "")


def test_terminated_eis_contract_counts_once_and_not_as_late(world: World) -> None:
    b.eis_contract(
        world.clinic,
        reg_num="2720000000125000002",
        price="50.00",
        nmck=None,
        signed=dt.date(2025, 9, 1),
        smp=False,
        terminated=True,
    )

    result = FORMULAS["terminated_share"](Scope(world.region, world.clinic), YEAR_2025)

    assert (result.value, result.numerator, result.denominator) == (Decimal("50.00"), Decimal(1), Decimal(2))
    assert result.counted == (Counted(EIS, "contract", "2720000000125000002"),)


def test_contract_concluded_after_local_midnight_belongs_to_the_local_year(world: World) -> None:
    result = FORMULAS["savings_weighted"](Scope(world.region, world.clinic), YEAR_2025)

    assert (result.value, result.denominator) == (Decimal("0.00"), Decimal("100.00"))


def test_k9_counts_justified_and_partly_justified_decided_in_the_period(world: World) -> None:
    result = FORMULAS["k9_justified_complaints"](Scope(world.region, world.school), YEAR_2025)

    assert result.value == Decimal(1)
    assert len(result.counted) == 1
    assert result.counted[0].kind == "complaint"


def test_k9_is_zero_for_a_covered_customer_without_complaints(world: World) -> None:
    assert FORMULAS["k9_justified_complaints"](Scope(world.region, world.clinic), YEAR_2025).value == Decimal(
        0
    )


def test_k9_is_no_data_when_the_region_joined_after_the_period_start(world: World) -> None:
    period = Period.year(2023, as_of=AS_OF)

    result = FORMULAS["k9_justified_complaints"](Scope(world.region, world.school), period)

    assert result.value is None
    assert result.no_data_reason is not None
    assert result.no_data_reason.startswith("жалобы на заказчика не рассматривались")


def test_region_scope_adds_up_its_customers(world: World) -> None:
    result = FORMULAS["savings_weighted"](Scope(world.region), YEAR_2025)

    assert (result.numerator, result.denominator) == (Decimal("800.00"), Decimal("6100.00"))
    assert result.value == Decimal("13.11")
