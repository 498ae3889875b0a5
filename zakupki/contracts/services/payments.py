"""Payments against accepted acceptance documents. A fully paid, fully accepted stage is PAID; a contract
whose stages are all paid is EXECUTED."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.enums import ACCEPTED_DOCUMENT_STATUSES, ContractStatus, StageStatus
from zakupki.contracts.models import AcceptanceDocument, Contract, Payment, Stage
from zakupki.contracts.services._common import contract_set_status, require_member, stage_set_status
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import format_rub, round_money
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

MSG_NOT_CUSTOMER = "Оплату может зарегистрировать только сотрудник заказчика по контракту"
MSG_NOT_ACCEPTED = "Оплата регистрируется только по принятому документу о приёмке"


def _close_stage_and_contract(stage_id: int, *, user: User) -> None:
    stage = Stage.objects.select_for_update().get(pk=stage_id)
    if stage.status != StageStatus.ACCEPTED:
        return
    unpaid = (
        AcceptanceDocument.objects.filter(stage=stage, status__in=ACCEPTED_DOCUMENT_STATUSES)
        .exclude(paid_amount=F("accepted_amount"))
        .exists()
    )
    if unpaid:
        return
    stage_set_status(stage, StageStatus.PAID)
    contract = Contract.objects.select_for_update().get(pk=stage.contract_id)
    if contract.status != ContractStatus.EXECUTING:
        return
    if Stage.objects.filter(contract=contract).exclude(status=StageStatus.PAID).exists():
        return
    contract_set_status(contract, ContractStatus.EXECUTED, fields=[])
    audit_record(actor=user, event=EventType.CONTRACT_EXECUTED, obj=contract, details={})


def payment_record(
    *,
    document: AcceptanceDocument,
    user: User,
    amount: Decimal,
    paid_on: dt.date,
    now: dt.datetime | None = None,
) -> Payment:
    """Refuses more than was accepted minus what is already paid."""
    require_member(user, document.stage.contract.customer, MSG_NOT_CUSTOMER)
    if amount <= 0:
        raise ValidationFailed({"amount": "Сумма оплаты должна быть больше нуля"})
    if round_money(amount) != amount:
        raise ValidationFailed({"amount": "Сумма оплаты указывается с точностью до копейки"})
    now = now or timezone.now()
    with transaction.atomic():
        locked = AcceptanceDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status not in ACCEPTED_DOCUMENT_STATUSES:
            raise Conflict(MSG_NOT_ACCEPTED)
        unpaid = locked.accepted_amount - locked.paid_amount
        if amount > unpaid:
            raise Conflict(
                f"Сумма оплаты {format_rub(amount)} больше неоплаченной суммы принятого {format_rub(unpaid)}",
                field="amount",
            )
        locked.paid_amount += amount
        locked.save(update_fields=["paid_amount"])
        payment = Payment.objects.create(document=locked, amount=amount, paid_on=paid_on, recorded_by=user)
        audit_record(
            actor=user,
            event=EventType.PAYMENT_RECORDED,
            obj=payment,
            details={
                "document": locked.number,
                "version": locked.version,
                "amount": amount,
                "paid_on": paid_on,
                "paid_total": locked.paid_amount,
                "payment_due_at": locked.payment_due_at,
                "late": locked.payment_due_at is not None and locked.payment_due_at < now,
            },
        )
        if locked.paid_amount == locked.accepted_amount:
            _close_stage_and_contract(locked.stage_id, user=user)
    return payment
