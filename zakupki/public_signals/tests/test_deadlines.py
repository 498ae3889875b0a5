"""The worker's deadline warnings: once each, in order, to the organization; the read-time state does
not wait for the worker."""

from __future__ import annotations

import datetime as dt

import pytest

from zakupki.documents.models import AuditEvent
from zakupki.notifications.models import Notification
from zakupki.public_signals.enums import DeadlineState
from zakupki.public_signals.models import Signal
from zakupki.public_signals.selectors import signal_deadline_state
from zakupki.public_signals.services import answer_submit, signal_publish, signal_time_event
from zakupki.public_signals.tests.factories import customer, moderator, moscow, submitted, user
from zakupki.worker.runner import run_pass

pytestmark = pytest.mark.django_db

MSK = dt.timezone(dt.timedelta(hours=3))
PUBLISHED_AT = dt.datetime(2026, 11, 4, 12, 0, tzinfo=MSK)
TARGET = dt.datetime(2026, 11, 16, 20, 59, 59, 999999, tzinfo=dt.UTC)
LEGAL = dt.datetime(2026, 12, 4, 20, 59, 59, 999999, tzinfo=dt.UTC)


def warnings_of(signal: Signal) -> list[tuple[str, str]]:
    return [
        (e.event, e.details["level"])
        for e in AuditEvent.objects.filter(object_type="public_signals.signal", object_id=str(signal.pk))
        .filter(event__in=["signal.due_soon", "signal.overdue"])
        .order_by("seq")
    ]


def published(buyer=None) -> Signal:
    buyer = buyer or customer(in_region=moscow())
    return signal_publish(signal=submitted(buyer=buyer), moderator=moderator(), now=PUBLISHED_AT)


def test_deadline_state_is_computed_at_read_time():
    signal = published()

    assert signal_deadline_state(signal=signal, now=PUBLISHED_AT) == DeadlineState.ON_TIME
    assert signal_deadline_state(signal=signal, now=TARGET - dt.timedelta(days=1)) == DeadlineState.DUE_SOON
    assert signal_deadline_state(signal=signal, now=TARGET + dt.timedelta(seconds=1)) == DeadlineState.OVERDUE
    assert (
        signal_deadline_state(signal=signal, now=LEGAL + dt.timedelta(seconds=1))
        == DeadlineState.OVERDUE_LEGAL
    )


def test_warnings_are_sent_once_each_in_order():
    buyer = customer(in_region=moscow())
    clerk = user(role="customer", organization=buyer)
    signal = published(buyer)

    for now in (
        TARGET - dt.timedelta(days=1),
        TARGET - dt.timedelta(hours=1),  # again before the term: nothing new
        TARGET + dt.timedelta(hours=1),
        TARGET + dt.timedelta(days=1),
        LEGAL + dt.timedelta(hours=1),
        LEGAL + dt.timedelta(days=3),
    ):
        signal_time_event(signal=signal, now=now)

    signal.refresh_from_db()
    assert warnings_of(signal) == [
        ("signal.due_soon", "soon"),
        ("signal.overdue", "target"),
        ("signal.overdue", "legal"),
    ]
    assert signal.next_check_at is None
    assert list(
        Notification.objects.filter(recipient=clerk).order_by("pk").values_list("kind", flat=True)
    ) == ["signal.routed", "signal.due_soon", "signal.overdue", "signal.overdue"]


def test_late_worker_records_only_the_gravest_warning():
    signal = published()

    signal_time_event(signal=signal, now=LEGAL + dt.timedelta(days=1))

    assert warnings_of(signal) == [("signal.overdue", "legal")]


def test_answered_signal_gets_no_warning():
    buyer = customer(in_region=moscow())
    signal = published(buyer)
    answer_submit(signal=signal, author=user(role="customer", organization=buyer), text="Ответ")

    signal_time_event(signal=signal, now=TARGET + dt.timedelta(days=1))

    signal.refresh_from_db()
    assert warnings_of(signal) == []
    assert signal.next_check_at is None


def test_the_worker_runs_the_handler_on_due_signals():
    signal = published()

    run_pass(now=TARGET + dt.timedelta(hours=1))

    signal.refresh_from_db()
    assert warnings_of(signal) == [("signal.overdue", "target")]
    assert signal.next_check_at == LEGAL
