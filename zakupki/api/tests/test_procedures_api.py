"""Quotation sessions through the API: create, publish, bid, auto-bid, the anonymous card, the result."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.api.tests import factories
from zakupki.api.tests.helpers import API, as_user, error, errors, get, post
from zakupki.documents.models import AuditEvent
from zakupki.procedures.models import AutoBid, Bid, QuotationSession
from zakupki.procedures.services import (
    SessionItemData,
    bid_place,
    session_close,
    session_create,
    session_publish,
)

ITEMS = [
    {"name": "Бумага офисная А4", "unit": "пачка", "quantity": "100", "unit_price": "350.00"},
    {"name": "Картридж лазерный", "unit": "шт", "quantity": "7", "unit_price": "2300.00"},
]
# НМЦК 100 × 350 + 7 × 2 300 = 51 100,00 ₽; steps 0,5 % … 5 %: 255,50 … 2 555,00 ₽


def _customer():
    org = factories.organization(kind=OrganizationKind.CUSTOMER, name="ГБОУ Школа № 1535", short_name="")
    return org, factories.member_of(org)


def _supplier(name):
    org = factories.organization(name=name, short_name="")
    return org, factories.member_of(org)


def _published(customer_user, *, now=None):
    draft = session_create(
        actor=customer_user,
        title="Поставка канцелярских товаров",
        items=[
            SessionItemData(
                name=i["name"],
                unit=i["unit"],
                quantity=Decimal(i["quantity"]),
                unit_price=Decimal(i["unit_price"]),
            )
            for i in ITEMS
        ],
        duration_hours=3,
        delivery_terms="Доставка до склада заказчика",
    )
    return session_publish(session=draft, actor=customer_user, now=now)


def _snapshot(session_id):
    s = QuotationSession.objects.get(pk=session_id)
    return (
        s.status,
        s.best_price,
        s.bids_count,
        s.last_seq,
        Bid.objects.filter(session=s).count(),
        AutoBid.objects.filter(session=s).count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_customer_creates_a_draft_and_publishes_it():
    _, user = _customer()
    headers = as_user(user)

    created = post(
        Client(),
        "/sessions",
        {
            "title": "Поставка канцелярских товаров",
            "items": ITEMS,
            "duration_hours": 3,
            "delivery_terms": "До склада",
        },
        headers,
    )

    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["start_price"], body["step_min"], body["ends_at"]) == (
        "draft",
        "51100.00",
        None,
        None,
    )
    assert body["items"] == [
        {
            "position": 1,
            "name": "Бумага офисная А4",
            "unit": "пачка",
            "quantity": "100",
            "unit_price": "350.00",
            "catalog_ref": "",
        },
        {
            "position": 2,
            "name": "Картридж лазерный",
            "unit": "шт",
            "quantity": "7",
            "unit_price": "2300.00",
            "catalog_ref": "",
        },
    ]
    assert get(Client(), f"/sessions/{body['id']}").status_code == 404  # a draft is not public

    published = post(Client(), f"/sessions/{body['id']}/publish", {}, headers)

    assert published.status_code == 200
    detail = published.json()
    assert (detail["status"], detail["step_min"], detail["step_max"], detail["is_open"]) == (
        "published",
        "255.50",
        "2555.00",
        True,
    )
    assert (detail["next_price_max"], detail["next_price_min"]) == ("50844.50", "48545.00")
    assert get(Client(), "/sessions").json()["items"][0]["id"] == body["id"]


@pytest.mark.django_db
def test_create_refuses_bad_items_with_field_errors_and_creates_nothing():
    _, user = _customer()

    response = post(
        Client(),
        "/sessions",
        {
            "title": "Бумага",
            "items": [{"name": "Бумага", "unit": "пачка", "quantity": "много", "unit_price": "1.005"}],
            "duration_hours": 5,
        },
        as_user(user),
    )

    assert response.status_code == 422
    assert response.json() == errors(error("Позиция 1: количество — не число", field="items.0.quantity"))
    assert QuotationSession.objects.count() == 0


@pytest.mark.django_db
def test_create_refuses_a_duration_the_region_does_not_allow():
    _, user = _customer()

    response = post(
        Client(), "/sessions", {"title": "Бумага", "items": ITEMS, "duration_hours": 5}, as_user(user)
    )

    assert response.status_code == 422
    assert response.json() == errors(
        error("Продолжительность сессии может быть только 3, 6 или 24 ч", field="duration_hours")
    )
    assert QuotationSession.objects.count() == 0


@pytest.mark.django_db
def test_a_supplier_cannot_create_a_session():
    _, supplier_user = _supplier("ООО «Альфа»")

    response = post(
        Client(),
        "/sessions",
        {"title": "Бумага", "items": ITEMS, "duration_hours": 3},
        as_user(supplier_user),
    )

    assert response.status_code == 403
    assert response.json() == errors(
        error("Создавать котировочные сессии могут только сотрудники заказчика", code="forbidden")
    )
    assert QuotationSession.objects.count() == 0


@pytest.mark.django_db
def test_publish_refuses_a_start_price_over_the_cap_and_changes_nothing():
    _, user = _customer()
    items = [{"name": "Компьютер", "unit": "шт", "quantity": "100", "unit_price": "100000.00"}]
    headers = as_user(user)
    created = post(
        Client(), "/sessions", {"title": "Компьютеры", "items": items, "duration_hours": 3}, headers
    )
    session_id = created.json()["id"]
    before = _snapshot(session_id)

    response = post(Client(), f"/sessions/{session_id}/publish", {}, headers)

    assert response.status_code == 422
    [entry] = response.json()["errors"]
    assert (entry["field"], entry["code"]) == ("start_price", "invalid")
    assert entry["message"].startswith("НМЦК 10\u00a0000\u00a0000,00\u00a0₽ превышает")
    assert _snapshot(session_id) == before


@pytest.mark.django_db
def test_supplier_places_a_bid_and_sees_own_rank():
    _, customer_user = _customer()
    session = _published(customer_user)
    _, alpha = _supplier("ООО «Альфа»")

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"}, as_user(alpha))

    assert response.status_code == 201
    body = response.json()
    assert (body["seq"], body["price"]) == (1, "50000.00")
    assert body["session"]["best_price"] == "50000.00"
    assert body["session"]["me"] == {
        "label": "Участник 1",
        "rank": 1,
        "best_price": "50000.00",
        "is_leader": True,
        "autobid_floor": None,
    }
    assert "ladder" not in body["session"]  # the bid response stays lean; the card has the ladder
    [entry] = get(Client(), f"/sessions/{session.pk}", as_user(alpha)).json()["ladder"]
    assert {
        k: entry[k] for k in ("seq", "label", "price", "is_own", "is_auto", "supplier_name", "supplier_inn")
    } == {
        "seq": 1,
        "label": "Участник 1",
        "price": "50000.00",
        "is_own": True,
        "is_auto": False,
        "supplier_name": None,
        "supplier_inn": None,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("abc", "Цена должна быть числом"),
        ("-1", "Цена должна быть больше нуля"),
        ("0", "Цена должна быть больше нуля"),
        ("1.001", "Цена: не более двух знаков после запятой"),
        ("", "Укажите цену"),
    ],
)
def test_bad_prices_get_a_price_field_error_and_change_nothing(price, message):
    _, customer_user = _customer()
    session = _published(customer_user)
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)
    before = _snapshot(session.pk)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": price}, headers)

    assert response.status_code == 422
    assert response.json() == errors(error(message, field="price"))
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_a_bid_outside_the_step_is_refused():
    _, customer_user = _customer()
    session = _published(customer_user)
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)
    before = _snapshot(session.pk)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "51000.00"}, headers)

    assert response.status_code == 422
    assert response.json() == errors(
        error(
            "Снижение меньше минимального шага 255,50\u00a0₽: предложите не более 50\u00a0844,50\u00a0₽",
            field="price",
        )
    )
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_a_bid_on_someone_elses_behalf_is_refused():
    """The bidder is always the caller's organization: naming another supplier is an unknown field."""
    _, customer_user = _customer()
    session = _published(customer_user)
    beta_org, _ = _supplier("ООО «Бета»")
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)
    before = _snapshot(session.pk)

    response = post(
        Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00", "supplier_id": beta_org.pk}, headers
    )

    assert response.status_code == 422
    assert response.json() == errors(error("Неизвестное поле", field="supplier_id"))
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_the_customer_cannot_bid():
    _, customer_user = _customer()
    session = _published(customer_user)
    headers = as_user(customer_user)
    before = _snapshot(session.pk)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"}, headers)

    assert response.status_code == 403
    assert response.json() == errors(
        error("Подавать ценовые предложения могут только подтверждённые поставщики", code="forbidden")
    )
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_an_unconfirmed_supplier_cannot_bid():
    _, customer_user = _customer()
    session = _published(customer_user)
    org = factories.organization(status=OrganizationStatus.PENDING)
    user = factories.member_of(org)
    headers = as_user(user)
    before = _snapshot(session.pk)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"}, headers)

    assert response.status_code == 403
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_a_banned_supplier_cannot_bid():
    from zakupki.oversight.services import supplier_ban_create

    _, customer_user = _customer()
    session = _published(customer_user)
    alpha_org, alpha = _supplier("ООО «Альфа»")
    now = timezone.now()
    supplier_ban_create(
        supplier=alpha_org,
        region=session.region,
        reason="Отказ от заключения контракта",
        starts_at=now - dt.timedelta(days=1),
        ends_at=dt.datetime(2099, 1, 1, 9, 0, tzinfo=dt.UTC),
        source="КС № 1",
        actor=None,
    )
    headers = as_user(alpha)
    before = _snapshot(session.pk)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"}, headers)

    assert response.status_code == 403
    assert response.json() == errors(
        error("Поставщик заблокирован до 01.01.2099 12:00: Отказ от заключения контракта", code="forbidden")
    )
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_a_session_for_smp_and_sonko_only_refuses_other_suppliers_bids():
    _, customer_user = _customer()
    customer_headers = as_user(customer_user)
    created = post(
        Client(),
        "/sessions",
        {"title": "Поставка бумаги", "items": ITEMS, "duration_hours": 3, "smp_only": True},
        customer_headers,
    ).json()
    session_id = post(Client(), f"/sessions/{created['id']}/publish", {}, customer_headers).json()["id"]
    _, big = _supplier("ООО «Крупный поставщик»")
    small_org = factories.organization(name="ООО «Малое»", short_name="", is_smp=True)
    small = factories.member_of(small_org)
    big_headers = as_user(big)  # (issuing a token is itself journalled)
    before = _snapshot(session_id)

    refused = post(Client(), f"/sessions/{session_id}/bids", {"price": "50000.00"}, big_headers)

    assert created["smp_only"] is True
    assert refused.status_code == 403
    assert refused.json() == errors(
        error(
            "Закупка проводится только среди субъектов малого предпринимательства и социально "
            "ориентированных некоммерческих организаций; ваша организация не отмечена как СМП или СОНКО",
            code="forbidden",
        )
    )
    assert _snapshot(session_id) == before
    accepted = post(Client(), f"/sessions/{session_id}/bids", {"price": "50000.00"}, as_user(small))
    assert accepted.status_code == 201


