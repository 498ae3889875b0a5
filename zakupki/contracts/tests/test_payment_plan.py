"""The payment plan by year (ContractPaymentPlan): written at conclusion, re-planned by price changes, and
always adding up to the contract price (СГОЗ, К7 read it)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from zakupki.contracts.change_states import ChangeKind
from zakupki.contracts.enums import PurchaseBasis, SgozExclusion, SourceKind
from zakupki.contracts.models import ContractPaymentPlan
from zakupki.contracts.payment_plan import plan_from_stages, replan
from zakupki.contracts.services import (
    ContractItemData,
    StagePlanData,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
    contract_create_from_award,
    contract_stage_plan_set,
)
from zakupki.contracts.services.payment_plan import payment_plan_on_conclusion
from zakupki.contracts.tests.terms_givens import Parties, conclude, concluded, draft, items
from zakupki.core.timeutil import local_date
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db


def plan_of(contract_id: int) -> list[tuple[int, Decimal]]:
    return list(ContractPaymentPlan.objects.filter(contract_id=contract_id).values_list("year", "amount"))


def test_stage_amounts_fall_into_the_years_of_their_due_dates():
    assert plan_from_stages(
        [
            (dt.date(2027, 2, 1), Decimal("100.00")),
            (dt.date(2026, 12, 31), Decimal("0.01")),
            (dt.date(2027, 12, 31), Decimal("50.50")),
        ]
    ) == {2026: Decimal("0.01"), 2027: Decimal("150.50")}


def test_replan_rounds_down_and_gives_the_remainder_to_the_last_year():
    # 100 : 200 : 300 at 600.00 → 500.00: 83.333… → 83.33, 166.666… → 166.66, the last 250.01
    assert replan(
        {2026: Decimal("100.00"), 2027: Decimal("200.00"), 2028: Decimal("300.00")}, Decimal("500.00")
    ) == {2026: Decimal("83.33"), 2027: Decimal("166.66"), 2028: Decimal("250.01")}


def test_replan_of_an_empty_plan_is_refused():
    with pytest.raises(ValueError, match="план оплаты пуст"):
        replan({}, Decimal("1.00"))


kopecks = st.integers(min_value=0, max_value=10**13).map(lambda n: Decimal(n) / 100)


@given(
    amounts=st.lists(kopecks, min_size=1, max_size=6),
    new_price=st.integers(min_value=1, max_value=10**13).map(lambda n: Decimal(n) / 100),
)
def test_replan_keeps_the_sum_exact_and_no_year_negative(amounts: list[Decimal], new_price: Decimal) -> None:
    plan = {2020 + n: amount for n, amount in enumerate(amounts)}
    if sum(plan.values()) == 0:
        plan[2020] = Decimal("0.01")
    result = replan(plan, new_price)
    assert sum(result.values()) == new_price
    assert sorted(result) == sorted(plan)
    assert all(amount >= 0 and amount == amount.quantize(Decimal("0.01")) for amount in result.values())


def test_without_a_stage_plan_the_whole_price_is_planned_for_the_year_of_conclusion():
    parties = Parties()
    contract = concluded(parties)
    year = local_date(timezone.now(), parties.customer.region.timezone).year
    assert plan_of(contract.pk) == [(year, Decimal("6000.00"))]
    concluded_event = AuditEvent.objects.get(event=EventType.CONTRACT_CONCLUDED, object_id=str(contract.pk))
    assert concluded_event.details["payment_plan"] == {str(year): "6000.00"}


def test_the_year_of_conclusion_is_the_customers_local_year():
    parties = Parties()  # Moscow, UTC+3
    contract = concluded(parties)
    payment_plan_on_conclusion(contract, now=dt.datetime(2026, 12, 31, 21, 30, tzinfo=dt.UTC), staged=False)
    assert plan_of(contract.pk) == [(2027, Decimal("6000.00"))]


def test_a_stage_plan_across_the_new_year_is_planned_by_stage_years():
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    today = local_date(timezone.now(), parties.customer.region.timezone)
    next_year = dt.date(today.year + 1, 1, 15)
    contract_stage_plan_set(
        contract=contract,
        user=parties.buyer,
        stages=[
            StagePlanData(due_date=today, quantities={paper.pk: Decimal(4), pens.pk: Decimal(20)}),
            StagePlanData(due_date=next_year, quantities={paper.pk: Decimal(6)}),
        ],
    )
    conclude(parties, contract)
    assert plan_of(contract.pk) == [(today.year, Decimal("3000.00")), (today.year + 1, Decimal("3000.00"))]


def test_a_price_reduction_re_plans_every_year_in_proportion():
    parties = Parties()
    contract = concluded(parties)
    year = local_date(timezone.now(), parties.customer.region.timezone).year
    # a plan over two years, as a staged contract would have: 1000.00 this year, 5000.00 the next
    ContractPaymentPlan.objects.filter(contract=contract).delete()
    ContractPaymentPlan.objects.bulk_create(
        [
            ContractPaymentPlan(contract=contract, year=year, amount=Decimal("1000.00")),
            ContractPaymentPlan(contract=contract, year=year + 1, amount=Decimal("5000.00")),
        ]
    )
    paper, _ = items(contract)
    change = contract_change_propose(
        contract=contract,
        user=parties.buyer,
        kind=ChangeKind.PRICE_REDUCTION,
        reason="Поставщик согласился снизить цену",
        unit_prices={paper.pk: Decimal("450.55")},
    )
    contract_change_sign_supplier(change=change, user=parties.seller)
    contract_change_sign_customer(change=change, user=parties.buyer)
    # 6000.00 → 5505.50: 1000 × 5505.50 / 6000 = 917.5833… → 917.58; the rest 4587.92
    assert plan_of(contract.pk) == [(year, Decimal("917.58")), (year + 1, Decimal("4587.92"))]
    event = AuditEvent.objects.get(event=EventType.CONTRACT_CHANGE_IN_FORCE)
    assert event.details["payment_plan"] == {str(year): "917.58", str(year + 1): "4587.92"}


@pytest.mark.parametrize("basis", [PurchaseBasis.P4, PurchaseBasis.P5])
def test_small_volume_contracts_are_single_supplier_exclusions(basis: PurchaseBasis) -> None:
    contract = draft(Parties(), basis=basis)
    assert (contract.sgoz_exclusion, contract.smp_procedure) == (SgozExclusion.SINGLE_SUPPLIER, False)
    assert plan_of(contract.pk) == []  # a draft plans nothing


def test_creation_journals_the_exclusion_and_the_smp_only_procedure():
    parties = Parties()
    contract = contract_create_from_award(
        customer=parties.customer,
        supplier=parties.supplier,
        items=[
            ContractItemData(
                name="Бумага офисная А4", unit="пач", quantity=Decimal(2), unit_price=Decimal("300.00")
            )
        ],
        price=Decimal("600.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=990001,
        subject="Поставка бумаги",
        actor=parties.buyer,
        smp_procedure=True,
    )
    assert (contract.sgoz_exclusion, contract.smp_procedure) == ("single_supplier", True)
    event = AuditEvent.objects.get(event=EventType.CONTRACT_CREATED, object_id=str(contract.pk))
    assert (event.details["sgoz_exclusion"], event.details["smp_procedure"]) == ("single_supplier", True)
