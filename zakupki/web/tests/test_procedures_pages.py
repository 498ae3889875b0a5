"""Quotation session pages and the live event stream."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, Region, User
from zakupki.documents.models import AuditEvent
from zakupki.procedures.models import Bid, QuotationSession
from zakupki.procedures.services import (
    SessionItemData,
    bid_place,
    session_close,
    session_create,
    session_publish,
)
from zakupki.web.tests.factories import OrganizationFactory, member_of
from zakupki.web.views.live import PollingWaiter, PostgresNotifyWaiter, session_event_stream
from zakupki.web.views.procedures import live_sources

NBSP = "\u00a0"


def customer_of(region: Region) -> tuple[Organization, User]:
    org = OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER, region=region, name="ГБОУ Школа № 1535", short_name=""
    )
    return org, member_of(org)


def supplier_of(region: Region, name: str) -> tuple[Organization, User]:
    org = OrganizationFactory.create(region=region, name=name, short_name="")
    return org, member_of(org)


def published(customer_user: User, *, now: dt.datetime | None = None) -> QuotationSession:
    draft = session_create(
        actor=customer_user,
        title="Поставка канцелярских товаров",
        items=[
            SessionItemData(
                name="Бумага офисная А4", unit="пачка", quantity=Decimal(100), unit_price=Decimal("350.00")
            ),
            SessionItemData(
                name="Картридж лазерный", unit="шт", quantity=Decimal(7), unit_price=Decimal("2300.00")
            ),
        ],
        duration_hours=3,
        delivery_terms="Доставка до склада заказчика",
    )
    return session_publish(session=draft, actor=customer_user, now=now)


def parse_events(chunks: list[str]) -> list[dict[str, Any]]:
    events = []
    for chunk in chunks:
        data = [line[len("data: ") :] for line in chunk.splitlines() if line.startswith("data: ")]
        if data:
            events.append(json.loads("\n".join(data)))
    return events


# ---------------------------------------------------------------------------------------------- pages


@pytest.mark.django_db
def test_customer_creates_a_draft_through_the_form_and_publishes_it(client: Client, region: Region) -> None:
    _, user = customer_of(region)
    client.force_login(user)
    form = client.get("/sessions/new/")
    assert form.status_code == 200
    assert '<option value="3" selected>3 ч</option>' in form.content.decode()

    response = client.post(
        "/sessions/new/",
        {
            "title": "Поставка бумаги",
            "subject_kind": "goods",
            "duration_hours": "3",
            "delivery_terms": "До склада",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-name": "Бумага офисная А4",
            "items-0-unit": "пачка",
            "items-0-quantity": "1 191",
            "items-0-unit_price": "349,89",
            "items-1-name": "",
        },
    )

    session = QuotationSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.pk}/"
    assert (session.status, session.start_price) == ("draft", Decimal("416718.99"))
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert f"416{NBSP}718,99{NBSP}₽" in page
    assert "Опубликовать" in page

    publish = client.post(f"/sessions/{session.pk}/publish/")

    session.refresh_from_db()
    assert publish.status_code == 302
    assert session.status == "published"
    assert "data-live-session" in client.get(f"/sessions/{session.pk}/").content.decode()


@pytest.mark.django_db
def test_a_session_for_smp_and_sonko_only_is_ticked_in_the_form_and_said_on_the_card(
    client: Client, region: Region
) -> None:
    _, user = customer_of(region)
    client.force_login(user)
    assert 'name="smp_only"' in client.get("/sessions/new/").content.decode()

    client.post(
        "/sessions/new/",
        {
            "title": "Поставка бумаги",
            "subject_kind": "goods",
            "smp_only": "on",
            "duration_hours": "3",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-name": "Бумага офисная А4",
            "items-0-unit": "пачка",
            "items-0-quantity": "10",
            "items-0-unit_price": "350",
        },
    )

    session = QuotationSession.objects.get()
    assert session.smp_only is True
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert ('<dd data-testid="smp-only">только субъекты малого предпринимательства и СОНКО</dd>') in page
    # a supplier outside SMP/SONKO is told why instead of being shown a bid form
    client.post(f"/sessions/{session.pk}/publish/")
    assert '<span class="badge" title="Предложения принимаются только от субъектов малого' in (
        client.get("/sessions/").content.decode()
    )
    _, big = supplier_of(region, "ООО «Крупный поставщик»")
    client.force_login(big)
    card = client.get(f"/sessions/{session.pk}/").content.decode()
    assert 'data-testid="smp-barred">Закупка проводится только среди субъектов малого' in card
    assert "Подать предложение" not in card
    small = OrganizationFactory.create(region=region, name="ООО «Малое»", short_name="", is_smp=True)
    client.force_login(member_of(small))
    card = client.get(f"/sessions/{session.pk}/").content.decode()
    assert ("smp-barred" in card, "<h3>Подать предложение</h3>" in card) == (False, True)


@pytest.mark.django_db
def test_new_session_form_shows_russian_errors_and_creates_nothing(client: Client, region: Region) -> None:
    _, user = customer_of(region)
    client.force_login(user)

    response = client.post(
        "/sessions/new/",
        {
            "title": "",
            "subject_kind": "goods",
            "duration_hours": "5",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-name": "Бумага",
            "items-0-unit": "",
            "items-0-quantity": "много",
            "items-0-unit_price": "10",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Укажите предмет закупки" in page
    assert "Выберите продолжительность из списка" in page
    assert "Укажите единицу измерения" in page
    assert "Количество должно быть числом" in page
    assert QuotationSession.objects.count() == 0


@pytest.mark.django_db
def test_a_supplier_cannot_open_the_new_session_form(client: Client, region: Region) -> None:
    _, user = supplier_of(region, "ООО «Альфа»")
    client.force_login(user)

    response = client.get("/sessions/new/")

    assert response.status_code == 403
    assert "Создавать котировочные сессии могут только сотрудники заказчика" in response.content.decode()


@pytest.mark.django_db
def test_a_draft_is_hidden_from_others(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    draft = session_create(
        actor=customer_user,
        title="Бумага",
        items=[
            SessionItemData(name="Бумага", unit="пачка", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        duration_hours=3,
        delivery_terms="",
    )

    assert client.get(f"/sessions/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_supplier_bids_through_the_page(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    client.force_login(alpha)

    response = client.post(f"/sessions/{session.pk}/bid/", {"price": "50 000,00"})

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.best_price == Decimal("50000.00")
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Ваше предложение № 1 принято" in page
    assert "Ваше предложение лучшее (1-е место)" in page
    assert f"50{NBSP}000,00{NBSP}₽" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("abc", "Цена должна быть числом"),
        ("-1", "Цена должна быть больше нуля"),
        ("0", "Цена должна быть больше нуля"),
        ("1.001", "Цена: не более двух знаков после запятой"),
        (
            "51000",
            f"Снижение меньше минимального шага 255,50{NBSP}₽: предложите не более 50{NBSP}844,50{NBSP}₽",
        ),
    ],
)
def test_a_bad_bid_gets_a_400_with_the_reason_and_changes_nothing(
    client: Client, region: Region, price: str, message: str
) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    client.force_login(alpha)
    audit_before = AuditEvent.objects.count()

    response = client.post(f"/sessions/{session.pk}/bid/", {"price": price})

    assert response.status_code == 400
    assert message in response.content.decode()
    session.refresh_from_db()
    assert (session.best_price, session.bids_count, Bid.objects.count()) == (None, 0, 0)
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_the_customer_bid_is_refused_on_the_page(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    client.force_login(customer_user)

    response = client.post(f"/sessions/{session.pk}/bid/", {"price": "50000"})

    assert response.status_code == 400
    assert "Подавать ценовые предложения могут только подтверждённые поставщики" in response.content.decode()
    assert Bid.objects.count() == 0


@pytest.mark.django_db
def test_the_page_shows_participants_anonymously_during_bidding(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    alpha_org, alpha = supplier_of(region, "ООО «Альфа-Снаб»")
    beta_org, beta = supplier_of(region, "ООО «Бета-Торг»")
    bid_place(session=session, supplier_user=alpha, price=Decimal("50000.00"))
    bid_place(session=session, supplier_user=beta, price=Decimal("49000.00"))

    for viewer in (None, customer_user, alpha):
        if viewer is not None:
            client.force_login(viewer)
        page = client.get(f"/sessions/{session.pk}/").content.decode()
        assert "Участник 1" in page
        assert "Участник 2" in page
        for secret in ("Альфа", "Бета", alpha_org.inn, beta_org.inn):
            assert secret not in page


@pytest.mark.django_db
def test_after_the_end_the_page_shows_the_result(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    start = timezone.now() - dt.timedelta(hours=3, minutes=1)
    session = published(customer_user, now=start)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    beta_org, beta = supplier_of(region, "ООО «Бета»")
    bid_place(
        session=session, supplier_user=alpha, price=Decimal("50000.00"), now=start + dt.timedelta(minutes=1)
    )
    bid_place(
        session=session, supplier_user=beta, price=Decimal("49000.00"), now=start + dt.timedelta(minutes=2)
    )
    session_close(session=session, now=timezone.now())
    client.force_login(customer_user)

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    assert 'Победитель: <strong data-testid="winner">ООО «Бета»</strong>' in page
    assert f"Снижение</dt><dd>2{NBSP}100,00{NBSP}₽ (4,11 %)" in page
    assert beta_org.inn in page
    assert f'href="/sessions/{session.pk}/protocol/"' in page
    protocol = client.get(f"/sessions/{session.pk}/protocol/")
    assert protocol["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_offered_supplier_refuses_and_the_contract_goes_to_the_next(
    client: Client, region: Region
) -> None:
    _, customer_user = customer_of(region)
    start = timezone.now() - dt.timedelta(hours=3, minutes=1)
    session = published(customer_user, now=start)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    _, beta = supplier_of(region, "ООО «Бета»")
    bid_place(
        session=session, supplier_user=alpha, price=Decimal("50000.00"), now=start + dt.timedelta(minutes=1)
    )
    bid_place(
        session=session, supplier_user=beta, price=Decimal("49000.00"), now=start + dt.timedelta(minutes=2)
    )
    session_close(session=session, now=timezone.now())
    client.force_login(beta)
    assert "Подписать контракт" in client.get(f"/sessions/{session.pk}/").content.decode()

    empty = client.post(f"/sessions/{session.pk}/offer/refuse/", {"reason": ""})
    refused = client.post(f"/sessions/{session.pk}/offer/refuse/", {"reason": "Нет товара"})

    assert empty.status_code == 400
    assert "Укажите причину отказа" in empty.content.decode()
    assert refused.status_code == 302
    client.force_login(alpha)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Контракт направлен участнику 2-го места (Участник 1)" in page
    assert "Подписать контракт" in page


@pytest.mark.django_db
def test_session_list_shows_open_sessions(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)

    page = client.get("/sessions/").content.decode()

    assert f'<a href="/sessions/{session.pk}/">Поставка канцелярских товаров</a>' in page


# ---------------------------------------------------------------------------------------------- live stream


@pytest.mark.django_db
def test_stream_sends_the_state_then_a_fresh_state_after_a_bid(region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    alpha_org, alpha = supplier_of(region, "ООО «Альфа»")
    _, beta = supplier_of(region, "ООО «Бета»")
    build_state, fingerprint = live_sources(session_id=session.pk, viewer=beta)
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:  # a competitor bids while the stream waits
        sleeps.append(seconds)
        if len(sleeps) == 1:
            bid_place(session=session, supplier_user=alpha, price=Decimal("50000.00"))

    stream = session_event_stream(
        build_state=build_state,
        fingerprint=fingerprint,
        waiter_factory=lambda: PollingWaiter(sleep=sleep),
        lifetime=30,
    )
    chunks = [next(stream), next(stream), next(stream)]
    stream.close()

    assert chunks[0] == "retry: 3000\n\n"
    assert chunks[1].startswith("event: state\nid: 0\ndata: ")
    assert chunks[2].startswith("event: state\nid: 1\ndata: ")
    first, second = parse_events(chunks)
    assert (first["best_price"], first["bids_count"], first["phase"], first["ladder"]) == (
        None,
        0,
        "bidding",
        [],
    )
    assert first["me"] == {"label": None, "rank": None, "best_price": None, "is_leader": False}
    assert (second["best_price"], second["bids_count"], second["participants_count"]) == ("50000.00", 1, 1)
    assert [(e["seq"], e["label"], e["price"], e["mine"]) for e in second["ladder"]] == [
        (1, "Участник 1", "50000.00", False)
    ]
    assert sleeps == [1.0]
    assert alpha_org.name not in chunks[2]
    assert alpha_org.inn not in chunks[2]


@pytest.mark.django_db
def test_stream_gives_each_viewer_their_own_rank(region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    _, beta = supplier_of(region, "ООО «Бета»")
    bid_place(session=session, supplier_user=alpha, price=Decimal("50000.00"))
    bid_place(session=session, supplier_user=beta, price=Decimal("49000.00"))

    states = {}
    for name, viewer in (("alpha", alpha), ("beta", beta), ("customer", customer_user), ("guest", None)):
        build_state, _ = live_sources(session_id=session.pk, viewer=viewer)
        states[name] = build_state()

    assert states["alpha"]["me"] == {
        "label": "Участник 1",
        "rank": 2,
        "best_price": "50000.00",
        "is_leader": False,
    }
    assert states["beta"]["me"] == {
        "label": "Участник 2",
        "rank": 1,
        "best_price": "49000.00",
        "is_leader": True,
    }
    assert states["customer"]["me"] is None
    assert states["guest"]["me"] is None
    assert [e["mine"] for e in states["alpha"]["ladder"]] == [False, True]


@pytest.mark.django_db
def test_stream_sends_heartbeats_and_ends_after_its_lifetime(region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    build_state, fingerprint = live_sources(session_id=session.pk, viewer=None)
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    chunks = list(
        session_event_stream(
            build_state=build_state,
            fingerprint=fingerprint,
            waiter_factory=lambda: PollingWaiter(sleep=sleep),
            lifetime=12,
            heartbeat=5,
            clock=lambda: now[0],
        )
    )

    assert chunks[0] == "retry: 3000\n\n"
    assert chunks[2:] == [": ping\n\n", ": ping\n\n"]


@pytest.mark.django_db
def test_stream_sends_the_end_of_bidding_at_ends_at_and_the_final_state_after_closing(region: Region) -> None:
    _, customer_user = customer_of(region)
    start = timezone.now() - dt.timedelta(hours=3) + dt.timedelta(seconds=1)
    session = published(customer_user, now=start)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    bid_place(session=session, supplier_user=alpha, price=Decimal("50000.00"))
    build_state, fingerprint = live_sources(session_id=session.pk, viewer=None)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)
        if len(waits) == 3:
            session_close(session=session, now=timezone.now())

    stream = session_event_stream(
        build_state=build_state,
        fingerprint=fingerprint,
        waiter_factory=lambda: PollingWaiter(poll=0.6, sleep=sleep),
        lifetime=30,
    )
    chunks = list(stream)

    states = parse_events(chunks)
    assert [s["phase"] for s in states] == ["bidding", "closing", "ended"]
    assert states[-1]["final"] is True


@pytest.mark.django_db
def test_events_endpoint_answers_with_an_event_stream(client: Client, region: Region, settings) -> None:
    settings.SESSION_EVENTS_LIFETIME = 0
    _, customer_user = customer_of(region)
    session = published(customer_user)

    response = client.get(f"/sessions/{session.pk}/events/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert response["Cache-Control"] == "no-cache, no-transform"
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert body.startswith("retry: 3000\n\nevent: state\n")


@pytest.mark.django_db
def test_events_of_a_draft_are_not_found(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    draft = session_create(
        actor=customer_user,
        title="Бумага",
        items=[
            SessionItemData(name="Бумага", unit="пачка", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        duration_hours=3,
        delivery_terms="",
    )

    assert client.get(f"/sessions/{draft.pk}/events/").status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_bid_committed_in_another_thread_wakes_the_stream_through_notify(region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    _, alpha = supplier_of(region, "ООО «Альфа»")
    build_state, fingerprint = live_sources(session_id=session.pk, viewer=None)
    # No periodic re-check within the test's time: only a NOTIFY can wake the stream early.
    stream = session_event_stream(
        build_state=build_state,
        fingerprint=fingerprint,
        waiter_factory=lambda: PostgresNotifyWaiter(session.pk, recheck=60),
        lifetime=60,
        heartbeat=60,
    )
    assert next(stream) == "retry: 3000\n\n"
    assert parse_events([next(stream)])[0]["bids_count"] == 0

    def bid_later() -> None:
        time.sleep(0.3)
        try:
            bid_place(session=session, supplier_user=alpha, price=Decimal("50000.00"))
        finally:
            connection.close()

    thread = threading.Thread(target=bid_later)
    started = time.monotonic()
    thread.start()
    chunk = next(stream)
    elapsed = time.monotonic() - started
    thread.join()
    stream.close()

    assert parse_events([chunk])[0]["best_price"] == "50000.00"
    assert elapsed < 5


@pytest.mark.django_db
def test_home_pages_list_sessions(client: Client, region: Region) -> None:
    _, customer_user = customer_of(region)
    session = published(customer_user)
    _, alpha = supplier_of(region, "ООО «Альфа»")

    for user in (customer_user, alpha):
        client.force_login(user)
        page = client.get("/home/").content.decode()
        assert f'<a href="/sessions/{session.pk}/">№ {session.pk}: Поставка канцелярских товаров</a>' in page
        assert "Пока их нет" not in page.split('id="sessions"')[1].split("</section>")[0]


def test_customer_starts_a_session_from_a_catalogue_item(client: Client, region: Region) -> None:
    from zakupki.catalog.tests import factories as catalog

    _, customer_user = customer_of(region)
    supplier, _ = supplier_of(region, "ООО «Спорт»")
    ball = catalog.item()
    catalog.offer(of=ball, supplier=supplier, price="1890.00", regions=(region.code,))
    client.force_login(customer_user)

    page = client.get("/catalog/items/1153097/")
    form = client.get("/sessions/new/", {"ste": "1153097"})

    assert "Котировочная сессия по этой СТЕ" in page.content.decode()
    assert form.status_code == 200
    assert form.context["form"].initial["title"] == "мяч футбольный MIKASA REGATEADOR5-G"
    assert form.context["formset"].initial == [
        {
            "name": "мяч футбольный MIKASA REGATEADOR5-G",
            "unit": ball.unit_name,
            "quantity": "1",
            "unit_price": "1890.00",
            "catalog_ref": "1153097",
        }
    ]
