"""The purchases API: every action, exact bodies; refusals answer in Russian and change nothing."""

import base64
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.catalog.models import SupplierOffer
from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import award, customer, member_of, supplier
from zakupki.documents.models import AuditEvent
from zakupki.procedures.models import QuotationSession
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import DirectPurchase, Need, NeedProposal
from zakupki.purchases.tests.factories import need, offer

NB = "\u00a0"


def brief(org):
    return {"id": org.pk, "name": org.display_name, "inn": org.inn, "region": "77"}


# --- limits and direct purchases --------------------------------------------------------------------------


@pytest.mark.django_db
def test_customer_reads_its_limits(client):
    buyer = customer()
    award(buyer, supplier(), "416724.00")
    year = timezone.localdate().year

    response = get(client, "/purchases/limits", headers=as_user(member_of(buyer)))

    assert response.status_code == 200
    assert response.json() == {
        "customer_id": buyer.pk,
        "limits": [
            {
                "basis": "p4",
                "basis_label": "п. 4 ч. 1 ст. 93 44-ФЗ",
                "year": year,
                "contract_cap": "600000.00",
                "annual_cap": "2000000.00",
                "spent": "416724.00",
                "remaining": "1583276.00",
            },
            {
                "basis": "p5",
                "basis_label": "п. 5 ч. 1 ст. 93 44-ФЗ",
                "year": year,
                "contract_cap": "600000.00",
                "annual_cap": "5000000.00",
                "spent": "0.00",
                "remaining": "5000000.00",
            },
        ],
    }


@pytest.mark.django_db
def test_supplier_has_no_limits(client):
    response = get(client, "/purchases/limits", headers=as_user(member_of(supplier())))

    assert response.status_code == 403
    assert response.json() == errors(
        error("Лимиты закупок малого объёма видят сотрудники организаций-заказчиков", code="forbidden")
    )


@pytest.mark.django_db
def test_customer_buys_through_the_api(client):
    an_offer = offer(price="416.72", stock="10")
    buyer = member_of(customer())
    headers = as_user(buyer)

    response = post(
        client,
        "/purchases",
        {"offer_id": an_offer.pk, "quantity": "2.5", "expected_unit_price": "416.72"},
        headers,
    )

    assert response.status_code == 201
    purchase = DirectPurchase.objects.get()
    body = response.json()
    assert body["id"] == purchase.pk
    assert {k: body[k] for k in ("status", "quantity", "unit_price", "total", "unit", "contract_number")} == {
        "status": "contracted",
        "quantity": "2.5",
        "unit_price": "416.72",
        "total": "1041.80",
        "unit": "шт.",
        "contract_number": f"ПЗ-77-{purchase.pk:08d}",
    }
    assert body["customer"] == brief(buyer.organization)
    assert SupplierOffer.objects.get().stock == Decimal("7.500")
    listing = get(client, "/purchases", headers=headers).json()
    assert [row["id"] for row in listing["items"]] == [purchase.pk]
    assert get(client, f"/purchases/{purchase.pk}", headers=headers).json()["total"] == "1041.80"
    stranger = get(client, f"/purchases/{purchase.pk}", headers=as_user(member_of(customer())))
    assert stranger.status_code == 403


@pytest.mark.django_db
def test_purchase_over_the_cap_answers_409_and_changes_nothing(client):
    an_offer = offer(price="416.72", stock="2000")
    headers = as_user(member_of(customer()))
    events = AuditEvent.objects.count()

    response = post(client, "/purchases", {"offer_id": an_offer.pk, "quantity": "1500"}, headers)

    assert response.status_code == 409
    assert response.json() == errors(
        error(
            f"Цена 625{NB}080,00{NB}₽ превышает предельную цену контракта 600{NB}000,00{NB}₽ "
            "по п. 4 ч. 1 ст. 93 44-ФЗ",
            field="price",
            code="cap_exceeded",
        )
    )
    assert SupplierOffer.objects.get().stock == Decimal("2000.000")
    assert (DirectPurchase.objects.count(), Contract.objects.count()) == (0, 0)
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_bad_quantity_answers_with_a_field_error(client):
    an_offer = offer()
    headers = as_user(member_of(customer()))

    response = post(client, "/purchases", {"offer_id": an_offer.pk, "quantity": "0.0001"}, headers)
    unknown = post(client, "/purchases", {"offer_id": 999999, "quantity": "1"}, headers)

    assert response.status_code == 422
    assert response.json() == errors(
        error("Количество: не более трёх знаков после запятой", field="quantity")
    )
    assert unknown.status_code == 404
    assert unknown.json() == errors(error("Оферта не найдена", code="not_found"))
    assert DirectPurchase.objects.count() == 0


