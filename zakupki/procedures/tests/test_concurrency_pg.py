"""16 suppliers bid at once on one PostgreSQL session: every accepted bid is decided under the row lock."""

import contextlib
import random
import threading
from decimal import Decimal

import pytest
from django.db import connection

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.core.errors import DomainError
from zakupki.documents.services.verification import journal_verify
from zakupki.procedures.models import Bid, Participant, QuotationSession
from zakupki.procedures.services import autobid_set, bid_place, bidding
from zakupki.procedures.tests.conftest import NOW, make_org, make_user

THREADS = 16
ATTEMPTS = 6
D = Decimal


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("gate", "bots", "steps"),
    [
        ("in-process gate", True, 3),
        ("row lock only", True, 3),
        # one step at a time keeps the price near the НМЦК, where a bid judged against a stale leader
        # or best bid would still pass the step rule and collide
        ("row lock only", False, 1),
    ],
)
def test_concurrent_bids_form_one_valid_ladder(session, region, monkeypatch, gate, bots, steps):
    # given: 16 suppliers; two of them may also run bots with floors far below. Without the in-process
    # gate every thread waits on the session's row lock, as requests in different server processes do.
    if gate == "row lock only":
        monkeypatch.setattr(bidding, "_session_gate", lambda session_id: contextlib.nullcontext())
    users = [
        make_user(make_org(region, OrganizationKind.SUPPLIER), UserRole.SUPPLIER) for _ in range(THREADS)
    ]
    at = session.published_at
    if bots:
        autobid_set(session=session, supplier_user=users[0], floor_price=D("30000.00"), now=at)
        autobid_set(session=session, supplier_user=users[1], floor_price=D("30500.00"), now=at)
    start = threading.Barrier(THREADS)
    accepted: list[tuple[int, Decimal]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def supplier(n):
        rnd = random.Random(n)
        try:
            start.wait()
            for _ in range(ATTEMPTS):
                current = QuotationSession.objects.get(pk=session.pk)
                reference = current.best_price or current.start_price
                assert current.step_min is not None
                price = reference - current.step_min * rnd.randint(1, steps)
                try:
                    bid = bid_place(session=current, supplier_user=users[n], price=price, now=NOW)
                except DomainError:
                    continue  # somebody else moved the best price first, or we lead already
                with lock:
                    accepted.append((users[n].organization_id, bid.price))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=supplier, args=(n,)) for n in range(THREADS)]
    # when
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    # then
    assert errors == []
    assert accepted  # the contest did happen
    s = QuotationSession.objects.get(pk=session.pk)
    bids = list(Bid.objects.filter(session=s).order_by("seq"))
    assert [b.seq for b in bids] == list(range(1, len(bids) + 1))
    assert s.bids_count == len(bids)
    prices = [b.price for b in bids]
    previous = [s.start_price, *prices[:-1]]
    step_min, step_max = s.step_min, s.step_max
    assert step_min is not None
    assert step_max is not None
    for before, bid in zip(previous, bids, strict=True):
        assert step_min <= before - bid.price <= step_max  # strictly decreasing within the step rule
    holders = [b.supplier_id for b in bids]
    assert all(x != y for x, y in zip(holders, holders[1:], strict=False))  # no self-undercut
    assert len(set(prices)) == len(prices)  # no two bids accepted against the same best price
    manual = sorted((b.supplier_id, b.price) for b in bids if not b.is_auto)
    assert manual == sorted(accepted)
    assert (s.best_price, s.best_bid_id) == (bids[-1].price, bids[-1].pk)  # winner recomputed from the log
    numbers = list(
        Participant.objects.filter(session=s)
        .order_by("first_bid_at", "number")
        .values_list("number", flat=True)
    )
    assert sorted(numbers) == list(range(1, s.participants_count + 1))
    assert journal_verify().ok
