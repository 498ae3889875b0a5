"""Concurrent senders on PostgreSQL: the unique (recipient, dedupe_key) constraint lets each person get one."""

import threading

import pytest
from django.core import mail
from django.db import connection

from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.notifications.models import Notification
from zakupki.notifications.services import notification_send
from zakupki.notifications.tests.factories import customer, person

THREADS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_sends_with_one_dedupe_key_notify_each_member_once():
    # given
    school = customer()
    for name in ("ivanova", "petrov", "sidorova"):
        person(school, name, email=f"{name}@school.example")
    start = threading.Barrier(THREADS)
    counts: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def sender() -> None:
        try:
            start.wait()
            created = notification_send(
                kind="contract.payment_due_soon",
                subject="Срок оплаты истекает 26.11.2026",
                body="Оплатите принятый этап.",
                organization=school,
                dedupe_key="contract:7:payment:3:soon",
            )
            with lock:
                counts.append(created)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(THREADS)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then
    assert errors == []
    assert sum(counts) == 3
    assert len(counts) == THREADS
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "ivanova",
        "petrov",
        "sidorova",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ivanova@school.example",
        "petrov@school.example",
        "sidorova@school.example",
    ]
    recorded = AuditEvent.objects.filter(event=EventType.NOTIFICATION_SENT)
    assert sum(len(e.details["recipients"]) for e in recorded) == 3
    assert journal_verify().ok
