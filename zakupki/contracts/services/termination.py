"""Termination: by agreement (one call carrying both parties' confirmations), by court, or by the
customer's unilateral refusal (ст.95 ч.9–23): the decision takes effect after the rules' number of
calendar days; a breach cured before then cancels it; otherwise the contract is terminated and the
supplier referred to the РНП. The worker records the effect (deadlines.py); reads do not wait for it
(selectors.contract_effective_status)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.enums import ContractStatus, TerminationKind
from zakupki.contracts.models import (
    AcceptanceDocument,
    Contract,
    RnpReferral,
    TerminationPaper,
    TerminationProposal,
)
from zakupki.contracts.selectors import contract_effective_status
from zakupki.contracts.services._common import (
    contract_check_transition,
    contract_rule_int,
    contract_set_status,
    require_member,
)
from zakupki.contracts.services.termination_papers import (
    MSG_NO_KEY_PROPOSER,
    MSG_NO_KEY_TERMINATION,
    require_termination_keys,
    termination_context,
    termination_paper_create,
)
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import format_ru_datetime
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.rules.due_dates import calendar_deadline

MSG_ALREADY_TERMINATED = "Контракт уже расторгнут"
MSG_NOT_CUSTOMER = "Это решение может принять только сотрудник заказчика по контракту"
MSG_NOT_SUPPLIER = "Соглашение о расторжении от имени поставщика может подписать только его сотрудник"
MSG_NOT_PARTY = "Решение суда о расторжении может внести только сотрудник стороны контракта"
MSG_NO_PENDING = "Нет решения об одностороннем отказе, ожидающего вступления в силу"


def _locked(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("customer__region", "supplier__region")
        .get(pk=contract.pk)
    )


def _refuse_if_terminated(contract: Contract, now: dt.datetime) -> None:
    if contract_effective_status(contract=contract, now=now) == ContractStatus.TERMINATED:
        raise Conflict(MSG_ALREADY_TERMINATED)


def _terminate(
    contract: Contract, *, kind: TerminationKind, reason: str, at: dt.datetime, actor: User | None
) -> None:
    contract.termination_kind, contract.termination_reason = kind, reason
    contract.terminated_at, contract.next_check_at = at, None
    contract_set_status(
        contract,
        ContractStatus.TERMINATED,
        fields=["termination_kind", "termination_reason", "terminated_at", "next_check_at"],
    )
    audit_record(
        actor=actor,
        event=EventType.CONTRACT_TERMINATED,
        obj=contract,
        details={"kind": kind.value, "reason": reason, "terminated_at": at},
    )


def _paper(
    contract: Contract,
    kind: TerminationPaper.Kind,
    signers: list[User],
    now: dt.datetime,
    *,
    cure_days: int | None = None,
) -> TerminationPaper:
    context = termination_context(
        contract=contract,
        kind=kind,
        reason=contract.termination_reason,
        signers=signers,
        now=now,
        cure_days=cure_days,
    )
    return termination_paper_create(contract=contract, kind=kind, context=context, signers=signers, now=now)


def contract_terminate_by_agreement(
    *,
    contract: Contract,
    customer_user: User,
    supplier_user: User,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Contract:
    """One call with both confirmations: the agreement is signed by both parties before it is recorded."""
    require_member(customer_user, contract.customer, MSG_NOT_CUSTOMER)
    require_member(supplier_user, contract.supplier, MSG_NOT_SUPPLIER)
    now = now or timezone.now()
    require_termination_keys(
        [(customer_user, MSG_NO_KEY_TERMINATION), (supplier_user, MSG_NO_KEY_TERMINATION)], now
    )
    with transaction.atomic():
        locked = _locked(contract)
        _refuse_if_terminated(locked, now)
        _terminate(
            locked,
            kind=TerminationKind.AGREEMENT,
            reason=reason.strip() or "соглашение сторон",
            at=now,
            actor=customer_user,
        )
        _paper(locked, TerminationPaper.Kind.AGREEMENT, [customer_user, supplier_user], now)
    return locked


def contract_terminate_by_court(
    *, contract: Contract, user: User, decision_ref: str, now: dt.datetime | None = None
) -> Contract:
    if not (is_member_of(user, contract.customer) or is_member_of(user, contract.supplier)):
        raise PermissionDenied(MSG_NOT_PARTY)
    if not decision_ref.strip():
        raise ValidationFailed({"decision_ref": "Укажите реквизиты решения суда"})
    now = now or timezone.now()
    require_termination_keys([(user, MSG_NO_KEY_TERMINATION)], now)
    with transaction.atomic():
        locked = _locked(contract)
        _refuse_if_terminated(locked, now)
        _terminate(locked, kind=TerminationKind.COURT, reason=decision_ref.strip(), at=now, actor=user)
        _paper(locked, TerminationPaper.Kind.COURT, [user], now)
    return locked


def contract_unilateral_refusal(
    *, contract: Contract, user: User, reason: str, now: dt.datetime | None = None
) -> Contract:
    """The customer's decision for the supplier's breach; the effect date is counted in calendar days
    in the supplier's time zone (the party that may cure)."""
    require_member(user, contract.customer, MSG_NOT_CUSTOMER)
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите нарушение, послужившее основанием для отказа"})
    now = now or timezone.now()
    require_termination_keys([(user, MSG_NO_KEY_TERMINATION)], now)
    with transaction.atomic():
        locked = _locked(contract)
        _refuse_if_terminated(locked, now)
        if locked.status == ContractStatus.TERMINATION_PENDING:
            raise Conflict("Решение об одностороннем отказе уже принято и ожидает вступления в силу")
        days = contract_rule_int("contract.unilateral_refusal.effective_days", contract=locked, at=now)
        effective_at = calendar_deadline(start=now, days=days, tz_name=locked.supplier.region.timezone)
        locked.termination_kind = TerminationKind.UNILATERAL
        locked.termination_reason = reason.strip()
        locked.termination_notice_at = now
        locked.termination_effective_at = effective_at
        locked.next_check_at = effective_at
        contract_set_status(
            locked,
            ContractStatus.TERMINATION_PENDING,
            fields=[
                "termination_kind",
                "termination_reason",
                "termination_notice_at",
                "termination_effective_at",
                "next_check_at",
            ],
        )
        audit_record(
            actor=user,
            event=EventType.CONTRACT_UNILATERAL_REFUSAL,
            obj=locked,
            details={"reason": locked.termination_reason, "notice_at": now, "effective_at": effective_at},
        )
        _paper(locked, TerminationPaper.Kind.UNILATERAL, [user], now, cure_days=days)
    return locked


