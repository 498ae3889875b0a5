"""The contract after a session: offered to the winner, then down the ranking on refusal or silence.

Lock order for offer operations: the offer row, then the session row (the worker hands the handler an
offer it has already locked; every path takes the two locks in the same order).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import Contract
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.oversight.selectors import procedure_suspended, supplier_active_ban
from zakupki.oversight.services import supplier_ban_create
from zakupki.procedures.enums import OfferStatus, SessionStatus, ViolationKind
from zakupki.procedures.models import ContractOffer, Participant, QuotationSession, SupplierViolation
from zakupki.procedures.pricing import PricedLine, lines_at_price
from zakupki.procedures.services._common import (
    locked_offer,
    locked_session,
    notify_on_commit,
    offer_set_status,
    session_local_date,
    session_set_status,
)
from zakupki.rules.due_dates import working_deadline
from zakupki.rules.engine import rule_value
from zakupki.rules.errors import RuleNotDefined

BAN_DAYS_KEY = "quotation_session.refusal_ban_days"


def offer_next_participant(
    *, session: QuotationSession, after_rank: int, at: dt.datetime
) -> ContractOffer | None:
    """Offers the contract to the best-ranked participant below `after_rank` that is not banned at `at`,
    or marks the session «участников не осталось». The caller holds the session lock."""
    for entry in session.ranking:
        if entry["rank"] <= after_rank:
            continue
        participant = Participant.objects.select_related("supplier").get(
            session=session, number=entry["number"]
        )
        if supplier_active_ban(supplier=participant.supplier, region=session.region, at=at) is not None:
            continue
        days = int(
            rule_value(
                "quotation_session.supplier_signing_working_days",
                on=session_local_date(session, at),
                region=session.region,
            )
        )
        due_at = working_deadline(start=at, working_days=days, tz_name=session.region.timezone)
        offer = ContractOffer.objects.create(
            session=session,
            participant=participant,
            rank=entry["rank"],
            price=Decimal(entry["price"]),
            offered_at=at,
            due_at=due_at,
            next_check_at=due_at,
        )
        session_set_status(session, SessionStatus.CONTRACT_OFFERED, fields=[])
        audit_record(
            actor=None,
            event=EventType.CONTRACT_OFFERED,
            obj=session,
            details={
                "rank": offer.rank,
                "participant": participant.number,
                "supplier": participant.supplier.inn,
                "price": offer.price,
                "due_at": due_at,
            },
        )
        notify_on_commit(session.pk)
        return offer
    session_set_status(session, SessionStatus.NO_PARTICIPANT_LEFT, fields=[])
    audit_record(
        actor=None,
        event=EventType.SESSION_NO_PARTICIPANT_LEFT,
        obj=session,
        details={"after_rank": after_rank},
    )
    notify_on_commit(session.pk)
    return None


def _contract_lines(session: QuotationSession, price: Decimal) -> list[ContractItemData]:
    items = [
        PricedLine(i.name, i.unit, i.quantity, i.unit_price, i.catalog_ref)
        for i in session.items.order_by("position")
    ]
    return [
        ContractItemData(
            name=line.name,
            unit=line.unit,
            quantity=line.quantity,
            unit_price=line.unit_price,
            catalog_ref=line.catalog_ref,
        )
        for line in lines_at_price(items=items, start_price=session.start_price, price=price)
    ]


def _check_offer_holder(offer: ContractOffer, user: User) -> None:
    if not is_member_of(user, offer.participant.supplier):
        raise PermissionDenied(
            "Ответить на предложение может только сотрудник участника, которому оно направлено"
        )
    if offer.status != OfferStatus.OFFERED:
        raise Conflict("Предложение заключить контракт уже не действует")


def contract_offer_accept(
    *, offer: ContractOffer, supplier_user: User, now: dt.datetime | None = None
) -> Contract:
    """The participant accepts: the contract is created at its price through the contracts domain (which
    also charges the customer's annual п.4/п.5 volume and may refuse with CapExceeded: then nothing
    changes and the offer stays open)."""
    moment = now or timezone.now()
    with transaction.atomic():
        offer = locked_offer(offer)
        session = locked_session(offer.session_id)
        _check_offer_holder(offer, supplier_user)
        if moment > offer.due_at:
            raise Conflict("Срок подписания контракта истёк")
        supplier = offer.participant.supplier
        contract = contract_create_from_award(
            customer=session.customer,
            supplier=supplier,
            items=_contract_lines(session, offer.price),
            price=offer.price,
            basis=PurchaseBasis(session.basis),
            source_kind=SourceKind.QUOTATION_SESSION,
            source_id=session.pk,
            subject=session.title,
            actor=supplier_user,
            nmck=session.start_price,
        )
        offer.contract, offer.responded_at, offer.next_check_at = contract, moment, None
        offer_set_status(offer, OfferStatus.ACCEPTED, fields=["contract", "responded_at", "next_check_at"])
        session_set_status(session, SessionStatus.CONTRACT_CONCLUDED, fields=[])
        audit_record(
            actor=supplier_user,
            event=EventType.CONTRACT_OFFER_ACCEPTED,
            obj=session,
            details={
                "rank": offer.rank,
                "supplier": supplier.inn,
                "price": offer.price,
                "contract": contract.number,
            },
        )
        notify_on_commit(session.pk)
    return contract


def _ban_days(session: QuotationSession, at: dt.datetime) -> int:
    try:
        return int(rule_value(BAN_DAYS_KEY, on=session_local_date(session, at), region=session.region))
    except RuleNotDefined:
        return 0  # no ban rule in force: the violation is recorded, nobody is blocked


def _violation(
    offer: ContractOffer, session: QuotationSession, kind: ViolationKind, at: dt.datetime
) -> SupplierViolation:
    supplier = offer.participant.supplier
    ban = None
    days = _ban_days(session, at)
    if days > 0:
        ban = supplier_ban_create(
            supplier=supplier,
            region=session.region,
            reason=f"{kind.label} по котировочной сессии № {session.pk}",
            starts_at=at,
            ends_at=at + dt.timedelta(days=days),
            source=f"КС № {session.pk}",
            actor=None,
        )
    return SupplierViolation.objects.create(
        supplier=supplier, session=session, offer=offer, kind=kind, at=at, ban=ban
    )


def contract_offer_refuse(
    *, offer: ContractOffer, supplier_user: User, reason: str, now: dt.datetime | None = None
) -> ContractOffer | None:
    """The participant refuses: a violation is recorded (and a ban under the region's rule), and the
    contract goes to the next participant. Returns the new offer, or None when nobody is left."""
    moment = now or timezone.now()
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите причину отказа"})
    with transaction.atomic():
        offer = locked_offer(offer)
        session = locked_session(offer.session_id)
        _check_offer_holder(offer, supplier_user)
        offer.responded_at, offer.refusal_reason, offer.next_check_at = moment, reason.strip(), None
        offer_set_status(
            offer, OfferStatus.REFUSED, fields=["responded_at", "refusal_reason", "next_check_at"]
        )
        violation = _violation(offer, session, ViolationKind.REFUSAL, moment)
        audit_record(
            actor=supplier_user,
            event=EventType.CONTRACT_OFFER_REFUSED,
            obj=session,
            details={
                "rank": offer.rank,
                "supplier": offer.participant.supplier.inn,
                "reason": offer.refusal_reason,
                "ban_until": violation.ban.ends_at if violation.ban else None,
            },
        )
        return offer_next_participant(session=session, after_rank=offer.rank, at=moment)


def contract_offer_expire(*, offer: ContractOffer, now: dt.datetime) -> ContractOffer | None:
    """Worker time event at `due_at`: idempotent. A still-open offer past its deadline expires (a
    «silence» violation) and the contract goes to the next participant."""
    with transaction.atomic():
        offer = locked_offer(offer)
        if offer.status != OfferStatus.OFFERED:
            if offer.next_check_at is not None:
                offer.next_check_at = None
                offer.save(update_fields=["next_check_at"])
            return None
        if now <= offer.due_at:
            offer.next_check_at = offer.due_at
            offer.save(update_fields=["next_check_at"])
            return None
        if procedure_suspended(kind=SourceKind.QUOTATION_SESSION, target_id=offer.session_id):
            # The winner cannot sign while a complaint suspends the procedure, so its silence is no
            # violation: the term waits and is extended when the suspension ends (contract_offer_resume).
            offer.next_check_at = None
            offer.save(update_fields=["next_check_at"])
            return None
        session = locked_session(offer.session_id)
        offer.responded_at, offer.next_check_at = now, None
        offer_set_status(offer, OfferStatus.EXPIRED, fields=["responded_at", "next_check_at"])
        violation = _violation(offer, session, ViolationKind.SILENCE, now)
        audit_record(
            actor=None,
            event=EventType.CONTRACT_OFFER_EXPIRED,
            obj=session,
            details={
                "rank": offer.rank,
                "supplier": offer.participant.supplier.inn,
                "due_at": offer.due_at,
                "ban_until": violation.ban.ends_at if violation.ban else None,
            },
        )
        return offer_next_participant(session=session, after_rank=offer.rank, at=now)


def contract_offer_resume(*, session_id: int, suspended_for: dt.timedelta, now: dt.datetime) -> None:
    """A suspension of the procedure ended: the open offer's term to sign is extended by the time the
    procedure stood suspended (the winner could not sign meanwhile) and the worker watches it again."""
    with transaction.atomic():
        offer = (
            ContractOffer.objects.select_for_update()
            .filter(session_id=session_id, status=OfferStatus.OFFERED)
            .first()
        )
        if offer is None:
            return
        offer.due_at += suspended_for
        offer.next_check_at = offer.due_at if offer.due_at > now else now
        offer.save(update_fields=["due_at", "next_check_at"])
