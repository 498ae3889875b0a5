import datetime as dt
import socket

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from zakupki.notifications.delivery import retry_delay
from zakupki.notifications.enums import EmailState
from zakupki.notifications.models import Notification
from zakupki.notifications.services import notification_send
from zakupki.notifications.tests.factories import customer, person
from zakupki.worker.registry import discover_time_events
from zakupki.worker.runner import run_pass

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_smtp():
    """A real SMTP backend aimed at a port nobody listens on: the send fails as a dead relay would."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_closed_port(),
        EMAIL_TIMEOUT=2,
    )


def email_pass(now: dt.datetime) -> int:
    events = [e for e in discover_time_events() if e.name == "notifications.email_retry"]
    return run_pass(now=now, events=events).handled


def state(row: Notification) -> tuple[str, int, dt.datetime | None]:
    row.refresh_from_db()
    return row.email_state, row.email_attempts, row.next_check_at


def test_retry_delay_doubles_up_to_a_day():
    assert [retry_delay(n) for n in (1, 2, 3, 4, 9, 12)] == [
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=10),
        dt.timedelta(minutes=20),
        dt.timedelta(minutes=40),
        dt.timedelta(minutes=1280),
        dt.timedelta(days=1),
    ]


def test_a_failed_send_stays_pending_and_the_worker_retries_it_with_backoff_once(
    django_capture_on_commit_callbacks,
):
    # given: the relay is down when the notification is created
    ivanova = person(customer(), "ivanova", email="ivanova@school.example")
    before = timezone.now()
    with unreachable_smtp(), django_capture_on_commit_callbacks(execute=True):
        notification_send(kind="test", subject="Тема", body="Текст", user=ivanova)
    after = timezone.now()
    row = Notification.objects.get()
    assert row.email_state == EmailState.PENDING
    assert row.email_attempts == 1
    assert row.email_error.startswith("ConnectionRefusedError")
    assert row.next_check_at is not None
    assert before <= row.next_check_at - dt.timedelta(minutes=5) <= after
    due = row.next_check_at
    # when: a pass before the retry time does nothing; at the retry time the relay is still down
    assert email_pass(due - MINUTE) == 0
    with unreachable_smtp():
        assert email_pass(due) == 1
    # then: the second wait is twice the first
    assert state(row) == (EmailState.PENDING, 2, due + dt.timedelta(minutes=10))
    # when: the relay is back (locmem); the worker runs twice and late
    assert email_pass(due + dt.timedelta(hours=3)) == 1
    assert email_pass(due + dt.timedelta(hours=4)) == 0
    # then: exactly one e-mail went out
    assert state(row) == (EmailState.SENT, 3, None)
    assert [m.to for m in mail.outbox] == [["ivanova@school.example"]]
    assert row.email_error == ""
    assert row.email_sent_at == due + dt.timedelta(hours=3)


def test_after_the_last_attempt_the_e_mail_is_given_up_but_the_notification_stays(
    django_capture_on_commit_callbacks,
):
    ivanova = person(customer(), "ivanova", email="ivanova@school.example")
    with unreachable_smtp(), django_capture_on_commit_callbacks(execute=True):
        notification_send(kind="test", subject="Тема", body="Текст", user=ivanova)
    row = Notification.objects.get()
    now = timezone.now()
    with unreachable_smtp():
        for _ in range(7):
            now += dt.timedelta(days=1)
            assert email_pass(now) == 1
    assert state(row) == (EmailState.FAILED, 8, None)
    assert email_pass(now + dt.timedelta(days=1)) == 0
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=ivanova, read_at__isnull=True).count() == 1


def test_the_safety_net_sends_once_when_the_after_commit_send_never_ran(django_capture_on_commit_callbacks):
    ivanova = person(customer(), "ivanova", email="ivanova@school.example")
    with django_capture_on_commit_callbacks(execute=False):
        notification_send(kind="test", subject="Тема", body="Текст", user=ivanova)
    row = Notification.objects.get()
    assert row.next_check_at is not None

    assert email_pass(row.next_check_at) == 1
    assert email_pass(row.next_check_at + MINUTE) == 0

    assert state(row) == (EmailState.SENT, 1, None)
    assert len(mail.outbox) == 1


def test_an_address_removed_before_the_retry_clears_the_timer(django_capture_on_commit_callbacks):
    ivanova = person(customer(), "ivanova", email="ivanova@school.example")
    with django_capture_on_commit_callbacks(execute=False):
        notification_send(kind="test", subject="Тема", body="Текст", user=ivanova)
    row = Notification.objects.get()
    ivanova.email = ""
    ivanova.save(update_fields=["email"])
    assert row.next_check_at is not None

    assert email_pass(row.next_check_at) == 1

    assert state(row) == (EmailState.NONE, 0, None)
    assert mail.outbox == []
