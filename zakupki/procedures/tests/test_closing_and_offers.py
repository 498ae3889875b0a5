import datetime as dt
from decimal import Decimal

import pytest

from zakupki.contracts.models import Contract, ContractItem
from zakupki.core.errors import Conflict, PermissionDenied
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent, Document
from zakupki.documents.services.storage import document_read_verified
from zakupki.oversight.models import SupplierBan
from zakupki.procedures.enums import OfferStatus, SessionStatus, ViolationKind
from zakupki.procedures.models import ContractOffer, QuotationSession, SupplierViolation
from zakupki.procedures.services import (
    bid_place,
    contract_offer_accept,
    contract_offer_refuse,
    session_close,
)
from zakupki.procedures.tests.conftest import NOW
from zakupki.rules.engine import rule_value
from zakupki.worker.runner import run_pass

D = Decimal
LATER = NOW + dt.timedelta(minutes=10)
# 2 working days after Monday 02.03.2026 (Moscow): end of Wednesday 04.03.2026, 23:59:59.999999 MSK
DUE = dt.datetime(2026, 3, 4, 20, 59, 59, 999999, tzinfo=dt.UTC)


def events(kind):
    return AuditEvent.objects.filter(event=kind).count()


@pytest.fixture
def bidded(session, suppliers):
    """A bids 50 844,50, B 50 589,00, C 50 333,50, A 48 034,00 (after three bids of others)."""
    (_, a_user), (_, b_user), (_, c_user) = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=LATER)
    bid_place(session=session, supplier_user=b_user, price=D("50589.00"), now=LATER)
    bid_place(session=session, supplier_user=c_user, price=D("48545.00"), now=LATER)
    bid_place(session=session, supplier_user=a_user, price=D("48034.00"), now=LATER)
    return session


def test_close_before_the_end_is_refused(bidded):
    with pytest.raises(Conflict, match="^Приём ценовых предложений ещё не завершён$"):
        session_close(session=bidded, now=bidded.ends_at - dt.timedelta(seconds=1))
    assert QuotationSession.objects.get(pk=bidded.pk).status == SessionStatus.PUBLISHED


def test_close_ranks_offers_and_stores_the_protocol_exactly_once(bidded, suppliers):
    (a, _), (b, _), (c, _) = suppliers
    first = session_close(session=bidded, now=bidded.ends_at)
    second = session_close(session=bidded, now=bidded.ends_at + dt.timedelta(minutes=1))
    s = QuotationSession.objects.get(pk=bidded.pk)
    assert first.status == second.status == s.status == SessionStatus.CONTRACT_OFFERED
    assert (s.winner_id, s.winning_price, s.economy_rub, s.economy_pct) == (
        a.pk,
        D("48034.00"),
        D("3066.00"),
        D("6.00"),
    )
    assert [(r["rank"], r["number"], r["supplier_id"], r["price"]) for r in s.ranking] == [
        (1, 1, a.pk, "48034.00"),
        (2, 3, c.pk, "48545.00"),
        (3, 2, b.pk, "50589.00"),
    ]
    assert s.next_check_at is None
    assert (events(EventType.SESSION_FINISHED), events(EventType.CONTRACT_OFFERED)) == (1, 1)
    assert Document.objects.filter(kind="quotation_session_protocol").count() == 1
    assert s.protocol is not None
    assert document_read_verified(document=s.protocol).startswith(b"%PDF")
    offer = ContractOffer.objects.get()
    assert (offer.rank, offer.participant.supplier_id, offer.price, offer.status) == (
        1,
        a.pk,
        D("48034.00"),
        OfferStatus.OFFERED,
    )
    assert offer.offered_at == bidded.ends_at
    assert offer.due_at == offer.next_check_at == DUE


def test_session_without_bids_fails(session):
    s = session_close(session=session, now=session.ends_at)
    assert s.status == SessionStatus.FAILED
    assert (s.winner_id, s.protocol_id, s.next_check_at) == (None, None, None)
    assert events(EventType.SESSION_FAILED) == 1
    assert not ContractOffer.objects.exists()
    session_close(session=session, now=session.ends_at)
    assert events(EventType.SESSION_FAILED) == 1


def test_worker_closes_the_session_at_its_end(bidded):
    run_pass(now=bidded.ends_at - dt.timedelta(seconds=1))
    assert QuotationSession.objects.get(pk=bidded.pk).status == SessionStatus.PUBLISHED
    result = run_pass(now=bidded.ends_at)
    assert result.failed == 0
    assert QuotationSession.objects.get(pk=bidded.pk).status == SessionStatus.CONTRACT_OFFERED
    run_pass(now=bidded.ends_at + dt.timedelta(minutes=5))
    assert events(EventType.SESSION_FINISHED) == 1


