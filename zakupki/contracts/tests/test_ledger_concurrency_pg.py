"""Concurrent purchases on PostgreSQL: the locked ledger row lets exactly as many through as the cap holds."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.ledger import CapExceeded
from zakupki.contracts.models import Contract, SmallPurchaseLedger, SmallPurchaseLedgerEntry
from zakupki.contracts.tests.factories import award, customer, supplier, this_year
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify

THREADS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_purchases_against_a_two_million_cap_let_exactly_six_through():
    # given: a customer with the fixed 2 mln cap and no ledger row yet (the first charge creates it)
    buyer, seller = customer(), supplier()
    start = threading.Barrier(THREADS)
    created: list[Contract] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def purchase() -> None:
        try:
            start.wait()
            contract = award(buyer, seller, "300000.00")
            with lock:
                created.append(contract)
        except CapExceeded as exc:
            with lock:
                refused.append(exc.message)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=purchase) for _ in range(THREADS)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then
    assert errors == []
    assert len(created) == 6
    assert len(refused) == 4
    assert all(message.endswith("остаток 200\u00a0000,00\u00a0₽") for message in refused)
    ledger = SmallPurchaseLedger.objects.get(customer=buyer, year=this_year(buyer), basis=PurchaseBasis.P4)
    assert ledger.spent == Decimal("1800000.00")
    assert ledger.contracts_count == 6
    contracts = Contract.objects.filter(customer=buyer)
    assert sorted(contracts.values_list("pk", flat=True)) == sorted(c.pk for c in created)
    assert sum(contracts.values_list("price", flat=True), Decimal(0)) == Decimal("1800000.00")
    assert SmallPurchaseLedgerEntry.objects.filter(ledger=ledger).count() == 6
    assert AuditEvent.objects.filter(event=EventType.CONTRACT_CREATED).count() == 6
    assert journal_verify().ok
