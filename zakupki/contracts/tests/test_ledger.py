"""Exact values of the п.4/п.5 caps and the annual ledger, through `contract_create_from_award`."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from zakupki.accounts.enums import OrganizationKind
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.ledger import CapExceeded, annual_cap, small_purchase_limits
from zakupki.contracts.models import Contract, ContractItem, SmallPurchaseLedger, SmallPurchaseLedgerEntry
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.contracts.tests.factories import (
    award,
    customer,
    region,
    regional_admin,
    set_sgoz,
    supplier,
    this_year,
)
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.rules.services import rule_override_set

NB = "\u00a0"
P4 = "п. 4 ч. 1 ст. 93 44-ФЗ"
P5 = "п. 5 ч. 1 ст. 93 44-ФЗ"


def ledger_of(org, basis=PurchaseBasis.P4):
    return SmallPurchaseLedger.objects.filter(customer=org, year=this_year(org), basis=basis).first()


def snapshot():
    return (
        Contract.objects.count(),
        ContractItem.objects.count(),
        SmallPurchaseLedgerEntry.objects.count(),
        list(SmallPurchaseLedger.objects.values_list("customer_id", "basis", "spent", "contracts_count")),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_p4_contract_charges_the_ledger_exactly():
    buyer, seller = customer(), supplier()

    contract = award(buyer, seller, "416724.00")

    ledger = ledger_of(buyer)
    assert ledger.spent == Decimal("416724.00")
    assert ledger.contracts_count == 1
    entry = SmallPurchaseLedgerEntry.objects.get(contract=contract)
    assert (entry.ledger_id, entry.amount) == (ledger.pk, Decimal("416724.00"))
    assert contract.number == f"КС-77-{contract.source_id:08d}"
    event = AuditEvent.objects.get(event=EventType.CONTRACT_CREATED)
    assert event.details["price"] == "416724.00"
    assert event.details["basis"] == "p4"
    limits = small_purchase_limits(customer=buyer, basis=PurchaseBasis.P4, on=dt.date(this_year(buyer), 6, 1))
    assert limits.spent == Decimal("416724.00")
    assert limits.annual_cap == Decimal("2000000")
    assert limits.remaining == Decimal("1583276.00")
    assert limits.contract_cap == Decimal("600000")


@pytest.mark.django_db
def test_multi_item_contract_charges_the_kopeck_exact_sum():
    buyer, seller = customer(), supplier()
    items = [
        ContractItemData(name="Ручка", unit="шт", quantity=Decimal("3"), unit_price=Decimal("33.33")),
        ContractItemData(name="Краска", unit="л", quantity=Decimal("2.500"), unit_price=Decimal("101.10")),
    ]

    contract = contract_create_from_award(
        customer=buyer,
        supplier=seller,
        items=items,
        price=Decimal("352.74"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.DIRECT_PURCHASE,
        source_id=42,
        subject="Канцелярия",
        actor=None,
    )

    assert list(contract.items.values_list("amount", flat=True)) == [Decimal("99.99"), Decimal("252.75")]
    assert ledger_of(buyer).spent == Decimal("352.74")
    assert contract.number == "ПЗ-77-00000042"


@pytest.mark.django_db
def test_contract_at_exactly_the_per_contract_cap_is_accepted():
    buyer = customer()

    award(buyer, supplier(), "600000.00")

    assert ledger_of(buyer).spent == Decimal("600000.00")


@pytest.mark.django_db
def test_per_contract_cap_refuses_one_kopeck_more_and_writes_nothing():
    buyer, seller = customer(), supplier()
    award(buyer, seller, "100.00")
    before = snapshot()

    with pytest.raises(CapExceeded) as refused:
        award(buyer, seller, "600000.01")

    assert refused.value.message == (
        f"Цена 600{NB}000,01{NB}₽ превышает предельную цену контракта 600{NB}000,00{NB}₽ по {P4}"
    )
    assert refused.value.field == "price"
    assert refused.value.http_status == 409
    assert snapshot() == before


@pytest.mark.django_db
def test_annual_cap_is_two_million_when_sgoz_is_unknown():
    buyer = customer()

    assert annual_cap(customer=buyer, basis=PurchaseBasis.P4, on=dt.date(this_year(buyer), 3, 1)) == Decimal(
        "2000000"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sgoz", "cap"),
    [
        ("0.00", "2000000"),
        ("15000000.00", "2000000"),  # 10 % = 1.5 mln: the fixed 2 mln is larger
        ("20000000.00", "2000000"),  # 10 % = exactly 2 mln
        ("30000000.00", "3000000.00"),
        ("123456789.15", "12345678.92"),  # 10 % rounded half-up to the kopeck
        ("500000000.00", "50000000"),  # exactly the ceiling
        ("900000000.00", "50000000"),  # 90 mln by share, capped at 50 mln
    ],
)
def test_p4_annual_cap_from_sgoz(sgoz, cap):
    buyer = customer()
    set_sgoz(buyer, sgoz)

    assert annual_cap(customer=buyer, basis=PurchaseBasis.P4, on=dt.date(this_year(buyer), 3, 1)) == Decimal(
        cap
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sgoz", "cap"),
    [
        (None, "5000000"),
        ("8000000.00", "5000000"),  # 50 % = 4 mln: the fixed 5 mln is larger
        ("30000000.00", "15000000.00"),
        ("60000000.00", "30000000"),  # exactly the ceiling
        ("900000000.00", "30000000"),
    ],
)
def test_p5_annual_cap_from_sgoz(sgoz, cap):
    buyer = customer()
    if sgoz is not None:
        set_sgoz(buyer, sgoz)

    limits = small_purchase_limits(customer=buyer, basis=PurchaseBasis.P5, on=dt.date(this_year(buyer), 3, 1))

    assert limits.annual_cap == Decimal(cap)
    assert limits.contract_cap == Decimal("600000")


@pytest.mark.django_db
def test_sgoz_of_another_year_does_not_count():
    buyer = customer()
    set_sgoz(buyer, "30000000.00")

    on = dt.date(this_year(buyer) - 1, 3, 1)

    assert annual_cap(customer=buyer, basis=PurchaseBasis.P4, on=on) == Decimal("2000000")


@pytest.mark.django_db
def test_annual_cap_of_three_million_lets_the_large_customer_buy_more():
    buyer, seller = customer(), supplier()
    set_sgoz(buyer, "30000000.00")
    for _ in range(4):
        award(buyer, seller, "600000.00")

    contract = award(buyer, seller, "600000.00")  # 3 mln in all: over the fixed 2 mln, within 10 %

    assert contract.price == Decimal("600000.00")
    assert ledger_of(buyer).spent == Decimal("3000000.00")
    assert ledger_of(buyer).contracts_count == 5
    with pytest.raises(CapExceeded):
        award(buyer, seller, "0.01")


@pytest.mark.django_db
def test_purchase_over_the_annual_cap_is_refused_with_the_remaining_amount_and_writes_nothing():
    buyer, seller = customer(), supplier()
    for price in ("600000.00", "600000.00", "600000.00", "123456.78"):
        award(buyer, seller, price)
    before = snapshot()
    events_before = list(AuditEvent.objects.values_list("seq", "hash"))

    with pytest.raises(CapExceeded) as refused:
        award(buyer, seller, "76543.23")

    assert refused.value.message == (
        f"Превышен годовой объём закупок по {P4}: лимит 2{NB}000{NB}000,00{NB}₽, "
        f"использовано 1{NB}923{NB}456,78{NB}₽, остаток 76{NB}543,22{NB}₽"
    )
    assert snapshot() == before
    assert list(AuditEvent.objects.values_list("seq", "hash")) == events_before
    assert ledger_of(buyer).spent == Decimal("1923456.78")


@pytest.mark.django_db
def test_purchase_of_exactly_the_remaining_amount_fills_the_cap():
    buyer, seller = customer(), supplier()
    for price in ("600000.00", "600000.00", "600000.00", "123456.78"):
        award(buyer, seller, price)

    award(buyer, seller, "76543.22")

    limits = small_purchase_limits(customer=buyer, basis=PurchaseBasis.P4, on=dt.date(this_year(buyer), 6, 1))
    assert (limits.spent, limits.remaining) == (Decimal("2000000.00"), Decimal("0.00"))
    with pytest.raises(CapExceeded) as refused:
        award(buyer, seller, "0.01")
    assert refused.value.message.endswith(f"остаток 0,00{NB}₽")


@pytest.mark.django_db
def test_p4_and_p5_are_separate_ledgers():
    buyer, seller = customer(), supplier()
    for _ in range(3):
        award(buyer, seller, "600000.00", basis=PurchaseBasis.P4)
    award(buyer, seller, "200000.00", basis=PurchaseBasis.P4)

    award(buyer, seller, "600000.00", basis=PurchaseBasis.P5)

    assert ledger_of(buyer, PurchaseBasis.P4).spent == Decimal("2000000.00")
    assert ledger_of(buyer, PurchaseBasis.P5).spent == Decimal("600000.00")


@pytest.mark.django_db
def test_p5_annual_cap_refuses_with_its_own_message():
    buyer, seller = customer(), supplier()
    for _ in range(8):
        award(buyer, seller, "600000.00", basis=PurchaseBasis.P5)
    before = snapshot()

    with pytest.raises(CapExceeded) as refused:
        award(buyer, seller, "200000.01", basis=PurchaseBasis.P5)

    assert refused.value.message == (
        f"Превышен годовой объём закупок по {P5}: лимит 5{NB}000{NB}000,00{NB}₽, "
        f"использовано 4{NB}800{NB}000,00{NB}₽, остаток 200{NB}000,00{NB}₽"
    )
    assert snapshot() == before


@pytest.mark.django_db
def test_customers_have_separate_ledgers():
    first, second, seller = customer(), customer(), supplier()
    for _ in range(3):
        award(first, seller, "600000.00")

    award(second, seller, "600000.00")

    assert ledger_of(first).spent == Decimal("1800000.00")
    assert ledger_of(second).spent == Decimal("600000.00")


@pytest.mark.django_db
def test_region_override_of_the_contract_cap_applies_to_that_regions_customers():
    tyumen = region("72", tz="Asia/Yekaterinburg", name="Тюменская область")
    local, moscow_buyer, seller = customer(in_region=tyumen), customer(), supplier()
    rule_override_set(
        region=tyumen,
        key="small_purchase.p4.contract_cap",
        value="300000",
        effective_from=dt.date(2022, 1, 1),
        reason="Постановление Правительства Тюменской области № 1-п",
        actor=regional_admin(tyumen),
    )
    before = snapshot()

    with pytest.raises(CapExceeded) as refused:
        award(local, seller, "300000.01")

    assert refused.value.message == (
        f"Цена 300{NB}000,01{NB}₽ превышает предельную цену контракта 300{NB}000,00{NB}₽ по {P4}"
    )
    assert snapshot() == before
    award(local, seller, "300000.00")
    award(moscow_buyer, seller, "600000.00")  # other regions keep the federal cap
    assert ledger_of(local).spent == Decimal("300000.00")
    limits = small_purchase_limits(customer=local, basis=PurchaseBasis.P4, on=dt.date(this_year(local), 6, 1))
    assert limits.contract_cap == Decimal("300000")


@pytest.mark.django_db
def test_region_override_of_the_annual_cap_applies():
    tyumen = region("72", tz="Asia/Yekaterinburg", name="Тюменская область")
    local, seller = customer(in_region=tyumen), supplier()
    rule_override_set(
        region=tyumen,
        key="small_purchase.p4.annual_cap",
        value="1000000",
        effective_from=dt.date(2022, 1, 1),
        reason="Постановление Правительства Тюменской области № 2-п",
        actor=regional_admin(tyumen),
    )
    award(local, seller, "600000.00")

    with pytest.raises(CapExceeded) as refused:
        award(local, seller, "400000.01")

    assert refused.value.message.endswith(f"остаток 400{NB}000,00{NB}₽")


@pytest.mark.django_db
def test_invalid_award_writes_nothing():
    buyer, seller = customer(), supplier()
    before = snapshot()
    items = [ContractItemData(name="Ручка", unit="шт", quantity=Decimal(3), unit_price=Decimal("33.33"))]

    with pytest.raises(ValidationFailed) as refused:
        contract_create_from_award(
            customer=seller,
            supplier=buyer,
            items=items,
            price=Decimal("100.00"),
            basis=PurchaseBasis.P4,
            source_kind=SourceKind.NEED,
            source_id=1,
            subject="Ручки",
            actor=None,
        )

    assert refused.value.errors == {
        "customer": "Заказчиком по контракту может быть только организация-заказчик",
        "supplier": "Поставщиком по контракту может быть только организация-поставщик",
        "price": "Сумма позиций 99.99 не равна цене контракта 100.00",
    }
    assert snapshot() == before
    assert buyer.kind == OrganizationKind.CUSTOMER


@pytest.mark.django_db
def test_second_contract_for_the_same_source_is_refused():
    buyer, seller = customer(), supplier()
    items = [ContractItemData(name="Ручка", unit="шт", quantity=Decimal(1), unit_price=Decimal("10.00"))]
    kwargs: dict[str, Any] = {
        "customer": buyer,
        "supplier": seller,
        "items": items,
        "price": Decimal("10.00"),
        "basis": PurchaseBasis.P4,
        "source_kind": SourceKind.NEED,
        "source_id": 7,
        "subject": "Ручки",
        "actor": None,
    }
    contract_create_from_award(**kwargs)
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        contract_create_from_award(**kwargs)

    assert refused.value.message == "По этой закупке контракт уже создан"
    assert snapshot() == before
