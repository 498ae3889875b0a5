from decimal import Decimal

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.services.tokens import api_token_create
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import CatalogItem, SupplierOffer
from zakupki.catalog.tests import factories as f
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db
API = "/api/v1"


def auth(user):
    _, raw = api_token_create(user=user, name="скрипт")
    return {"Authorization": f"Bearer {raw}"}


def offer_body(**overrides):
    body = {
        "ste_id": "1153097",
        "price": "2489.50",
        "stock": "12",
        "region_codes": ["77"],
        "valid_from": "2026-01-01",
        "valid_until": "2099-12-31",
    }
    return {**body, **overrides}


@pytest.fixture
def ball(db):
    return f.item(characteristics=[{"name": "Модель", "value": "REGATEADOR5-R", "unit": ""}])


def test_search_is_public_and_uses_morphology(ball, client: Client):
    supplier = f.organization()
    f.offer(of=ball, supplier=supplier, price="2489.00")
    f.offer(of=ball, supplier=f.organization(), price="2600.00")

    response = client.get(f"{API}/catalog/items", {"q": "мячи футбольные"})

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "ste_id": "1153097",
                "name": "мяч футбольный MIKASA REGATEADOR5-G",
                "category": {"id": ball.category_id, "name": "Мячи футбольные"},
                "kpgz_code": "01.08.01.13.01",
                "okpd2_code": "",
                "okei_code": "796",
                "unit_name": "Штука",
                "best_price": "2489.00",
                "offers_count": 2,
            }
        ],
        "page": 1,
        "per_page": 20,
        "total": 1,
        "pages": 1,
    }


@pytest.mark.parametrize(
    ("params", "status", "entry"),
    [
        ({"sort": "cheap"}, 422, "sort"),
        ({"price_min": "abc"}, 422, "price_min"),
        ({"price_min": "10", "price_max": "5"}, 422, "price_max"),
        ({"region": "99"}, 404, "region"),
        ({"per_page": "1000"}, 422, "per_page"),
    ],
)
def test_search_refuses_bad_filters(ball, client: Client, params, status, entry):
    response = client.get(f"{API}/catalog/items", params)

    assert response.status_code == status
    assert [e["field"] for e in response.json()["errors"]] == [entry]


def test_price_max_below_min_message(ball, client: Client):
    response = client.get(f"{API}/catalog/items", {"price_min": "10", "price_max": "5"})

    assert response.json() == {
        "errors": [
            {"field": "price_max", "code": "invalid", "message": "Максимальная цена меньше минимальной"}
        ]
    }


def test_item_card_lists_buyable_offers_cheapest_first(ball, client: Client):
    a, b = f.organization(short_name="ООО «Альфа»"), f.organization(short_name="ООО «Бета»")
    f.offer(of=ball, supplier=a, price="2600.00", regions=("77", "50"))
    cheap = f.offer(of=ball, supplier=b, price="2489.00", stock="3")
    f.offer(of=ball, supplier=f.organization(), price="1.00", status=OfferStatus.WITHDRAWN)

    response = client.get(f"{API}/catalog/items/1153097")

    body = response.json()
    assert response.status_code == 200
    assert (body["best_price"], body["offers_count"]) == ("2489.00", 2)
    assert body["characteristics"] == [{"name": "Модель", "value": "REGATEADOR5-R", "unit": ""}]
    assert body["offers"][0] == {
        "id": cheap.pk,
        "ste_id": "1153097",
        "item_name": "мяч футбольный MIKASA REGATEADOR5-G",
        "supplier": {"id": b.pk, "name": "ООО «Бета»", "inn": b.inn},
        "price": "2489.00",
        "stock": "3",
        "unit": "шт.",
        "regions": ["77"],
        "valid_from": "2025-01-01",
        "valid_until": "2099-12-31",
        "status": "active",
    }
    assert [o["supplier"]["name"] for o in body["offers"]] == ["ООО «Бета»", "ООО «Альфа»"]
    assert [
        o["price"] for o in client.get(f"{API}/catalog/items/1153097", {"region": "50"}).json()["offers"]
    ] == ["2600.00"]


