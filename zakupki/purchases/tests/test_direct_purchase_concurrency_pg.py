"""Ten buyers race for five units on PostgreSQL: exactly five purchases, stock exactly zero."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from zakupki.catalog.models import SupplierOffer
from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import customer, member_of
from zakupki.core.errors import DomainError
from zakupki.documents.services.verification import journal_verify
from zakupki.purchases.models import DirectPurchase
from zakupki.purchases.services.direct import direct_purchase_create
from zakupki.purchases.tests.factories import offer

BUYERS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_buyers_never_take_more_than_the_stock():
    an_offer = offer(price="1000.00", stock="5")
    actors = [member_of(customer()) for _ in range(BUYERS)]
    start = threading.Barrier(BUYERS)
    bought: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def buy(actor):
        try:
            start.wait()
            purchase = direct_purchase_create(actor=actor, offer=an_offer, quantity="1")
            with lock:
                bought.append(purchase.pk)
        except DomainError as exc:
            with lock:
                refused.append(exc.message)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(bought) == 5
    assert len(refused) == 5
    assert set(refused) <= {"Недостаточно товара", "Недостаточно товара: в наличии 0 шт."}
    assert SupplierOffer.objects.get(pk=an_offer.pk).stock == Decimal("0.000")
    assert sorted(DirectPurchase.objects.values_list("pk", flat=True)) == sorted(bought)
    assert Contract.objects.count() == 5
    assert journal_verify().ok
