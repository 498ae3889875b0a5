"""A citizen's signal in Chromium, from submission with a photo to a rated answer: the citizen submits,
the region's moderator publishes it to the customer, the customer answers, the moderator publishes the
answer, the citizen rates it. Each person in their own browser context."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import User
from zakupki.contracts.tests.factories import organization
from zakupki.core.testing import chromium_launch
from zakupki.public_signals.models import Signal
from zakupki.public_signals.tests.factories import citizen, district, jpeg, moderator, moscow, user

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _wait_for_requests_to_finish(timeout: float = 10.0) -> None:
    """PostgreSQL: a request the closed browser left in flight (an image) still holds the live server's
    connection for a moment; let it go, or dropping the test database would fail."""
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


def _session_cookie(person: User) -> str:
    client = Client()
    client.force_login(person)
    return client.cookies["sessionid"].value


def _signed_in(browser: Browser, live_server: LiveServer, cookie: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 1100})
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    return context, context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signal_from_submission_to_a_rated_answer(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Playwright's sync API runs an event loop in this thread; the ORM calls below are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    region = moscow()
    place = district(region)
    school = organization(kind=OrganizationKind.CUSTOMER, in_region=region, short_name="ГБОУ Школа № 1535")
    clerk = user(role="customer", organization=school)
    author = citizen()
    mod = moderator(region)
    photo = tmp_path / "ограда.jpg"
    photo.write_bytes(jpeg(120, 80))
    # Sessions are made before Playwright starts: ORM calls inside its block would open a second
    # connection in this thread, left open when the test database is dropped.
    author_cookie, moderator_cookie, clerk_cookie = (_session_cookie(p) for p in (author, mod, clerk))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            _, as_author = _signed_in(browser, live_server, author_cookie)
            as_author.goto(f"{live_server.url}/signals/new/")
            expect(as_author.get_by_role("heading", level=1)).to_have_text("Новое сообщение")
            as_author.get_by_label("Общественный объект").check()
            as_author.get_by_label("Муниципальное образование").select_option(str(place.pk))
            as_author.get_by_label("Адрес объекта").fill("ул. Тверская, д. 13")
            as_author.get_by_label("Текст сообщения").fill("Сломана ограда детской площадки")
            as_author.get_by_label("Фотографии").set_input_files(str(photo))
            as_author.get_by_role("button", name="Отправить на модерацию").click()
            expect(as_author).to_have_url(re.compile(r"/signals/\d+/$"))
            expect(as_author.get_by_test_id("signal-status")).to_have_text("На модерации")
            expect(as_author.get_by_role("img", name="Фотография 1 к сообщению")).to_be_visible()
            card = as_author.url
            signal_id = int(card.rstrip("/").rsplit("/", 1)[1])

            _, as_moderator = _signed_in(browser, live_server, moderator_cookie)
            as_moderator.goto(f"{live_server.url}/signals/moderation/")
            as_moderator.get_by_role("link", name=f"№\u00a0{signal_id}").click()
            as_moderator.get_by_label("Ответственная организация").select_option(str(school.pk))
            as_moderator.screenshot(path=str(SCREENSHOTS / "signal-moderation.png"), full_page=True)
            as_moderator.get_by_role("button", name="Опубликовать и направить").click()
            expect(as_moderator.get_by_test_id("signal-status")).to_have_text("Ожидает ответа")
            expect(as_moderator.get_by_test_id("signal-organization")).to_have_text("ГБОУ Школа № 1535")

            _, as_clerk = _signed_in(browser, live_server, clerk_cookie)
            as_clerk.goto(card)
            as_clerk.get_by_label("Текст ответа").fill("Ограда будет отремонтирована до 1 декабря")
            as_clerk.get_by_role("button", name="Отправить ответ").click()
            expect(as_clerk.get_by_test_id("signal-status")).to_have_text("Ответ на модерации")
            expect(as_clerk.get_by_test_id("answer-status")).to_have_text("На модерации")

            as_author.goto(card)  # the answer is not shown to the author before moderation
            expect(as_author.get_by_test_id("answer")).to_have_count(0)

            as_moderator.goto(card)
            as_moderator.get_by_role("button", name="Опубликовать ответ").click()
            expect(as_moderator.get_by_test_id("signal-status")).to_have_text("Ответ опубликован")

            as_author.goto(card)
            expect(as_author.get_by_test_id("answer")).to_contain_text(
                "Ограда будет отремонтирована до 1 декабря"
            )
            as_author.get_by_label("Доволен ответом", exact=True).check()
            as_author.get_by_role("button", name="Оценить").click()
            expect(as_author.get_by_test_id("signal-status")).to_have_text("Ответ оценён")
            expect(as_author.get_by_test_id("signal-rating")).to_have_text("Доволен ответом")
            as_author.screenshot(path=str(SCREENSHOTS / "signal-rated.png"), full_page=True)
        finally:
            browser.close()
    _wait_for_requests_to_finish()

    signal = Signal.objects.get(pk=signal_id)
    assert (signal.status, signal.rating, signal.organization_id) == ("rated", "satisfied", school.pk)
