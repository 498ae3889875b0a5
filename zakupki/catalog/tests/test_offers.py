import datetime as dt
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import SupplierOffer
from zakupki.catalog.selectors import offer_buyable
from zakupki.catalog.services.offers import (
    offer_publish,
    offer_reserve_stock,
    offer_update_price,
    offer_update_stock,
    offer_withdraw,
)
from zakupki.catalog.tests import factories as f
from zakupki.core.errors import Conflict, DomainError, InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db


def publish(user, item, **overrides):
    values = {
        "price": "2489.50",
        "stock": "12",
        "region_codes": ["77", "50"],
        "valid_from": f.FROM,
        "valid_until": f.UNTIL,
    }
    return offer_publish(supplier_user=user, item=item, **{**values, **overrides})


def test_publish_creates_an_active_offer_and_journals_it():
    user, item = f.supplier_user(), f.item()
    f.region("50")

    offer = publish(user, item)

    offer.refresh_from_db()
    assert (offer.supplier_id, offer.item_id, offer.price, offer.stock, offer.status) == (
        user.organization_id,
        item.pk,
        Decimal("2489.50"),
        Decimal("12.000"),
        OfferStatus.ACTIVE,
    )
    assert sorted(offer.delivery_regions.values_list("code", flat=True)) == ["50", "77"]
    event = AuditEvent.objects.get(event="offer.published")
    assert event.actor_id == user.pk
    assert event.object_id == str(offer.pk)
    assert event.details == {
        "ste_id": "1153097",
        "price": "2489.50",
        "stock": "12.000",
        "regions": ["77", "50"],
        "valid_from": "2025-01-01",
        "valid_until": "2099-12-31",
    }


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"price": "0"}, {"price": "Цена должна быть больше нуля"}),
        ({"price": "-5"}, {"price": "Цена должна быть больше нуля"}),
        ({"price": "10.005"}, {"price": "Неверная цена: не более двух знаков после запятой"}),
        ({"price": "дёшево"}, {"price": "Неверная цена: не число"}),
        ({"stock": "2.5"}, {"stock": "Количество в штуках должно быть целым"}),
        ({"stock": "-1"}, {"stock": "Количество не может быть отрицательным"}),
        ({"region_codes": []}, {"region_codes": "Укажите хотя бы один регион поставки"}),
        ({"region_codes": ["77", "99"]}, {"region_codes": "Регионы не подключены к платформе: «99»"}),
        (
            {"valid_from": dt.date(2030, 2, 1), "valid_until": dt.date(2030, 1, 1)},
            {"valid_until": "Дата окончания раньше даты начала действия"},
        ),
        (
            {"price": "0", "stock": "x"},
            {"price": "Цена должна быть больше нуля", "stock": "Количество должно быть числом"},
        ),
    ],
)
def test_publish_refuses_bad_terms_and_changes_nothing(overrides, errors):
    user, item = f.supplier_user(), f.item()
    f.region("50")

    with pytest.raises(ValidationFailed) as caught:
        publish(user, item, **overrides)

    assert caught.value.errors == errors
    assert SupplierOffer.objects.count() == 0
    assert AuditEvent.objects.filter(event="offer.published").count() == 0


def test_publish_refuses_an_end_date_in_the_past():
    user, item = f.supplier_user(), f.item()

    with pytest.raises(ValidationFailed) as caught:
        publish(
            user, item, region_codes=["77"], valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2020, 2, 1)
        )

    assert list(caught.value.errors) == ["valid_until"]
    assert caught.value.errors["valid_until"].startswith("Дата окончания уже прошла: сегодня ")
    assert SupplierOffer.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        (
            OrganizationKind.CUSTOMER,
            OrganizationStatus.CONFIRMED,
            "Оферты публикуют только сотрудники организаций-поставщиков",
        ),
        (
            OrganizationKind.SUPPLIER,
            OrganizationStatus.PENDING,
            "Организация поставщика не подтверждена: публиковать оферты нельзя",
        ),
        (
            OrganizationKind.SUPPLIER,
            OrganizationStatus.REJECTED,
            "Организация поставщика не подтверждена: публиковать оферты нельзя",
        ),
    ],
)
def test_only_confirmed_supplier_members_publish(kind, status, message):
    user, item = f.member_of(f.organization(kind=kind, status=status)), f.item()

    with pytest.raises(PermissionDenied) as caught:
        publish(user, item, region_codes=["77"])

    assert caught.value.message == message
    assert SupplierOffer.objects.count() == 0


def test_a_second_active_offer_on_the_same_item_is_a_conflict():
    user, item = f.supplier_user(), f.item()
    publish(user, item, region_codes=["77"])

    with pytest.raises(Conflict):
        publish(user, item, region_codes=["77"], price="100")

    assert list(SupplierOffer.objects.values_list("price", flat=True)) == [Decimal("2489.50")]


def test_update_price_and_stock_journal_the_change():
    user, item = f.supplier_user(), f.item()
    offer = f.offer(of=item, supplier=f.org_of(user))

    offer_update_price(supplier_user=user, offer=offer, price="2300")
    offer_update_stock(supplier_user=user, offer=offer, stock=7)

    offer.refresh_from_db()
    assert (offer.price, offer.stock) == (Decimal("2300.00"), Decimal("7.000"))
    changes = list(
        AuditEvent.objects.filter(event="offer.changed").order_by("seq").values_list("details", flat=True)
    )
    assert changes == [{"price": ["2489.00", "2300.00"]}, {"stock": ["10.000", "7.000"]}]


