"""Races on a need, on PostgreSQL: the locked need row lets one award through and keeps one active
proposal per supplier."""

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest
from django.utils import timezone

from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import member_of, supplier
from zakupki.core.testing import race
from zakupki.documents.services.verification import journal_verify
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import Need, NeedAward, NeedProposal
from zakupki.purchases.services.needs import need_award, need_propose
from zakupki.purchases.tests.factories import need


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
