"""Electronic acceptance (ч.13 ст.94): the supplier submits a signed, structured document; the customer
accepts it fully, accepts part or refuses with a reason; a corrected document replaces a refused one.

Lock order everywhere in this app: acceptance document → stage → contract (no deadlocks).
The contract row is locked before its status is read for a decision, so a concurrent termination is
seen, never overwritten."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.enums import AcceptanceStatus, ContractStatus, StageStatus
from zakupki.contracts.models import (
    AcceptanceDocument,
    AcceptanceLine,
    Contract,
    ContractItem,
    Stage,
    StageItem,
)
from zakupki.contracts.selectors import stage_accepted_quantities, stage_remaining_quantities
from zakupki.contracts.services._common import (
    acceptance_set_status,
    contract_rule_int,
    contract_set_status,
    quantity_text,
    require_in_force,
    require_member,
    stage_set_status,
)
from zakupki.contracts.services.acceptance_papers import (
    decision_paper_create,
    require_signing_key,
    submission_paper_create,
)
from zakupki.contracts.services.commission import commission_missing_votes, commission_of
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import round_money
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.rules.due_dates import working_deadline

MSG_NOT_SUPPLIER = "Документ о приёмке может разместить только сотрудник поставщика по контракту"
MSG_NOT_CUSTOMER = "Решение о приёмке может принять только сотрудник заказчика по контракту"
MSG_ALREADY_DECIDED = "Решение по этому документу о приёмке уже принято"
MSG_ONE_DECISION = (
    "Укажите одно решение: принять полностью, принять частично или отказать с указанием причины"
)


@dataclass(frozen=True)
class AcceptanceLineData:
    """One line of the supplier's document; the unit price defaults to the contract's."""

    item: ContractItem
    quantity: Decimal
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class _Line:
    item: ContractItem
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


def _locked_stage(stage: Stage) -> Stage:
    return (
        Stage.objects.select_for_update(of=("self",))
        .select_related("contract__customer__region", "contract__supplier__region")
        .get(pk=stage.pk)
    )


def _locked_contract(contract_id: int) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("customer__region", "supplier__region")
        .get(pk=contract_id)
    )


def _validated_lines(stage: Stage, lines: list[AcceptanceLineData]) -> list[_Line]:
    """Each line names an item of the stage, once, with a positive quantity within what remains."""
    if not lines:
        raise ValidationFailed({"lines": "Документ о приёмке должен содержать хотя бы одну позицию"})
    obligations = {row.contract_item_id: row for row in StageItem.objects.filter(stage=stage)}
    remaining = stage_remaining_quantities(stage=stage)
    seen: set[int] = set()
    result: list[_Line] = []
    for line in lines:
        item = line.item
        if item.pk not in obligations:
            raise ValidationFailed({"lines": f"Позиция «{item.name}» не входит в этап {stage.number}"})
        if item.pk in seen:
            raise ValidationFailed({"lines": f"Позиция «{item.name}» указана в документе дважды"})
        seen.add(item.pk)
        if line.quantity <= 0:
            raise ValidationFailed({"lines": f"Количество по позиции «{item.name}» должно быть больше нуля"})
        unit_price = item.unit_price if line.unit_price is None else line.unit_price
        if unit_price != item.unit_price:
            raise ValidationFailed(
                {"lines": f"Цена за единицу по позиции «{item.name}» должна совпадать с ценой контракта"}
            )
        left = remaining[item.pk]
        if line.quantity > left:
            raise ValidationFailed(
                {
                    "lines": (
                        f"Нельзя передать к приёмке больше, чем предусмотрено контрактом: по позиции "
                        f"«{item.name}» осталось {quantity_text(left)} {item.unit}, "
                        f"указано {quantity_text(line.quantity)} {item.unit}"
                    )
                }
            )
        result.append(_Line(item, line.quantity, unit_price, round_money(line.quantity * unit_price)))
    return result


def _create_document(
    *,
    stage: Stage,
    lines: list[_Line],
    user: User,
    now: dt.datetime,
    number: str,
    version: int,
    replaces: AcceptanceDocument | None,
) -> AcceptanceDocument:
    contract = stage.contract
    days = contract_rule_int("contract.acceptance.max_working_days", contract=contract, at=now)
    document = AcceptanceDocument.objects.create(
        stage=stage,
        number=number,
        version=version,
        replaces=replaces,
        total=sum((line.amount for line in lines), Decimal(0)),
        submitted_by=user,
        submitted_at=now,
        # the customer's term, counted in the customer's region (date of receipt = date of placement)
        decision_due_at=working_deadline(
            start=now, working_days=days, tz_name=contract.customer.region.timezone
        ),
    )
    AcceptanceLine.objects.bulk_create(
        AcceptanceLine(
            document=document,
            contract_item=line.item,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
        )
        for line in lines
    )
    stage_set_status(stage, StageStatus.DELIVERED)
    if contract.status == ContractStatus.CONCLUDED:  # the caller holds the contract's lock
        contract_set_status(contract, ContractStatus.EXECUTING, fields=[])
        audit_record(actor=user, event=EventType.CONTRACT_EXECUTING, obj=contract, details={})
    return document


def _lines_details(document: AcceptanceDocument) -> list[dict[str, object]]:
    return [
        {
            "item": line.contract_item_id,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "amount": line.amount,
            "accepted_quantity": line.accepted_quantity,
        }
        for line in document.lines.order_by("contract_item__position")
    ]


def acceptance_submit(
    *, stage: Stage, user: User, lines: list[AcceptanceLineData], now: dt.datetime | None = None
) -> AcceptanceDocument:
    """The supplier places a signed acceptance document for (part of) a stage."""
    require_member(user, stage.contract.supplier, MSG_NOT_SUPPLIER)
    now = now or timezone.now()
    require_signing_key(user, now)
    with transaction.atomic():
        locked = _locked_stage(stage)
        locked.contract = _locked_contract(locked.contract_id)
        require_in_force(locked.contract, now)
        validated = _validated_lines(locked, lines)
        originals = AcceptanceDocument.objects.filter(stage=locked, replaces__isnull=True).count()
        document = _create_document(
            stage=locked,
            lines=validated,
            user=user,
            now=now,
            number=f"{locked.contract.pk}-{locked.number}-{originals + 1}",
            version=1,
            replaces=None,
        )
        paper = submission_paper_create(acceptance=document, user=user, now=now)
        audit_record(
            actor=user,
            event=EventType.ACCEPTANCE_SUBMITTED,
            obj=document,
            details={
                "contract": locked.contract.number,
                "stage": locked.number,
                "number": document.number,
                "total": document.total,
                "decision_due_at": document.decision_due_at,
                "lines": _lines_details(document),
                "document_sha256": paper.file.sha256,
            },
        )
    return document


def acceptance_correct(
    *,
    document: AcceptanceDocument,
    user: User,
    lines: list[AcceptanceLineData],
    now: dt.datetime | None = None,
) -> AcceptanceDocument:
    """A corrected document (next version, same number) replaces one the customer refused."""
    stage = document.stage
    require_member(user, stage.contract.supplier, MSG_NOT_SUPPLIER)
    now = now or timezone.now()
    require_signing_key(user, now)
    with transaction.atomic():
        previous = AcceptanceDocument.objects.select_for_update().get(pk=document.pk)
        if previous.status != AcceptanceStatus.REFUSED:
            raise Conflict(
                "Исправленный документ размещается только взамен документа, по которому получен "
                "мотивированный отказ"
            )
        locked = _locked_stage(stage)
        locked.contract = _locked_contract(locked.contract_id)
        require_in_force(locked.contract, now)
        validated = _validated_lines(locked, lines)
        acceptance_set_status(previous, AcceptanceStatus.REPLACED, fields=[])
        corrected = _create_document(
            stage=locked,
            lines=validated,
            user=user,
            now=now,
            number=previous.number,
            version=previous.version + 1,
            replaces=previous,
        )
        paper = submission_paper_create(acceptance=corrected, user=user, now=now)
        audit_record(
            actor=user,
            event=EventType.ACCEPTANCE_CORRECTED,
            obj=corrected,
            details={
                "number": corrected.number,
                "version": corrected.version,
                "replaces": previous.pk,
                "total": corrected.total,
                "lines": _lines_details(corrected),
                "document_sha256": paper.file.sha256,
            },
        )
    return corrected


def _accepted_quantities(
    document: AcceptanceDocument,
    lines: list[AcceptanceLine],
    *,
    full: bool,
    accepted_lines: Mapping[int, Decimal] | None,
) -> dict[int, Decimal]:
    if full or accepted_lines is None:
        return {line.contract_item_id: line.quantity if full else Decimal(0) for line in lines}
    by_item = {line.contract_item_id: line for line in lines}
    unknown = set(accepted_lines) - set(by_item)
    if unknown:
        raise ValidationFailed(
            {"accepted_lines": "Принять можно только позиции, указанные в документе о приёмке"}
        )
    result: dict[int, Decimal] = {}
    for item_id, line in by_item.items():
        quantity = accepted_lines.get(item_id, Decimal(0))
        if quantity < 0 or quantity > line.quantity:
            raise ValidationFailed(
                {
                    "accepted_lines": (
                        f"По позиции «{line.contract_item.name}» можно принять от 0 до "
                        f"{quantity_text(line.quantity)} {line.contract_item.unit}"
                    )
                }
            )
        result[item_id] = quantity
    if not any(result.values()):
        raise ValidationFailed(
            {"accepted_lines": "Ничего не принято: оформите мотивированный отказ с указанием причины"}
        )
    return result


def _stage_status_after_decision(stage: Stage) -> StageStatus:
    if AcceptanceDocument.objects.filter(stage=stage, status=AcceptanceStatus.SUBMITTED).exists():
        return StageStatus.DELIVERED
    accepted = stage_accepted_quantities(stage=stage)
    obligations = StageItem.objects.filter(stage=stage)
    if all(accepted.get(row.contract_item_id, Decimal(0)) >= row.quantity for row in obligations):
        return StageStatus.ACCEPTED
    if any(accepted.values()):
        return StageStatus.PARTIALLY_ACCEPTED
    return StageStatus.REFUSED


def _require_commission_votes(document: AcceptanceDocument, contract: Contract) -> None:
    """With a commission, the customer decides only after every member has voted (ч.6 ст.94; in the
    EIS the members sign before the customer). Runs under the document's lock, as votes do."""
    commission = commission_of(contract.pk)
    if commission is None:
        return
    missing = commission_missing_votes(acceptance=document, commission=commission)
    if missing:
        names = ", ".join(member.full_name or member.username for member in missing)
        raise Conflict(
            f"Решение принимается после голосования всех членов приёмочной комиссии; не проголосовали: {names}"
        )