def contract_cure_breach(*, contract: Contract, user: User, now: dt.datetime | None = None) -> Contract:
    """The supplier cured the breach before the decision took effect: the customer must cancel it."""
    require_member(user, contract.customer, MSG_NOT_CUSTOMER)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(contract)
        if locked.status != ContractStatus.TERMINATION_PENDING or locked.termination_effective_at is None:
            raise Conflict(MSG_NO_PENDING)
        if now >= locked.termination_effective_at:
            raise Conflict(
                "Решение об одностороннем отказе вступило в силу "
                f"{format_ru_datetime(locked.termination_effective_at, locked.supplier.region.timezone)}: "
                "отменить его нельзя"
            )
        started = AcceptanceDocument.objects.filter(stage__contract=locked).exists()
        back = ContractStatus.EXECUTING if started else ContractStatus.CONCLUDED
        cancelled = {
            "reason": locked.termination_reason,
            "notice_at": locked.termination_notice_at,
            "effective_at": locked.termination_effective_at,
        }
        locked.termination_kind, locked.termination_reason = "", ""
        locked.termination_notice_at = locked.termination_effective_at = locked.next_check_at = None
        contract_set_status(
            locked,
            back,
            fields=[
                "termination_kind",
                "termination_reason",
                "termination_notice_at",
                "termination_effective_at",
                "next_check_at",
            ],
        )
        audit_record(actor=user, event=EventType.CONTRACT_REFUSAL_CANCELLED, obj=locked, details=cancelled)
    return locked


def contract_time_event(*, contract: Contract, now: dt.datetime) -> Contract:
    """The worker's step (idempotent): a unilateral refusal whose effective instant has come terminates
    the contract (as of that instant) and refers the supplier to the РНП; anything else only moves
    `next_check_at` to the next due time or clears it."""
    with transaction.atomic():
        locked = _locked(contract)
        effective_at = locked.termination_effective_at
        if locked.status != ContractStatus.TERMINATION_PENDING or effective_at is None:
            if locked.next_check_at is not None:
                locked.next_check_at = None
                locked.save(update_fields=["next_check_at"])
            return locked
        if now < effective_at:
            if locked.next_check_at != effective_at:
                locked.next_check_at = effective_at
                locked.save(update_fields=["next_check_at"])
            return locked
        contract_check_transition(locked, ContractStatus.TERMINATED)
        _terminate(
            locked,
            kind=TerminationKind.UNILATERAL,
            reason=locked.termination_reason,
            at=effective_at,
            actor=None,
        )
        referral, created = RnpReferral.objects.get_or_create(
            contract=locked,
            defaults={
                "supplier": locked.supplier,
                "reason": f"Односторонний отказ заказчика от исполнения контракта: {locked.termination_reason}",
            },
        )
        if created:
            audit_record(
                actor=None,
                event=EventType.RNP_REFERRAL_CREATED,
                obj=referral,
                details={
                    "contract": locked.number,
                    "supplier": locked.supplier.inn,
                    "reason": referral.reason,
                },
            )
    return locked


