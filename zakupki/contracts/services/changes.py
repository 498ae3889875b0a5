"""Contract changes by agreement (ст.95 ч.1 44-ФЗ; lifecycle in change_states.py):

- quantity: each item's new quantity within ±N % (rules: contract.quantity_change_max_pct) of the
  quantity originally contracted, counted over all changes; unit prices stay, so amounts and the price
  change proportionally; never below what is already delivered or accepted;
- price reduction: unit prices only go down (at least one), quantities stay; refused for items with
  deliveries already made, whose accepted documents keep the old price.

The customer proposes; the text (PDF «Дополнительное соглашение №N») is stored and signed with GOST keys
by the supplier, then the customer; the customer's signature brings it into force: items, stages, the
contract price and the small-volume ledger change together under the contract's lock.

Lock order: contract → change → ledger (the contract first, as the signing and termination services do)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.change_selectors import delivered_quantities, original_quantities
from zakupki.contracts.change_states import CHANGE_OPEN, CHANGE_TRANSITIONS, ChangeKind, ChangeStatus
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.ledger import small_purchase_reprice
from zakupki.contracts.models import Contract, ContractChange, ContractChangeLine, ContractItem
from zakupki.contracts.selectors import contract_effective_status
from zakupki.contracts.services._common import quantity_text, require_member
from zakupki.contracts.services.change_document import change_document_render
from zakupki.contracts.services.change_stages import change_apply_to_stages, change_lock_stages
from zakupki.contracts.services.payment_plan import payment_plan_json, payment_plan_reprice
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import format_rub, round_money
from zakupki.core.timeutil import local_date
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.signatures import document_sign
from zakupki.documents.services.storage import document_store
from zakupki.rules.engine import rule_value

PURPOSE_SUPPLIER = "поставщик"
PURPOSE_CUSTOMER = "заказчик"
CHANGEABLE = (ContractStatus.CONCLUDED, ContractStatus.EXECUTING)
MSG_NOT_CUSTOMER = "Дополнительное соглашение от имени заказчика может подписать только сотрудник заказчика"
MSG_NOT_SUPPLIER = (
    "Дополнительное соглашение от имени поставщика может подписать или отклонить только сотрудник поставщика"
)
MSG_OPEN_EXISTS = (
    "По контракту уже есть дополнительное соглашение, ожидающее подписания: дождитесь его или отзовите"
)


@dataclass(frozen=True)
class _Line:
    item: ContractItem
    quantity_after: Decimal
    unit_price_after: Decimal

    @property
    def amount_after(self) -> Decimal:
        return round_money(self.quantity_after * self.unit_price_after)


def _locked_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("customer__region", "supplier__region")
        .get(pk=contract.pk)
    )


def _require_changeable(contract: Contract, now: dt.datetime) -> None:
    status = contract_effective_status(contract=contract, now=now)
    if status not in CHANGEABLE:
        raise Conflict(f"Контракт в статусе «{status.label}»: изменить его условия нельзя")


def _decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _items(contract: Contract, ids: Mapping[int, Decimal], field: str) -> dict[int, ContractItem]:
    items = {item.pk: item for item in contract.items.order_by("position")}
    if not ids:
        raise ValidationFailed({field: "Укажите новые значения хотя бы по одной позиции"})
    if set(ids) - set(items):
        raise ValidationFailed({field: "Позиция не найдена в контракте"})
    return items


def _quantity_lines(contract: Contract, quantities: Mapping[int, Decimal], on: dt.date) -> list[_Line]:
    items = _items(contract, quantities, "quantities")
    region = contract.customer.region
    pct = Decimal(rule_value("contract.quantity_change_max_pct", on=on, region=region))
    original = original_quantities(contract=contract)
    delivered = delivered_quantities(contract=contract)
    lines: list[_Line] = []
    for item_id, quantity in quantities.items():
        item = items[item_id]
        if not quantity.is_finite() or quantity <= 0 or _decimal_places(quantity) > 3:
            raise ValidationFailed(
                {"quantities": f"Позиция «{item.name}»: укажите положительное количество, до трёх знаков"}
            )
        if quantity == item.quantity:
            continue
        base = original[item_id]
        high, low = base * (100 + pct) / 100, base * (100 - pct) / 100
        if quantity > high or quantity < low:
            word = "больше" if quantity > high else "меньше"
            limit = high if quantity > high else low
            raise ValidationFailed(
                {
                    "quantities": (
                        f"Позиция «{item.name}»: количество можно изменить не более чем на {quantity_text(pct)} % "
                        f"от первоначального ({quantity_text(base)} {item.unit}); указано "
                        f"{quantity_text(quantity)} {item.unit}, это {word} допустимых "
                        f"{quantity_text(limit.normalize())} {item.unit}"
                    )
                }
            )
        done = delivered.get(item_id, Decimal(0))
        if quantity < done:
            raise ValidationFailed(
                {
                    "quantities": (
                        f"Позиция «{item.name}»: уже передано к приёмке или принято {quantity_text(done)} "
                        f"{item.unit}, нельзя уменьшить до {quantity_text(quantity)} {item.unit}"
                    )
                }
            )
        lines.append(_Line(item, quantity, item.unit_price))
    if not lines:
        raise ValidationFailed({"quantities": "Количество ни по одной позиции не изменилось"})
    return lines


def _price_lines(contract: Contract, unit_prices: Mapping[int, Decimal]) -> list[_Line]:
    items = _items(contract, unit_prices, "unit_prices")
    delivered = delivered_quantities(contract=contract)
    lines: list[_Line] = []
    for item_id, price in unit_prices.items():
        item = items[item_id]
        if not price.is_finite() or price <= 0 or _decimal_places(price) > 2:
            raise ValidationFailed(
                {"unit_prices": f"Позиция «{item.name}»: укажите положительную цену, до двух знаков"}
            )
        if price > item.unit_price:
            raise ValidationFailed(
                {
                    "unit_prices": (
                        f"Позиция «{item.name}»: при снижении цены новая цена за единицу "
                        f"{format_rub(price)} не может быть выше действующей {format_rub(item.unit_price)}"
                    )
                }
            )
        if price == item.unit_price:
            continue
        if delivered.get(item_id, Decimal(0)) > 0:
            raise ValidationFailed(
                {
                    "unit_prices": (
                        f"Позиция «{item.name}»: по ней уже есть поставки по действующей цене; "
                        "снизить цену можно только по позициям без поставок"
                    )
                }
            )
        lines.append(_Line(item, item.quantity, price))
    if not lines:
        raise ValidationFailed({"unit_prices": "Ни одна цена за единицу не снижена"})
    return lines


def _validated_lines(
    contract: Contract,
    kind: ChangeKind,
    quantities: Mapping[int, Decimal] | None,
    unit_prices: Mapping[int, Decimal] | None,
    on: dt.date,
) -> list[_Line]:
    if kind == ChangeKind.QUANTITY:
        return _quantity_lines(contract, quantities or {}, on)
    return _price_lines(contract, unit_prices or {})


def _price_after(contract: Contract, lines: list[_Line]) -> Decimal:
    return contract.price + sum((line.amount_after - line.item.amount for line in lines), Decimal(0))


def _set_status(change: ContractChange, after: ChangeStatus, *, fields: list[str]) -> None:
    """The one place a change's status moves (architecture rule 7)."""
    check_transition(CHANGE_TRANSITIONS, ChangeStatus(change.status), after, what="Дополнительное соглашение")
    change.status = after
    change.save(update_fields=["status", "updated_at", *fields])


