"""Pages of direct purchases, purchases by need and the small-purchase limits block."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from zakupki.accounts.enums import OrganizationStatus
from zakupki.catalog.models import SupplierOffer
from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import award, customer, member_of, supplier
from zakupki.documents.models import AuditEvent
from zakupki.procedures.models import QuotationSession
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import DirectPurchase, Need, NeedProposal
from zakupki.purchases.tests.factories import need, offer

NB = "\u00a0"


def page(response):
    return response.content.decode()


def logged_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def past_need(**fields):
    return need(deadline=timezone.now() - dt.timedelta(minutes=1), **fields)


def proposal_for(a_need, price="416724.00"):
    seller = supplier()
    return NeedProposal.objects.create(
        need=a_need,
        supplier=seller,
        submitted_by=member_of(seller),
        price=Decimal(price),
        terms="25 дней",
        submitted_at=timezone.now() - dt.timedelta(hours=2),
    )


# --- direct purchase from an offer ------------------------------------------------------------------------


@pytest.mark.django_db
def test_customer_sees_the_buy_form_with_the_limits(client):
    buyer = customer()
    award(buyer, supplier(), "416724.00")
    an_offer = offer(price="416.72", stock="12")

    response = logged_in(client, member_of(buyer)).get(f"/offers/{an_offer.pk}/buy/")

    assert response.status_code == 200
    html = page(response)
    assert "<h1>Купить по оферте</h1>" in html
    assert f"416,72{NB}₽ за шт." in html
    assert "12 шт." in html
    assert "Лимиты закупок малого объёма" in html
    assert f'data-testid="remaining-p4">1{NB}583{NB}276,00{NB}₽<' in html
    assert 'name="expected_unit_price" value="416.72"' in html


@pytest.mark.django_db
def test_customer_buys_and_lands_on_the_purchase(client):
    an_offer = offer(price="416.72", stock="12")
    browser = logged_in(client, member_of(customer()))

    response = browser.post(f"/offers/{an_offer.pk}/buy/", {"quantity": "3", "expected_unit_price": "416.72"})

    purchase = DirectPurchase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/purchases/{purchase.pk}/"
    detail = page(browser.get(response["Location"]))
    assert f'data-testid="total">1{NB}250,16{NB}₽<' in detail
    assert f"ПЗ-77-{purchase.pk:08d}" in detail
    assert SupplierOffer.objects.get().stock == Decimal("9.000")
    listing = page(browser.get("/purchases/"))
    assert f'href="/purchases/{purchase.pk}/"' in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("", "Укажите количество"),
        ("0", "Количество должно быть больше нуля"),
        ("1,2345", "Количество: не более трёх знаков после запятой"),
        ("13", "Недостаточно товара: в наличии 12 шт."),
    ],
)
def test_bad_quantity_comes_back_with_the_reason_and_nothing_changes(client, quantity, message):
    an_offer = offer(price="416.72", stock="12")
    events = AuditEvent.objects.count()

    response = logged_in(client, member_of(customer())).post(
        f"/offers/{an_offer.pk}/buy/", {"quantity": quantity}
    )

    assert response.status_code == 400
    assert message in page(response)
    assert SupplierOffer.objects.get().stock == Decimal("12.000")
    assert (DirectPurchase.objects.count(), Contract.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        events,
    )


@pytest.mark.django_db
def test_purchase_over_the_contract_cap_is_refused_on_the_page(client):
    an_offer = offer(price="416.72", stock="2000")

    response = logged_in(client, member_of(customer())).post(
        f"/offers/{an_offer.pk}/buy/", {"quantity": "1500"}
    )

    assert response.status_code == 400
    assert (
        f"Цена 625{NB}080,00{NB}₽ превышает предельную цену контракта 600{NB}000,00{NB}₽ по п. 4 ч. 1 ст. 93 44-ФЗ"
        in page(response)
    )
    assert SupplierOffer.objects.get().stock == Decimal("2000.000")
    assert DirectPurchase.objects.count() == 0


@pytest.mark.django_db
def test_supplier_and_unconfirmed_customer_cannot_open_the_buy_form(client):
    an_offer = offer()

    as_supplier = logged_in(client, member_of(supplier())).get(f"/offers/{an_offer.pk}/buy/")
    pending = logged_in(Client(), member_of(customer(status=OrganizationStatus.PENDING))).get(
        f"/offers/{an_offer.pk}/buy/"
    )

    assert as_supplier.status_code == 403
    assert "Закупки проводят только сотрудники организаций-заказчиков" in page(as_supplier)
    assert pending.status_code == 403


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_from_the_buy_form(client):
    an_offer = offer()

    response = client.post(f"/offers/{an_offer.pk}/buy/", {"quantity": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/offers/{an_offer.pk}/buy/"
    assert DirectPurchase.objects.count() == 0


# --- needs ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_needs_list_shows_published_needs_and_hides_drafts(client):
    need(title="Ремонт кровли")
    need(title="Секретный черновик", status=NeedStatus.DRAFT)

    response = client.get("/needs/")

    assert response.status_code == 200
    html = page(response)
    assert "<h1>Закупки по потребностям</h1>" in html
    assert "Ремонт кровли" in html
    assert "Секретный черновик" not in html
    assert "Лимиты закупок малого объёма" not in html


@pytest.mark.django_db
def test_customer_sees_own_drafts_and_limits_on_the_needs_page(client):
    draft = need(title="Мой черновик", status=NeedStatus.DRAFT)

    html = page(logged_in(client, member_of(draft.customer)).get("/needs/"))

    own = html[html.index('id="own-needs"') : html.index('id="public-needs"')]
    assert "Мой черновик" in own
    assert "Лимиты закупок малого объёма" in html
    assert 'href="/needs/new/"' in html


@pytest.mark.django_db
def test_customer_creates_a_need_with_a_deadline_in_its_region_time(client):
    actor = member_of(customer())
    local = (
        (timezone.now() + dt.timedelta(days=3))
        .astimezone(ZoneInfo("Europe/Moscow"))
        .replace(second=0, microsecond=0)
    )

    response = logged_in(client, actor).post(
        "/needs/new/",
        {
            "title": "Ремонт кровли",
            "description": "Мягкая кровля 320 м²",
            "max_price": "500 000,00",
            "deadline": local.strftime("%Y-%m-%dT%H:%M"),
            "basis": "p4",
        },
    )

    created = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/needs/{created.pk}/"
    assert (created.status, created.max_price, created.deadline) == (
        NeedStatus.DRAFT,
        Decimal("500000.00"),
        local,
    )


@pytest.mark.django_db
def test_need_form_with_bad_input_answers_400_and_creates_nothing(client):
    response = logged_in(client, member_of(customer())).post(
        "/needs/new/",
        {
            "title": "Ремонт",
            "description": "Кровля",
            "max_price": "600000,01",
            "deadline": "31.02.2030 10:00",
            "basis": "p4",
        },
    )

    assert response.status_code == 400
    html = page(response)
    assert "Неверная дата и время: ожидается ДД.ММ.ГГГГ ЧЧ:ММ" in html
    assert Need.objects.count() == 0


@pytest.mark.django_db
def test_need_over_the_contract_cap_is_refused_next_to_the_price(client):
    deadline = (timezone.now() + dt.timedelta(days=2)).astimezone(ZoneInfo("Europe/Moscow"))

    response = logged_in(client, member_of(customer())).post(
        "/needs/new/",
        {
            "title": "Ремонт",
            "description": "Кровля",
            "max_price": "600000,01",
            "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
            "basis": "p4",
        },
    )

    assert response.status_code == 400
    assert f"превышает предельную цену контракта 600{NB}000,00{NB}₽" in page(response)
    assert Need.objects.count() == 0


@pytest.mark.django_db
def test_customer_publishes_a_draft(client):
    draft = need(status=NeedStatus.DRAFT)

    response = logged_in(client, member_of(draft.customer)).post(f"/needs/{draft.pk}/publish/")

    assert response.status_code == 302
    assert Need.objects.get().status == NeedStatus.PUBLISHED


@pytest.mark.django_db
def test_supplier_proposes_with_a_file(client):
    published = need(max_price="500000.00")
    seller_user = member_of(supplier())
    browser = logged_in(client, seller_user)
    form_page = page(browser.get(f"/needs/{published.pk}/"))
    upload = SimpleUploadedFile("Смета.pdf", b"%PDF-1.4 smeta", content_type="application/pdf")

    response = browser.post(
        f"/needs/{published.pk}/propose/", {"price": "455 000,50", "terms": "25 дней", "attachment": upload}
    )

    assert '<h2 id="propose-heading">Подать предложение</h2>' in form_page
    assert response.status_code == 302
    made = NeedProposal.objects.get()
    assert made.attachment is not None
    assert (made.price, made.supplier, made.attachment.title) == (
        Decimal("455000.50"),
        seller_user.organization,
        "Смета.pdf",
    )
    after = page(browser.get(f"/needs/{published.pk}/"))
    assert "Заменить предложение" in after
    assert f"455{NB}000,50{NB}₽" in after


@pytest.mark.django_db
def test_proposal_above_the_max_price_comes_back_with_the_reason(client):
    published = need(max_price="500000.00")
    events = AuditEvent.objects.count()

    response = logged_in(client, member_of(supplier())).post(
        f"/needs/{published.pk}/propose/", {"price": "500000,01", "terms": "Да"}
    )

    assert response.status_code == 400
    assert f"Цена выше максимальной цены потребности 500{NB}000,00{NB}₽" in page(response)
    assert NeedProposal.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_proposal_after_the_deadline_is_refused_on_the_page(client):
    closed = need(deadline=dt.datetime(2020, 2, 3, 9, 0, tzinfo=dt.UTC))

    response = logged_in(client, member_of(supplier())).post(
        f"/needs/{closed.pk}/propose/", {"price": "1", "terms": "Да"}
    )

    assert response.status_code == 400
    assert "Приём предложений завершён 03.02.2020 12:00" in page(response)
    assert NeedProposal.objects.count() == 0


@pytest.mark.django_db
def test_proposals_are_sealed_for_the_customer_until_the_deadline(client):
    open_need = need()
    proposal_for(open_need, "300000.00")

    html = page(logged_in(client, member_of(open_need.customer)).get(f"/needs/{open_need.pk}/"))

    assert "Предложения откроются после окончания приёма" in html
    assert f"300{NB}000,00{NB}₽" not in html


@pytest.mark.django_db
def test_customer_awards_after_the_deadline(client):
    past = past_need(max_price="500000.00")
    chosen = proposal_for(past, "416724.00")
    browser = logged_in(client, member_of(past.customer))
    detail = page(browser.get(f"/needs/{past.pk}/"))

    no_reason = browser.post(f"/needs/{past.pk}/award/", {"proposal": chosen.pk, "reason": ""})
    response = browser.post(f"/needs/{past.pk}/award/", {"proposal": chosen.pk, "reason": "Наименьшая цена"})

    assert "Выбрать и сформировать контракт" in detail
    assert no_reason.status_code == 400
    assert "Укажите обоснование выбора предложения" in page(no_reason)
    assert response.status_code == 302
    assert Need.objects.get().status == NeedStatus.AWARDED
    after = page(browser.get(f"/needs/{past.pk}/"))
    assert f"№ ЗП-77-{past.pk:08d}" in after
    assert Contract.objects.get().price == Decimal("416724.00")


@pytest.mark.django_db
def test_award_over_the_annual_cap_comes_back_and_changes_nothing(client):
    past = past_need(max_price="500000.00")
    for _ in range(3):
        award(past.customer, supplier(), "600000.00")
    chosen = proposal_for(past, "200000.01")
    contracts = Contract.objects.count()

    response = logged_in(client, member_of(past.customer)).post(
        f"/needs/{past.pk}/award/", {"proposal": chosen.pk, "reason": "Цена"}
    )

    assert response.status_code == 400
    assert f"остаток 200{NB}000,00{NB}₽" in page(response)
    assert Need.objects.get().status == NeedStatus.PUBLISHED
    assert Contract.objects.count() == contracts
    assert NeedProposal.objects.get().status == ProposalStatus.ACTIVE


@pytest.mark.django_db
def test_customer_cancels_with_a_reason(client):
    published = need()
    browser = logged_in(client, member_of(published.customer))

    empty = browser.post(f"/needs/{published.pk}/cancel/", {"reason": ""})
    response = browser.post(f"/needs/{published.pk}/cancel/", {"reason": "Потребность отпала"})

    assert empty.status_code == 400
    assert "Укажите причину отмены" in page(empty)
    assert response.status_code == 302
    assert Need.objects.get().status == NeedStatus.CANCELLED


@pytest.mark.django_db
def test_conversion_before_the_deadline_answers_400(client):
    published = need(deadline=dt.datetime(2099, 5, 1, 12, 0, tzinfo=dt.UTC))

    response = logged_in(client, member_of(published.customer)).post(
        f"/needs/{published.pk}/convert/", {"duration_hours": "24", "subject_kind": "goods"}
    )

    assert response.status_code == 400
    assert (
        "Перевести потребность в котировочную сессию можно после окончания приёма предложений 01.05.2099 15:00"
        in page(response)
    )
    assert Need.objects.get().status == NeedStatus.PUBLISHED


@pytest.mark.django_db
def test_stranger_cannot_cancel_and_drafts_are_404_to_others(client):
    published = need()
    draft = need(status=NeedStatus.DRAFT)
    browser = logged_in(client, member_of(customer()))

    cancel = browser.post(f"/needs/{published.pk}/cancel/", {"reason": "x"})
    hidden = browser.get(f"/needs/{draft.pk}/")

    assert cancel.status_code == 403
    assert hidden.status_code == 404
    assert Need.objects.get(pk=published.pk).status == NeedStatus.PUBLISHED


@pytest.mark.django_db
def test_customer_converts_a_need_into_a_session_after_the_deadline(client):
    past = past_need(max_price="500000.00")
    browser = logged_in(client, member_of(past.customer))
    detail = page(browser.get(f"/needs/{past.pk}/"))

    bad = browser.post(f"/needs/{past.pk}/convert/", {"duration_hours": "5", "subject_kind": "goods"})
    response = browser.post(
        f"/needs/{past.pk}/convert/", {"duration_hours": "6", "subject_kind": "works", "smp_only": "on"}
    )

    assert '<option value="24">24 ч</option>' in detail
    assert 'name="smp_only"' in detail
    assert bad.status_code == 400
    assert "Выберите продолжительность" in page(bad)
    session = QuotationSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.pk}/"
    assert (session.start_price, session.duration_hours, session.subject_kind, session.smp_only) == (
        Decimal("500000.00"),
        6,
        "works",
        True,
    )
    converted = Need.objects.get()
    assert (converted.status, converted.session_id) == (NeedStatus.CONVERTED, session.pk)
