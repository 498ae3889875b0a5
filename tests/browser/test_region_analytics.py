"""A citizen reads a region's analytics in Chromium: the dashboard with its charts, the customers' rating
sorted by Rп, and one customer's drill-down down to the contracts behind a figure. No sign-in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.analytics.tests import builders as b
from zakupki.core.testing import chromium_launch

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_rating_and_drill_down(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    region = b.tyumen()
    school = b.buyer(region, "ГАОУ ТО «Школа № 1»")
    clinic = b.buyer(region, "ГБУЗ ТО «Поликлиника № 2»")
    paper = b.contract(school, price="900.00", nmck="1000.00", concluded_at=b.local(2025, 3, 10), smp=True)
    b.contract(clinic, price="100.00", nmck="100.00", concluded_at=b.local(2025, 6, 2))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 1100})
            page.goto(f"{live_server.url}/analytics/")
            page.get_by_role("link", name="Тюменская область").click()
            expect(page).to_have_url(re.compile(r"/analytics/72/$"))
            page.get_by_label("Год").select_option("2025")
            page.get_by_role("button", name="Показать").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Закупки региона: Тюменская область, 2025 год"
            )
            expect(page.locator("#figure-count")).to_have_text("2")
            expect(page.get_by_role("img", name="Заключено контрактов по месяцам, 2025")).to_be_visible()
            expect(page.locator("svg[role=img]")).to_have_count(5)
            page.screenshot(path=str(SCREENSHOTS / "analytics-dashboard.png"), full_page=True)

            page.get_by_role("link", name="Рейтинг заказчиков за 2025 год").click()
            rows = page.locator("#rating tbody tr")
            expect(rows).to_have_count(2)
            # Default order is by place: the school saved 10 % and leads.
            expect(rows.nth(0)).to_contain_text("ГАОУ ТО «Школа № 1»")
            page.locator("a[data-sort=total]").click()  # Rп ascending: the lower total first
            expect(page).to_have_url(re.compile(r"sort=total&dir=asc"))
            expect(rows.nth(0)).to_contain_text("ГБУЗ ТО «Поликлиника № 2»")
            page.locator("a[data-sort=total]").click()  # and back, descending
            expect(page).to_have_url(re.compile(r"sort=total&dir=desc"))
            expect(rows.nth(0)).to_contain_text("ГАОУ ТО «Школа № 1»")
            page.screenshot(path=str(SCREENSHOTS / "analytics-rating.png"), full_page=True)

            page.get_by_role("link", name="ГАОУ ТО «Школа № 1»").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("ГАОУ ТО «Школа № 1»")
            savings = page.locator(".indicator").filter(has_text="Экономия, средневзвешенная").first
            expect(savings.locator(".value")).to_have_text("10,00\u00a0%")
            assert paper.registry_number is not None
            link = savings.get_by_role("link", name=paper.registry_number)
            expect(link).to_have_attribute("href", f"/contracts/{paper.pk}/")
            page.screenshot(path=str(SCREENSHOTS / "analytics-customer.png"), full_page=True)
        finally:
            browser.close()
