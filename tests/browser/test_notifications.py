"""A customer sees the unread badge, reads one notification and then all of them, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.contracts.tests.factories import PASSWORD, customer, member_of
from zakupki.core.testing import chromium_launch
from zakupki.notifications.models import Notification
from zakupki.notifications.services import notification_send

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_customer_reads_notifications_and_the_badge_follows(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    buyer = member_of(customer(), username="ivanova")
    for subject in (
        "Срок оплаты по документу о приёмке — 19.03.2027",
        "Срок исполнения этапа 1 — 11.03.2027",
    ):
        notification_send(
            kind="test", subject=subject, body=f"{subject}.", link="/notifications/", user=buyer
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
            page.goto(f"{live_server.url}/login/")
            page.get_by_label("Логин").fill("ivanova")
            page.get_by_label("Пароль").fill(PASSWORD)
            page.get_by_role("button", name="Войти").click()
            expect(page).to_have_url(re.compile(r"/home/$"))
            expect(page.get_by_test_id("unread-badge")).to_have_text("2")

            page.get_by_role("link", name="Уведомления").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Уведомления")
            items = page.get_by_test_id("notification")
            expect(items).to_have_count(2)
            expect(items.first).to_contain_text("Срок исполнения этапа 1 — 11.03.2027")
            page.screenshot(path=str(SCREENSHOTS / "notifications-unread.png"), full_page=True)

            items.first.get_by_role("button", name="Прочитано").click()
            expect(page.get_by_test_id("unread-badge")).to_have_text("1")
            expect(page.get_by_role("heading", level=2)).to_have_text("Непрочитанных: 1")

            page.get_by_role("button", name="Отметить все прочитанными").click()
            expect(page.get_by_role("status").first).to_contain_text("Отмечено прочитанными: 1 уведомление")
            expect(page.get_by_test_id("unread-badge")).to_have_count(0)
            expect(page.get_by_role("heading", level=2)).to_have_text("Все прочитаны")
        finally:
            browser.close()

    assert not Notification.objects.filter(recipient=buyer, read_at__isnull=True).exists()
