"""The stage plan of a draft contract: before the supplier signs, the customer may split execution into
several stages, each with a due date and quantities per contract item. Without a plan the contract gets
one default stage at conclusion (signing.py). The plan is stored as the Stage rows themselves, so the
contract text rendered at the supplier's signature lists them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, ContractItem, Stage, StageItem
from zakupki.contracts.services._common import quantity_text, require_member
from zakupki.contracts.stage_amounts import split_item_amount
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_date, local_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

MSG_NOT_CUSTOMER = "Этапы исполнения устанавливает только сотрудник заказчика по контракту"
MSG_NOT_DRAFT = "Этапы можно изменить только в проекте контракта, до подписания поставщиком"
MAX_STAGES = 24


@dataclass(frozen=True)
class StagePlanData:
    """One planned stage: its due date and quantity per contract item id (absent or 0: not in it)."""

    due_date: dt.date
    quantities: Mapping[int, Decimal]


def _check_quantity(value: Decimal, item: ContractItem, number: int) -> str:
    if not value.is_finite() or value < 0:
        return f"Этап {number}, позиция «{item.name}»: количество не может быть отрицательным"
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -3:
        return f"Этап {number}, позиция «{item.name}»: не более трёх знаков после запятой"
    return ""


def _validate(contract: Contract, stages: list[StagePlanData], today: dt.date) -> None:
    if not stages:
        raise ValidationFailed({"stages": "Укажите хотя бы один этап"})
    if len(stages) > MAX_STAGES:
        raise ValidationFailed({"stages": f"Не более {MAX_STAGES} этапов"})
    items = {item.pk: item for item in contract.items.order_by("position")}
    previous: dt.date | None = None
    for number, stage in enumerate(stages, start=1):
        if stage.due_date < today:
            raise ValidationFailed(
                {"stages": f"Этап {number}: срок {format_ru_date(stage.due_date)} уже прошёл"}
            )
        if previous is not None and stage.due_date < previous:
            raise ValidationFailed(
                {"stages": f"Этап {number}: срок не может быть раньше срока этапа {number - 1}"}
            )
        if contract.execution_due_date is not None and stage.due_date > contract.execution_due_date:
            raise ValidationFailed(
                {
                    "stages": (
                        f"Этап {number}: срок не может быть позже срока исполнения контракта "
                        f"{format_ru_date(contract.execution_due_date)}"
                    )
                }
            )
        previous = stage.due_date
        unknown = set(stage.quantities) - set(items)
        if unknown:
            raise ValidationFailed({"stages": f"Этап {number}: позиция не найдена в контракте"})
        for item_id, quantity in stage.quantities.items():
            problem = _check_quantity(quantity, items[item_id], number)
            if problem:
                raise ValidationFailed({"stages": problem})
        if not any(quantity > 0 for quantity in stage.quantities.values()):
            raise ValidationFailed({"stages": f"Этап {number}: укажите количество хотя бы по одной позиции"})
    for item in items.values():
        total = sum((s.quantities.get(item.pk, Decimal(0)) for s in stages), Decimal(0))
        if total != item.quantity:
            raise ValidationFailed(
                {
                    "stages": (
                        f"Позиция «{item.name}»: по этапам {quantity_text(total)} {item.unit}, "
                        f"а в контракте {quantity_text(item.quantity)} {item.unit}"
                    )
                }
            )


def stage_plan_write(contract: Contract, stages: list[StagePlanData]) -> list[Stage]:
    """Creates the Stage rows of a validated plan; each item's amount is split over its stages
    exactly (stage_amounts.py), so the stages add up to the contract price."""
    items = list(contract.items.order_by("position"))
    shares: dict[tuple[int, int], Decimal] = {}
    for item in items:
        numbers = [n for n, s in enumerate(stages) if s.quantities.get(item.pk, Decimal(0)) > 0]
        split = split_item_amount(
            amount=item.amount,
            unit_price=item.unit_price,
            quantities=[stages[n].quantities[item.pk] for n in numbers],
        )
        shares.update({(n, item.pk): share for n, share in zip(numbers, split, strict=True)})
    created: list[Stage] = []
    for n, plan in enumerate(stages):
        amount = sum((v for (sn, _), v in shares.items() if sn == n), Decimal(0))
        stage = Stage.objects.create(contract=contract, number=n + 1, due_date=plan.due_date, amount=amount)
        StageItem.objects.bulk_create(
            StageItem(
                stage=stage,
                contract_item=item,
                quantity=plan.quantities[item.pk],
                amount=shares[(n, item.pk)],
            )
            for item in items
            if (n, item.pk) in shares
        )
        created.append(stage)
    return created


def contract_stage_plan_set(
    *, contract: Contract, user: User, stages: list[StagePlanData], now: dt.datetime | None = None
) -> list[Stage]:
    """Replaces the draft's stage plan. Refused once the supplier has signed (the text is fixed)."""
    require_member(user, contract.customer, MSG_NOT_CUSTOMER)
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("customer__region", "supplier__region")
            .get(pk=contract.pk)
        )
        if locked.status != ContractStatus.DRAFT:
            raise Conflict(MSG_NOT_DRAFT)
        _validate(locked, stages, local_date(now, locked.customer.region.timezone))
        Stage.objects.filter(contract=locked).delete()  # a draft's stages are only its plan
        created = stage_plan_write(locked, stages)
        audit_record(
            actor=user,
            event=EventType.CONTRACT_STAGE_PLAN_SET,
            obj=locked,
            details={
                "number": locked.number,
                "stages": [{"number": s.number, "due_date": s.due_date, "amount": s.amount} for s in created],
            },
        )
    return created


def stage_plan_rows(contract: Contract) -> list[dict[str, object]]:
    """The planned stages as the contract text lists them (empty: one default stage)."""
    rows: list[dict[str, object]] = []
    for stage in contract.stages.order_by("number").prefetch_related("items__contract_item"):
        lines = [
            f"{si.contract_item.name} — {quantity_text(si.quantity)} {si.contract_item.unit}"
            for si in sorted(stage.items.all(), key=lambda si: si.contract_item.position)
        ]
        rows.append(
            {
                "number": stage.number,
                "due_text": format_ru_date(stage.due_date),
                "amount_text": format_rub(stage.amount),
                "lines": lines,
            }
        )
    return rows
