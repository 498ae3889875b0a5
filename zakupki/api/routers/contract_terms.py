"""Contract terms: the stage plan of a draft, supplementary agreements (ст.95 ч.1) and the signing
deadlines of drafts. Only members of the contract's parties see a contract (others: 404)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.api.auth import AUTH, current_user
from zakupki.api.encoding import money_text
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.contract_terms import (
    ChangeCloseIn,
    ChangeLineOut,
    ChangeOut,
    ChangeProposeIn,
    ContractTermsOut,
    PlannedStageOut,
    SigningDueOut,
    StagePlanIn,
)
from zakupki.contracts.change_selectors import contract_changes
from zakupki.contracts.change_states import ChangeKind, ChangeStatus
from zakupki.contracts.models import Contract, ContractChange
from zakupki.contracts.selectors import contract_visible_to
from zakupki.contracts.services import (
    StagePlanData,
    contract_change_decline,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
    contract_change_withdraw,
    contract_stage_plan_set,
)
from zakupki.contracts.signing_deadlines import SigningDue, contract_signing_due, signing_due_for_organization
from zakupki.core.errors import NotFound, ValidationFailed

router = Router(tags=["Контракты: изменения, этапы, сроки подписания"])


def _decimal(raw: str | None, field: str, what: str) -> Decimal:
    try:
        value = Decimal((raw or "").strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationFailed({field: f"{what} указывается числом"}) from None
    if not value.is_finite():
        raise ValidationFailed({field: f"{what} указывается числом"})
    return value


def _signing_out(due: SigningDue) -> SigningDueOut:
    return SigningDueOut(
        contract_id=due.contract.pk,
        contract_number=due.contract.number,
        side=due.side,
        due_at=due.due_at,
        overdue=due.overdue,
    )


def change_out(change: ContractChange) -> ChangeOut:
    return ChangeOut(
        id=change.pk,
        number=change.number,
        kind=change.kind,
        kind_label=str(ChangeKind(change.kind).label),
        status=change.status,
        status_label=str(ChangeStatus(change.status).label),
        reason=change.reason,
        price_before=money_text(change.price_before),
        price_after=money_text(change.price_after),
        proposed_at=change.proposed_at,
        supplier_signed_at=change.supplier_signed_at,
        in_force_at=change.in_force_at,
        closed_at=change.closed_at,
        close_reason=change.close_reason,
        document_sha256=change.document.sha256,
        lines=[
            ChangeLineOut(
                item_id=line.contract_item_id,
                name=line.contract_item.name,
                quantity_before=f"{line.quantity_before.normalize():f}",
                quantity_after=f"{line.quantity_after.normalize():f}",
                unit_price_before=money_text(line.unit_price_before),
                unit_price_after=money_text(line.unit_price_after),
                amount_before=money_text(line.amount_before),
                amount_after=money_text(line.amount_after),
            )
            for line in sorted(change.lines.all(), key=lambda line: line.contract_item.position)
        ],
    )


def terms_out(contract: Contract) -> ContractTermsOut:
    contract.refresh_from_db()
    due = contract_signing_due(contract=contract, now=timezone.now())
    return ContractTermsOut(
        contract_id=contract.pk,
        price=money_text(contract.price),
        signing=_signing_out(due) if due is not None else None,
        stages=[
            PlannedStageOut(
                number=stage.number,
                due_date=stage.due_date,
                amount=money_text(stage.amount),
                items=[
                    {
                        "item_id": row.contract_item_id,
                        "quantity": f"{row.quantity.normalize():f}",
                        "amount": money_text(row.amount),
                    }
                    for row in stage.items.order_by("contract_item__position")
                ],
            )
            for stage in contract.stages.order_by("number")
        ],
        changes=[change_out(change) for change in contract_changes(contract=contract)],
    )


def _change(contract: Contract, change_id: int) -> ContractChange:
    change = (
        ContractChange.objects.select_related("contract", "document")
        .filter(contract=contract, pk=change_id)
        .first()
    )
    if change is None:
        raise NotFound("Дополнительное соглашение не найдено")
    return change


@router.get(
    "/contracts/signing-deadlines",
    auth=AUTH,
    response={200: list[SigningDueOut], ERROR_CODES: ErrorOut},
)
def signing_deadlines(request: HttpRequest) -> list[SigningDueOut]:
    """Проекты контрактов организации, ожидающие подписи: чья подпись, срок, просрочен ли он."""
    user = current_user(request)
    if user.organization is None:
        return []
    rows = signing_due_for_organization(organization=user.organization, now=timezone.now())
    return [_signing_out(due) for due in rows]


@router.get(
    "/contracts/{contract_id}/terms", auth=AUTH, response={200: ContractTermsOut, ERROR_CODES: ErrorOut}
)
def contract_terms(request: HttpRequest, contract_id: int) -> ContractTermsOut:
    """Срок подписания (для проекта), этапы с обязательствами и дополнительные соглашения контракта."""
    user = current_user(request)
    return terms_out(contract_visible_to(contract_id=contract_id, viewer=user))


@router.post(
    "/contracts/{contract_id}/stage-plan", auth=AUTH, response={200: ContractTermsOut, ERROR_CODES: ErrorOut}
)
def stage_plan_set(request: HttpRequest, contract_id: int, payload: StagePlanIn) -> ContractTermsOut:
    """Этапы исполнения проекта контракта (заказчик, до подписания поставщиком); заменяют прежние."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    stages = [
        StagePlanData(
            due_date=stage.due_date,
            quantities={q.item_id: _decimal(q.quantity, "stages", "Количество") for q in stage.quantities},
        )
        for stage in payload.stages
    ]
    contract_stage_plan_set(contract=contract, user=user, stages=stages)
    return terms_out(contract)


