"""Claims against the supplier on the contract card: raise (customer, amount from the calculator), mark
paid, write off under ПП 783, withdraw; the claim and termination PDFs. Seen only by members of the
parties (others: 404); refusals are shown with status 400 and change nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from zakupki.accounts.models import User
from zakupki.contracts.models import Contract, ContractClaim, Stage
from zakupki.contracts.selectors import contract_visible_to
from zakupki.contracts.selectors_claims import claim_visible_to, document_pdf, termination_paper_of
from zakupki.contracts.services.claims import claim_mark_paid, claim_raise, claim_withdraw, claim_write_off
from zakupki.core.errors import NotFound, PermissionDenied, ValidationFailed
from zakupki.core.money import format_rub
from zakupki.web.errors import acting_user, domain_errors, page_action


def _claim(contract: Contract, request: HttpRequest, user: User) -> ContractClaim:
    raw = request.POST.get("claim", "")
    claim = claim_visible_to(claim_id=int(raw) if raw.isdigit() else 0, viewer=user)
    if claim.contract_id != contract.pk:
        raise NotFound("Требование не найдено")
    return claim


def _paid_on(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationFailed({"paid_on": "Укажите дату оплаты"}) from None


def _perform(request: HttpRequest, contract: Contract, user: User, action: str) -> str:
    if action == "raise":
        raw = request.POST.get("stage_number", "")
        stage = (
            Stage.objects.select_related("contract")
            .filter(contract=contract, number=int(raw) if raw.isdigit() else 0)
            .first()
        )
        if stage is None:
            raise ValidationFailed({"stage_number": "Выберите этап контракта"})
        claim = claim_raise(
            stage=stage,
            user=user,
            kind=str(request.POST.get("kind", "")),
            breach=str(request.POST.get("breach", "")),
        )
        return f"Требование № {claim.number} на {format_rub(claim.amount)} предъявлено поставщику"
    claim = _claim(contract, request, user)
    if action == "paid":
        claim_mark_paid(claim=claim, user=user, paid_on=_paid_on(str(request.POST.get("paid_on", ""))))
        return f"Оплата по требованию № {claim.number} отмечена"
    if action == "writeoff":
        done = claim_write_off(claim=claim, user=user)
        return f"Требование № {claim.number}: списано {format_rub(done.written_off or 0)}"
    if action == "withdraw":
        claim_withdraw(claim=claim, user=user, reason=str(request.POST.get("reason", "")))
        return f"Требование № {claim.number} отозвано"
    raise NotFound("Неизвестное действие")


@require_POST
@login_required
@domain_errors
def contract_claims_action(request: HttpRequest, contract_id: int, action: str) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    return page_action(
        request,
        lambda: _perform(request, contract, user, action),
        refused=lambda error: render(request, "web/error.html", {"message": error}, status=400),
        then=reverse("web:contract", args=[contract.pk]),
        passes=(NotFound, PermissionDenied),
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@login_required
@domain_errors
def contract_claim_pdf(request: HttpRequest, contract_id: int, claim_id: int) -> HttpResponse:
    user = acting_user(request)
    claim = claim_visible_to(claim_id=claim_id, viewer=user)
    if claim.contract_id != contract_id:
        raise NotFound("Требование не найдено")
    return _pdf(document_pdf(file=claim.document), f"trebovanie-{contract_id}-{claim.number}.pdf")


@require_safe
@login_required
@domain_errors
def contract_termination_pdf(request: HttpRequest, contract_id: int, paper_id: int) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    paper = termination_paper_of(contract=contract, paper_id=paper_id)
    return _pdf(document_pdf(file=paper.file), f"rastorzhenie-{contract_id}-{paper.kind}.pdf")
