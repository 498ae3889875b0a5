"""A whole quotation session in Chromium: two suppliers bid and see each other's prices arrive live
(server-sent events), time runs out, one worker pass sums up, the customer's page shows the protocol."""

from __future__ import annotations

import datetime as dt
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.core.testing import chromium_launch
from zakupki.procedures.models import QuotationSession
from zakupki.procedures.services import SessionItemData, session_create, session_publish
from zakupki.worker.runner import run_pass

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
NBSP = "\u00a0"
SECONDS_TO_RUN = 18


def rub(text: str) -> str:
    return text.replace(" ", NBSP) + NBSP + "₽"


def _organization(region: Region, kind: OrganizationKind, name: str, n: int) -> Organization:
    return Organization.objects.create(
        kind=kind,
        status=OrganizationStatus.CONFIRMED,
        name=name,
        inn=make_inn(f"77017{n:04d}"),
        kpp="770101001",
        ogrn=make_ogrn(f"10277017{n:04d}"),
        region=region,
        email=f"org{n}@example.ru",
    )


def _member(org: Organization, role: UserRole, username: str) -> User:
    return User.objects.create_user(
        username=username,
        password="Kotirovka-2026",
        role=role,
        organization=org,
        full_name=f"Сотрудник {username}",
    )


def shorten_session_for_test(session: QuotationSession, *, seconds: int) -> QuotationSession:
    """Test-only: the rules allow 3, 6 or 24 hours; a browser test cannot wait that long. Moves the stored
    end (and the worker's due time) to `seconds` from now, as if the session had been published earlier."""
    ends_at = timezone.now() + dt.timedelta(seconds=seconds)
    QuotationSession.objects.filter(pk=session.pk).update(ends_at=ends_at, next_check_at=ends_at)
    session.refresh_from_db()
    return session


def _signed_in(browser: Browser, live_server: LiveServer, user: User) -> tuple[BrowserContext, Page]:
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 1100})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


def _wait_for_streams_to_close(timeout: float = 10.0) -> None:
    """PostgreSQL: each open event stream holds a LISTEN connection and a Django connection until it notices
    the closed tab (next heartbeat); let them go, or dropping the test database would fail."""
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            row = cursor.fetchone()
        if row is not None and row[0] == 0:
            return
        time.sleep(0.2)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_suppliers_bid_live_and_the_protocol_appears(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    # Playwright's sync API runs an event loop in this thread; the ORM calls below are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SESSION_EVENTS_HEARTBEAT = 1  # a closed tab is noticed within a second or two
    region = Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )
    customer = _organization(region, OrganizationKind.CUSTOMER, "ГБОУ Школа № 1535", 1)
    customer_user = _member(customer, UserRole.CUSTOMER, "school")
    _organization(region, OrganizationKind.SUPPLIER, "ООО «Альфа-Снаб»", 2)
    alpha = _member(Organization.objects.get(name="ООО «Альфа-Снаб»"), UserRole.SUPPLIER, "alpha")
    _organization(region, OrganizationKind.SUPPLIER, "ООО «Бета-Торг»", 3)
    beta = _member(Organization.objects.get(name="ООО «Бета-Торг»"), UserRole.SUPPLIER, "beta")
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
    session = shorten_session_for_test(
        session_publish(session=draft, actor=customer_user), seconds=SECONDS_TO_RUN
    )
    url = f"{live_server.url}/sessions/{session.pk}/"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            contexts = {}
            pages = {}
            for name, user in (("alpha", alpha), ("beta", beta), ("customer", customer_user)):
                contexts[name], pages[name] = _signed_in(browser, live_server, user)
                pages[name].goto(url)
                expect(pages[name].locator("[data-live-session]")).to_have_attribute("data-connected", "1")
            a, b, c = pages["alpha"], pages["beta"], pages["customer"]
            expect(b.get_by_test_id("best-price")).to_have_text(rub("51 100,00"))
            expect(b.get_by_test_id("my-rank")).to_have_text("Вы ещё не подавали предложений")

            # Supplier A bids; B's and the customer's pages update without a reload.
            a.get_by_label("Ваша цена, ₽").fill("50 000")
            a.get_by_role("button", name="Подать предложение").click()
            expect(a.get_by_role("status").first).to_contain_text("Ваше предложение № 1 принято")
            expect(a.get_by_test_id("my-rank")).to_have_text("Ваше предложение лучшее (1-е место)")
            expect(b.get_by_test_id("best-price")).to_have_text(rub("50 000,00"))
            expect(b.get_by_test_id("ladder")).to_contain_text("Участник 1")
            expect(c.get_by_test_id("best-price")).to_have_text(rub("50 000,00"))

            # A bad price is refused with the reason and changes nothing.
            b.get_by_label("Ваша цена, ₽").fill("1.001")
            b.get_by_role("button", name="Подать предложение").click()
            expect(b.get_by_test_id("bid-error")).to_have_text("Цена: не более двух знаков после запятой")

            # B bids lower; A's page updates live and shows A lost the lead.
            b.get_by_label("Ваша цена, ₽").fill("49000")
            b.get_by_role("button", name="Подать предложение").click()
            expect(b.get_by_test_id("my-rank")).to_have_text("Ваше предложение лучшее (1-е место)")
            expect(a.get_by_test_id("best-price")).to_have_text(rub("49 000,00"))
            expect(a.get_by_test_id("my-rank")).to_have_text("Ваше место: 2 из 2")
            expect(c.get_by_test_id("ladder").locator("tbody tr")).to_have_count(2)
            for page in (a, b, c):
                expect(page.get_by_test_id("ladder")).not_to_contain_text("Альфа")
                expect(page.get_by_test_id("ladder")).not_to_contain_text("Бета")
            a.screenshot(path=str(SCREENSHOTS / "quotation-session-live.png"), full_page=True)

            # Time runs out: the pages say so at ends_at, whatever the worker does.
            remaining = (session.ends_at - timezone.now()).total_seconds() if session.ends_at else 0
            expect(c.get_by_test_id("countdown")).to_have_text("00:00:00", timeout=(remaining + 5) * 1000)
            expect(c.locator("[data-live='phase-note']")).to_have_text(
                re.compile("Приём предложений завершён")
            )
            expect(a.get_by_label("Ваша цена, ₽")).to_be_disabled()  # its own timer may tick a moment later

            # One worker pass sums up; the live pages reload and show the result.
            result = run_pass()
            handled = {e.name: e.handled for e in result.events if e.handled}
            assert (handled.get("procedures.session_close"), result.failed) == (1, 0)
            expect(c.get_by_test_id("protocol-link")).to_be_visible(timeout=15_000)
            expect(c.get_by_test_id("winner")).to_have_text("ООО «Бета-Торг»")
            expect(c.get_by_test_id("result")).to_contain_text("ООО «Альфа-Снаб»")
            c.screenshot(path=str(SCREENSHOTS / "quotation-session-result.png"), full_page=True)
            expect(b.get_by_role("button", name="Подписать контракт")).to_be_visible(timeout=15_000)

            protocol = c.request.get(f"{live_server.url}/sessions/{session.pk}/protocol/")
            assert protocol.status == 200
            assert protocol.body().startswith(b"%PDF")
            for context in contexts.values():
                context.close()
        finally:
            browser.close()
            # Inside Playwright's event loop the ORM used a connection of its own (asgiref's context);
            # close it here, or it would outlive the test and block dropping the test database.
            connection.close()
    _wait_for_streams_to_close()