def test_unknown_item_is_404(db, client: Client):
    response = client.get(f"{API}/catalog/items/404404")

    assert response.status_code == 404
    assert response.json()["errors"][0]["message"] == "СТЕ 404404 не найдена в каталоге"


def test_supplier_publishes_changes_and_withdraws_an_offer(ball, client: Client):
    user = f.supplier_user()
    headers = auth(user)

    created = client.post(
        f"{API}/catalog/offers", offer_body(), content_type="application/json", headers=headers
    )
    offer_id = created.json()["id"]
    changed = client.patch(
        f"{API}/catalog/offers/{offer_id}",
        {"price": "2300", "stock": 5},
        content_type="application/json",
        headers=headers,
    )
    mine = client.get(f"{API}/catalog/offers", headers=headers)
    withdrawn = client.post(f"{API}/catalog/offers/{offer_id}/withdraw", headers=headers)

    assert created.status_code == 201
    assert (created.json()["price"], created.json()["stock"]) == ("2489.50", "12")
    assert (changed.status_code, changed.json()["price"], changed.json()["stock"]) == (200, "2300.00", "5")
    assert [o["id"] for o in mine.json()] == [offer_id]
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))[-3:] == [
        "offer.published",
        "offer.changed",
        "offer.withdrawn",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"price": "0"}, "price", "Цена должна быть больше нуля"),
        ({"price": "1.001"}, "price", "Неверная цена: не более двух знаков после запятой"),
        ({"region_codes": ["99"]}, "region_codes", "Регионы не подключены к платформе: «99»"),
        ({"valid_from": "01.01.2026"}, "valid_from", "Неверный формат даты: ожидается ГГГГ-ММ-ДД"),
        ({"colour": "red"}, "colour", "Неизвестное поле"),
    ],
)
def test_bad_offer_is_refused_with_a_field_error_and_nothing_changes(
    ball, client: Client, overrides, field, message
):
    response = client.post(
        f"{API}/catalog/offers",
        offer_body(**overrides),
        content_type="application/json",
        headers=auth(f.supplier_user()),
    )

    assert response.status_code == 422
    assert response.json() == {"errors": [{"field": field, "code": "invalid", "message": message}]}
    assert SupplierOffer.objects.count() == 0


def test_offer_endpoints_need_a_supplier(ball, client: Client):
    customer = f.member_of(f.organization(kind=OrganizationKind.CUSTOMER))
    owner, stranger = f.supplier_user(), f.supplier_user()
    offer = f.offer(of=ball, supplier=f.org_of(owner))

    anonymous = client.post(f"{API}/catalog/offers", offer_body(), content_type="application/json")
    as_customer = client.post(
        f"{API}/catalog/offers", offer_body(), content_type="application/json", headers=auth(customer)
    )
    foreign = client.patch(
        f"{API}/catalog/offers/{offer.pk}",
        {"price": "1"},
        content_type="application/json",
        headers=auth(stranger),
    )
    missing = client.post(f"{API}/catalog/offers/999999/withdraw", headers=auth(owner))

    assert anonymous.status_code == 401
    assert (as_customer.status_code, as_customer.json()["errors"][0]["message"]) == (
        403,
        "Оферты публикуют только сотрудники организаций-поставщиков",
    )
    assert (foreign.status_code, foreign.json()["errors"][0]["message"]) == (
        403,
        "Это оферта другого поставщика",
    )
    assert missing.status_code == 404
    offer.refresh_from_db()
    assert (offer.price, offer.status) == (Decimal("2489.00"), OfferStatus.ACTIVE)
    assert SupplierOffer.objects.count() == 1


def test_categories_in_russian_order(db, client: Client):
    for n, name in enumerate(("Ёлки", "Мячи", "Бумага")):
        f.item(ste_id=str(n + 1), name=name, category=name, kpgz_code="01.01")

    response = client.get(f"{API}/catalog/categories")

    assert [c["name"] for c in response.json()] == ["Бумага", "Ёлки", "Мячи"]
    assert CatalogItem.objects.count() == 3
