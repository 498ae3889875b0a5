"""Subcontracts the supplier reports under ч.5 ст.30 44-ФЗ. Those with SMP/SONKO count into the SMP volume
of the customer (К7, К8); the supplier reports them because only the supplier concludes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from zakupki.accounts.identifiers import IdentifierError, clean_inn
from zakupki.accounts.models import User
from zakupki.contracts.models import Contract, ContractSubcontract
from zakupki.contracts.selectors import contract_effective_status
from zakupki.contracts.services._common import require_member
from zakupki.contracts.states import CONTRACT_IN_FORCE
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import format_rub, round_money
from zakupki.core.timeutil import local_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

MSG_NOT_SUPPLIER = "О договоре субподряда сообщает только сотрудник поставщика по контракту"
NAME_MAX = 500


def _validated(
    contract: Contract, *, inn: str, name: str, amount: Decimal, concluded_on: dt.date, today: dt.date
) -> tuple[str, str]:
    errors: dict[str, str] = {}
    try:
        inn = clean_inn(inn)
    except IdentifierError as exc:
        errors["subcontractor_inn"] = exc.message
    if inn == contract.supplier.inn:
        errors["subcontractor_inn"] = "Субподрядчик не может совпадать с поставщиком по контракту"
    name = " ".join(name.split())
    if not name:
        errors["subcontractor_name"] = "Укажите наименование субподрядчика"
    elif len(name) > NAME_MAX:
        errors["subcontractor_name"] = f"Наименование — не более {NAME_MAX} символов"
    if not amount.is_finite() or amount <= 0:
        errors["amount"] = "Сумма договора субподряда должна быть больше нуля"
    elif round_money(amount) != amount:
        errors["amount"] = "Сумма — не более двух знаков после запятой"
    concluded = contract.concluded_at
    if concluded_on > today:
        errors["concluded_on"] = "Дата договора не может быть в будущем"
    elif concluded is not None and concluded_on < local_date(concluded, contract.customer.region.timezone):
        errors["concluded_on"] = "Договор субподряда не может быть заключён раньше контракта"
    if errors:
        raise ValidationFailed(errors)
    return inn, name


def contract_subcontract_add(
    *,
    contract: Contract,
    actor: User,
    subcontractor_inn: str,
    subcontractor_name: str,
    subcontractor_is_smp: bool,
    amount: Decimal,
    concluded_on: dt.date,
    now: dt.datetime | None = None,
) -> ContractSubcontract:
    """Only while the contract is in force; all subcontracts together may not exceed the contract price
    (checked under the contract's lock, so two concurrent reports cannot both pass)."""
    require_member(actor, contract.supplier, MSG_NOT_SUPPLIER)
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("customer__region", "supplier")
            .get(pk=contract.pk)
        )
        status = contract_effective_status(contract=locked, now=now)
        if status not in CONTRACT_IN_FORCE:
            raise Conflict(f"Контракт в статусе «{status.label}»: договор субподряда к нему не добавить")
        today = local_date(now, locked.customer.region.timezone)
        inn, name = _validated(
            locked,
            inn=subcontractor_inn,
            name=subcontractor_name,
            amount=amount,
            concluded_on=concluded_on,
            today=today,
        )
        before = locked.subcontracts.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        if before + amount > locked.price:
            raise ValidationFailed(
                {
                    "amount": (
                        f"Сумма договоров субподряда {format_rub(before + amount)} превысит цену контракта "
                        f"{format_rub(locked.price)}"
                    )
                }
            )
        subcontract = ContractSubcontract.objects.create(
            contract=locked,
            subcontractor_inn=inn,
            subcontractor_name=name,
            subcontractor_is_smp=subcontractor_is_smp,
            amount=amount,
            concluded_on=concluded_on,
        )
        audit_record(
            actor=actor,
            event=EventType.CONTRACT_SUBCONTRACT_ADDED,
            obj=subcontract,
            details={
                "contract": locked.number,
                "subcontractor": inn,
                "is_smp": subcontractor_is_smp,
                "amount": amount,
                "concluded_on": concluded_on,
            },
        )
    return subcontract