def test_another_suppliers_member_cannot_change_or_withdraw_the_offer():
    owner, stranger, item = f.supplier_user(), f.supplier_user(), f.item()
    offer = f.offer(of=item, supplier=f.org_of(owner))

    with pytest.raises(PermissionDenied, match="Это оферта другого поставщика"):
        offer_update_price(supplier_user=stranger, offer=offer, price="1")
    with pytest.raises(PermissionDenied, match="Это оферта другого поставщика"):
        offer_withdraw(supplier_user=stranger, offer=offer)

    offer.refresh_from_db()
    assert (offer.price, offer.status) == (Decimal("2489.00"), OfferStatus.ACTIVE)
    assert AuditEvent.objects.count() == 0


def test_withdraw_then_withdraw_again_is_refused():
    user, item = f.supplier_user(), f.item()
    offer = f.offer(of=item, supplier=f.org_of(user))

    offer_withdraw(supplier_user=user, offer=offer)
    with pytest.raises(InvalidTransition, match="«Отозвана» → «Отозвана» недопустим"):
        offer_withdraw(supplier_user=user, offer=offer)
    with pytest.raises(Conflict, match="Оферта отозвана: изменить её нельзя"):
        offer_update_price(supplier_user=user, offer=offer, price="1")

    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN
    assert offer.withdrawn_at is not None
    assert offer.price == Decimal("2489.00")
    assert AuditEvent.objects.filter(event="offer.withdrawn").count() == 1


def test_a_withdrawn_offer_does_not_block_a_new_one():
    user, item = f.supplier_user(), f.item()
    offer_withdraw(supplier_user=user, offer=f.offer(of=item, supplier=f.org_of(user)))

    new = publish(user, item, region_codes=["77"])

    assert SupplierOffer.objects.filter(status=OfferStatus.ACTIVE).get() == new


# --- offer_buyable --------------------------------------------------------------------------------------


def buyable_offer(**fields):
    return f.offer(
        of=f.item(),
        supplier=f.organization(),
        stock="5",
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 3, 1),
        **fields,
    )


def test_offer_buyable_passes_within_terms():
    offer = buyable_offer()

    offer_buyable(offer=offer, region=f.region("77"), on=dt.date(2026, 3, 1), quantity=Decimal(5))  # no error


@pytest.mark.parametrize(
    ("on", "region_code", "quantity", "message"),
    [
        (dt.date(2026, 3, 2), "77", 1, "Срок действия оферты истёк 01.03.2026"),
        (dt.date(2025, 12, 31), "77", 1, "Оферта действует с 01.01.2026"),
        (dt.date(2026, 2, 1), "77", 6, "Недостаточно товара: в наличии 5 шт."),
        (dt.date(2026, 2, 1), "25", 1, "Оферта не действует в регионе Приморский край"),
        (dt.date(2026, 2, 1), "77", 0, "Количество должно быть больше нуля"),
    ],
)
def test_offer_buyable_explains_why_not(on, region_code, quantity, message):
    offer = buyable_offer()

    with pytest.raises(DomainError) as caught:
        offer_buyable(offer=offer, region=f.region(region_code), on=on, quantity=Decimal(quantity))

    assert caught.value.message == message


def test_withdrawn_offer_is_not_buyable():
    offer = buyable_offer(status=OfferStatus.WITHDRAWN)

    with pytest.raises(DomainError, match="^Оферта отозвана поставщиком$"):
        offer_buyable(offer=offer, region=f.region("77"), on=dt.date(2026, 2, 1), quantity=Decimal(1))


def test_fractional_stock_is_shown_in_its_unit():
    item = f.item(
        ste_id="900001", name="Песок строительный", category="Песок", kpgz_code="01.02", okei_code="166"
    )
    offer = f.offer(of=item, supplier=f.organization(), stock="2.5")

    with pytest.raises(DomainError, match="^Недостаточно товара: в наличии 2,5 кг$"):
        offer_buyable(offer=offer, region=f.region("77"), on=dt.date(2026, 2, 1), quantity=Decimal(3))


# --- offer_reserve_stock --------------------------------------------------------------------------------


def test_reserve_takes_stock_down_to_zero_and_then_refuses():
    offer = buyable_offer()

    assert offer_reserve_stock(offer=offer, quantity=Decimal(3)) is True
    assert offer_reserve_stock(offer=offer, quantity=Decimal(2)) is True
    assert offer_reserve_stock(offer=offer, quantity=Decimal(1)) is False

    offer.refresh_from_db()
    assert offer.stock == Decimal("0.000")


def test_reserve_more_than_stock_changes_nothing():
    offer = buyable_offer()

    assert offer_reserve_stock(offer=offer, quantity=Decimal(6)) is False

    offer.refresh_from_db()
    assert offer.stock == Decimal("5.000")


def test_reserve_on_a_withdrawn_offer_is_refused():
    offer = buyable_offer(status=OfferStatus.WITHDRAWN)

    assert offer_reserve_stock(offer=offer, quantity=Decimal(1)) is False

    offer.refresh_from_db()
    assert offer.stock == Decimal("5.000")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_never_oversell():
    import threading

    from django.db import connection

    offer = buyable_offer()  # 5 in stock
    barrier = threading.Barrier(8)
    results: list[bool] = []

    def buy() -> None:
        try:
            barrier.wait()
            results.append(offer_reserve_stock(offer=offer, quantity=Decimal(1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=buy) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    offer.refresh_from_db()
    assert sorted(results) == [False, False, False, True, True, True, True, True]
    assert offer.stock == Decimal("0.000")