def test_winner_accepts_contract_at_the_exact_price(bidded, suppliers, customer):
    (a, a_user), _, _ = suppliers
    session_close(session=bidded, now=bidded.ends_at)
    offer = ContractOffer.objects.get()
    contract = contract_offer_accept(
        offer=offer, supplier_user=a_user, now=bidded.ends_at + dt.timedelta(hours=1)
    )
    assert (contract.customer_id, contract.supplier_id, contract.price, contract.nmck) == (
        customer.pk,
        a.pk,
        D("48034.00"),
        D("51100.00"),
    )
    # 48 034 / 51 100 = 0,94: 350,00 → 329,00 per pack; the cartridges take the rest exactly
    assert list(
        ContractItem.objects.order_by("position").values_list("name", "quantity", "unit_price", "amount")
    ) == [
        ("Бумага офисная А4", D("100.000"), D("329.00"), D("32900.00")),
        ("Картридж лазерный", D("7.000"), D("2162.00"), D("15134.00")),
    ]
    offer.refresh_from_db()
    assert (offer.status, offer.contract_id, offer.next_check_at) == (OfferStatus.ACCEPTED, contract.pk, None)
    assert QuotationSession.objects.get(pk=bidded.pk).status == SessionStatus.CONTRACT_CONCLUDED


def test_only_the_offered_participant_may_answer(bidded, suppliers):
    _, (_, b_user), _ = suppliers
    session_close(session=bidded, now=bidded.ends_at)
    offer = ContractOffer.objects.get()
    with pytest.raises(PermissionDenied):
        contract_offer_accept(offer=offer, supplier_user=b_user, now=bidded.ends_at)
    assert not Contract.objects.exists()
    assert ContractOffer.objects.get().status == OfferStatus.OFFERED


def test_winner_refuses_next_participant_is_offered(bidded, suppliers):
    (a, a_user), _, (c, _) = suppliers
    session_close(session=bidded, now=bidded.ends_at)
    at = bidded.ends_at + dt.timedelta(hours=2)
    nxt = contract_offer_refuse(
        offer=ContractOffer.objects.get(rank=1), supplier_user=a_user, reason="Нет товара", now=at
    )
    assert nxt is not None
    assert (nxt.rank, nxt.participant.supplier_id, nxt.price, nxt.offered_at, nxt.due_at) == (
        2,
        c.pk,
        D("48545.00"),
        at,
        DUE,
    )
    first = ContractOffer.objects.get(rank=1)
    assert (first.status, first.refusal_reason, first.next_check_at) == (
        OfferStatus.REFUSED,
        "Нет товара",
        None,
    )
    violation = SupplierViolation.objects.get()
    assert (violation.supplier_id, violation.kind, violation.at, violation.ban_id) == (
        a.pk,
        ViolationKind.REFUSAL,
        at,
        None,  # no ban rule in force
    )
    assert not SupplierBan.objects.exists()
    assert QuotationSession.objects.get(pk=bidded.pk).status == SessionStatus.CONTRACT_OFFERED


def test_refusal_bans_under_the_region_rule(bidded, suppliers, monkeypatch):
    (a, a_user), _, _ = suppliers
    real = rule_value

    def with_ban_rule(key, **kwargs):
        return 30 if key == "quotation_session.refusal_ban_days" else real(key, **kwargs)

    monkeypatch.setattr("zakupki.procedures.services.offers.rule_value", with_ban_rule)
    session_close(session=bidded, now=bidded.ends_at)
    at = bidded.ends_at + dt.timedelta(hours=2)
    contract_offer_refuse(
        offer=ContractOffer.objects.get(rank=1), supplier_user=a_user, reason="Нет товара", now=at
    )
    ban = SupplierBan.objects.get()
    assert (ban.supplier_id, ban.region_id, ban.starts_at, ban.ends_at) == (
        a.pk,
        bidded.region_id,
        at,
        at + dt.timedelta(days=30),
    )
    assert ban.reason == f"Отказ от заключения контракта по котировочной сессии № {bidded.pk}"
    assert SupplierViolation.objects.get().ban_id == ban.pk


def test_silence_expires_by_a_worker_pass_and_goes_down_the_ranking(bidded, suppliers):
    (a, _), (b, _), (c, c_user) = suppliers
    session_close(session=bidded, now=bidded.ends_at)
    run_pass(now=DUE)  # the deadline itself is still in time
    assert ContractOffer.objects.get(rank=1).status == OfferStatus.OFFERED
    late = DUE + dt.timedelta(seconds=1)
    result = run_pass(now=late)
    assert result.failed == 0
    assert ContractOffer.objects.get(rank=1).status == OfferStatus.EXPIRED
    assert list(SupplierViolation.objects.values_list("supplier_id", "kind")) == [
        (a.pk, ViolationKind.SILENCE)
    ]
    second = ContractOffer.objects.get(rank=2)
    assert (second.participant.supplier_id, second.status, second.offered_at) == (
        c.pk,
        OfferStatus.OFFERED,
        late,
    )
    run_pass(now=late)
    assert events(EventType.CONTRACT_OFFER_EXPIRED) == 1
    # C refuses, B (third) is offered; B refuses too: nobody is left
    contract_offer_refuse(offer=second, supplier_user=c_user, reason="Не успеваем", now=late)
    third = ContractOffer.objects.get(rank=3)
    assert third.participant.supplier_id == b.pk
    b_user = b.members.get()
    assert contract_offer_refuse(offer=third, supplier_user=b_user, reason="Нет", now=late) is None
    assert QuotationSession.objects.get(pk=bidded.pk).status == SessionStatus.NO_PARTICIPANT_LEFT
    assert events(EventType.SESSION_NO_PARTICIPANT_LEFT) == 1
