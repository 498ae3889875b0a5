"""The contract-terms page: the stage plan of a draft (customer), supplementary agreements (ст.95 ч.1):
propose (customer), sign or decline (supplier), sign or withdraw (customer), the agreement's PDF, and the
signing deadline. Seen only by members of the parties (others: 404); refusals are shown with status 400."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.change_selectors import contract_changes, contract_open_change
from zakupki.contracts.change_states import ChangeKind
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, ContractChange, ContractItem
from zakupki.contracts.selectors import contract_effective_status, contract_visible_to
from zakupki.contracts.services import (
    StagePlanData,
    contract_change_decline,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
    contract_change_withdraw,
    contract_stage_plan_set,
)
from zakupki.contracts.signing_deadlines import contract_signing_due
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.documents.services.storage import document_read_verified
from zakupki.web.errors import acting_user, domain_errors, page_action

MAX_FORM_STAGES = 12
CHANGEABLE = (ContractStatus.CONCLUDED, ContractStatus.EXECUTING)


def _stage_rows(contract: Contract) -> list[dict[str, Any]]:
    return [
        {
            "stage": stage,
            "items": list(stage.items.select_related("contract_item").order_by("contract_item__position")),
        }
        for stage in contract.stages.order_by("number")
    ]


def _render(
    request: HttpRequest, contract: Contract, user: User, *, error: str = "", status: int = 200
) -> HttpResponse:
    now = timezone.now()
    contract.refresh_from_db()
    effective = contract_effective_status(contract=contract, now=now)
    side = "customer" if is_member_of(user, contract.customer) else "supplier"
    items = list(contract.items.order_by("position"))
    rows = _stage_rows(contract)
    raw = request.GET.get("stages", "")
    form_stages = int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_FORM_STAGES else max(len(rows), 2)
    context = {
        "contract": contract,
        "status": effective,
        "side": side,
        "tz": contract.customer.region.timezone,
        "items": items,
        "stage_rows": rows,
        "signing": contract_signing_due(contract=contract, now=now),
        "changes": list(contract_changes(contract=contract)),
        "open_change": contract_open_change(contract=contract),
        "can_plan": side == "customer" and effective == ContractStatus.DRAFT,
        "plan_numbers": range(1, form_stages + 1),
        "can_propose": side == "customer" and effective in CHANGEABLE,
        "kinds": ChangeKind.choices,
        "error": error,
    }
    return render(request, "web/contracts/terms.html", context, status=status)


@require_safe
@login_required
@domain_errors
def contract_terms(request: HttpRequest, contract_id: int) -> HttpResponse:
    user = acting_user(request)
    return _render(request, contract_visible_to(contract_id=contract_id, viewer=user), user)


def _number(raw: str, *, field: str, what: str, item: ContractItem) -> Decimal | None:
    text = raw.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationFailed({field: f"{what} по позиции «{item.name}» указывается числом"}) from None
    if not value.is_finite():
        raise ValidationFailed({field: f"{what} по позиции «{item.name}» указывается числом"})
    return value


def _plan(request: HttpRequest, items: list[ContractItem]) -> list[StagePlanData]:
    stages: list[StagePlanData] = []
    for n in range(1, MAX_FORM_STAGES + 1):
        due_raw = request.POST.get(f"due_{n}", "").strip()
        quantities = {
            item.pk: q
            for item in items
            if (
                q := _number(
                    request.POST.get(f"qty_{n}_{item.pk}", ""), field="stages", what="Количество", item=item
                )
            )
            is not None
        }
        if not due_raw and not quantities:
            continue
        try:
            due = dt.date.fromisoformat(due_raw)
        except ValueError:
            raise ValidationFailed({"stages": f"Этап {n}: укажите срок исполнения (дату)"}) from None
        stages.append(StagePlanData(due_date=due, quantities=quantities))
    return stages


def _change(contract: Contract, request: HttpRequest) -> ContractChange:
    raw = request.POST.get("change", "")
    change = (
        ContractChange.objects.select_related("contract", "document")
        .filter(contract=contract, pk=int(raw) if raw.isdigit() else 0)
        .first()
    )
    if change is None:
        raise NotFound("Дополнительное соглашение не найдено")
    return change


def _perform(request: HttpRequest, contract: Contract, user: User, action: str) -> str:
    items = list(contract.items.order_by("position"))
    reason = str(request.POST.get("reason", ""))
    if action == "plan":
        contract_stage_plan_set(contract=contract, user=user, stages=_plan(request, items))
        return "Этапы исполнения сохранены"
    if action == "propose":
        kind_raw = request.POST.get("kind", "")
        if kind_raw not in ChangeKind.values:
            raise ValidationFailed({"kind": "Выберите вид изменения"})
        kind = ChangeKind(kind_raw)
        prefix, what = ("qty", "Количество") if kind == ChangeKind.QUANTITY else ("price", "Цена")
        values = {
            item.pk: v
            for item in items
            if (v := _number(request.POST.get(f"{prefix}_{item.pk}", ""), field=prefix, what=what, item=item))
            is not None
        }
        change = contract_change_propose(
            contract=contract,
            user=user,
            kind=kind,
            reason=reason,
            quantities=values if kind == ChangeKind.QUANTITY else None,
            unit_prices=values if kind == ChangeKind.PRICE_REDUCTION else None,
        )
        return f"Дополнительное соглашение № {change.number} направлено поставщику"
    change = _change(contract, request)
    if action == "sign":
        if is_member_of(user, contract.supplier):
            contract_change_sign_supplier(change=change, user=user)
            return f"Дополнительное соглашение № {change.number} подписано поставщиком"
        contract_change_sign_customer(change=change, user=user)
        return f"Дополнительное соглашение № {change.number} подписано заказчиком и вступило в силу"
    if action == "decline":
        contract_change_decline(change=change, user=user, reason=reason)
        return f"Дополнительное соглашение № {change.number} отклонено"
    if action == "withdraw":
        contract_change_withdraw(change=change, user=user, reason=reason)
        return f"Дополнительное соглашение № {change.number} отозвано"
    raise NotFound("Неизвестное действие")


@require_POST
@login_required
@domain_errors
def contract_terms_action(request: HttpRequest, contract_id: int, action: str) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    return page_action(
        request,
        lambda: _perform(request, contract, user, action),
        refused=lambda error: _render(request, contract, user, error=error, status=400),
        then=reverse("web:contract_terms", args=[contract.pk]),
    )


@require_safe
@login_required
@domain_errors
def contract_change_pdf(request: HttpRequest, contract_id: int, change_id: int) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    change = ContractChange.objects.select_related("document").filter(contract=contract, pk=change_id).first()
    if change is None:
        raise NotFound("Дополнительное соглашение не найдено")
    response = HttpResponse(document_read_verified(document=change.document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dopsoglashenie-{contract.pk}-{change.number}.pdf"'
    return response