@pytest.mark.django_db
def test_purchase_needs_a_user(client):
    response = post(client, "/purchases", {"offer_id": 1, "quantity": "1"})

    assert response.status_code == 401


# --- needs ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_customer_creates_and_publishes_a_need(client):
    actor = member_of(customer())
    headers = as_user(actor)
    deadline = (timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)

    created = post(
        client,
        "/needs",
        {
            "title": "Ремонт кровли",
            "description": "Мягкая кровля 320 м²",
            "max_price": "500000.00",
            "deadline": deadline.isoformat(),
        },
        headers,
    )
    need_id = created.json()["id"]
    published = post(client, f"/needs/{need_id}/publish", {}, headers)

    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    assert created.json()["max_price"] == "500000.00"
    assert published.status_code == 200
    body = published.json()
    assert {k: body[k] for k in ("status", "status_label", "proposals_count", "proposals", "award")} == {
        "status": "published",
        "status_label": "Приём предложений",
        "proposals_count": 0,
        "proposals": [],
        "award": None,
    }
    assert Need.objects.get().deadline == deadline
    listing = get(client, "/needs", status="published").json()
    assert [row["id"] for row in listing["items"]] == [need_id]


@pytest.mark.django_db
def test_need_with_bad_input_lists_the_errors(client):
    response = post(
        client,
        "/needs",
        {"title": "", "description": "Кровля", "max_price": "0", "deadline": "2020-01-01T10:00:00+03:00"},
        as_user(member_of(customer())),
    )

    assert response.status_code == 422
    assert response.json() == errors(
        error("Укажите предмет закупки", field="title"),
        error("Максимальная цена должна быть больше нуля", field="max_price"),
        error("Окончание приёма предложений должно быть в будущем", field="deadline"),
    )
    assert Need.objects.count() == 0


@pytest.mark.django_db
def test_drafts_are_not_listed_or_shown_to_others(client):
    draft = need(status=NeedStatus.DRAFT)

    listing = get(client, "/needs").json()
    detail = get(client, f"/needs/{draft.pk}")

    assert listing["items"] == []
    assert detail.status_code == 404


@pytest.mark.django_db
def test_supplier_proposes_with_an_attachment_and_sees_only_its_own(client):
    published = need(max_price="500000.00")
    seller_user = member_of(supplier())
    rival = member_of(supplier())
    post(client, f"/needs/{published.pk}/proposals", {"price": "300000", "terms": "Быстро"}, as_user(rival))
    content = b"%PDF-1.4 smeta"

    response = post(
        client,
        f"/needs/{published.pk}/proposals",
        {
            "price": "455000.50",
            "terms": "25 дней",
            "attachment": {
                "name": "Смета.pdf",
                "content_type": "application/pdf",
                "content_base64": base64.b64encode(content).decode(),
            },
        },
        as_user(seller_user),
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["price"], body["status"], body["attachment_title"]) == ("455000.50", "active", "Смета.pdf")
    own = get(client, f"/needs/{published.pk}/proposals", headers=as_user(seller_user)).json()
    assert [p["price"] for p in own] == ["455000.50"]
    buyer_view = get(client, f"/needs/{published.pk}", headers=as_user(member_of(published.customer))).json()
    assert (buyer_view["proposals_count"], buyer_view["proposals"]) == (2, [])  # sealed until the deadline


