"""Races on a need, on PostgreSQL: the locked need row lets one award through and keeps one active
proposal per supplier."""

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import member_of, supplier
from zakupki.core.errors import DomainError
from zakupki.documents.services.verification import journal_verify
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import Need, NeedAward, NeedProposal
from zakupki.purchases.services.needs import need_award, need_propose
from zakupki.purchases.tests.factories import need


def race(calls: list[Callable[[], object]]) -> tuple[list[object], list[str], list[BaseException]]:
    start = threading.Barrier(len(calls))
    done: list[object] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            start.wait()
            result = call()
            with lock:
                done.append(result)
        except DomainError as exc:
            with lock:
                refused.append(exc.message)
        except BaseException as exc:  # surfaced by the caller: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return done, refused, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_awards_make_one_contract():
    past = need(deadline=timezone.now() - dt.timedelta(minutes=1))
    proposals = []
    for price in ("400000.00", "410000.00"):
        seller = supplier()
        proposals.append(
            NeedProposal.objects.create(
                need=past,
                supplier=seller,
                submitted_by=member_of(seller),
                price=Decimal(price),
                terms="30 дней",
                submitted_at=timezone.now() - dt.timedelta(hours=1),
            )
        )
    staff = [member_of(past.customer), member_of(past.customer)]

    done, refused, errors = race(
        [
            lambda: need_award(need=past, proposal=proposals[0], actor=staff[0], reason="Цена"),
            lambda: need_award(need=past, proposal=proposals[1], actor=staff[1], reason="Сроки"),
        ]
    )

    assert errors == []
    assert len(done) == 1
    assert refused == ["Потребность: переход «Выбран поставщик» → «Выбран поставщик» недопустим"]
    assert Need.objects.get().status == NeedStatus.AWARDED
    assert (Contract.objects.count(), NeedAward.objects.count()) == (1, 1)
    assert journal_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_proposals_of_one_supplier_leave_one_active():
    published = need(max_price="500000.00")
    seller = supplier()
    staff = [member_of(seller) for _ in range(4)]
    prices = ["450000.00", "440000.00", "430000.00", "420000.00"]

    done, refused, errors = race(
        [
            partial(need_propose, need=published, supplier_user=user, price=price, terms="Да")
            for user, price in zip(staff, prices, strict=True)
        ]
    )

    assert (errors, refused) == ([], [])
    assert len(done) == 4
    assert NeedProposal.objects.filter(need=published, status=ProposalStatus.ACTIVE).count() == 1
    assert NeedProposal.objects.filter(need=published, status=ProposalStatus.REPLACED).count() == 3
    assert journal_verify().ok
