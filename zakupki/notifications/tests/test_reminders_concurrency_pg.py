"""Two workers at the same instant on PostgreSQL: SKIP LOCKED and the dedupe keys keep reminders once."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from zakupki.notifications.models import Notification
from zakupki.notifications.tests.contract_givens import concluded_deal, pin_stage_due, reminders_pass

WORKERS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_workers_passing_at_the_warning_instant_warn_each_person_once():
    # given: stage 1 due Thursday 11.03.2027; the warning is due Friday 05.03 09:00 Moscow
    deal = concluded_deal()
    pin_stage_due(deal, dt.date(2027, 3, 11))
    reminders_pass(dt.datetime(2027, 3, 1, 6, 0, tzinfo=dt.UTC))
    warning = dt.datetime(2027, 3, 5, 6, 0, tzinfo=dt.UTC)
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            start.wait()
            reminders_pass(warning)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    # then
    assert errors == []
    assert sorted(Notification.objects.values_list("recipient__username", "kind")) == [
        ("buyer77", "contract.stage_due_soon"),
        ("seller77", "contract.stage_due_soon"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["buyer77@school.example", "seller77@paper.example"]
