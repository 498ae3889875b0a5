"""Claims against the supplier (требования об уплате неустойки): raised by the customer with the
calculator's amount on the claim date, closed as paid, written off under ПП 783, or withdrawn.

The amount is never typed in: пеня comes from supplier_delay_penalty (Ц − В of the stage, key rate on
the claim date), a fine from supplier_fine limited by fines_cap (ПП 1042 п.11). The PDF carries the
working. Lifecycle: claim_states.py, docs/lifecycles/contract_claim.md."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.claim_states import CLAIM_TRANSITIONS, ClaimKind, ClaimStatus
from zakupki.contracts.claims import (
    Calculation,
    ClaimError,
    fines_cap,
    pp783_writeoff,
    supplier_delay_penalty,
    supplier_fine,
)
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, ContractClaim, Stage
from zakupki.contracts.selectors import contract_effective_status
from zakupki.contracts.selectors_claims import (
    contract_claims_total,
    contract_fines_charged,
    stage_accepted_amount,
)
from zakupki.contracts.services._common import require_member
from zakupki.contracts.services.claim_papers import (
    MSG_NO_KEY_CLAIM,
    claim_context,
    claim_paper_create,
    require_key,
)
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import round_money
from zakupki.core.timeutil import local_date
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

MSG_NOT_CUSTOMER = "Требование об уплате неустойки может предъявить только сотрудник заказчика по контракту"
MSG_NOT_CUSTOMER_CLOSE = "Отметить оплату, списание или отзыв требования может только сотрудник заказчика"
MSG_OPEN_EXISTS = "По этому этапу уже предъявлено требование этого вида, и оно не закрыто"
MSG_NOT_CONCLUDED = "Контракт не заключён: требование об уплате неустойки предъявить нельзя"
MSG_ZERO = "Неустойка равна нулю: просрочки нет или обязательства исполнены — требование не предъявляется"
MSG_NOT_FULFILLED = (
    "Списание по ПП РФ № 783 возможно только при исполнении обязательств по контракту в полном объёме: "
    "не все этапы приняты"
)
NOT_CONCLUDED = (ContractStatus.DRAFT, ContractStatus.SIGNED_BY_SUPPLIER)


def _locked_contract(contract_id: int) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("customer__region", "supplier__region")
        .get(pk=contract_id)
    )


def claim_calculations(*, stage: Stage, kind: ClaimKind, on: dt.date) -> list[Calculation]:
    contract = stage.contract
    region = contract.customer.region
    try:
        if kind == ClaimKind.DELAY_PENALTY:
            return [
                supplier_delay_penalty(
                    price=stage.amount,
                    fulfilled=stage_accepted_amount(stage=stage),
                    due=stage.due_date,
                    paid_on=on,
                    region=region,
                )
            ]
        fine = supplier_fine(price=stage.amount, smp_contract=contract.supplier_is_smp, on=on, region=region)
        capped = fines_cap(
            price=contract.price,
            charged_before=contract_fines_charged(contract=contract),
            fine=fine.result,
            on=on,
            region=region,
        )
    except ClaimError as exc:
        raise ValidationFailed({"kind": str(exc)}) from exc
    return [fine, capped]


def claim_raise(
    *, stage: Stage, user: User, kind: str, breach: str = "", now: dt.datetime | None = None
) -> ContractClaim:
    """The customer's claim for one stage: пеня for delay or a fine, computed on today's date in the
    customer's region, rendered to a PDF with its working and signed by the customer's user."""
    contract = stage.contract
    require_member(user, contract.customer, MSG_NOT_CUSTOMER)
    if kind not in ClaimKind.values:
        raise ValidationFailed({"kind": "Выберите вид неустойки: пеня за просрочку или штраф"})
    claim_kind = ClaimKind(kind)
    breach = breach.strip()
    if claim_kind == ClaimKind.FINE and not breach:
        raise ValidationFailed({"breach": "Опишите нарушение, за которое начисляется штраф"})
    now = now or timezone.now()
    require_key(user, now, MSG_NO_KEY_CLAIM)
    with transaction.atomic():
        locked = _locked_contract(contract.pk)
        if locked.status in NOT_CONCLUDED:
            raise Conflict(MSG_NOT_CONCLUDED)
        stage = Stage.objects.select_related("contract__customer__region", "contract__supplier").get(
            pk=stage.pk
        )
        if ContractClaim.objects.filter(stage=stage, kind=claim_kind, status=ClaimStatus.RAISED).exists():
            raise Conflict(MSG_OPEN_EXISTS)
        on = local_date(now, locked.customer.region.timezone)
        calculations = claim_calculations(stage=stage, kind=claim_kind, on=on)
        amount = calculations[-1].result
        if amount <= 0:
            raise ValidationFailed({"kind": MSG_ZERO})
        number = (ContractClaim.objects.filter(contract=locked).aggregate(n=Max("number"))["n"] or 0) + 1
        context = claim_context(
            stage=stage,
            number=number,
            kind_label=claim_kind.label,
            breach=breach,
            calculations=calculations,
            user=user,
            now=now,
        )
        file, signature = claim_paper_create(
            context=context, contract_org=locked.customer, user=user, now=now
        )
        claim = ContractClaim.objects.create(
            contract=locked,
            stage=stage,
            number=number,
            kind=claim_kind,
            breach=breach,
            calculated_on=on,
            amount=amount,
            working="\n\n".join(c.text() for c in calculations),
            document=file,
            signature=signature,
            raised_by=user,
            raised_at=now,
        )
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CLAIM_RAISED,
            obj=claim,
            details={
                "contract": locked.number,
                "stage": stage.number,
                "kind": claim_kind.value,
                "amount": amount,
                "calculated_on": on,
                "document": file.sha256,
            },
        )
    return claim


def _locked_open(claim: ContractClaim, user: User) -> ContractClaim:
    contract = _locked_contract(claim.contract_id)
    require_member(user, contract.customer, MSG_NOT_CUSTOMER_CLOSE)
    locked = ContractClaim.objects.select_for_update().get(pk=claim.pk)
    locked.contract = contract
    return locked


def _close(
    claim: ContractClaim, after: ClaimStatus, *, user: User, now: dt.datetime, note: str, fields: list[str]
) -> None:
    check_transition(CLAIM_TRANSITIONS, ClaimStatus(claim.status), after, what="Требование")
    claim.status, claim.closed_by, claim.closed_at, claim.close_note = after, user, now, note
    claim.save(update_fields=["status", "closed_by", "closed_at", "close_note", *fields])


def claim_mark_paid(
    *, claim: ContractClaim, user: User, paid_on: dt.date, now: dt.datetime | None = None
) -> ContractClaim:
    """The customer records that the supplier paid the claimed amount on `paid_on`."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_open(claim, user)
        today = local_date(now, locked.contract.customer.region.timezone)
        if paid_on > today:
            raise ValidationFailed({"paid_on": "Дата оплаты не может быть позже сегодняшнего дня"})
        if paid_on < locked.calculated_on:
            raise ValidationFailed({"paid_on": "Дата оплаты не может быть раньше даты требования"})
        locked.paid_on = paid_on
        _close(locked, ClaimStatus.PAID, user=user, now=now, note="", fields=["paid_on"])
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CLAIM_PAID,
            obj=locked,
            details={"amount": locked.amount, "paid_on": paid_on},
        )
    return locked


