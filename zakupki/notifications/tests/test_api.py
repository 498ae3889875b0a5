"""GET /api/v1/notifications, POST .../{id}/read, POST .../read-all: own notifications only."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.notifications.models import Notification
from zakupki.notifications.services import notification_send
from zakupki.notifications.tests.factories import customer, person

pytestmark = pytest.mark.django_db


def notify(user, subject):
    notification_send(
        kind="test", subject=subject, body=f"{subject}: подробности", link="/contracts/", user=user
    )
    return Notification.objects.get(recipient=user, subject=subject)


def test_the_list_shows_own_notifications_unread_first():
    ivanova = person(customer(), "ivanova")
    stranger = person(customer(), "stranger")
    old = notify(ivanova, "Первое")
    read = notify(ivanova, "Второе")
    new = notify(ivanova, "Третье")
    notify(stranger, "Чужое")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=1))

    response = get(Client(), "/notifications", as_user(ivanova))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [(item["id"], item["subject"], item["read_at"] is None) for item in body["items"]] == [
        (new.pk, "Третье", True),
        (old.pk, "Первое", True),
        (read.pk, "Второе", False),
    ]
    assert sorted(body["items"][0]) == ["body", "created_at", "id", "kind", "link", "read_at", "subject"]
    assert body["items"][0]["body"] == "Третье: подробности"
    unread = get(Client(), "/notifications", as_user(ivanova), unread="true").json()
    assert [item["id"] for item in unread["items"]] == [new.pk, old.pk]


def test_marking_one_read_is_idempotent_and_someone_elses_is_not_found():
    ivanova = person(customer(), "ivanova")
    stranger = person(customer(), "stranger")
    mine = notify(ivanova, "Моё")
    theirs = notify(stranger, "Чужое")
    headers = as_user(ivanova)

    first = post(Client(), f"/notifications/{mine.pk}/read", {}, headers)
    again = post(Client(), f"/notifications/{mine.pk}/read", {}, headers)
    foreign = post(Client(), f"/notifications/{theirs.pk}/read", {}, headers)
    missing = post(Client(), "/notifications/999999/read", {}, headers)

    assert first.status_code == 200
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert first.json()["read_at"] == again.json()["read_at"]
    not_found = errors(error("Уведомление не найдено", field="notification", code="not_found"))
    assert (foreign.status_code, foreign.json()) == (404, not_found)
    assert (missing.status_code, missing.json()) == (404, not_found)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all_marks_only_own_unread():
    ivanova = person(customer(), "ivanova")
    stranger = person(customer(), "stranger")
    notify(ivanova, "Одно")
    notify(ivanova, "Другое")
    notify(stranger, "Чужое")

    response = post(Client(), "/notifications/read-all", {}, as_user(ivanova))
    again = post(Client(), "/notifications/read-all", {}, as_user(ivanova))

    assert (response.status_code, response.json(), again.json()) == (200, {"marked": 2}, {"marked": 0})
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    assert Notification.objects.get(read_at__isnull=True).recipient == stranger


def test_anonymous_callers_are_refused():
    response = get(Client(), "/notifications")
    assert response.status_code == 401