MSG_NOT_A_PARTY = "Предложить или принять расторжение может только сотрудник стороны контракта"
MSG_PROPOSAL_PENDING = "Предложение о расторжении уже направлено и ждёт ответа"
MSG_OWN_PROPOSAL = "Ответить на предложение о расторжении может только другая сторона контракта"
MSG_PROPOSAL_ANSWERED = "На это предложение о расторжении уже ответили"


def _side_of(user: User, contract: Contract) -> str:
    if is_member_of(user, contract.customer):
        return "customer"
    if is_member_of(user, contract.supplier):
        return "supplier"
    raise PermissionDenied(MSG_NOT_A_PARTY)


def termination_agreement_propose(
    *, contract: Contract, user: User, reason: str, now: dt.datetime | None = None
) -> TerminationProposal:
    """One side proposes to terminate by agreement; nothing ends until the other side accepts."""
    side = _side_of(user, contract)
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите основание расторжения"})
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(contract)
        _refuse_if_terminated(locked, now)
        if locked.status not in (ContractStatus.CONCLUDED, ContractStatus.EXECUTING):
            raise Conflict("Расторгнуть по соглашению можно только заключённый контракт")
        if TerminationProposal.objects.filter(
            contract=locked, status=TerminationProposal.Status.PENDING
        ).exists():
            raise Conflict(MSG_PROPOSAL_PENDING)
        proposal = TerminationProposal.objects.create(
            contract=locked, proposed_by=user, proposed_by_side=side, reason=reason.strip(), proposed_at=now
        )
        audit_record(
            actor=user,
            event=EventType.CONTRACT_TERMINATION_PROPOSED,
            obj=locked,
            details={"proposal": proposal.pk, "side": side, "reason": proposal.reason},
        )
    return proposal


def _locked_pending(proposal: TerminationProposal, user: User) -> TerminationProposal:
    locked = TerminationProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != TerminationProposal.Status.PENDING:
        raise Conflict(MSG_PROPOSAL_ANSWERED)
    if _side_of(user, locked.contract) == locked.proposed_by_side:
        raise PermissionDenied(MSG_OWN_PROPOSAL)
    return locked


def termination_agreement_accept(
    *, proposal: TerminationProposal, user: User, now: dt.datetime | None = None
) -> Contract:
    """The other side accepts: the contract is terminated by agreement at this moment."""
    _side_of(user, proposal.contract)
    now = now or timezone.now()
    require_termination_keys(
        [(user, MSG_NO_KEY_TERMINATION), (proposal.proposed_by, MSG_NO_KEY_PROPOSER)], now
    )
    with transaction.atomic():
        locked_contract = _locked(proposal.contract)
        locked = _locked_pending(proposal, user)
        _refuse_if_terminated(locked_contract, now)
        locked.status, locked.answered_by, locked.answered_at = TerminationProposal.Status.ACCEPTED, user, now
        locked.save(update_fields=["status", "answered_by", "answered_at"])
        _terminate(locked_contract, kind=TerminationKind.AGREEMENT, reason=locked.reason, at=now, actor=user)
        # Both sides sign when the agreement is concluded: the proposer's offer, the other side's consent.
        _paper(locked_contract, TerminationPaper.Kind.AGREEMENT, [locked.proposed_by, user], now)
    return locked_contract


def termination_agreement_decline(
    *, proposal: TerminationProposal, user: User, reason: str = "", now: dt.datetime | None = None
) -> TerminationProposal:
    _side_of(user, proposal.contract)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_pending(proposal, user)
        locked.status, locked.answered_by, locked.answered_at = TerminationProposal.Status.DECLINED, user, now
        locked.answer_reason = reason.strip()
        locked.save(update_fields=["status", "answered_by", "answered_at", "answer_reason"])
        audit_record(
            actor=user,
            event=EventType.CONTRACT_TERMINATION_DECLINED,
            obj=locked.contract,
            details={"proposal": locked.pk, "reason": locked.answer_reason},
        )
    return locked
