"""What one bid costs the database (docs/performance.md): the statements are pinned, so a query that
creeps back into the hot path fails here, not in a benchmark weeks later."""

import re
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.db.utils import OperationalError
from django.test.utils import CaptureQueriesContext

from zakupki.core.errors import ValidationFailed
from zakupki.procedures.models import AutoBid, QuotationSession
from zakupki.procedures.services import autobid_cancel, autobid_set, bid_place
from zakupki.procedures.services._common import locked_session
from zakupki.procedures.tests.conftest import NOW

D = Decimal
SKIPPED = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "BEGIN", "COMMIT", "SELECT PG_NOTIFY")


def statements(ctx: CaptureQueriesContext) -> list[str]:
    """«VERB table» for each data statement, in order (transaction control and NOTIFY left out)."""
    result = []
    for query in ctx.captured_queries:
        sql = query["sql"].strip()
        if sql.upper().startswith(SKIPPED):
            continue
        verb = sql.split()[0].upper()
        table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.IGNORECASE)
        result.append(f"{verb} {table.group(1) if table else '?'}")
    return result


def place(session, user, price):
    fresh = QuotationSession.objects.select_related("region").get(pk=session.pk)
    user.organization  # noqa: B018 - loaded by the API's visibility check before the bid
    with CaptureQueriesContext(connection) as ctx:
        bid_place(session=fresh, supplier_user=user, price=D(price), now=NOW)
    return statements(ctx)


LOCK_AND_READ = ["SELECT procedures_quotationsession", "SELECT procedures_participant"]
# The journal append: lock and read the tip, then insert the event and move the tip (one statement on
# PostgreSQL, `WITH ins AS (INSERT …) UPDATE head`; SQLite has no data-modifying WITH).
APPEND = (
    ["WITH documents_auditevent"]
    if connection.vendor == "postgresql"
    else ["INSERT documents_auditevent", "UPDATE documents_journalhead"]
)
# A returning participant's new best rides on the bid's INSERT on PostgreSQL (a data-modifying WITH).
RETURNING_SEAT = (
    ["WITH procedures_participant"]
    if connection.vendor == "postgresql"
    else ["UPDATE procedures_participant", "INSERT procedures_bid"]
)
SESSION_AND_AUDIT = [
    "UPDATE procedures_quotationsession",
    "UPDATE documents_journalhead",
    *APPEND,
]


def test_a_bid_on_a_session_without_bots_runs_these_statements(session, suppliers):
    (_, a_user), (_, b_user), _ = suppliers
    # the first bid of a session: no participant to look for yet
    assert place(session, a_user, "50844.50") == [
        "SELECT oversight_supplierban",
        "SELECT procedures_quotationsession",
        "INSERT procedures_participant",
        "INSERT procedures_bid",
        *SESSION_AND_AUDIT,
    ]
    # a newcomer: one read after the lock finds the leader's row and not its own
    assert place(session, b_user, "50589.00") == [
        "SELECT oversight_supplierban",
        *LOCK_AND_READ,
        "INSERT procedures_participant",
        "INSERT procedures_bid",
        *SESSION_AND_AUDIT,
    ]
    # a returning participant: its row is updated in place, no bots' query
    assert place(session, a_user, "50333.50") == [
        "SELECT oversight_supplierban",
        *LOCK_AND_READ,
        *RETURNING_SEAT,
        *SESSION_AND_AUDIT,
    ]


def test_a_refused_bid_only_reads(session, suppliers):
    (_, a_user), _, _ = suppliers
    place(session, a_user, "50844.50")
    fresh = QuotationSession.objects.select_related("region").get(pk=session.pk)
    with CaptureQueriesContext(connection) as ctx, pytest.raises(ValidationFailed) as exc:
        bid_place(session=fresh, supplier_user=a_user, price=D("50589.00"), now=NOW)
    assert exc.value.errors == {"price": "Ваше предложение уже лучшее: снижать собственную цену нельзя"}
    assert statements(ctx) == ["SELECT oversight_supplierban", *LOCK_AND_READ]