def acceptance_decide(
    *,
    document: AcceptanceDocument,
    user: User,
    accepted_lines: Mapping[int, Decimal] | None = None,
    full: bool = False,
    refuse_reason: str = "",
    now: dt.datetime | None = None,
) -> AcceptanceDocument:
    """The customer's decision, exactly once: `full=True`; or `accepted_lines` (contract item id →
    accepted quantity; items left out are not accepted; `refuse_reason` optionally explains the rest);
    or only `refuse_reason` (a motivated refusal). Accepting starts the payment term."""
    refuse_reason = refuse_reason.strip()
    modes = [full, accepted_lines is not None, bool(refuse_reason) and accepted_lines is None]
    if sum(modes) != 1:
        raise ValidationFailed({"decision": MSG_ONE_DECISION})
    require_member(user, document.stage.contract.customer, MSG_NOT_CUSTOMER)
    now = now or timezone.now()
    require_signing_key(user, now)
    with transaction.atomic():
        locked = AcceptanceDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != AcceptanceStatus.SUBMITTED:
            raise Conflict(MSG_ALREADY_DECIDED)
        stage = _locked_stage(locked.stage)
        contract = _locked_contract(stage.contract_id)
        require_in_force(contract, now)
        _require_commission_votes(locked, contract)
        lines = list(locked.lines.select_related("contract_item").order_by("contract_item__position"))
        quantities = _accepted_quantities(locked, lines, full=full, accepted_lines=accepted_lines)
        for line in lines:
            line.accepted_quantity = quantities[line.contract_item_id]
            line.accepted_amount = round_money(line.accepted_quantity * line.unit_price)
        AcceptanceLine.objects.bulk_update(lines, ["accepted_quantity", "accepted_amount"])
        locked.accepted_amount = sum((line.accepted_amount for line in lines), Decimal(0))
        if locked.accepted_amount == 0:
            status = AcceptanceStatus.REFUSED
        elif all(line.accepted_quantity == line.quantity for line in lines):
            status = AcceptanceStatus.ACCEPTED
        else:
            status = AcceptanceStatus.PARTIALLY_ACCEPTED
        locked.decided_at, locked.decided_by, locked.refusal_reason = now, user, refuse_reason
        fields = ["accepted_amount", "decided_at", "decided_by", "refusal_reason", "payment_due_at"]
        if locked.accepted_amount > 0:
            days = contract_rule_int("contract.payment.max_working_days", contract=contract, at=now)
            locked.payment_due_at = working_deadline(
                start=now, working_days=days, tz_name=contract.customer.region.timezone
            )
        acceptance_set_status(locked, status, fields=fields)
        stage.contract = contract
        stage_set_status(stage, _stage_status_after_decision(stage))
        locked.stage = stage
        paper = decision_paper_create(acceptance=locked, user=user, now=now)
        audit_record(
            actor=user,
            event=EventType.ACCEPTANCE_DECIDED,
            obj=locked,
            details={
                "number": locked.number,
                "version": locked.version,
                "decision": status.value,
                "accepted_amount": locked.accepted_amount,
                "payment_due_at": locked.payment_due_at,
                "reason": refuse_reason,
                "lines": _lines_details(locked),
                "document_sha256": paper.file.sha256,
            },
        )
    return locked
