"""How a change in force reaches the stages. A quantity increase goes to the last open stage that
already delivers the item (or the last open stage); a decrease is taken from the open stages' undelivered
remainders, last stage first. Then the item's amount is re-split over its stages to the kopeck
(stage_amounts.py) and every stage's amount is the sum of its obligations again. The caller holds the
locks (stages, then the contract)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from zakupki.contracts.enums import StageStatus
from zakupki.contracts.models import ContractItem, Stage, StageItem
from zakupki.contracts.selectors import stage_remaining_quantities
from zakupki.contracts.stage_amounts import split_item_amount
from zakupki.core.errors import Conflict

OPEN_STAGE_STATUSES = (
    StageStatus.PENDING,
    StageStatus.DELIVERED,
    StageStatus.PARTIALLY_ACCEPTED,
    StageStatus.REFUSED,
)


def _increase(item: ContractItem, open_stages: list[Stage], delta: Decimal) -> None:
    if not open_stages:
        raise Conflict(f"Все этапы исполнены: увеличить количество по позиции «{item.name}» нельзя")
    holding = [s for s in open_stages if s.items.filter(contract_item=item).exists()]
    target = holding[-1] if holding else open_stages[-1]
    row = StageItem.objects.filter(stage=target, contract_item=item).first()
    if row is None:
        StageItem.objects.create(stage=target, contract_item=item, quantity=delta, amount=Decimal(0))
    else:
        row.quantity += delta
        row.save(update_fields=["quantity"])


def _decrease(item: ContractItem, open_stages: list[Stage], delta: Decimal) -> None:
    left = -delta
    for stage in reversed(open_stages):
        row = StageItem.objects.filter(stage=stage, contract_item=item).first()
        if row is None:
            continue
        take = min(stage_remaining_quantities(stage=stage).get(item.pk, Decimal(0)), left)
        if take <= 0:
            continue
        row.quantity -= take
        left -= take
        if row.quantity == 0:
            row.delete()
        else:
            row.save(update_fields=["quantity"])
        if left == 0:
            return
    raise Conflict(f"Позиция «{item.name}»: по этапам не осталось столько непоставленного количества")


def _drop_if_empty(stage: Stage) -> None:
    if stage.items.exists():
        return
    if stage.acceptance_documents.exists():
        raise Conflict(
            f"Этап {stage.number} остался бы без обязательств, но по нему есть документы о приёмке"
        )
    stage.delete()


def change_apply_to_stages(*, item: ContractItem, delta: Decimal) -> None:
    """`item` already carries its new quantity, unit price and amount."""
    stages = list(Stage.objects.filter(contract_id=item.contract_id).order_by("number"))
    open_stages = [s for s in stages if s.status in OPEN_STAGE_STATUSES]
    if delta > 0:
        _increase(item, open_stages, delta)
    elif delta < 0:
        _decrease(item, open_stages, delta)
        for stage in open_stages:
            _drop_if_empty(stage)
    rows = list(StageItem.objects.filter(contract_item=item).order_by("stage__number"))
    shares = split_item_amount(
        amount=item.amount, unit_price=item.unit_price, quantities=[row.quantity for row in rows]
    )
    for row, share in zip(rows, shares, strict=True):
        if row.amount != share:
            row.amount = share
            row.save(update_fields=["amount"])
    for stage in Stage.objects.filter(contract_id=item.contract_id):
        total = StageItem.objects.filter(stage=stage).aggregate(total=Sum("amount"))["total"]
        amount = Decimal(total or 0)
        if stage.amount != amount:
            stage.amount = amount
            stage.save(update_fields=["amount", "updated_at"])


def change_lock_stages(*, contract_id: int) -> None:
    """Stages before the contract, the app's lock order (acceptance.py)."""
    list(Stage.objects.select_for_update().filter(contract_id=contract_id).order_by("number"))