def contract_change_propose(
    *,
    contract: Contract,
    user: User,
    kind: ChangeKind,
    reason: str,
    quantities: Mapping[int, Decimal] | None = None,
    unit_prices: Mapping[int, Decimal] | None = None,
    now: dt.datetime | None = None,
) -> ContractChange:
    """The customer proposes a change: validated, rendered to PDF, stored; nothing in the contract
    changes until both sides have signed."""
    require_member(user, contract.customer, "Предложить изменение контракта может только сотрудник заказчика")
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите обоснование изменения"})
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_contract(contract)
        _require_changeable(locked, now)
        if locked.changes.filter(status__in=CHANGE_OPEN).exists():
            raise Conflict(MSG_OPEN_EXISTS)
        on = local_date(now, locked.customer.region.timezone)
        lines = _validated_lines(locked, ChangeKind(kind), quantities, unit_prices, on)
        price_after = _price_after(locked, lines)
        small_purchase_reprice(contract=locked, new_price=price_after, on=on, apply=False)
        number = (locked.changes.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        change = ContractChange(
            contract=locked,
            number=number,
            kind=kind,
            reason=reason.strip()[:2000],
            price_before=locked.price,
            price_after=price_after,
            proposed_by=user,
            proposed_at=now,
        )
        rows = [
            ContractChangeLine(
                contract_item=line.item,
                quantity_before=line.item.quantity,
                quantity_after=line.quantity_after,
                unit_price_before=line.item.unit_price,
                unit_price_after=line.unit_price_after,
                amount_before=line.item.amount,
                amount_after=line.amount_after,
            )
            for line in sorted(lines, key=lambda line: line.item.position)
        ]
        change.document = document_store(
            content=change_document_render(change, rows),
            title=f"Дополнительное соглашение № {number} к контракту № {locked.number}",
            kind="contract_change",
            content_type="application/pdf",
            actor=user,
        )
        try:
            with transaction.atomic():
                change.save()
        except IntegrityError as exc:  # the one-open-change constraint: a concurrent proposal won
            raise Conflict(MSG_OPEN_EXISTS) from exc
        for row in rows:
            row.change = change
        ContractChangeLine.objects.bulk_create(rows)
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CHANGE_PROPOSED,
            obj=change,
            details={
                "contract": locked.number,
                "number": number,
                "kind": change.kind,
                "price_before": change.price_before,
                "price_after": change.price_after,
                "document_sha256": change.document.sha256,
                "lines": [
                    {
                        "item": row.contract_item_id,
                        "quantity": [row.quantity_before, row.quantity_after],
                        "unit_price": [row.unit_price_before, row.unit_price_after],
                    }
                    for row in rows
                ],
            },
        )
    return change


