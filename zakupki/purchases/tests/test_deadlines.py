"""The worker closes proposal windows once; reads and writes never wait for it."""

import datetime as dt

import pytest
from django.utils import timezone

from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.purchases.enums import NeedStatus
from zakupki.purchases.models import Need
from zakupki.purchases.services.needs import need_close_due
from zakupki.purchases.tests.factories import need
from zakupki.worker.registry import discover_time_events
from zakupki.worker.runner import run_pass


def test_the_need_event_is_registered_for_the_worker():
    events = {event.name: event.model for event in discover_time_events()}

    assert events["purchases.need_proposals_close"] is Need


@pytest.mark.django_db
def test_worker_closes_a_need_at_its_deadline_once():
    deadline = timezone.now() - dt.timedelta(minutes=5)
    due = need(deadline=deadline)
    later = need(deadline=timezone.now() + dt.timedelta(days=1))
    purchases_event = [e for e in discover_time_events() if e.name == "purchases.need_proposals_close"]

    run_pass(now=timezone.now(), events=purchases_event)
    run_pass(now=timezone.now(), events=purchases_event)  # a second pass finds nothing due

    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, due.closed_at, due.next_check_at) == (NeedStatus.CLOSED, deadline, None)
    assert (later.status, later.next_check_at) == (NeedStatus.PUBLISHED, later.deadline)
    event = AuditEvent.objects.get()
    assert (event.event, event.actor_label, event.details["proposals"]) == (
        EventType.NEED_CLOSED,
        "Система",
        0,
    )


@pytest.mark.django_db
def test_handler_called_early_moves_the_check_to_the_deadline():
    pending = need(deadline=timezone.now() + dt.timedelta(hours=2), next_check_at=timezone.now())

    need_close_due(need=pending, now=timezone.now())

    pending.refresh_from_db()
    assert (pending.status, pending.next_check_at) == (NeedStatus.PUBLISHED, pending.deadline)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_handler_on_a_finished_need_only_clears_the_check():
    cancelled = need(status=NeedStatus.CANCELLED, next_check_at=timezone.now())

    need_close_due(need=cancelled, now=timezone.now())

    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.next_check_at) == (NeedStatus.CANCELLED, None)
    assert AuditEvent.objects.count() == 0
