import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import SupplierOffer
from zakupki.catalog.tests import factories as f
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ball(db):
    return f.item(characteristics=[{"name": "Модель", "value": "REGATEADOR5-R", "unit": ""}])


@pytest.fixture
def vacuum(db):
    return f.item(
        ste_id="1159363", name="Vitek VT-1886(B) пылесос", category="Пылесос", kpgz_code="01.20.03.01"
    )


def test_search_page_finds_word_forms_and_shows_rouble_prices(ball, vacuum):
    f.offer(of=ball, supplier=f.organization(), price="12489.50")

    response = Client().get("/catalog/", {"q": "мячи футбольные"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "мяч футбольный MIKASA REGATEADOR5-G" in html
    assert "пылесос" not in html
    assert f"12{NBSP}489,50{NBSP}₽ за шт." in html
    assert 'data-testid="total">Найдено: 1<' in html


def test_search_page_without_query_lists_the_catalogue(ball, vacuum):
    response = Client().get("/catalog/")

    assert response.status_code == 200
    assert [hit.item.ste_id for hit in response.context["result"].hits] == [
        "1153097",
        "1159363",
    ]  # Cyrillic before Latin


def test_search_page_paginates(db):
    for n in range(25):
        f.item(
            ste_id=str(5000 + n), name=f"Иглы для швейных машин №{n:02d}", category="Иглы", kpgz_code="01.20"
        )

    first = Client().get("/catalog/", {"q": "игла", "sort": "name"})
    second = Client().get("/catalog/", {"q": "игла", "sort": "name", "page": "2"})

    assert len(first.context["result"].hits) == 20
    assert "q=%D0%B8%D0%B3%D0%BB%D0%B0&amp;sort=name&amp;page=2" in first.content.decode()
    assert [h.item.name for h in second.context["result"].hits][0] == "Иглы для швейных машин №20"
    assert len(second.context["result"].hits) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"price_min": "abc"}, "Введите число"),
        ({"price_min": "100", "price_max": "10"}, "Максимальная цена меньше минимальной"),
        ({"sort": "cheap"}, "Неизвестный порядок сортировки"),
        ({"region": "99"}, "Регион не подключён к платформе"),
    ],
)
def test_search_page_bad_input_is_400_with_a_russian_message(ball, params, message):
    response = Client().get("/catalog/", params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["result"] is None


def test_item_page_shows_characteristics_and_buyable_offers(ball):
    supplier = f.organization(short_name="ООО «Спорт-Снаб»")
    f.offer(of=ball, supplier=supplier, price="2489.00", stock="12")
    f.offer(
        of=ball,
        supplier=f.organization(short_name="ООО «Старое»"),
        price="1.00",
        valid_until=dt.date(2025, 6, 1),
    )

    response = Client().get("/catalog/items/1153097/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "REGATEADOR5-R" in html
    assert "ООО «Спорт-Снаб»" in html
    assert f"2{NBSP}489,00{NBSP}₽" in html
    assert "12 шт." in html
    assert "ООО «Старое»" not in html


def test_unknown_item_page_is_404(db):
    assert Client().get("/catalog/items/404404/").status_code == 404


def test_supplier_publishes_an_offer_from_my_offers(ball):
    user = f.supplier_user()
    client = signed_in(user)

    response = client.post(
        "/catalog/my-offers/",
        {
            "ste_id": "1153097",
            "price": "2 489,50",
            "stock": "12",
            "region_codes": ["77"],
            "valid_from": "2026-01-01",
            "valid_until": "2099-12-31",
        },
    )

    assert response.status_code == 302
    offer = SupplierOffer.objects.get()
    assert (offer.price, offer.stock, offer.supplier_id) == (
        Decimal("2489.50"),
        Decimal("12.000"),
        user.organization_id,
    )
    page = client.get("/catalog/my-offers/").content.decode()
    assert "Оферта на «мяч футбольный MIKASA REGATEADOR5-G» опубликована" in page
    assert f"2{NBSP}489,50{NBSP}₽" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"price": "0"}, "Цена должна быть больше нуля"),
        ({"price": "1,005"}, "Неверная цена: не более двух знаков после запятой"),
        ({"ste_id": "999"}, "СТЕ 999 не найдена в каталоге"),
        (
            {"valid_from": "2026-02-01", "valid_until": "2026-01-01"},
            "Дата окончания раньше даты начала действия",
        ),
        ({"region_codes": []}, "Укажите хотя бы один регион поставки"),
    ],
)
def test_bad_offer_form_is_400_and_creates_nothing(ball, overrides, message):
    data = {
        "ste_id": "1153097",
        "price": "2489",
        "stock": "1",
        "region_codes": ["77"],
        "valid_from": "2026-01-01",
        "valid_until": "2099-12-31",
        **overrides,
    }

    response = signed_in(f.supplier_user()).post("/catalog/my-offers/", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert SupplierOffer.objects.count() == 0
    assert AuditEvent.objects.filter(event="offer.published").count() == 0


def test_withdraw_from_my_offers(ball):
    user = f.supplier_user()
    offer = f.offer(of=ball, supplier=f.org_of(user))

    response = signed_in(user).post(f"/catalog/my-offers/{offer.pk}/withdraw/")

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN


def test_another_supplier_cannot_withdraw(ball):
    offer = f.offer(of=ball, supplier=f.org_of(f.supplier_user()))

    response = signed_in(f.supplier_user()).post(f"/catalog/my-offers/{offer.pk}/withdraw/")

    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACTIVE


def test_my_offers_is_for_suppliers_only(db):
    customer = f.member_of(f.organization(kind=OrganizationKind.CUSTOMER))

    assert signed_in(customer).get("/catalog/my-offers/").status_code == 403
    assert Client().get("/catalog/my-offers/").status_code == 302  # to the login page
