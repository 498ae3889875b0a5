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
WRITE_AND_AUDIT = [
    "INSERT procedures_bid",
    "UPDATE procedures_quotationsession",
    "UPDATE documents_journalhead",
    "INSERT documents_auditevent",
    "UPDATE documents_journalhead",
]


def test_a_bid_on_a_session_without_bots_runs_these_statements(session, suppliers):
    (_, a_user), (_, b_user), _ = suppliers
    # the first bid of a session: no participant to look for yet
    assert place(session, a_user, "50844.50") == [
        "SELECT oversight_supplierban",
        "SELECT procedures_quotationsession",
        "INSERT procedures_participant",
        *WRITE_AND_AUDIT,
    ]
    # a newcomer: one read after the lock finds the leader's row and not its own
    assert place(session, b_user, "50589.00") == [
        "SELECT oversight_supplierban",
        *LOCK_AND_READ,
        "INSERT procedures_participant",
        *WRITE_AND_AUDIT,
    ]
    # a returning participant: its row is updated in place, no bots' query
    assert place(session, a_user, "50333.50") == [
        "SELECT oversight_supplierban",
        *LOCK_AND_READ,
        "UPDATE procedures_participant",
        *WRITE_AND_AUDIT,
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