def test_bots_are_queried_only_while_the_session_has_some(session, suppliers):
    (_, a_user), (b, b_user), (_, c_user) = suppliers
    autobid_set(session=session, supplier_user=b_user, floor_price=D("48000.00"), now=NOW)
    session.refresh_from_db()
    assert session.autobids_active == 1
    assert "SELECT procedures_autobid" in place(session, a_user, "50589.00")
    # changing the floor keeps one bot; a second supplier's bot makes two
    autobid_set(session=session, supplier_user=b_user, floor_price=D("47000.00"), now=NOW)
    autobid_set(session=session, supplier_user=c_user, floor_price=D("49900.00"), now=NOW)
    session.refresh_from_db()
    assert session.autobids_active == 2
    autobid_cancel(session=session, supplier_user=b_user, now=NOW)
    autobid_cancel(session=session, supplier_user=c_user, now=NOW)
    session.refresh_from_db()
    assert session.autobids_active == 0
    assert list(AutoBid.objects.filter(active=True)) == []
    assert "SELECT procedures_autobid" not in place(session, a_user, "49000.00")
    # a cancelled bot switched on again counts again
    autobid_set(session=session, supplier_user=b_user, floor_price=D("47000.00"), now=NOW)
    session.refresh_from_db()
    assert (session.autobids_active, session.best_bid.supplier_id) == (1, b.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_bid_lock_holds_the_session_row_only(session):
    # given: a bid's transaction holds the session lock
    holding, release = threading.Event(), threading.Event()

    def bidder():
        try:
            with transaction.atomic():
                locked_session(session.pk)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=bidder)
    thread.start()
    assert holding.wait(10)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            # then: another session's bid may lock the shared region and customer rows at once
            cursor.execute(
                "SELECT 1 FROM accounts_region WHERE id = %s FOR UPDATE NOWAIT", [session.region_id]
            )
            cursor.execute(
                "SELECT 1 FROM accounts_organization WHERE id = %s FOR UPDATE NOWAIT", [session.customer_id]
            )
            # but not the session row itself
            with pytest.raises(OperationalError, match="could not obtain lock"):
                cursor.execute(
                    "SELECT 1 FROM procedures_quotationsession WHERE id = %s FOR UPDATE NOWAIT", [session.pk]
                )
            cursor.execute("ROLLBACK")
    finally:
        other.close()
        release.set()
        thread.join(10)


def test_the_migration_counts_the_bots_of_existing_sessions(session, suppliers):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("zakupki.procedures.migrations.0002_session_autobids_active")
    (_, a_user), (_, b_user), (_, c_user) = suppliers
    autobid_set(session=session, supplier_user=a_user, floor_price=D("48000.00"), now=NOW)
    autobid_set(session=session, supplier_user=b_user, floor_price=D("48500.00"), now=NOW)
    autobid_set(session=session, supplier_user=c_user, floor_price=D("49000.00"), now=NOW)
    autobid_cancel(session=session, supplier_user=c_user, now=NOW)
    QuotationSession.objects.update(autobids_active=0)  # as before the column existed
    migration.count_active_autobids(apps, None)
    assert QuotationSession.objects.get(pk=session.pk).autobids_active == 2


