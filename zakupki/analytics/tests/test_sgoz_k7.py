"""СГОЗ (П + Т + С by payment year, ч.1.1 ст.30 exclusions), К7 and its requirement by date, and К8, on
platform and EIS contracts together. Every figure below is computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from zakupki.accounts.identifiers import make_inn
from zakupki.accounts.models import Organization
from zakupki.analytics.bulk import bulk_values
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import EIS, PLATFORM, Counted, Part, Period, Scope
from zakupki.analytics.formulas.sgoz import NOT_FROM_JANUARY
from zakupki.analytics.tests import builders as b
from zakupki.analytics.tests import sgoz_givens as g
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, CustomerAnnualVolume
from zakupki.interop.models import EisDocument

AS_OF = dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC)
YEAR_2025 = Period.year(2025, as_of=AS_OF)
D = Decimal


def ref(contract: Contract) -> Counted:
    return Counted(PLATFORM, "contract", contract.registry_number or "")


def eis(reg_num: str) -> Counted:
    return Counted(EIS, "contract", reg_num)


@dataclass
class Year2025:
    school: Organization
    c: dict[str, Contract]


@pytest.fixture
def year2025(db: None) -> Year2025:
    school = b.buyer(b.tyumen(), "ГАОУ ТО «Школа № 1»")
    c = {
        # П: concluded in 2024, 600.00 of it planned for 2025
        "c1": g.planned(
            school, price="1000.00", concluded_at=b.local(2024, 6, 1), plan={2024: "400.00", 2025: "600.00"}
        ),
        # Т, from an SMP-only procedure: 1500.00 for 2025; V_SMP takes its whole price 2000.00
        "c2": g.planned(
            school,
            price="2000.00",
            concluded_at=b.local(2025, 3, 1),
            plan={2025: "1500.00", 2026: "500.00"},
            smp_procedure=True,
        ),
        "c3": g.planned(
            school,
            price="500.00",
            concluded_at=b.local(2025, 4, 1),
            plan={2025: "500.00"},
            exclusion="single_supplier",
        ),
        "c4": g.planned(
            school,
            price="3000.00",
            concluded_at=b.local(2025, 5, 1),
            plan={2025: "3000.00"},
            exclusion="defence",
        ),
        "c5": g.planned(school, price="800.00", concluded_at=b.local(2025, 5, 10), plan={2025: "800.00"}),
        # terminated in 2024: nothing of its 2025 plan counts
        "c6": g.planned(
            school,
            price="1000.00",
            concluded_at=b.local(2024, 2, 1),
            plan={2024: "300.00", 2025: "700.00"},
            status=ContractStatus.TERMINATED,
            terminated_at=b.local(2024, 12, 1),
        ),
        # terminated in 2025: what was paid in 2025 (300.00) instead of its plan (900.00)
        "c7": g.planned(
            school,
            price="900.00",
            concluded_at=b.local(2025, 2, 1),
            plan={2025: "900.00"},
            status=ContractStatus.TERMINATED,
            terminated_at=b.local(2025, 9, 1),
        ),
        # a draft never counts, whatever its dates
        "draft": g.planned(
            school,
            price="100.00",
            concluded_at=b.local(2025, 5, 1),
            plan={2025: "100.00"},
            status=ContractStatus.DRAFT,
        ),
    }
    g.paid(c["c7"], amount="300.00", on=dt.date(2025, 8, 1))
    g.subcontract(c["c5"], amount="200.00", on=dt.date(2025, 6, 1), smp=True, n=1)
    g.subcontract(c["c5"], amount="100.00", on=dt.date(2025, 6, 2), smp=False, n=2)
    g.subcontract(
        c["c3"], amount="50.00", on=dt.date(2025, 6, 3), smp=True, n=3
    )  # under an excluded contract
    g.subcontract(c["c2"], amount="70.00", on=dt.date(2025, 6, 4), smp=True, n=4)  # c2 already counts in full
    g.eis_planned(
        school,
        reg_num="2720000000124000001",
        price="1000.00",
        signed=dt.date(2024, 11, 1),
        plan={2024: "250.00", 2025: "750.00"},
    )
    # П too: signed in December 2024, paid wholly in 2025
    g.eis_planned(
        school,
        reg_num="2720000000124000002",
        price="1200.00",
        signed=dt.date(2024, 12, 20),
        plan={2025: "1200.00"},
    )
    g.eis_planned(
        school,
        reg_num="2720000000125000003",
        price="400.00",
        signed=dt.date(2025, 8, 1),
        plan={2025: "400.00"},
        exclusion="single_supplier",
    )
    return Year2025(school, c)


def test_sgoz_is_p_plus_t_plus_c_by_payment_year_with_exclusions_listed(year2025: Year2025) -> None:
    c = year2025.c
    result = FORMULAS["sgoz"](Scope(b.tyumen(), year2025.school), YEAR_2025)
    # П = 600 + 0 (c6) + 750 + 1200 (EIS) = 2550; Т = 300 + 1500 + 500 + 3000 + 800 + 400 (EIS) = 6500; С = 0
    assert (result.value, result.unit, result.no_data_reason) == (D("9050.00"), "₽", None)
    assert result.parts == (
        Part(
            "П",
            "П — оплаты года по контрактам прошлых лет",
            D("2550.00"),
            (ref(c["c1"]), eis("2720000000124000001"), eis("2720000000124000002")),
        ),
        Part(
            "Т",
            "Т — оплаты года по контрактам этого года",
            D("6500.00"),
            (
                ref(c["c7"]),
                ref(c["c2"]),
                ref(c["c3"]),
                ref(c["c4"]),
                ref(c["c5"]),
                eis("2720000000125000003"),
            ),
        ),
        Part("С", "С — оставшийся плановый объём года", D(0), ()),
        Part(
            "excluded:defence",
            "исключено: Обеспечение обороны страны и безопасности государства",
            D("3000.00"),
            (ref(c["c4"]),),
        ),
        Part(
            "excluded:single_supplier",
            "исключено: Закупка у единственного поставщика (ч. 1 ст. 93)",
            D("900.00"),
            (ref(c["c3"]), eis("2720000000125000003")),
        ),
    )


def test_k7_divides_the_smp_volume_by_sgoz_without_exclusions(year2025: Year2025) -> None:
    c = year2025.c
    result = FORMULAS["k7_smp_share"](Scope(b.tyumen(), year2025.school), YEAR_2025)
    # base = 9050 − 3900 = 5150; V_SMP = 2000 (c2) + 200 (SMP subcontract under c5) = 2200; 2200/5150 = 42.718…
    assert (result.value, result.numerator, result.denominator) == (D("42.72"), D("2200.00"), D("5150.00"))
    assert result.counted == (
        ref(c["c2"]),
        Counted(PLATFORM, "subcontract", f"{c['c5'].registry_number}/{make_inn('720300001')}"),
    )
    assert result.parts[-2:] == (
        Part(
            "smp_procedures", "закупки только у СМП/СОНКО (п. 1 ч. 1 ст. 30)", D("2000.00"), (ref(c["c2"]),)
        ),
        Part("smp_subcontracts", "субподряд с СМП/СОНКО (ч. 5 ст. 30)", D("200.00"), result.counted[1:]),
    )
    assert result.notes == ()


def test_an_eis_contract_of_the_year_makes_the_smp_volume_unknown_not_zero(year2025: Year2025) -> None:
    g.eis_planned(
        year2025.school,
        reg_num="2720000000125000009",
        price="100.00",
        signed=dt.date(2025, 9, 1),
        plan={2025: "100.00"},
    )
    scope = Scope(b.tyumen(), year2025.school)
    reason = (
        "у контрактов ЕИС 2025 года без исключений ч. 1.1 ст. 30 (1) в открытых данных нет признака закупки "
        "только у СМП/СОНКО и сведений о субподряде: объём закупок у СМП неизвестен"
    )
    assert [
        (FORMULAS[k](scope, YEAR_2025).value, FORMULAS[k](scope, YEAR_2025).no_data_reason)
        for k in ("k7_smp_share", "k7_requirement_met")
    ] == [(None, reason), (None, reason)]
    # СГОЗ itself is known: 9050 + 100
    assert FORMULAS["sgoz"](scope, YEAR_2025).value == D("9150.00")


def test_k7_requirement_is_the_margin_over_the_share_required_on_the_years_end(year2025: Year2025) -> None:
    result = FORMULAS["k7_requirement_met"](Scope(b.tyumen(), year2025.school), YEAR_2025)
    # 42.7184… − 25 = 17.7184… → 17.71
    assert (result.value, result.numerator, result.denominator) == (D("17.71"), D("2200.00"), D("5150.00"))
    assert result.label.startswith("К7 − обязательная доля 25% (ч. 1 ст. 30 на 31.12.2025)")


def test_k8_counts_smp_procedures_and_all_smp_subcontracts_over_all_contracts(year2025: Year2025) -> None:
    scope = Scope(b.tyumen(), year2025.school)
    # the EIS contract signed in 2025 (even a single-supplier one) leaves Vсмп unknown
    assert FORMULAS["k8"](scope, YEAR_2025).no_data_reason == (
        "у контрактов ЕИС периода (1) в открытых данных нет признака закупки только у СМП/СОНКО "
        "и сведений о субподряде: объём закупок у СМП неизвестен"
    )
    EisDocument.objects.filter(reg_num="2720000000125000003").delete()
    result = FORMULAS["k8"](scope, YEAR_2025)
    # Vк = 2000 + 500 + 3000 + 800 + 900 (platform contracts of 2025, the terminated one too) = 7200
    # Vсмп + Vсуб = 2000 + 200 + 50 (K8 has no exclusions; c2's own subcontract is inside its price) = 2250
    assert (result.value, result.numerator, result.denominator) == (D("31.25"), D("2250.00"), D("7200.00"))
    assert [(p.key, p.amount, len(p.counted)) for p in result.parts] == [
        ("smp_procedures", D("2000.00"), 1),
        ("smp_subcontracts", D("250.00"), 2),
        ("vk", D("7200.00"), 5),
    ]


@pytest.mark.parametrize(
    ("year", "required", "margin"),
    [(2021, "15", D("5.00")), (2022, "25", D("-5.00"))],
)
def test_the_requirement_switches_from_15_to_25_percent_in_2022(
    db: None, year: int, required: str, margin: Decimal
) -> None:
    college = b.buyer(b.tyumen(), "ГАПОУ ТО «Колледж»")
    g.planned(college, price="800.00", concluded_at=b.local(year, 3, 1), plan={year: "800.00"})
    g.planned(
        college, price="200.00", concluded_at=b.local(year, 4, 1), plan={year: "200.00"}, smp_procedure=True
    )
    period = Period.year(year, as_of=AS_OF)
    k7 = FORMULAS["k7_smp_share"](Scope(b.tyumen(), college), period)
    met = FORMULAS["k7_requirement_met"](Scope(b.tyumen(), college), period)
    assert (k7.value, met.value) == (D("20.00"), margin)
    assert f"обязательная доля {required}%" in met.label


def test_a_share_a_hair_below_the_requirement_is_not_shown_as_met(db: None) -> None:
    college = b.buyer(b.tyumen(), "ГАПОУ ТО «Колледж»")
    g.planned(college, price="75004.00", concluded_at=b.local(2023, 3, 1), plan={2023: "75004.00"})
    g.planned(
        college,
        price="24996.00",
        concluded_at=b.local(2023, 4, 1),
        plan={2023: "24996.00"},
        smp_procedure=True,
    )
    period = Period.year(2023, as_of=AS_OF)
    scope = Scope(b.tyumen(), college)
    # 24.996% shows as 25.00, but it is below 25: the margin is rounded down to −0.01
    assert (
        FORMULAS["k7_smp_share"](scope, period).value,
        FORMULAS["k7_requirement_met"](scope, period).value,
    ) == (
        D("25.00"),
        D("-0.01"),
    )


def test_an_unfinished_year_adds_the_rest_of_the_planned_volume_as_c(db: None) -> None:
    region = b.tyumen()
    school = b.buyer(region, "ГАОУ ТО «Школа № 2»")
    other = b.buyer(region, "ГАУ ТО «Стадион»")
    CustomerAnnualVolume.objects.create(customer=school, year=2026, sgoz=D("10000.00"))
    g.planned(
        school, price="3000.00", concluded_at=b.local(2026, 2, 1), plan={2026: "3000.00"}, smp_procedure=True
    )
    g.planned(other, price="1000.00", concluded_at=b.local(2026, 3, 1), plan={2026: "1000.00"})
    half_year = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.datetime(2026, 7, 10, tzinfo=dt.UTC))
    mine = FORMULAS["k7_smp_share"](Scope(region, school), half_year)
    # С = 10000 − 3000 = 7000; СГОЗ = 10000; К7 = 3000 / 10000
    assert (mine.value, mine.numerator, mine.denominator, mine.notes) == (
        D("30.00"),
        D("3000.00"),
        D("10000.00"),
        (),
    )
    assert mine.parts[2] == Part(
        "С",
        "С — оставшийся плановый объём года",
        D("7000.00"),
        (Counted(PLATFORM, "annual_volume", f"{school.inn}/2026"),),
    )
    whole = FORMULAS["k7_smp_share"](Scope(region), half_year)
    # the region: 3000 + 1000 + С 7000 (the stadium has no planned volume: its С is zero, and it is said)
    assert (whole.value, whole.denominator) == (D("27.27"), D("11000.00"))
    assert whole.notes == (
        "год 2026 не окончен, а плановый СГОЗ указан не у всех заказчиков: С у них считается равной нулю",
    )
    # the year is over: С is zero, whatever the plan said
    over = FORMULAS["k7_smp_share"](
        Scope(region, school), Period.year(2026, as_of=dt.datetime(2027, 1, 20, tzinfo=dt.UTC))
    )
    assert (over.value, over.denominator) == (D("100.00"), D("3000.00"))


def test_only_excluded_purchases_give_no_data_not_zero(db: None) -> None:
    shop = b.buyer(b.tyumen(), "ГАУ ТО «Лавка»")
    g.planned(
        shop,
        price="500.00",
        concluded_at=b.local(2025, 4, 1),
        plan={2025: "500.00"},
        exclusion="single_supplier",
    )
    scope = Scope(b.tyumen(), shop)
    reason = (
        "СГОЗ за 2025 год за вычетом исключений ч. 1.1 ст. 30 равен нулю: "
        "все закупки года — исключаемые (например, у единственного поставщика)"
    )
    k7 = FORMULAS["k7_smp_share"](scope, YEAR_2025)
    met = FORMULAS["k7_requirement_met"](scope, YEAR_2025)
    assert (k7.value, k7.no_data_reason, met.value, met.no_data_reason) == (None, reason, None, reason)
    assert FORMULAS["sgoz"](scope, YEAR_2025).value == D("500.00")
    # K8 has no exclusions: the contract is there, with no SMP in it
    assert FORMULAS["k8"](scope, YEAR_2025).value == D("0.00")


def test_nothing_bought_is_no_data_with_the_reason(db: None) -> None:
    idle = b.buyer(b.tyumen(), "ГАУ ТО «Архив»")
    scope = Scope(b.tyumen(), idle)
    results = {
        key: FORMULAS[key](scope, YEAR_2025) for key in ("sgoz", "k7_smp_share", "k7_requirement_met", "k8")
    }
    assert {key: (r.value, r.no_data_reason) for key, r in results.items()} == {
        "sgoz": (None, "нет контрактов с оплатой в 2025 году и планового СГОЗ"),
        "k7_smp_share": (None, "нет СГОЗ за 2025 год: нет оплат по контрактам и планового объёма"),
        "k7_requirement_met": (None, "нет СГОЗ за 2025 год: нет оплат по контрактам и планового объёма"),
        "k8": (None, "нет контрактов, заключённых за период"),
    }


def test_a_period_not_from_january_is_refused_for_the_yearly_figures(db: None) -> None:
    school = b.buyer(b.tyumen(), "ГАОУ ТО «Школа № 3»")
    g.planned(
        school, price="500.00", concluded_at=b.local(2025, 4, 1), plan={2025: "500.00"}, smp_procedure=True
    )
    spring = Period(dt.date(2025, 3, 1), dt.date(2025, 5, 31), AS_OF)
    scope = Scope(b.tyumen(), school)
    assert [
        FORMULAS[k](scope, spring).no_data_reason for k in ("sgoz", "k7_smp_share", "k7_requirement_met")
    ] == [NOT_FROM_JANUARY] * 3
    assert FORMULAS["k8"](scope, spring).value == D("100.00")  # К8 is a share of the period's contracts


def test_a_contract_without_a_payment_plan_is_named_not_read_as_zero(db: None) -> None:
    school = b.buyer(b.tyumen(), "ГАОУ ТО «Школа № 4»")
    g.planned(school, price="500.00", concluded_at=b.local(2025, 4, 1), plan={2025: "500.00"})
    b.contract(school, price="700.00", nmck=None, concluded_at=b.local(2025, 5, 1))  # no plan rows
    result = FORMULAS["sgoz"](Scope(b.tyumen(), school), YEAR_2025)
    assert (result.value, result.notes) == (
        D("500.00"),
        ("контрактов без плана оплаты по годам: 1 — в СГОЗ не учтены",),
    )


def test_the_bulk_twins_give_the_formulas_figures_for_terminated_contracts(year2025: Year2025) -> None:
    """The bulk passes sum terminated contracts in SQL by their local termination date (`passes.ended_on`):
    the same figures as the formulas, on SQLite and PostgreSQL, including a termination that is still
    2025 in UTC but already 2026 in Tyumen (UTC+5), and one pending whose effective date has passed."""
    school = year2025.school
    new_year_in_tyumen = dt.datetime(2025, 12, 31, 20, 30, tzinfo=dt.UTC)
    late = g.planned(
        school,
        price="1100.00",
        concluded_at=b.local(2025, 3, 3),
        plan={2025: "1100.00"},
        smp_procedure=True,
        status=ContractStatus.TERMINATED,
        terminated_at=new_year_in_tyumen,
    )
    g.paid(late, amount="100.00", on=dt.date(2025, 6, 1))
    pending = g.planned(
        school,
        price="1300.00",
        concluded_at=b.local(2025, 4, 4),
        plan={2025: "1300.00"},
        smp_procedure=True,
        status=ContractStatus.TERMINATION_PENDING,
    )
    pending.termination_effective_at = b.local(2025, 11, 1)
    pending.save(update_fields=["termination_effective_at"])
    g.paid(pending, amount="250.00", on=dt.date(2025, 10, 1))
    wanted = ["sgoz", "k7_smp_share", "k7_requirement_met", "k8"]

    got = bulk_values(wanted, [school], regions=[school.region], period=YEAR_2025)[school.pk]

    scope = Scope(school.region, school)
    for formula in wanted:
        expected = FORMULAS[formula](scope, YEAR_2025)
        plain = tuple(Part(p.key, p.label, p.amount) for p in expected.parts)
        assert got[formula].parts == plain, formula
        assert (got[formula].value, got[formula].numerator, got[formula].denominator) == (
            expected.value,
            expected.numerator,
            expected.denominator,
        ), formula
    # by hand: the fixture's 9050.00 (platform 6700.00, EIS 2350.00), plus the plan of `late` (1100.00: it
    # ended in 2026 in Tyumen) and what `pending` paid before it ended in 2025 (250.00)
    assert got["sgoz"].value == D("10400.00")
    # К8's SMP-only procedures: c2's price, `late`'s price (it ended after the period), what `pending` paid
    assert got["k8"].parts[0].amount == D("2000.00") + D("1100.00") + D("250.00")
