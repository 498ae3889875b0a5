"""The public region dashboard on the small 2025 world of conftest: every figure worked out by hand.

Contracts of 2025 in the region's calendar: four on the platform (school: 900 of НМЦК 1000, СМП;
2400 of 3000, terminated; 500 without НМЦК, СМП, late; clinic: 100 of 100 at 00:30 on 1 January local
time) and one imported from the EIS (1900 of 2000, СМП supplier with ИНН 7701000000)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zakupki.analytics.dashboard import (
    OTHER_REGIONS,
    DayPoint,
    Sources,
    SupplierRegionRow,
    region_dashboard,
    year_parse,
)
from zakupki.analytics.formulas.base import EIS, PLATFORM, Counted
from zakupki.analytics.formulas.contracts_in_scope import platform_ref
from zakupki.analytics.tests import builders as b
from zakupki.analytics.tests.conftest import AS_OF, World
from zakupki.contracts.tests.factories import region as make_region
from zakupki.contracts.tests.factories import supplier
from zakupki.core.errors import ValidationFailed


def test_dashboard_counts_platform_and_eis_contracts_of_the_regions_year(world: World) -> None:
    board = region_dashboard(region=world.region, year=2025, now=AS_OF)

    assert board is not None
    assert (board.count, board.amount) == (5, Decimal("5800.00"))
    assert board.sources == Sources(platform=4, eis=1)
    assert board.sources.label == "площадка — 4, ЕИС — 1"
    assert (board.platform_amount, board.eis_amount) == (Decimal("3900.00"), Decimal("1900.00"))
    # A past year counts all its 365 days: 5 / 365 = 0.0137 → 0.01.
    assert (board.days, board.per_day) == (365, Decimal("0.01"))
    assert [(m.name, m.count, m.amount) for m in board.monthly[:6]] == [
        ("январь", 1, Decimal("100.00")),
        ("февраль", 1, Decimal("500.00")),
        ("март", 1, Decimal("900.00")),
        ("апрель", 1, Decimal("2400.00")),
        ("май", 1, Decimal("1900.00")),
        ("июнь", 0, Decimal("0.00")),
    ]
    assert board.monthly[0].per_day == Decimal("0.03")  # 1 / 31
    assert len(board.daily) == 365
    assert board.daily[0] == DayPoint(dt.date(2025, 1, 1), 1, Decimal("100.00"))
    assert board.daily[124] == DayPoint(dt.date(2025, 5, 5), 1, Decimal("1900.00"))
    assert sum(p.count for p in board.daily) == 5


def test_dashboard_shares_are_the_indicator_formulas_for_the_whole_region(world: World) -> None:
    board = region_dashboard(region=world.region, year=2025, now=AS_OF)

    assert board is not None
    shares = {s.key: s for s in board.shares}
    # Σ(НМЦК − цена) / ΣНМЦК over the four contracts with a НМЦК: (100 + 600 + 0 + 100) / 6100.
    weighted = shares["savings_weighted"]
    assert (weighted.result.value, weighted.result.numerator, weighted.result.denominator) == (
        Decimal("13.11"),
        Decimal("800.00"),
        Decimal("6100.00"),
    )
    assert weighted.result.label == "средневзвешенная экономия: Σ(НМЦК − цена) / ΣНМЦК"
    assert weighted.sources == Sources(platform=3, eis=1)
    # (10 + 20 + 0 + 5) / 4
    assert shares["savings_mean_pct"].result.value == Decimal("8.75")
    # (900 + 500 + 1900) / 5800
    assert shares["smp_share"].result.value == Decimal("56.90")
    assert shares["smp_share"].sources == Sources(platform=4, eis=1)
    assert shares["late_share"].result.value == Decimal("20.00")
    assert shares["late_share"].result.counted == (Counted(PLATFORM, "contract", platform_ref(world.c3)),)
    assert shares["terminated_share"].result.value == Decimal("20.00")
    assert shares["terminated_share"].result.counted == (
        Counted(PLATFORM, "contract", platform_ref(world.c2)),
    )
    assert [c.source for c in shares["smp_share"].result.counted] == [PLATFORM, PLATFORM, EIS]


def test_suppliers_are_counted_by_their_region_card_first_then_by_inn(world: World) -> None:
    board = region_dashboard(region=world.region, year=2025, now=AS_OF)

    assert board is not None
    # Platform suppliers have ИНН 78… but their cards say Tyumen; the EIS supplier is unknown: ИНН 77….
    assert board.supplier_regions == (
        SupplierRegionRow("Тюменская область", "72", suppliers=4, contracts=4, amount=Decimal("3900.00")),
        SupplierRegionRow("регион 77", "77", suppliers=1, contracts=1, amount=Decimal("1900.00")),
    )
    assert board.suppliers == 5


def test_suppliers_beyond_the_top_five_regions_are_summed_up_as_others(db: None) -> None:
    home = b.tyumen()
    school = b.buyer(home, "Школа")
    codes = ["01", "02", "02", "03", "03", "03", "04", "05", "06", "07"]
    for code in codes:
        place = make_region(code, name=f"Регион {code}")
        contract = b.contract(school, price="10.00", nmck=None, concluded_at=b.local(2025, 6, 1))
        contract.supplier = supplier(in_region=place)
        contract.save(update_fields=["supplier"])

    board = region_dashboard(region=home, year=2025, now=AS_OF)

    assert board is not None
    assert [(r.name, r.suppliers, r.regions) for r in board.supplier_regions] == [
        ("Регион 03", 3, 1),
        ("Регион 02", 2, 1),
        ("Регион 01", 1, 1),
        ("Регион 04", 1, 1),
        ("Регион 05", 1, 1),
        (OTHER_REGIONS, 2, 2),
    ]
    assert board.supplier_regions[-1].amount == Decimal("20.00")


def test_a_year_without_contracts_is_no_data_not_zeros(world: World) -> None:
    assert region_dashboard(region=world.region, year=2023, now=AS_OF) is None


def test_the_current_year_counts_its_days_up_to_the_regions_today(world: World) -> None:
    # 15 January 2026, 20:00 UTC is already 16 January in Tyumen (UTC+5).
    now = dt.datetime(2026, 1, 15, 20, tzinfo=dt.UTC)
    b.contract(world.school, price="50.00", nmck="60.00", concluded_at=b.local(2026, 1, 16, 1))

    board = region_dashboard(region=world.region, year=2026, now=now)

    assert board is not None
    assert (board.count, board.days, board.per_day, len(board.daily)) == (1, 16, Decimal("0.06"), 16)
    assert board.monthly[0].days == 16
    assert (board.monthly[1].days, board.monthly[1].per_day) == (0, None)


def test_year_defaults_to_the_regions_current_year_and_refuses_nonsense(world: World) -> None:
    new_year_in_tyumen = dt.datetime(2025, 12, 31, 19, 30, tzinfo=dt.UTC)

    assert year_parse(None, region=world.region, now=new_year_in_tyumen) == 2026
    assert year_parse(" 2024 ", region=world.region, now=new_year_in_tyumen) == 2024
    for raw, message in (
        ("двадцать", "Год — четыре цифры, например 2025"),
        ("25", "Год — четыре цифры, например 2025"),
        ("2013", "Год — от 2014 до 2026"),
        ("2027", "Год — от 2014 до 2026"),
    ):
        with pytest.raises(ValidationFailed) as caught:
            year_parse(raw, region=world.region, now=new_year_in_tyumen)
        assert caught.value.errors == {"year": message}