def concrete_values(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_the_hand_written_reads_load_what_the_orm_loads(session, suppliers):
    # given: a session with bids, a participant, a bid and a journal event (datetimes, decimals, JSON)
    from zakupki.documents.models import AuditEvent
    from zakupki.procedures.models import Bid, Participant
    from zakupki.procedures.selectors import _position, session_get

    (a, a_user), (b, b_user), _ = suppliers
    place(session, a_user, "50844.50")
    place(session, b_user, "50589.00")
    # when: the raw statements read them
    raw = session_get(pk=session.pk)
    mine, rank = _position(raw, a.pk)
    # then: the same values and types as the ORM's, related rows included
    orm = QuotationSession.objects.select_related("customer", "region").get(pk=session.pk)
    assert concrete_values(raw) == concrete_values(orm)
    assert concrete_values(raw.customer) == concrete_values(orm.customer)
    assert concrete_values(raw.region) == concrete_values(orm.region)
    assert raw.ends_at is not None
    assert (raw.best_price, type(raw.best_price), raw.ends_at.tzinfo is not None) == (D("50589.00"), D, True)
    assert (concrete_values(mine), rank) == (concrete_values(Participant.objects.get(supplier=a)), 2)
    assert _position(raw, b.pk)[1] == 1
    assert _position(raw, 10**9) == (None, None)
    # and the rows written by hand read back through the ORM as written
    bid = Bid.objects.get(session=session, seq=2)
    assert (bid.price, bid.supplier_id, bid.placed_at, bid.is_auto, bid.placed_by_id) == (
        D("50589.00"),
        b.pk,
        NOW,
        False,
        b_user.pk,
    )
    event = AuditEvent.objects.latest("seq")
    assert event.details == {
        "seq": 2,
        "participant": 2,
        "supplier": b.inn,
        "price": "50589.00",
        "auto": False,
    }


def test_the_journal_stays_verifiable_after_hand_written_appends(session, suppliers):
    from zakupki.documents.models import AuditEvent, JournalHead
    from zakupki.documents.services.verification import journal_verify

    (_, a_user), (_, b_user), _ = suppliers
    for user, price in ((a_user, "50844.50"), (b_user, "50589.00"), (a_user, "50333.50")):
        bid = bid_place(session=session, supplier_user=user, price=D(price), now=NOW)
    last = AuditEvent.objects.latest("seq")
    head = JournalHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (last.seq, last.hash)
    assert last.details["price"] == str(bid.price)
    report = journal_verify()
    assert (report.ok, report.checked) == (True, AuditEvent.objects.count())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_bid_statements_become_prepared_statements_on_postgresql(session, suppliers):
    # given: a fresh connection (prepared statements belong to one)
    connection.close()
    (_, a_user), (_, b_user), _ = suppliers
    # when: a few bids run through the hot path (not captured: logging keeps client-side binding)
    for n in range(6):
        user = a_user if n % 2 == 0 else b_user
        bid_place(session=session, supplier_user=user, price=D("50844.50") - D("255.50") * n, now=NOW)
    # then: the database holds them as prepared statements of this connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("FROM procedures_quotationsession s WHERE s.id = $1 FOR UPDATE" in sql for sql in prepared)
    assert any(sql.startswith("WITH ins AS (INSERT INTO documents_auditevent") for sql in prepared)
    assert any(
        sql.startswith("WITH seat AS (UPDATE procedures_participant SET best_price") for sql in prepared
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_bids_live_notification_rides_on_the_session_update_and_arrives_at_commit(session, suppliers):
    import psycopg

    (_, a_user), _, _ = suppliers
    settings = connection.settings_dict
    listener = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    )
    try:
        listener.execute(f"LISTEN session_{session.pk}")
        # when: a bid is accepted (captured: every statement the transaction sends)
        with CaptureQueriesContext(connection) as ctx:
            bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=NOW)
        # then: no NOTIFY statement of its own, the session update carries it, and it was delivered
        sent = [q["sql"] for q in ctx.captured_queries]
        assert not [sql for sql in sent if sql.upper().startswith("SELECT PG_NOTIFY")]
        assert [sql for sql in sent if "pg_notify" in sql][0].startswith("UPDATE procedures_quotationsession")
        heard = [(n.channel, n.payload) for n in listener.notifies(timeout=5, stop_after=1)]
        assert heard == [(f"session_{session.pk}", "changed")]
    finally:
        listener.close()


def test_the_session_gate_serves_waiters_in_arrival_order():
    from zakupki.procedures.services.bidding import FairGate

    gate, served = FairGate(), []
    assert gate.acquire(timeout=1)

    def bidder(n):
        assert gate.acquire(timeout=10)
        served.append(n)
        gate.release()

    threads = []
    for n in range(5):
        threads.append(threading.Thread(target=bidder, args=(n,)))
        threads[-1].start()
        while len(gate._waiters) < n + 1:  # the next one arrives only once this one queues
            threading.Event().wait(0.001)
    gate.release()
    for thread in threads:
        thread.join(10)
    assert served == [0, 1, 2, 3, 4]
    # free again: taken at once; a waiter that times out leaves the queue and does not get it later
    assert gate.acquire(timeout=1)
    assert gate.acquire(timeout=0.05) is False
    assert list(gate._waiters) == []
    gate.release()
    assert gate.acquire(timeout=0.05)
    gate.release()
