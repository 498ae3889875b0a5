"""Contract terms in Chromium, through the pages: the customer splits the draft into two stages, both
sides sign the contract, the customer proposes +10 % paper, the supplier signs the supplementary
agreement, the customer signs it and the new price and stages show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.change_states import ChangeStatus
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import ContractChange, Stage
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.testing import chromium_launch
from zakupki.documents.services.signatures import signing_key_issue

PASSWORD = "Usloviya-2026"
NBSP = "\u00a0"


def _organization(region: Region, kind: OrganizationKind, name: str, n: int) -> Organization:
    return Organization.objects.create(
        kind=kind,
        status=OrganizationStatus.CONFIRMED,
        name=name,
        inn=make_inn(f"77019{n:04d}"),
        kpp="770101001",
        ogrn=make_ogrn(f"10277019{n:04d}"),
        region=region,
        email=f"terms{n}@example.ru",
    )


def _member(org: Organization, role: UserRole, username: str) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, role=role, organization=org, full_name="Сотрудник Тестовый"
    )
    signing_key_issue(user=user, actor=None)
    return user


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_stages_then_a_supplementary_agreement_through_the_pages(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    region = Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )
    customer = _organization(region, OrganizationKind.CUSTOMER, "ГБОУ Школа № 1535", 1)
    supplier = _organization(region, OrganizationKind.SUPPLIER, "ООО «Канц-Снаб»", 2)
    _member(customer, UserRole.CUSTOMER, "school")
    _member(supplier, UserRole.SUPPLIER, "kanc")
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
        source_id=710001,
        subject="Поставка канцелярских товаров",
        actor=None,
    )
    paper, pens = contract.items.order_by("position")
    card = f"{live_server.url}/contracts/{contract.pk}/"
    terms = f"{live_server.url}/contracts/{contract.pk}/terms/"
    day = (timezone.localdate() + dt.timedelta(days=7)).isoformat()

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            _, s = _logged_in(browser, live_server, "kanc")
            _, c = _logged_in(browser, live_server, "school")
            # the card shows whose signature is awaited
            c.goto(card)
            expect(c.locator(".signing-due")).to_contain_text("Ожидается подпись: поставщик")
            # two stages in the draft
            c.goto(terms)
            plan = c.locator("form.stage-plan")
            plan.locator("input[name=due_1]").fill(day)
            plan.locator(f"input[name=qty_1_{paper.pk}]").fill("4")
            plan.locator(f"input[name=qty_1_{pens.pk}]").fill("20")
            plan.locator("input[name=due_2]").fill(day)
            plan.locator(f"input[name=qty_2_{paper.pk}]").fill("5")
            plan.get_by_role("button", name="Сохранить этапы").click()
            expect(c.get_by_role("alert")).to_contain_text("по этапам 9 пач, а в контракте 10 пач")
            plan = c.locator("form.stage-plan")
            plan.locator("input[name=due_1]").fill(day)
            plan.locator(f"input[name=qty_1_{paper.pk}]").fill("4")
            plan.locator(f"input[name=qty_1_{pens.pk}]").fill("20")
            plan.locator("input[name=due_2]").fill(day)
            plan.locator(f"input[name=qty_2_{paper.pk}]").fill("6")
            plan.get_by_role("button", name="Сохранить этапы").click()
            _done(c, "Этапы исполнения сохранены")
            # both sides sign the contract on its card
            s.goto(card)
            s.get_by_role("button", name="Подписать контракт").click()
            _done(s, "Контракт подписан поставщиком")
            c.goto(card)
            c.get_by_role("button", name="Подписать контракт").click()
            _done(c, "Контракт подписан заказчиком и заключён")
            # the customer proposes +10 % paper
            c.goto(terms)
            form = c.locator("form.change-propose")
            form.get_by_label("Вид изменения").select_option("quantity")
            form.get_by_label("Обоснование").fill("Потребность в бумаге выросла")
            form.get_by_label("Новое количество: Бумага офисная А4").fill("11")
            form.get_by_role("button", name="Направить поставщику").click()
            _done(c, "Дополнительное соглашение № 1 направлено поставщику")
            # the supplier signs, then the customer
            s.goto(terms)
            s.get_by_role("button", name="Подписать соглашение").click()
            _done(s, "Дополнительное соглашение № 1 подписано поставщиком")
            c.goto(terms)
            c.get_by_role("button", name="Подписать соглашение: вступает в силу").click()
            _done(c, "подписано заказчиком и вступило в силу")
            expect(c.locator("#contract-price")).to_have_text(f"6{NBSP}500,00{NBSP}₽")
            expect(c.locator("article.change")).to_contain_text("Вступило в силу")
        finally:
            browser.close()

    assert ContractChange.objects.get().status == ChangeStatus.IN_FORCE
    assert list(
        Stage.objects.filter(contract=contract).order_by("number").values_list("amount", flat=True)
    ) == [
        Decimal("3000.00"),
        Decimal("3500.00"),
    ]