@pytest.mark.django_db
def test_a_bid_on_a_draft_is_refused_as_not_found():
    _, customer_user = _customer()
    draft = session_create(
        actor=customer_user,
        title="Бумага",
        items=[
            SessionItemData(name="Бумага", unit="пачка", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        duration_hours=3,
        delivery_terms="",
    )
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)
    before = _snapshot(draft.pk)

    response = post(Client(), f"/sessions/{draft.pk}/bids", {"price": "99.00"}, headers)

    assert response.status_code == 404
    assert response.json() == errors(error("Котировочная сессия не найдена", code="not_found"))
    assert _snapshot(draft.pk) == before


@pytest.mark.django_db
def test_a_bid_after_the_end_is_refused_even_before_the_worker_runs():
    _, customer_user = _customer()
    session = _published(customer_user, now=timezone.now() - dt.timedelta(hours=4))
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)
    before = _snapshot(session.pk)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"}, headers)

    assert response.status_code == 409
    assert response.json() == errors(error("Приём ценовых предложений завершён", code="conflict"))
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_bidding_needs_a_user():
    _, customer_user = _customer()
    session = _published(customer_user)

    response = post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"})

    assert response.status_code == 401
    assert Bid.objects.count() == 0


@pytest.mark.django_db
def test_no_supplier_name_or_inn_appears_in_the_card_during_bidding():
    _, customer_user = _customer()
    session = _published(customer_user)
    alpha_org, alpha = _supplier("ООО «Альфа-Снаб»")
    beta_org, beta = _supplier("ООО «Бета-Торг»")
    post(Client(), f"/sessions/{session.pk}/bids", {"price": "50000.00"}, as_user(alpha))
    post(Client(), f"/sessions/{session.pk}/bids", {"price": "49000.00"}, as_user(beta))

    for headers in ({}, as_user(customer_user), as_user(alpha), as_user(beta)):
        response = Client().get(f"{API}/sessions/{session.pk}", headers=headers)
        text = response.content.decode()
        assert response.status_code == 200
        for secret in (alpha_org.name, alpha_org.inn, beta_org.name, beta_org.inn, "Альфа", "Бета"):
            assert secret not in text
    labels = [e["label"] for e in get(Client(), f"/sessions/{session.pk}").json()["ladder"]]
    assert labels == ["Участник 2", "Участник 1"]


