"""A hopeless offer (less than a minimum step below the best price) is refused before the session gate and
the row lock, with the message the locked path gives for the same state (docs/performance.md, fifth run)."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.db.utils import OperationalError
from django.test.utils import CaptureQueriesContext

from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import Bid, QuotationSession
from zakupki.procedures.services import bid_place, bidding
from zakupki.procedures.tests.conftest import NOW, rub
from zakupki.procedures.tests.test_bid_path import statements
from zakupki.procedures.tests.test_bidding import snapshot

D = Decimal
LATER = NOW + dt.timedelta(minutes=10)
EARLY = ["SELECT oversight_supplierban", "SELECT procedures_quotationsession"]
LEADER = "Ваше предложение уже лучшее: снижать собственную цену нельзя"
ABOVE_BEST = f"Цена должна быть ниже текущей лучшей цены {rub('50 844,50')}"
EQUAL_BEST = f"Цена равна текущей лучшей цене {rub('50 844,50')}: предложите цену ниже"
WITHIN_STEP = f"Снижение меньше минимального шага {rub('255,50')}: предложите не более {rub('50 589,00')}"


def fresh(session):
    return QuotationSession.objects.select_related("region").get(pk=session.pk)


def refusal(session, user, price):
    """The refusal's errors and the statements it ran; the database must be as before."""
    before, copy = snapshot(session), fresh(session)
    with CaptureQueriesContext(connection) as ctx, pytest.raises(ValidationFailed) as exc:
        bid_place(session=copy, supplier_user=user, price=D(price), now=LATER)
    assert snapshot(session) == before
    return exc.value.errors, statements(ctx)


@pytest.mark.parametrize(
    ("state", "bidder", "price", "message"),
    [
        ("no best yet", "b", "51100.00", f"Цена должна быть ниже НМЦК {rub('51 100,00')}"),
        ("no best yet", "b", "60000.00", f"Цена должна быть ниже НМЦК {rub('51 100,00')}"),
        (
            "no best yet",
            "b",
            "50844.51",
            f"Снижение меньше минимального шага {rub('255,50')}: предложите не более {rub('50 844,50')}",
        ),
        ("best by another", "b", "50844.50", EQUAL_BEST),
        ("best by another", "b", "50900.00", ABOVE_BEST),
        ("best by another", "b", "50589.01", WITHIN_STEP),
        ("best by another", "b", "50844.49", WITHIN_STEP),
        ("leader", "a", "50844.50", LEADER),
        ("leader", "a", "50900.00", LEADER),
        ("leader", "a", "50589.01", LEADER),
    ],
)
def test_an_early_refusal_refuses_what_the_locked_path_refuses(
    session, suppliers, monkeypatch, state, bidder, price, message
):
    # given: a session without bids, or with supplier A's bid 50 844,50 as the best
    (_, a_user), (_, b_user), _ = suppliers
    if state != "no best yet":
        bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    user = a_user if bidder == "a" else b_user
    # when: the hopeless offer is refused early, then again with the early refusal switched off
    early, early_statements = refusal(session, user, price)
    monkeypatch.setattr(bidding, "_refuse_hopeless", lambda *args: None)
    locked, locked_statements = refusal(session, user, price)
    # then: the same field and message; the early one read the session row and took no lock
    assert early == locked == {"price": message}
    assert early_statements == EARLY
    assert locked_statements[:2] == EARLY  # the locked path's first session read is its locking one
    assert len(locked_statements) == (2 if state == "no best yet" else 3)  # + the bidder/leader read


def test_the_early_refusal_reads_the_row_once_without_a_lock(session, suppliers):
    (_, a_user), (_, b_user), _ = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    with CaptureQueriesContext(connection) as ctx, pytest.raises(ValidationFailed):
        bid_place(session=fresh(session), supplier_user=b_user, price=D("50900.00"), now=LATER)
    sql = [query["sql"] for query in ctx.captured_queries]
    assert "LEFT JOIN procedures_bid b ON b.id = s.best_bid_id" in sql[-1]
    assert [s for s in sql if "FOR UPDATE" in s or s.startswith(("SAVEPOINT", "BEGIN"))] == []


