"""A quotation session among SMP and SONKO only: other suppliers may neither bid nor set a bot. It is still a
purchase under п.4/п.5 ч.1 ст.93, so its contract is not an SMP-only procedure of п.1 ч.1 ст.30 for К7/К8."""

import datetime as dt
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.contracts.models import Contract
from zakupki.core.errors import PermissionDenied
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.procedures.eligibility import SMP_ONLY_REFUSAL
from zakupki.procedures.models import Bid, ContractOffer
from zakupki.procedures.services import (
    SessionItemData,
    autobid_set,
    bid_place,
    contract_offer_accept,
    session_close,
    session_create,
    session_publish,
)
from zakupki.procedures.tests.conftest import ITEMS, NOW, make_org, make_user

D = Decimal
LATER = NOW + dt.timedelta(minutes=10)


@pytest.fixture
def smp_session(customer_user):
    draft = session_create(
        actor=customer_user,
        title="Поставка канцелярских товаров для СМП",
        items=list(ITEMS),
        duration_hours=3,
        delivery_terms="",
        smp_only=True,
    )
    return session_publish(session=draft, actor=customer_user, now=NOW)


def _supplier(region, *, smp=False, sonko=False):
    org = make_org(region, OrganizationKind.SUPPLIER)
    org.is_smp, org.is_sonko = smp, sonko
    org.save(update_fields=["is_smp", "is_sonko"])
    return org, make_user(org, UserRole.SUPPLIER)


def test_the_draft_records_the_restriction(smp_session):
    event = AuditEvent.objects.get(event=EventType.SESSION_CREATED)
    assert (smp_session.smp_only, event.details["smp_only"]) == (True, True)


def test_a_supplier_neither_smp_nor_sonko_may_not_bid_and_nothing_is_written(smp_session, region):
    _, user = _supplier(region)

    with pytest.raises(PermissionDenied) as refused:
        bid_place(session=smp_session, supplier_user=user, price=D("50844.50"), now=LATER)

    assert str(refused.value) == SMP_ONLY_REFUSAL
    assert Bid.objects.count() == 0
    smp_session.refresh_from_db()
    assert (smp_session.best_price, smp_session.participants_count) == (None, 0)


def test_nor_set_a_bot(smp_session, region):
    _, user = _supplier(region)

    with pytest.raises(PermissionDenied, match="только среди субъектов малого предпринимательства"):
        autobid_set(session=smp_session, supplier_user=user, floor_price=D("40000.00"), now=LATER)


def test_smp_and_sonko_suppliers_bid(smp_session, region):
    _, smp_user = _supplier(region, smp=True)
    _, sonko_user = _supplier(region, sonko=True)

    bid_place(session=smp_session, supplier_user=smp_user, price=D("50844.50"), now=LATER)
    bid_place(session=smp_session, supplier_user=sonko_user, price=D("50589.00"), now=LATER)

    smp_session.refresh_from_db()
    assert (smp_session.best_price, smp_session.participants_count) == (D("50589.00"), 2)


def test_a_bot_whose_supplier_lost_its_status_stays_silent(smp_session, region):
    bot_org, bot_user = _supplier(region, smp=True)
    _, rival = _supplier(region, smp=True)
    autobid_set(session=smp_session, supplier_user=bot_user, floor_price=D("45000.00"), now=LATER)
    bot_org.is_smp = False
    bot_org.save(update_fields=["is_smp"])

    bid_place(session=smp_session, supplier_user=rival, price=D("49000.00"), now=LATER)

    smp_session.refresh_from_db()
    assert (smp_session.best_price, smp_session.best_bid.supplier_id) == (
        D("49000.00"),
        rival.organization_id,
    )


def test_the_contract_has_an_smp_supplier_and_stays_a_single_supplier_purchase(smp_session, region):
    winner, user = _supplier(region, smp=True)
    bid_place(session=smp_session, supplier_user=user, price=D("50844.50"), now=LATER)
    session_close(session=smp_session, now=smp_session.ends_at)

    contract = contract_offer_accept(
        offer=ContractOffer.objects.get(session=smp_session),
        supplier_user=user,
        now=smp_session.ends_at + dt.timedelta(hours=1),
    )

    stored = Contract.objects.get(pk=contract.pk)
    assert (stored.supplier_id, stored.supplier_is_smp, stored.smp_procedure, stored.sgoz_exclusion) == (
        winner.pk,
        True,
        False,
        "single_supplier",
    )


def test_by_default_a_session_is_open_to_every_supplier(customer_user):
    draft = session_create(
        actor=customer_user,
        title="Поставка бумаги",
        items=[SessionItemData(name="Бумага", unit="пачка", quantity=D("1"), unit_price=D("350.00"))],
        duration_hours=3,
        delivery_terms="",
    )
    assert draft.smp_only is False
