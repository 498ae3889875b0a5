"""Direct purchase from an offer: exact totals, stock, contract, ledger; refusals change nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zakupki.accounts.enums import OrganizationStatus
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import SupplierOffer
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.ledger import CapExceeded
from zakupki.contracts.models import Contract, SmallPurchaseLedger
from zakupki.contracts.tests.factories import award, customer, member_of, region, supplier
from zakupki.core.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.oversight.models import SupplierBan
from zakupki.purchases.enums import DirectPurchaseStatus
from zakupki.purchases.models import DirectPurchase
from zakupki.purchases.selectors import customer_limits
from zakupki.purchases.services import direct
from zakupki.purchases.services.direct import direct_purchase_create
from zakupki.purchases.tests.factories import offer

NB = "\u00a0"


def state(an_offer):
    an_offer.refresh_from_db()
    return (
        an_offer.stock,
        DirectPurchase.objects.count(),
        Contract.objects.count(),
        list(SmallPurchaseLedger.objects.order_by("pk").values_list("spent", "contracts_count")),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_customer_buys_from_an_offer():
    an_offer = offer(price="416.72", stock="1000")
    actor = member_of(customer())

    purchase = direct_purchase_create(actor=actor, offer=an_offer, quantity="3")

    assert purchase.status == DirectPurchaseStatus.CONTRACTED
    assert (purchase.quantity, purchase.unit_price, purchase.total) == (
        Decimal("3"),
        Decimal("416.72"),
        Decimal("1250.16"),
    )
    assert (purchase.ste_id, purchase.unit) == (an_offer.item.ste_id, "шт.")
    an_offer.refresh_from_db()
    assert an_offer.stock == Decimal("997.000")
    contract = Contract.objects.get()
    assert purchase.contract == contract
    assert (contract.price, contract.basis, contract.source_kind, contract.source_id) == (
        Decimal("1250.16"),
        PurchaseBasis.P4,
        SourceKind.DIRECT_PURCHASE,
        purchase.pk,
    )
    assert contract.number == f"ПЗ-77-{purchase.pk:08d}"
    assert list(
        contract.items.values_list("name", "catalog_ref", "unit", "quantity", "unit_price", "amount")
    ) == [
        (
            an_offer.item.name,
            an_offer.item.ste_id,
            "шт.",
            Decimal("3.000"),
            Decimal("416.72"),
            Decimal("1250.16"),
        )
    ]
    ledger = SmallPurchaseLedger.objects.get(customer=actor.organization)
    assert (ledger.spent, ledger.contracts_count) == (Decimal("1250.16"), 1)
    events = list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))
    assert events == [EventType.CONTRACT_CREATED, EventType.DIRECT_PURCHASE_CREATED]
    details = AuditEvent.objects.get(event=EventType.DIRECT_PURCHASE_CREATED).details
    assert details == {
        "offer": an_offer.pk,
        "ste_id": an_offer.item.ste_id,
        "supplier": an_offer.supplier.inn,
        "quantity": "3",
        "unit_price": "416.72",
        "total": "1250.16",
        "contract": contract.number,
    }


@pytest.mark.django_db
def test_fractional_quantity_total_is_rounded_half_up_to_the_kopeck():
    an_offer = offer(price="33.33", stock="10")

    purchase = direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity="2,5")

    assert purchase.total == Decimal("83.33")  # 83.325
    assert Contract.objects.get().items.get().amount == Decimal("83.33")
    an_offer.refresh_from_db()
    assert an_offer.stock == Decimal("7.500")


@pytest.mark.django_db
def test_limits_show_what_is_left_after_a_purchase():
    buyer = customer()
    direct_purchase_create(actor=member_of(buyer), offer=offer(price="1000.00"), quantity="416")

    p4, p5 = customer_limits(customer=buyer)

    assert (p4.basis, p4.contract_cap, p4.annual_cap, p4.spent, p4.remaining) == (
        PurchaseBasis.P4,
        Decimal("600000"),
        Decimal("2000000"),
        Decimal("416000.00"),
        Decimal("1584000.00"),
    )
    assert (p5.basis, p5.annual_cap, p5.spent, p5.remaining) == (
        PurchaseBasis.P5,
        Decimal("5000000"),
        Decimal("0"),
        Decimal("5000000"),
    )


@pytest.mark.django_db
def test_unconfirmed_customer_cannot_buy():
    an_offer = offer()
    actor = member_of(customer(status=OrganizationStatus.PENDING))
    before = state(an_offer)

    with pytest.raises(PermissionDenied) as refused:
        direct_purchase_create(actor=actor, offer=an_offer, quantity="1")

    assert refused.value.message == (
        "Организация заказчика не подтверждена администратором региона: закупки недоступны"
    )
    assert state(an_offer) == before


@pytest.mark.django_db
def test_supplier_staff_cannot_buy():
    an_offer = offer()
    before = state(an_offer)

    with pytest.raises(PermissionDenied) as refused:
        direct_purchase_create(actor=member_of(supplier()), offer=an_offer, quantity="1")

    assert refused.value.message == "Закупки проводят только сотрудники организаций-заказчиков"
    assert state(an_offer) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Количество должно быть больше нуля"),
        ("-2", "Количество должно быть больше нуля"),
        ("1.2345", "Количество: не более трёх знаков после запятой"),
        ("два", "Количество должно быть числом"),
        (1.5, "Количество передаётся строкой или целым числом"),
    ],
)
def test_bad_quantity_is_refused(quantity, message):
    an_offer = offer()
    before = state(an_offer)

    with pytest.raises(ValidationFailed) as refused:
        direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity=quantity)

    assert refused.value.errors == {"quantity": message}
    assert state(an_offer) == before


@pytest.mark.django_db
def test_offer_not_delivered_to_the_customers_region_is_refused():
    tyumen = region("72", tz="Asia/Yekaterinburg", name="Тюменская область")
    an_offer = offer(regions=[region()])
    before = state(an_offer)

    with pytest.raises(DomainError) as refused:
        direct_purchase_create(actor=member_of(customer(in_region=tyumen)), offer=an_offer, quantity="1")

    assert refused.value.message == "Оферта не действует в регионе Тюменская область"
    assert state(an_offer) == before


@pytest.mark.django_db
def test_expired_and_withdrawn_offers_are_refused():
    today = timezone.localdate()
    expired = offer(valid_from=today - dt.timedelta(days=10), valid_until=today - dt.timedelta(days=1))
    withdrawn = offer(status=OfferStatus.WITHDRAWN)
    actor = member_of(customer())

    with pytest.raises(DomainError) as too_late:
        direct_purchase_create(actor=actor, offer=expired, quantity="1")
    with pytest.raises(DomainError) as gone:
        direct_purchase_create(actor=actor, offer=withdrawn, quantity="1")

    yesterday = (today - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    assert too_late.value.message == f"Срок действия оферты истёк {yesterday}"
    assert gone.value.message == "Оферта отозвана поставщиком"
    assert DirectPurchase.objects.count() == 0


@pytest.mark.django_db
def test_more_than_the_stock_is_refused():
    an_offer = offer(stock="5")
    before = state(an_offer)

    with pytest.raises(DomainError) as refused:
        direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity="6")

    assert refused.value.message == "Недостаточно товара: в наличии 5 шт."
    assert state(an_offer) == before


@pytest.mark.django_db
def test_lost_race_for_the_stock_rolls_back_everything(monkeypatch):
    # given: the stock check passes on a stale view, but the conditional UPDATE finds too little
    an_offer = offer(stock="5")
    monkeypatch.setattr(direct, "offer_buyable", lambda **kwargs: None)
    before = state(an_offer)

    with pytest.raises(Conflict) as refused:
        direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity="6")

    assert refused.value.message == "Недостаточно товара"
    assert state(an_offer) == before


@pytest.mark.django_db
def test_purchase_over_the_per_contract_cap_restores_the_stock():
    an_offer = offer(price="416.72", stock="2000")
    before = state(an_offer)

    with pytest.raises(CapExceeded) as refused:
        direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity="1500")

    assert refused.value.message == (
        f"Цена 625{NB}080,00{NB}₽ превышает предельную цену контракта 600{NB}000,00{NB}₽ по п. 4 ч. 1 ст. 93 44-ФЗ"
    )
    assert state(an_offer) == before
    assert an_offer.stock == Decimal("2000.000")


@pytest.mark.django_db
def test_purchase_over_the_annual_cap_is_refused_with_the_remaining_amount():
    buyer = customer()
    for _ in range(3):
        award(buyer, supplier(), "600000.00")
    an_offer = offer(price="100000.01", stock="10")
    before = state(an_offer)

    with pytest.raises(CapExceeded) as refused:
        direct_purchase_create(actor=member_of(buyer), offer=an_offer, quantity="2")

    assert refused.value.message == (
        f"Превышен годовой объём закупок по п. 4 ч. 1 ст. 93 44-ФЗ: лимит 2{NB}000{NB}000,00{NB}₽, "
        f"использовано 1{NB}800{NB}000,00{NB}₽, остаток 200{NB}000,00{NB}₽"
    )
    assert state(an_offer) == before


@pytest.mark.django_db
def test_changed_price_is_refused():
    an_offer = offer(price="416.72")
    before = state(an_offer)

    with pytest.raises(Conflict) as refused:
        direct_purchase_create(
            actor=member_of(customer()), offer=an_offer, quantity="1", expected_unit_price="400.00"
        )

    assert refused.value.message == (
        f"Цена оферты изменилась: 416,72{NB}₽ за единицу вместо 400,00{NB}₽. "
        "Проверьте сумму и оформите закупку заново"
    )
    assert state(an_offer) == before


@pytest.mark.django_db
def test_matching_expected_price_is_accepted():
    purchase = direct_purchase_create(
        actor=member_of(customer()), offer=offer(price="416.72"), quantity="1", expected_unit_price="416.72"
    )

    assert purchase.total == Decimal("416.72")


@pytest.mark.django_db
def test_banned_supplier_cannot_sell():
    an_offer = offer()
    now = timezone.now()
    SupplierBan.objects.create(
        supplier=an_offer.supplier,
        reason="Уклонение от заключения контракта",
        starts_at=now - dt.timedelta(days=1),
        ends_at=dt.datetime(2099, 1, 1, 9, 0, tzinfo=dt.UTC),
    )
    before = state(an_offer)

    with pytest.raises(PermissionDenied) as refused:
        direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity="1")

    assert refused.value.message == (
        f"Поставщик {an_offer.supplier.display_name} заблокирован на площадке до 01.01.2099 12:00: "
        "Уклонение от заключения контракта"
    )
    assert state(an_offer) == before


@pytest.mark.django_db
def test_offer_row_is_read_fresh_inside_the_transaction():
    # given: the caller holds a stale copy (price and stock changed since it was read)
    an_offer = offer(price="100.00", stock="10")
    SupplierOffer.objects.filter(pk=an_offer.pk).update(price=Decimal("120.00"), stock=Decimal("4"))

    purchase = direct_purchase_create(actor=member_of(customer()), offer=an_offer, quantity="4")

    assert (purchase.unit_price, purchase.total) == (Decimal("120.00"), Decimal("480.00"))
    an_offer.refresh_from_db()
    assert an_offer.stock == Decimal("0.000")
