"""A supplier registers through the real form in Chromium, signs out, and signs in again."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.accounts.enums import OrganizationStatus
from zakupki.accounts.models import Organization, Region
from zakupki.core.testing import chromium_launch

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
NAME = "Индивидуальный предприниматель Петров Пётр Петрович"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_supplier_registers_signs_out_and_signs_in(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Playwright's sync API runs an event loop in this thread; the ORM calls below are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    Region.objects.create(
        code="50", name="Московская область", timezone="Europe/Moscow", joined_on=dt.date(2026, 11, 22)
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
            page.goto(f"{live_server.url}/register/")
            expect(page.get_by_role("heading", level=1)).to_have_text("Регистрация организации")

            page.get_by_label("Поставщик — участвую в закупках").check()
            page.get_by_label("ИНН", exact=True).fill("500100732259")
            expect(page.locator("[data-field='kpp']")).to_be_hidden()  # an entrepreneur has no КПП
            page.get_by_label("ОГРН или ОГРНИП").fill("304500116000180")
            page.get_by_label("Полное наименование").fill(NAME)
            page.get_by_label("Краткое наименование").fill("ИП Петров П. П.")
            page.get_by_label("Регион", exact=True).select_option("50")
            page.get_by_label("Субъект малого предпринимательства (СМП)").check()
            page.get_by_label("Электронная почта организации").fill("petrov@example.ru")
            page.get_by_label("Фамилия, имя и отчество").fill("Петров Пётр Петрович")
            page.get_by_label("Логин", exact=True).fill("petrov")
            page.get_by_label("Пароль", exact=True).fill("Kotirovka-2026")
            page.get_by_label("Пароль ещё раз").fill("Kotirovka-2026")
            page.screenshot(path=str(SCREENSHOTS / "register-supplier-filled.png"), full_page=True)
            page.get_by_role("button", name="Зарегистрироваться").click()

            expect(page).to_have_url(re.compile(r"/home/$"))
            expect(page.get_by_role("status").first).to_contain_text("Организация зарегистрирована")
            page.get_by_role("button", name="Выйти").click()
            expect(page).to_have_url(f"{live_server.url}/")
            expect(page.get_by_role("link", name="Войти")).to_be_visible()

            page.get_by_role("link", name="Войти").click()
            page.get_by_label("Логин").fill("petrov")
            page.get_by_label("Пароль").fill("Kotirovka-2026")
            page.get_by_role("button", name="Войти").click()

            expect(page).to_have_url(re.compile(r"/home/$"))
            expect(page.get_by_role("heading", level=1)).to_have_text("Личный кабинет поставщика")
            expect(page.get_by_test_id("organization-name")).to_have_text("ИП Петров П. П.")
            expect(page.get_by_text(NAME)).to_be_visible()
            expect(page.get_by_test_id("region-clock")).to_have_text(
                "Московская область · время: Москва (UTC+3)"
            )
            page.screenshot(path=str(SCREENSHOTS / "supplier-home.png"), full_page=True)
        finally:
            browser.close()

    organization = Organization.objects.get()
    assert (organization.inn, organization.kpp, organization.status) == (
        "500100732259",
        "",
        OrganizationStatus.CONFIRMED,
    )