@pytest.mark.django_db
def test_autobid_set_and_cancel():
    _, customer_user = _customer()
    session = _published(customer_user)
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)

    response = Client().put(
        f"{API}/sessions/{session.pk}/autobid",
        {"floor_price": "45000.00"},
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 200
    assert (response.json()["active"], response.json()["floor_price"]) == (True, "45000.00")
    assert response.json()["session"]["me"]["autobid_floor"] == "45000.00"

    cancelled = Client().delete(f"{API}/sessions/{session.pk}/autobid", headers=headers)

    assert cancelled.status_code == 200
    assert cancelled.json()["active"] is False


@pytest.mark.django_db
def test_autobid_refuses_a_bad_floor_and_changes_nothing():
    _, customer_user = _customer()
    session = _published(customer_user)
    _, alpha = _supplier("ООО «Альфа»")
    headers = as_user(alpha)
    before = _snapshot(session.pk)

    response = Client().put(
        f"{API}/sessions/{session.pk}/autobid",
        {"floor_price": "abc"},
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 422
    assert response.json() == errors(error("Минимальная цена должна быть числом", field="floor_price"))
    assert _snapshot(session.pk) == before


@pytest.mark.django_db
def test_after_the_end_the_result_names_the_winner_and_the_protocol_downloads():
    _, customer_user = _customer()
    start = timezone.now() - dt.timedelta(hours=3, minutes=1)
    session = _published(customer_user, now=start)
    alpha_org, alpha = _supplier("ООО «Альфа»")
    beta_org, beta = _supplier("ООО «Бета»")
    bid_place(
        session=session, supplier_user=alpha, price=Decimal("50000.00"), now=start + dt.timedelta(minutes=1)
    )
    bid_place(
        session=session, supplier_user=beta, price=Decimal("49000.00"), now=start + dt.timedelta(minutes=2)
    )
    session_close(session=session, now=timezone.now())

    response = get(Client(), f"/sessions/{session.pk}")

    assert response.status_code == 200
    result = response.json()["result"]
    assert {
        k: result[k] for k in ("winner_name", "winning_price", "economy_rub", "economy_pct", "protocol_url")
    } == {
        "winner_name": "ООО «Бета»",
        "winning_price": "49000.00",
        "economy_rub": "2100.00",
        "economy_pct": "4.11",
        "protocol_url": f"/api/v1/sessions/{session.pk}/protocol",
    }
    assert [
        (r["rank"], r["label"], r["supplier_name"], r["supplier_inn"], r["price"]) for r in result["ranking"]
    ] == [
        (1, "Участник 2", "ООО «Бета»", beta_org.inn, "49000.00"),
        (2, "Участник 1", "ООО «Альфа»", alpha_org.inn, "50000.00"),
    ]
    offer = response.json()["offer"]
    assert (offer["rank"], offer["label"], offer["price"], offer["status"], offer["is_mine"]) == (
        1,
        "Участник 2",
        "49000.00",
        "offered",
        False,
    )

    pdf = Client().get(f"{API}/sessions/{session.pk}/protocol")

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_protocol_is_not_found_while_bidding():
    _, customer_user = _customer()
    session = _published(customer_user)

    response = get(Client(), f"/sessions/{session.pk}/protocol")

    assert response.status_code == 404
    assert response.json() == errors(
        error("Протокол ещё не сформирован: сессия не завершена", code="not_found")
    )


@pytest.mark.django_db
def test_only_the_offered_supplier_answers_the_contract_offer():
    _, customer_user = _customer()
    start = timezone.now() - dt.timedelta(hours=3, minutes=1)
    session = _published(customer_user, now=start)
    _, alpha = _supplier("ООО «Альфа»")
    _, beta = _supplier("ООО «Бета»")
    bid_place(
        session=session, supplier_user=alpha, price=Decimal("50000.00"), now=start + dt.timedelta(minutes=1)
    )
    bid_place(
        session=session, supplier_user=beta, price=Decimal("49000.00"), now=start + dt.timedelta(minutes=2)
    )
    session_close(session=session, now=timezone.now())

    intruder = post(Client(), f"/sessions/{session.pk}/offer/accept", {}, as_user(alpha))
    no_reason = post(Client(), f"/sessions/{session.pk}/offer/refuse", {"reason": " "}, as_user(beta))
    refused = post(
        Client(), f"/sessions/{session.pk}/offer/refuse", {"reason": "Нет товара на складе"}, as_user(beta)
    )

    assert intruder.status_code == 403
    assert no_reason.status_code == 422
    assert no_reason.json() == errors(error("Укажите причину отказа", field="reason"))
    assert refused.status_code == 200
    offer = refused.json()["session"]["offer"]
    assert (offer["rank"], offer["label"], offer["price"]) == (2, "Участник 1", "50000.00")

    accepted = post(Client(), f"/sessions/{session.pk}/offer/accept", {}, as_user(alpha))

    assert accepted.status_code == 200
    assert accepted.json()["session"]["status"] == "contract_concluded"
    assert accepted.json()["contract_number"]


@pytest.mark.django_db
def test_the_card_during_bidding_exactly():
    _, customer_user = _customer()
    session = _published(customer_user)
    _, alpha = _supplier("ООО «Альфа»")
    bid = bid_place(session=session, supplier_user=alpha, price=Decimal("50000.00"))
    session.refresh_from_db()

    body = get(Client(), f"/sessions/{session.pk}").json()

    seconds_left = body.pop("seconds_left")
    assert 3 * 3600 - 60 < seconds_left <= 3 * 3600
    moscow = dt.timezone(dt.timedelta(hours=3))
    assert body == {
        "id": session.pk,
        "title": "Поставка канцелярских товаров",
        "status": "published",
        "status_label": "Идёт приём предложений",
        "customer_name": "ГБОУ Школа № 1535",
        "region_timezone": "Europe/Moscow",
        "subject_kind": "goods",
        "smp_only": False,
        "delivery_terms": "Доставка до склада заказчика",
        "duration_hours": 3,
        "start_price": "51100.00",
        "step_min": "255.50",
        "step_max": "2555.00",
        "best_price": "50000.00",
        "bids_count": 1,
        "participants_count": 1,
        "published_at": session.published_at.astimezone(moscow).isoformat(),
        "ends_at": session.ends_at.astimezone(moscow).isoformat(),
        "is_open": True,
        "next_price_max": "49744.50",
        "next_price_min": "47445.00",
        "items": [
            {
                "position": 1,
                "name": "Бумага офисная А4",
                "unit": "пачка",
                "quantity": "100",
                "unit_price": "350.00",
                "catalog_ref": "",
            },
            {
                "position": 2,
                "name": "Картридж лазерный",
                "unit": "шт",
                "quantity": "7",
                "unit_price": "2300.00",
                "catalog_ref": "",
            },
        ],
        "ladder": [
            {
                "seq": 1,
                "label": "Участник 1",
                "price": "50000.00",
                "placed_at": bid.placed_at.astimezone(moscow).isoformat(),
                "is_own": False,
                "is_auto": None,
                "supplier_name": None,
                "supplier_inn": None,
            }
        ],
        "me": None,
        "result": None,
        "offer": None,
    }


@pytest.mark.django_db
def test_the_public_list_shows_published_sessions_only_and_mine_shows_drafts_too():
    _, customer_user = _customer()
    session = _published(customer_user)
    draft = session_create(
        actor=customer_user,
        title="Бумага",
        items=[
            SessionItemData(name="Бумага", unit="пачка", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        duration_hours=3,
        delivery_terms="",
    )
    moscow = dt.timezone(dt.timedelta(hours=3))

    public = get(Client(), "/sessions")
    mine = get(Client(), "/sessions/mine", as_user(customer_user))

    assert public.status_code == 200
    assert public.json() == {
        "count": 1,
        "items": [
            {
                "id": session.pk,
                "title": "Поставка канцелярских товаров",
                "status": "published",
                "status_label": "Идёт приём предложений",
                "customer_name": "ГБОУ Школа № 1535",
                "region_code": "77",
                "start_price": "51100.00",
                "best_price": None,
                "bids_count": 0,
                "smp_only": False,
                "published_at": session.published_at.astimezone(moscow).isoformat(),
                "ends_at": session.ends_at.astimezone(moscow).isoformat(),
            }
        ],
    }
    assert [row["id"] for row in mine.json()] == [draft.pk, session.pk]
    assert get(Client(), "/sessions", status="bogus").json() == errors(
        error("Неизвестный статус котировочной сессии", field="status")
    )
