"""The supplier reports a subcontract from the contract card (ч.5 ст.30). Refusals are shown with status
400 and change nothing; non-members get 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zakupki.contracts.selectors import contract_visible_to
from zakupki.contracts.services import contract_subcontract_add
from zakupki.core.errors import NotFound, PermissionDenied, ValidationFailed
from zakupki.core.money import format_rub, to_money
from zakupki.web.errors import acting_user, domain_errors, page_action


def _amount(raw: str) -> Decimal:
    try:
        return to_money(raw)
    except ValueError as exc:
        raise ValidationFailed({"amount": f"Сумма договора субподряда: {exc}"}) from None


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationFailed({"concluded_on": "Укажите дату договора субподряда"}) from None


@require_POST
@login_required
@domain_errors
def contract_subcontract_add_view(request: HttpRequest, contract_id: int) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)

    def add() -> str:
        subcontract = contract_subcontract_add(
            contract=contract,
            actor=user,
            subcontractor_inn=str(request.POST.get("subcontractor_inn", "")),
            subcontractor_name=str(request.POST.get("subcontractor_name", "")),
            subcontractor_is_smp=request.POST.get("subcontractor_is_smp") == "1",
            amount=_amount(str(request.POST.get("amount", ""))),
            concluded_on=_date(str(request.POST.get("concluded_on", ""))),
        )
        return (
            f"Договор субподряда с {subcontract.subcontractor_name} на {format_rub(subcontract.amount)} учтён"
        )

    return page_action(
        request,
        add,
        refused=lambda error: render(request, "web/error.html", {"message": error}, status=400),
        then=reverse("web:contract", args=[contract.pk]),
        passes=(NotFound, PermissionDenied),
    )
