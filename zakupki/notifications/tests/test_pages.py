"""/notifications/: the list (unread first, paginated), mark one / all read, the menu badge."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.notifications.models import Notification
from zakupki.notifications.services import notification_send
from zakupki.notifications.tests.factories import customer, person

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'data-testid="unread-badge" aria-label="непрочитанных: (\d+)">')


def page(response) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def notify(user, subject: str, link: str = "/contracts/") -> Notification:
    notification_send(kind="test", subject=subject, body=f"{subject}: подробности", link=link, user=user)
    return Notification.objects.get(recipient=user, subject=subject)


def subjects(html: str) -> list[str]:
    return re.findall(r'<li data-testid="notification"[^>]*>\s*<p><strong>([^<]+)</strong>', html)


def test_the_list_shows_unread_first_and_the_menu_counts_them():
    ivanova = person(customer(), "ivanova")
    notify(ivanova, "Старое непрочитанное")
    read = notify(ivanova, "Прочитанное")
    notify(ivanova, "Новое непрочитанное")
    notify(person(customer(), "stranger"), "Чужое")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())

    html = page(logged_in(ivanova).get("/notifications/"))

    assert subjects(html) == ["Новое непрочитанное", "Старое непрочитанное", "Прочитанное"]
    assert BADGE.findall(html) == ["2"]
    assert "Непрочитанных: 2" in html
    assert "Чужое" not in html


def test_no_badge_without_unread_notifications():
    ivanova = person(customer(), "ivanova")
    html = page(logged_in(ivanova).get("/notifications/"))
    assert BADGE.findall(html) == []
    assert "Уведомлений пока нет." in html


def test_opening_a_notification_marks_it_read_and_follows_its_link():
    ivanova = person(customer(), "ivanova")
    mine = notify(ivanova, "Срок оплаты", link="/contracts/7/")

    response = logged_in(ivanova).post(f"/notifications/{mine.pk}/read/", {"follow": "1", "page": "1"})

    assert (response.status_code, response["Location"]) == (302, "/contracts/7/")
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_marking_read_without_following_returns_to_the_same_page():
    ivanova = person(customer(), "ivanova")
    mine = notify(ivanova, "Срок оплаты", link="https://evil.example/")

    response = logged_in(ivanova).post(f"/notifications/{mine.pk}/read/", {"follow": "1", "page": "2"})

    assert (response.status_code, response["Location"]) == (302, "/notifications/?page=2")


def test_someone_elses_notification_is_not_found_and_stays_unread():
    ivanova = person(customer(), "ivanova")
    theirs = notify(person(customer(), "stranger"), "Чужое")

    response = logged_in(ivanova).post(f"/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_clears_the_badge():
    ivanova = person(customer(), "ivanova")
    for n in range(3):
        notify(ivanova, f"Уведомление {n}")
    browser = logged_in(ivanova)

    response = browser.post("/notifications/read-all/")
    html = page(browser.get(response["Location"]))

    assert "Отмечено прочитанными: 3 уведомления" in html
    assert BADGE.findall(html) == []
    assert not Notification.objects.filter(recipient=ivanova, read_at__isnull=True).exists()


def test_the_list_is_paginated_by_twenty():
    ivanova = person(customer(), "ivanova")
    start = timezone.now()
    for n in range(25):
        row = notify(ivanova, f"Уведомление {n:02d}")
        Notification.objects.filter(pk=row.pk).update(created_at=start + dt.timedelta(minutes=n))
    browser = logged_in(ivanova)

    first = page(browser.get("/notifications/"))
    second = page(browser.get("/notifications/?page=2"))

    assert subjects(first) == [f"Уведомление {n:02d}" for n in range(24, 4, -1)]
    assert subjects(second) == [f"Уведомление {n:02d}" for n in range(4, -1, -1)]
    assert "Страница 1 из 2" in first
    assert 'href="?page=2" rel="next"' in first


def test_anonymous_visitors_are_sent_to_login():
    response = Client().get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