def _locked_change(change: ContractChange) -> tuple[Contract, ContractChange]:
    contract = _locked_contract(change.contract)
    locked = ContractChange.objects.select_for_update().select_related("document").get(pk=change.pk)
    locked.contract = contract
    return contract, locked


def contract_change_sign_supplier(
    *, change: ContractChange, user: User, now: dt.datetime | None = None
) -> ContractChange:
    """The supplier agrees by signing the stored text with its GOST key."""
    require_member(user, change.contract.supplier, MSG_NOT_SUPPLIER)
    now = now or timezone.now()
    with transaction.atomic():
        contract, locked = _locked_change(change)
        check_transition(
            CHANGE_TRANSITIONS,
            ChangeStatus(locked.status),
            ChangeStatus.SIGNED_BY_SUPPLIER,
            what="Дополнительное соглашение",
        )
        _require_changeable(contract, now)
        signature = document_sign(
            document=locked.document,
            signer=user,
            purpose=PURPOSE_SUPPLIER,
            expected_organization=contract.supplier,
            now=now,
        )
        locked.supplier_signed_by, locked.supplier_signed_at = user, now
        _set_status(
            locked, ChangeStatus.SIGNED_BY_SUPPLIER, fields=["supplier_signed_by", "supplier_signed_at"]
        )
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CHANGE_SIGNED_BY_SUPPLIER,
            obj=locked,
            details={"contract": contract.number, "number": locked.number, "signature_id": signature.pk},
        )
    return locked


