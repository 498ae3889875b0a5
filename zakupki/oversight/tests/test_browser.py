"""In Chromium: a supplier files a complaint through the form, the control body accepts it suspending
the session and decides it, and an anonymous visitor finds the decision among the public ones."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.core.testing import chromium_launch
from zakupki.oversight.enums import ComplaintStatus
from zakupki.oversight.models import Complaint
from zakupki.oversight.tests.conftest import World
from zakupki.procedures.models import QuotationSession

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
PASSWORD = "x-Very-Long-Pass-1"


def signed_in(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/login/")
    page.get_by_label("Логин").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page).to_have_url(re.compile(r"/home/$"))
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_complaint_is_filed_accepted_and_decided_in_the_browser(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, world: World
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    QuotationSession.objects.filter(pk=world.session.pk).update(
        ends_at=timezone.now() + dt.timedelta(hours=3)
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            supplier = signed_in(browser, live_server.url, world.alpha_user.username)
            supplier.get_by_role("link", name="Жалобы", exact=True).click()
            supplier.get_by_role("link", name="Подать жалобу").click()
            supplier.get_by_label("Номер закупки").fill(str(world.session.pk))
            supplier.get_by_label("Доводы (каждый с новой строки)").fill(
                "Срок поставки 1 день\nНет «или эквивалент»"
            )
            supplier.get_by_label("Требование заявителя").fill("Выдать предписание")
            supplier.get_by_role("button", name="Подписать и подать жалобу").click()
            expect(supplier.get_by_test_id("complaint-status")).to_have_text(
                "Подана, ожидает решения о принятии"
            )
            complaint = Complaint.objects.get()
            supplier.screenshot(path=str(SCREENSHOTS / "complaint-filed.png"), full_page=True)
            supplier.close()  # its pages may hold live streams (server threads, DB connections) open

            inspector = signed_in(browser, live_server.url, world.inspector.username)
            inspector.goto(f"{live_server.url}/complaints/")
            expect(inspector.get_by_role("heading", name="Сводка контрольного органа")).to_be_visible()
            inspector.get_by_role("link", name=f"№ {complaint.number}").first.click()
            inspector.get_by_label("Приостановить закупку до рассмотрения (без итогов и контракта)").check()
            inspector.get_by_role("button", name="Принять к рассмотрению").click()
            expect(inspector.get_by_test_id("complaint-status")).to_have_text(
                "Принята к рассмотрению — закупка приостановлена до решения"
            )
            inspector.get_by_label("Решение").select_option("partly_justified")
            inspector.get_by_label("Мотивировка").fill("Довод о сроке поставки подтвердился")
            inspector.get_by_role("button", name="Подписать решение").click()
            expect(inspector.get_by_test_id("complaint-decision")).to_contain_text("частично обоснованная")
            inspector.screenshot(path=str(SCREENSHOTS / "complaint-decided.png"), full_page=True)
            inspector.close()

            visitor = browser.new_page(locale="ru-RU")
            visitor.goto(f"{live_server.url}/decisions/")
            visitor.get_by_label("Решение").select_option("partly_justified")
            visitor.get_by_role("button", name="Показать").click()
            expect(visitor.get_by_role("link", name=f"№ {complaint.number}")).to_be_visible()
            expect(visitor.get_by_role("cell", name="ООО «Альфа»")).to_be_visible()
        finally:
            browser.close()
    assert Complaint.objects.get().status == ComplaintStatus.DECIDED
