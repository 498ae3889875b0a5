"""Contract card, acceptance as signed documents: PDF downloads, the acceptance commission and its
members' votes. The card's `_perform` hands the actions in ACCEPTANCE_ACTIONS to `acceptance_perform`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.models import AcceptanceDocument, Contract
from zakupki.contracts.selectors import contract_visible_to
from zakupki.contracts.selectors_acceptance import (
    acceptance_paper_pdf,
    commission_members,
    contract_commission,
    documents_awaiting_vote,
)
from zakupki.contracts.services import acceptance_commission_appoint, acceptance_vote
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.web.errors import acting_user, domain_errors

ACCEPTANCE_ACTIONS = frozenset({"appoint_commission", "vote"})


def acceptance_card_context(*, contract: Contract, user: User, side: str) -> dict[str, Any]:
    commission = contract_commission(contract=contract)
    employees: list[User] = []
    if commission is None and side == "customer":
        employees = list(
            User.objects.filter(organization=contract.customer, is_active=True).order_by("full_name", "pk")
        )
    return {
        "commission": commission,
        "commission_members": commission_members(commission=commission) if commission else [],
        "customer_employees": employees,
        "vote_documents": documents_awaiting_vote(contract=contract, viewer=user),
    }


def _document(contract: Contract, raw: str) -> AcceptanceDocument:
    document = (
        AcceptanceDocument.objects.select_related("stage__contract")
        .filter(stage__contract=contract, pk=int(raw) if raw.isdigit() else 0)
        .first()
    )
    if document is None:
        raise NotFound("Документ о приёмке не найден")
    return document


def _appoint(request: HttpRequest, contract: Contract, user: User) -> str:
    ids = [int(raw) for raw in request.POST.getlist("members") if raw.isdigit()]
    chair_raw = str(request.POST.get("chair", ""))
    people = {
        person.pk: person
        for person in User.objects.filter(pk__in=[*ids, int(chair_raw) if chair_raw.isdigit() else 0])
        if is_member_of(person, contract.customer)
    }
    if any(pk not in people for pk in ids):
        raise ValidationFailed({"members": "Членами комиссии могут быть только сотрудники заказчика"})
    chair = people.get(int(chair_raw)) if chair_raw.isdigit() else None
    acceptance_commission_appoint(
        contract=contract, user=user, members=[people[pk] for pk in ids], chair=chair
    )
    return "Приёмочная комиссия назначена"


def acceptance_perform(request: HttpRequest, contract: Contract, user: User, action: str) -> str:
    """Runs one acceptance action of the card; returns the success message."""
    if action == "appoint_commission":
        return _appoint(request, contract, user)
    approve = request.POST.get("verdict") == "approve"
    acceptance_vote(
        document=_document(contract, str(request.POST.get("document", ""))),
        user=user,
        approve=approve,
        dissent_reason=str(request.POST.get("reason", "")),
    )
    return "Ваш голос учтён: документ подписан" if approve else "Особое мнение учтено: документ подписан"


@require_safe
@login_required
@domain_errors
def acceptance_file(request: HttpRequest, contract_id: int, document_id: int, kind: str) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    filename, content = acceptance_paper_pdf(document=_document(contract, str(document_id)), kind=kind)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