@router.post("/contracts/{contract_id}/changes", auth=AUTH, response={201: ChangeOut, ERROR_CODES: ErrorOut})
def change_propose(request: HttpRequest, contract_id: int, payload: ChangeProposeIn) -> Status[ChangeOut]:
    """Предложить поставщику дополнительное соглашение: изменение количества (не более 10 %) или
    снижение цены за единицу (заказчик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    if payload.kind not in ChangeKind.values:
        raise ValidationFailed({"kind": "Вид изменения: «quantity» или «price_reduction»"})
    kind = ChangeKind(payload.kind)
    if kind == ChangeKind.QUANTITY:
        quantities = {
            line.item_id: _decimal(line.quantity, "quantities", "Количество") for line in payload.lines
        }
        change = contract_change_propose(
            contract=contract, user=user, kind=kind, reason=payload.reason, quantities=quantities
        )
    else:
        prices = {line.item_id: _decimal(line.unit_price, "unit_prices", "Цена") for line in payload.lines}
        change = contract_change_propose(
            contract=contract, user=user, kind=kind, reason=payload.reason, unit_prices=prices
        )
    return Status(201, change_out(change))


def _side(contract: Contract, user: User) -> str:
    return "supplier" if is_member_of(user, contract.supplier) else "customer"


@router.post(
    "/contracts/{contract_id}/changes/{change_id}/sign",
    auth=AUTH,
    response={200: ChangeOut, ERROR_CODES: ErrorOut},
)
def change_sign(request: HttpRequest, contract_id: int, change_id: int) -> ChangeOut:
    """Подписать дополнительное соглашение от имени своей стороны (сначала поставщик, затем заказчик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    change = _change(contract, change_id)
    if _side(contract, user) == "supplier":
        change = contract_change_sign_supplier(change=change, user=user)
    else:
        change = contract_change_sign_customer(change=change, user=user)
    return change_out(change)


@router.post(
    "/contracts/{contract_id}/changes/{change_id}/decline",
    auth=AUTH,
    response={200: ChangeOut, ERROR_CODES: ErrorOut},
)
def change_decline(
    request: HttpRequest, contract_id: int, change_id: int, payload: ChangeCloseIn
) -> ChangeOut:
    """Отклонить дополнительное соглашение (поставщик, до подписания)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    change = contract_change_decline(change=_change(contract, change_id), user=user, reason=payload.reason)
    return change_out(change)


@router.post(
    "/contracts/{contract_id}/changes/{change_id}/withdraw",
    auth=AUTH,
    response={200: ChangeOut, ERROR_CODES: ErrorOut},
)
def change_withdraw(
    request: HttpRequest, contract_id: int, change_id: int, payload: ChangeCloseIn
) -> ChangeOut:
    """Отозвать дополнительное соглашение до вступления в силу (заказчик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    change = contract_change_withdraw(change=_change(contract, change_id), user=user, reason=payload.reason)
    return change_out(change)
