import datetime as dt
from collections.abc import Collection

import pytest

from zakupki.accounts.models import Organization
from zakupki.worker.registry import TimeEvent
from zakupki.worker.runner import run_pass
from zakupki.worker.tests.conftest import NOW, make_customer

HOUR = dt.timedelta(hours=1)


def clearing_event(
    calls: list[int],
    *,
    batch_size: int = 50,
    fail_for: Collection[int] = (),
    keep_due_for: Collection[int] = (),
) -> TimeEvent:
    """A test event on Organization.next_check_at that records every call."""

    def handler(org, now):
        calls.append(org.pk)
        if org.pk in keep_due_for:
            return
        org.next_check_at = None
        org.save(update_fields=["next_check_at"])
        if org.pk in fail_for:
            raise RuntimeError("boom")

    return TimeEvent(name="test.clear", model=Organization, handler=handler, batch_size=batch_size)


def test_due_rows_are_handled_once_and_others_untouched(region):
    # given
    due = [make_customer(region, due_at=NOW - HOUR), make_customer(region, due_at=NOW)]
    later = make_customer(region, due_at=NOW + HOUR)
    idle = make_customer(region, due_at=NOW - HOUR, idle=True)
    calls: list[int] = []
    # when
    result = run_pass(now=NOW, events=[clearing_event(calls)])
    # then
    assert sorted(calls) == sorted(o.pk for o in due)
    assert (result.handled, result.failed, result.stuck) == (2, 0, 0)
    assert Organization.objects.get(pk=later.pk).next_check_at == NOW + HOUR
    assert Organization.objects.get(pk=idle.pk).next_check_at is None
    assert list(Organization.objects.filter(next_check_at__lte=NOW)) == []


def test_second_pass_does_nothing(region):
    for _ in range(3):
        make_customer(region, due_at=NOW - HOUR)
    calls: list[int] = []
    event = clearing_event(calls)
    run_pass(now=NOW, events=[event])

    second = run_pass(now=NOW, events=[event])

    assert second.handled == 0
    assert len(calls) == 3


def test_small_batches_cover_every_due_row_once(region):
    orgs = [make_customer(region, due_at=NOW - HOUR) for _ in range(7)]
    calls: list[int] = []

    result = run_pass(now=NOW, events=[clearing_event(calls, batch_size=3)])

    assert calls == [o.pk for o in orgs]
    assert result.handled == 7


def test_failing_row_is_rolled_back_alone_and_others_go_on(region):
    # given: the handler clears the due time and then raises for the second row
    orgs = [make_customer(region, due_at=NOW - HOUR) for _ in range(3)]
    calls: list[int] = []
    event = clearing_event(calls, batch_size=2, fail_for={orgs[1].pk})
    # when
    result = run_pass(now=NOW, events=[event])
    # then: its change is undone (savepoint), it stays due; the rest is handled
    assert (result.handled, result.failed) == (2, 1)
    assert calls == [o.pk for o in orgs]
    assert list(Organization.objects.filter(next_check_at__isnull=False).values_list("pk", flat=True)) == [
        orgs[1].pk
    ]
    assert Organization.objects.get(pk=orgs[1].pk).next_check_at == NOW - HOUR


def test_handler_that_leaves_row_due_is_offered_once_per_pass(region):
    orgs = [make_customer(region, due_at=NOW - HOUR) for _ in range(3)]
    calls: list[int] = []
    event = clearing_event(calls, batch_size=1, keep_due_for={orgs[0].pk})

    result = run_pass(now=NOW, events=[event])

    assert calls == [o.pk for o in orgs]  # no endless loop on the stuck row
    assert (result.handled, result.stuck) == (2, 1)
    assert Organization.objects.get(pk=orgs[0].pk).next_check_at == NOW - HOUR


def test_handler_moving_due_time_forward_counts_as_handled(region):
    org = make_customer(region, due_at=NOW - HOUR)

    def handler(obj, now):
        obj.next_check_at = now + HOUR
        obj.save(update_fields=["next_check_at"])

    result = run_pass(now=NOW, events=[TimeEvent("test.later", Organization, handler)])

    assert result.handled == 1
    assert Organization.objects.get(pk=org.pk).next_check_at == NOW + HOUR


@pytest.mark.parametrize("stop_after", [0, 1])
def test_stop_request_ends_the_pass_between_batches(region, stop_after):
    for _ in range(4):
        make_customer(region, due_at=NOW - HOUR)
    calls: list[int] = []
    checks = []

    def should_stop():
        checks.append(1)
        return len(checks) > stop_after + 1  # +1: run_pass asks once before the event

    result = run_pass(now=NOW, events=[clearing_event(calls, batch_size=2)], should_stop=should_stop)

    assert len(calls) == 2 * stop_after
    assert result.handled == 2 * stop_after
