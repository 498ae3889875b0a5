"""Two workers at once on PostgreSQL: skip_locked hands each due row to exactly one of them."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from zakupki.accounts.deadlines import TIME_EVENTS
from zakupki.accounts.models import Organization
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.worker.registry import TimeEvent
from zakupki.worker.runner import run_pass
from zakupki.worker.tests.conftest import NOW, make_customer

ROWS = 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_passes_handle_each_row_exactly_once(region):
    # given: due customers and the real accounts handler, slowed down so the two passes overlap
    orgs = [make_customer(region, due_at=NOW - dt.timedelta(days=1)) for _ in range(ROWS)]
    _, model, real_handler = TIME_EVENTS[0]
    calls: list[tuple[str, int]] = []
    lock = threading.Lock()

    def handler(org, now):
        with lock:
            calls.append((threading.current_thread().name, org.pk))
        time.sleep(0.005)
        real_handler(org, now)

    event = TimeEvent("accounts.test_concurrent", model, handler, batch_size=5)
    start = threading.Barrier(2)
    results = {}
    errors = []

    def worker():
        try:
            start.wait()
            results[threading.current_thread().name] = run_pass(now=NOW, events=[event])
        except Exception as exc:  # surfaced below: an assert inside a thread would be lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, name=f"w{i}") for i in range(2)]
    # when
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # then
    assert errors == []
    handled_pks = [pk for _, pk in calls]
    assert sorted(handled_pks) == sorted(o.pk for o in orgs)  # every row once, none twice
    assert sum(r.handled for r in results.values()) == ROWS
    assert {name for name, _ in calls} == {"w0", "w1"}  # both took part: nobody waited on a lock
    assert AuditEvent.objects.filter(event=EventType.ORGANIZATION_CONFIRMATION_OVERDUE).count() == ROWS
    assert not Organization.objects.filter(next_check_at__isnull=False).exists()
    assert journal_verify().ok