def _apply(contract: Contract, change: ContractChange, now: dt.datetime) -> dict[int, Decimal]:
    """Re-checks against the present (deliveries may have happened since the proposal), then moves
    items, stages, the price and the ledger together."""
    rows = list(change.lines.select_related("contract_item").order_by("contract_item__position"))
    on = local_date(now, contract.customer.region.timezone)
    if change.kind == ChangeKind.QUANTITY:
        _quantity_lines(contract, {r.contract_item_id: r.quantity_after for r in rows}, on)
    else:
        _price_lines(contract, {r.contract_item_id: r.unit_price_after for r in rows})
    for row in rows:
        item = row.contract_item
        if (item.quantity, item.unit_price) != (row.quantity_before, row.unit_price_before):
            raise Conflict(f"Позиция «{item.name}» изменилась после направления соглашения: отзовите его")
    if contract.price != change.price_before:
        raise Conflict("Цена контракта изменилась после направления соглашения: отзовите его")
    small_purchase_reprice(contract=contract, new_price=change.price_after, on=on, apply=True)
    for row in rows:
        item = row.contract_item
        item.quantity, item.unit_price, item.amount = (
            row.quantity_after,
            row.unit_price_after,
            row.amount_after,
        )
        item.save(update_fields=["quantity", "unit_price", "amount"])
        change_apply_to_stages(item=item, delta=row.quantity_after - row.quantity_before)
    contract.price = change.price_after
    contract.save(update_fields=["price", "updated_at"])
    # A price change re-plans every year in proportion (payment_plan.replan): no year moves.
    return payment_plan_reprice(contract, new_price=change.price_after)


def contract_change_sign_customer(
    *, change: ContractChange, user: User, now: dt.datetime | None = None
) -> ContractChange:
    """The customer signs last: the change comes into force at once, all of it or nothing."""
    require_member(user, change.contract.customer, MSG_NOT_CUSTOMER)
    now = now or timezone.now()
    with transaction.atomic():
        change_lock_stages(contract_id=change.contract_id)
        contract, locked = _locked_change(change)
        check_transition(
            CHANGE_TRANSITIONS,
            ChangeStatus(locked.status),
            ChangeStatus.IN_FORCE,
            what="Дополнительное соглашение",
        )
        _require_changeable(contract, now)
        signature = document_sign(
            document=locked.document,
            signer=user,
            purpose=PURPOSE_CUSTOMER,
            expected_organization=contract.customer,
            now=now,
        )
        plan = _apply(contract, locked, now)
        locked.customer_signed_by, locked.in_force_at = user, now
        _set_status(locked, ChangeStatus.IN_FORCE, fields=["customer_signed_by", "in_force_at"])
        audit_record(
            actor=user,
            event=EventType.CONTRACT_CHANGE_IN_FORCE,
            obj=locked,
            details={
                "contract": contract.number,
                "number": locked.number,
                "signature_id": signature.pk,
                "price_before": locked.price_before,
                "price_after": locked.price_after,
                "payment_plan": payment_plan_json(plan),
            },
        )
    return locked


def contract_change_decline(
    *, change: ContractChange, user: User, reason: str = "", now: dt.datetime | None = None
) -> ContractChange:
    """The supplier does not agree (before signing it)."""
    require_member(user, change.contract.supplier, MSG_NOT_SUPPLIER)
    return _close(change, user, ChangeStatus.DECLINED, EventType.CONTRACT_CHANGE_DECLINED, reason, now)


def contract_change_withdraw(
    *, change: ContractChange, user: User, reason: str = "", now: dt.datetime | None = None
) -> ContractChange:
    """The customer takes the proposal back at any time before it is in force."""
    require_member(user, change.contract.customer, "Отозвать соглашение может только сотрудник заказчика")
    return _close(change, user, ChangeStatus.WITHDRAWN, EventType.CONTRACT_CHANGE_WITHDRAWN, reason, now)


def _close(
    change: ContractChange,
    user: User,
    after: ChangeStatus,
    event: EventType,
    reason: str,
    now: dt.datetime | None,
) -> ContractChange:
    now = now or timezone.now()
    with transaction.atomic():
        contract, locked = _locked_change(change)
        locked.closed_by, locked.closed_at, locked.close_reason = user, now, reason.strip()[:2000]
        _set_status(locked, after, fields=["closed_by", "closed_at", "close_reason"])
        audit_record(
            actor=user,
            event=event,
            obj=locked,
            details={"contract": contract.number, "number": locked.number, "reason": locked.close_reason},
        )
    return locked