def _fulfilled_in_full(contract: Contract) -> bool:
    stages = list(Stage.objects.filter(contract=contract))
    return bool(stages) and all(stage_accepted_amount(stage=s) >= s.amount for s in stages)


def claim_write_off(*, claim: ContractClaim, user: User, now: dt.datetime | None = None) -> ContractClaim:
    """ПП 783: once the obligations are fulfilled in full, the claim is written off in full or in half,
    depending on the share of all the contract's claims in its price (pp783_writeoff decides). When the
    share is above the upper threshold nothing is written off and the claim stays open."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_open(claim, user)
        contract = locked.contract
        check_transition(
            CLAIM_TRANSITIONS, ClaimStatus(locked.status), ClaimStatus.WRITTEN_OFF, what="Требование"
        )
        if contract_effective_status(contract=contract, now=now) == ContractStatus.TERMINATED or not (
            _fulfilled_in_full(contract)
        ):
            raise Conflict(MSG_NOT_FULFILLED)
        on = local_date(now, contract.customer.region.timezone)
        total = contract_claims_total(contract=contract)
        decision = pp783_writeoff(
            contract_price=contract.price, total_claims=total, on=on, region=contract.customer.region
        )
        if decision.written_off == 0:
            raise Conflict(decision.rule_text)
        # The split is decided on the contract's total; this claim takes its proportional part.
        to_pay = round_money(locked.amount * decision.to_pay / total) if decision.to_pay else Decimal("0.00")
        locked.to_pay, locked.written_off = to_pay, locked.amount - to_pay
        _close(
            locked,
            ClaimStatus.WRITTEN_OFF,
            user=user,
            now=now,
            note=decision.text(),
            fields=["to_pay", "written_off"],
        )
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CLAIM_WRITTEN_OFF,
            obj=locked,
            details={
                "amount": locked.amount,
                "written_off": locked.written_off,
                "to_pay": to_pay,
                "total": total,
            },
        )
    return locked


def claim_withdraw(
    *, claim: ContractClaim, user: User, reason: str, now: dt.datetime | None = None
) -> ContractClaim:
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите причину отзыва требования"})
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_open(claim, user)
        _close(locked, ClaimStatus.WITHDRAWN, user=user, now=now, note=reason.strip(), fields=[])
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CLAIM_WITHDRAWN,
            obj=locked,
            details={"amount": locked.amount, "reason": locked.close_note},
        )
    return locked
