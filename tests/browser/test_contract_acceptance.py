"""One contract in Chromium, all through the pages: the supplier and the customer log in, issue their
signing keys and sign; the supplier places a signed acceptance document, the customer refuses it, the
supplier places a corrected one, the customer accepts part of it; a payment above what was accepted is
refused; the rest is delivered and accepted, everything is paid and the contract is executed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import AcceptanceDocument, AcceptancePaper, Contract
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.testing import chromium_launch
from zakupki.documents.services.signatures import documents_verify

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "Priemka-2026"
NBSP = "\u00a0"


def _organization(region: Region, kind: OrganizationKind, name: str, n: int) -> Organization:
    return Organization.objects.create(
        kind=kind,
        status=OrganizationStatus.CONFIRMED,
        name=name,
        inn=make_inn(f"77018{n:04d}"),
        kpp="770101001",
        ogrn=make_ogrn(f"10277018{n:04d}"),
        region=region,
        email=f"acceptance{n}@example.ru",
    )


def _member(org: Organization, role: UserRole, username: str, full_name: str) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, role=role, organization=org, full_name=full_name
    )


def _logged_in(browser: Browser, live_server: LiveServer, username: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Логин").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page).not_to_have_url(f"{live_server.url}/login/")
    return context, page


def _done(page: Page, message: str) -> None:
    expect(page.locator("ul.messages[role=status]")).to_contain_text(message)


def _document(page: Page, version: str) -> Locator:
    return page.locator("article.document").filter(has_text=version)


def _status(page: Page) -> Locator:
    return page.locator("dt:has-text('Статус') + dd")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_contract_from_signing_through_partial_and_corrected_acceptance_to_executed(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Playwright's sync API runs an event loop in this thread; the ORM calls below are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    region = Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )
    customer = _organization(region, OrganizationKind.CUSTOMER, "ГБОУ Школа № 1535", 1)
    supplier = _organization(region, OrganizationKind.SUPPLIER, "ООО «Канц-Снаб»", 2)
    _member(customer, UserRole.CUSTOMER, "school", "Иванова Анна Сергеевна")
    _member(supplier, UserRole.SUPPLIER, "kanc", "Петров Пётр Петрович")
    contract = contract_create_from_award(
        customer=customer,
        supplier=supplier,
        items=[
            ContractItemData(
                name="Бумага офисная А4", unit="пач", quantity=Decimal(10), unit_price=Decimal("500.00")
            ),
            ContractItemData(
                name="Ручка шариковая", unit="шт", quantity=Decimal(20), unit_price=Decimal("50.00")
            ),
        ],
        price=Decimal("6000.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.DIRECT_PURCHASE,
        source_id=700001,
        subject="Поставка канцелярских товаров",
        actor=None,
    )
    card = f"{live_server.url}/contracts/{contract.pk}/"
    today = timezone.localdate().isoformat()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            seller_context, s = _logged_in(browser, live_server, "kanc")
            buyer_context, c = _logged_in(browser, live_server, "school")

            # Signing: each side issues its key on the card, then signs.
            for page, signed in (
                (s, "Контракт подписан поставщиком"),
                (c, "Контракт подписан заказчиком и заключён"),
            ):
                page.goto(card)
                page.get_by_role("button", name="Выпустить ключ").click()
                _done(page, "Ключ электронной подписи №")
                page.get_by_role("button", name="Подписать контракт").click()
                _done(page, signed)
            expect(_status(c)).to_have_text("Заключён")

            # The supplier places the whole delivery; the customer refuses it with a reason.
            s.goto(card)
            submit = s.locator("form[action$='/submit/']")
            submit.get_by_label("Бумага офисная А4, пач").fill("10")
            submit.get_by_label("Ручка шариковая, шт").fill("20")
            submit.get_by_role("button", name="Разместить документ о приёмке").click()
            _done(s, "Документ о приёмке размещён")
            expect(_status(s)).to_have_text("Исполняется")
            c.goto(card)
            decide = _document(c, "(ред. 1)").locator("form[action$='/decide/']")
            decide.get_by_label("Решение").select_option("refuse")
            decide.get_by_label("Причина отказа").fill("Бумага не той плотности")
            decide.get_by_role("button", name="Принять решение").click()
            _done(c, "Решение о приёмке принято")
            expect(_document(c, "(ред. 1)")).to_contain_text("Мотивированный отказ по документу о приёмке")

            # The supplier places a corrected document (ред. 2); the customer accepts 6 of 10 packs.
            s.goto(card)
            correct = _document(s, "(ред. 1)").locator("form[action$='/correct/']")
            correct.get_by_label("Бумага офисная А4, пач").fill("10")
            correct.get_by_label("Ручка шариковая, шт").fill("20")
            correct.get_by_role("button", name="Разместить исправленный документ").click()
            _done(s, "Исправленный документ о приёмке размещён")
            c.goto(card)
            decide = _document(c, "(ред. 2)").locator("form[action$='/decide/']")
            decide.get_by_label("Решение").select_option("partial")
            decide.get_by_label("Принять: Бумага офисная А4, пач").fill("6")
            decide.get_by_label("Принять: Ручка шариковая, шт").fill("20")
            decide.get_by_label("Причина отказа").fill("4 пачки повреждены")
            decide.get_by_role("button", name="Принять решение").click()
            _done(c, "Решение о приёмке принято")
            second = _document(c, "(ред. 2)")
            expect(second).to_contain_text("Принят частично")
            expect(second).to_contain_text(f"Принято 4{NBSP}000,00{NBSP}₽, оплачено 0,00{NBSP}₽")

            # A payment above what was accepted is refused and shown on the card.
            pay = second.locator("form[action$='/pay/']")
            pay.get_by_label("Сумма, ₽").fill("4000.01")
            pay.get_by_label("Дата оплаты").fill(today)
            pay.get_by_role("button", name="Зарегистрировать оплату").click()
            expect(c.get_by_role("alert")).to_have_text(
                f"Сумма оплаты 4{NBSP}000,01{NBSP}₽ больше неоплаченной суммы принятого 4{NBSP}000,00{NBSP}₽"
            )
            pay = _document(c, "(ред. 2)").locator("form[action$='/pay/']")
            pay.get_by_label("Сумма, ₽").fill("4000.00")
            pay.get_by_label("Дата оплаты").fill(today)
            pay.get_by_role("button", name="Зарегистрировать оплату").click()
            _done(c, "Оплата зарегистрирована")

            # The rest (4 packs) is delivered, accepted in full and paid: the contract is executed.
            s.goto(card)
            submit = s.locator("form[action$='/submit/']")
            submit.get_by_label("Бумага офисная А4, пач").fill("4")
            submit.get_by_role("button", name="Разместить документ о приёмке").click()
            _done(s, "Документ о приёмке размещён")
            c.goto(card)
            rest = c.locator("article.document").last
            rest.locator("form[action$='/decide/']").get_by_role("button", name="Принять решение").click()
            _done(c, "Решение о приёмке принято")
            pay = c.locator("article.document").last.locator("form[action$='/pay/']")
            pay.get_by_label("Сумма, ₽").fill("2000")
            pay.get_by_label("Дата оплаты").fill(today)
            pay.get_by_role("button", name="Зарегистрировать оплату").click()
            _done(c, "Оплата зарегистрирована")
            expect(_status(c)).to_have_text("Исполнен")
            expect(c.locator("form[action$='/submit/']")).to_have_count(0)
            c.screenshot(path=str(SCREENSHOTS / "contract-acceptance-executed.png"), full_page=True)

            # Every document's signed PDF is linked from the card and downloads.
            s.goto(card)
            links = s.locator("ul.acceptance-files a")
            expect(links).to_have_count(6)  # three supplier documents, three customer decisions
            pdf = s.request.get(live_server.url + (links.first.get_attribute("href") or ""))
            assert pdf.status == 200
            assert pdf.body().startswith(b"%PDF")
            seller_context.close()
            buyer_context.close()
        finally:
            browser.close()
            # Inside Playwright's event loop the ORM used a connection of its own (asgiref's context);
            # close it here, or it would outlive the test and block dropping the test database.
            connection.close()

    contract.refresh_from_db()
    assert contract.status == "executed"
    assert list(
        AcceptanceDocument.objects.order_by("pk").values_list("status", "accepted_amount", "paid_amount")
    ) == [
        ("replaced", Decimal("0.00"), Decimal("0.00")),
        ("partially_accepted", Decimal("4000.00"), Decimal("4000.00")),
        ("accepted", Decimal("2000.00"), Decimal("2000.00")),
    ]
    assert AcceptancePaper.objects.count() == 6
    assert Contract.objects.get().registry_number
    assert documents_verify().ok