def test_a_stale_copy_of_the_session_gets_the_current_message(session, suppliers):
    # given: the caller's copy was read before A's bid
    (_, a_user), (_, b_user), _ = suppliers
    stale = fresh(session)
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    # when: B offers what the stale copy calls a step too small below the НМЦК
    with pytest.raises(ValidationFailed) as exc:
        bid_place(session=stale, supplier_user=b_user, price=D("51000.00"), now=LATER)
    # then: the message names the current best price, as the locked path would
    assert exc.value.errors == {"price": f"Цена должна быть ниже текущей лучшей цены {rub('50 844,50')}"}
    # and an offer the stale copy calls possible goes the locked way and meets the leader's rule
    with pytest.raises(ValidationFailed) as exc:
        bid_place(session=stale, supplier_user=a_user, price=D("50589.00"), now=LATER)
    assert exc.value.errors == {"price": LEADER}


def test_a_session_closed_since_the_caller_read_it_gets_the_locked_paths_message(session, suppliers):
    (_, a_user), (_, b_user), _ = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    copy = fresh(session)
    QuotationSession.objects.filter(pk=session.pk).update(status=SessionStatus.FAILED)
    with pytest.raises(Conflict) as exc:
        bid_place(session=copy, supplier_user=b_user, price=D("50900.00"), now=LATER)
    assert exc.value.message == "Котировочная сессия не принимает ценовые предложения"
    # and after the end instant a late offer is told that the bidding is over
    QuotationSession.objects.filter(pk=session.pk).update(status=SessionStatus.PUBLISHED)
    assert copy.ends_at is not None
    with pytest.raises(Conflict) as exc:
        bid_place(session=fresh(session), supplier_user=b_user, price=D("50900.00"), now=copy.ends_at)
    assert exc.value.message == "Приём ценовых предложений завершён"


def test_an_offer_below_the_maximum_step_still_waits_for_the_lock(session, suppliers):
    # the best can fall to meet it while it waits, so only the locked path may refuse it
    (_, a_user), (_, b_user), _ = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    errors, ran = refusal(session, b_user, "48289.49")
    assert errors == {
        "price": f"Снижение больше максимального шага {rub('2 555,00')}: "
        f"предложите не менее {rub('48 289,50')}"
    }
    assert ran == [
        "SELECT oversight_supplierban",
        "SELECT procedures_quotationsession",
        "SELECT procedures_participant",
    ]


def test_a_hopeless_offer_does_not_take_the_session_gate(session, suppliers, monkeypatch):
    # given: the session's gate is held (by another request of this process)
    (_, a_user), (_, b_user), _ = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    monkeypatch.setattr(bidding, "GATE_TIMEOUT_SECONDS", 0.05)
    gate = bidding._STRIPES[session.pk % len(bidding._STRIPES)]
    assert gate.acquire(timeout=1)
    try:
        # then: a late offer is refused without waiting for it
        with pytest.raises(ValidationFailed) as exc:
            bid_place(session=fresh(session), supplier_user=b_user, price=D("50900.00"), now=LATER)
        assert exc.value.errors == {"price": ABOVE_BEST}
        # while an offer that may succeed queues for the gate and, here, times out
        with pytest.raises(Conflict) as busy:
            bid_place(session=fresh(session), supplier_user=b_user, price=D("50589.00"), now=LATER)
        assert busy.value.message == "Слишком много одновременных предложений, повторите попытку"
    finally:
        gate.release()
    assert Bid.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_hopeless_offer_does_not_wait_for_the_row_lock(session, suppliers):
    # given: another connection holds the session's row lock, as a bid in another process does
    (_, a_user), (_, b_user), _ = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
    holding, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                QuotationSession.objects.select_for_update().get(pk=session.pk)
                holding.set()
                release.wait(10)
        finally:
            connections["default"].close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")  # a wait for the lock fails instead of hanging
        # then: the late offer is refused at once
        with pytest.raises(ValidationFailed) as exc:
            bid_place(session=fresh(session), supplier_user=b_user, price=D("50900.00"), now=LATER)
        assert exc.value.errors == {"price": ABOVE_BEST}
        # while an offer that may succeed waits for the lock (and gives up here)
        with pytest.raises(OperationalError, match="lock timeout"):
            bid_place(session=fresh(session), supplier_user=b_user, price=D("50589.00"), now=LATER)
    finally:
        release.set()
        thread.join(10)
        connection.close()
    assert Bid.objects.count() == 1