@pytest.mark.django_db
def test_proposal_above_max_price_or_bad_base64_is_refused(client):
    published = need(max_price="500000.00")
    headers = as_user(member_of(supplier()))

    too_dear = post(
        client, f"/needs/{published.pk}/proposals", {"price": "500000.01", "terms": "Да"}, headers
    )
    bad_file = post(
        client,
        f"/needs/{published.pk}/proposals",
        {
            "price": "1",
            "terms": "Да",
            "attachment": {"name": "a", "content_type": "text/plain", "content_base64": "@@"},
        },
        headers,
    )

    assert too_dear.status_code == 422
    assert too_dear.json() == errors(
        error(f"Цена выше максимальной цены потребности 500{NB}000,00{NB}₽", field="price")
    )
    assert bad_file.json() == errors(error("Содержимое файла должно быть в base64", field="attachment"))
    assert NeedProposal.objects.count() == 0


@pytest.mark.django_db
def test_proposal_after_the_deadline_answers_409(client):
    closed = need(deadline=dt.datetime(2020, 2, 3, 9, 0, tzinfo=dt.UTC))

    response = post(
        client, f"/needs/{closed.pk}/proposals", {"price": "1", "terms": "Да"}, as_user(member_of(supplier()))
    )

    assert response.status_code == 409
    assert response.json() == errors(
        error("Приём предложений завершён 03.02.2020 12:00", code="deadline_passed")
    )


@pytest.mark.django_db
def test_customer_awards_through_the_api(client):
    past = need(deadline=timezone.now() - dt.timedelta(minutes=1), max_price="500000.00")
    seller = supplier()
    chosen = NeedProposal.objects.create(
        need=past,
        supplier=seller,
        submitted_by=member_of(seller),
        price=Decimal("416724.00"),
        terms="25 дней",
        submitted_at=timezone.now() - dt.timedelta(hours=1),
    )
    headers = as_user(member_of(past.customer))

    no_reason = post(client, f"/needs/{past.pk}/award", {"proposal_id": chosen.pk, "reason": " "}, headers)
    response = post(client, f"/needs/{past.pk}/award", {"proposal_id": chosen.pk, "reason": "Цена"}, headers)

    assert no_reason.status_code == 422
    assert no_reason.json() == errors(error("Укажите обоснование выбора предложения", field="reason"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "awarded"
    assert body["award"]["contract_number"] == f"ЗП-77-{past.pk:08d}"
    assert (body["award"]["price"], body["award"]["supplier"]) == ("416724.00", brief(seller))
    assert [p["id"] for p in body["proposals"]] == [chosen.pk]
    assert Contract.objects.get().price == Decimal("416724.00")


@pytest.mark.django_db
def test_customer_cancels_and_converts_through_the_api(client):
    open_need = need()
    past = need(deadline=timezone.now() - dt.timedelta(minutes=1), of=open_need.customer)
    headers = as_user(member_of(open_need.customer))

    early = post(client, f"/needs/{open_need.pk}/convert", {"duration_hours": 24}, headers)
    cancelled = post(client, f"/needs/{open_need.pk}/cancel", {"reason": "Не нужно"}, headers)
    bad_duration = post(client, f"/needs/{past.pk}/convert", {"duration_hours": 5}, headers)
    converted = post(
        client,
        f"/needs/{past.pk}/convert",
        {"duration_hours": 6, "subject_kind": "works", "smp_only": True},
        headers,
    )

    assert early.status_code == 409
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["status_reason"] == "Не нужно"
    assert bad_duration.status_code == 422
    assert bad_duration.json() == errors(
        error("Продолжительность сессии может быть только 3, 6 или 24 ч", field="duration_hours")
    )
    assert converted.json()["status"] == "converted"
    session = QuotationSession.objects.get()
    assert converted.json()["session_id"] == session.pk
    assert (session.duration_hours, session.subject_kind, session.smp_only) == (6, "works", True)
    assert NeedProposal.objects.filter(status=ProposalStatus.ACTIVE).count() == 0


@pytest.mark.django_db
def test_stranger_cannot_cancel(client):
    open_need = need()

    response = post(client, f"/needs/{open_need.pk}/cancel", {"reason": "x"}, as_user(member_of(customer())))

    assert response.status_code == 403
    assert response.json() == errors(error("Это закупка другого заказчика", code="forbidden"))
    assert Need.objects.get().status == NeedStatus.PUBLISHED
