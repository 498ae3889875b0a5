"""Contract pages: the list by status with the viewer's dashboard, and the contract card with the
action forms of the viewer's side and the signing-key block. A contract is seen only by members of its
parties (others: 404). Every refusal is shown on the card with status 400."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zakupki.accounts.models import Organization, User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.claims import Calculation, ClaimError, supplier_delay_penalty
from zakupki.contracts.enums import ACCEPTED_DOCUMENT_STATUSES, AcceptanceStatus, ContractStatus, StageStatus
from zakupki.contracts.models import AcceptanceDocument, Contract, Stage, TerminationProposal
from zakupki.contracts.selectors import (
    MSG_CONTRACT_NOT_FOUND,
    acceptance_payment_is_overdue,
    contract_effective_status,
    contract_visible_to,
    contracts_of_organization,
)
from zakupki.contracts.services import (
    AcceptanceLineData,
    acceptance_correct,
    acceptance_decide,
    acceptance_submit,
    contract_cure_breach,
    contract_sign_customer,
    contract_sign_supplier,
    contract_terminate_by_court,
    contract_unilateral_refusal,
    payment_record,
    termination_agreement_accept,
    termination_agreement_decline,
    termination_agreement_propose,
)
from zakupki.contracts.states import CONTRACT_IN_FORCE
from zakupki.core.errors import Conflict, NotFound, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.documents.models import SigningKey
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.rules.calendar import add_working_days
from zakupki.web.errors import acting_user, domain_errors, page_action
from zakupki.web.forms.contracts import CourtForm, DecisionForm, LinesForm, PaymentForm, ReasonForm
from zakupki.web.views.contracts_acceptance import (
    ACCEPTANCE_ACTIONS,
    acceptance_card_context,
    acceptance_perform,
)

DUE_SOON_WORKING_DAYS = 10
OPEN_STAGE_STATUSES = (StageStatus.PENDING, StageStatus.PARTIALLY_ACCEPTED, StageStatus.REFUSED)


def _organization(user: User) -> Organization:
    if user.organization is None:
        raise Http404(MSG_CONTRACT_NOT_FOUND)
    return user.organization


# ------------------------------------------------------------------------------------------ dashboard


@dataclass(frozen=True)
class Claim:
    stage: Stage
    fulfilled: Decimal
    calculation: Calculation | None
    problem: str


def stage_accepted_amount(stage: Stage) -> Decimal:
    total = AcceptanceDocument.objects.filter(stage=stage, status__in=ACCEPTED_DOCUMENT_STATUSES).aggregate(
        total=Sum("accepted_amount")
    )["total"]
    return Decimal(total or 0)


def dashboard(*, organization: Organization, now: dt.datetime) -> dict[str, Any]:
    """The viewer's side: what is due and overdue now, and for a customer the пени to claim."""
    today = local_date(now, organization.region.timezone)
    horizon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    mine = Q(contract__customer=organization) | Q(contract__supplier=organization)
    candidates = (
        Stage.objects.filter(mine, status__in=OPEN_STAGE_STATUSES, contract__status__in=CONTRACT_IN_FORCE)
        .select_related("contract__customer__region", "contract__supplier")
        .order_by("due_date", "pk")
    )
    open_stages = [
        s for s in candidates if contract_effective_status(contract=s.contract, now=now) in CONTRACT_IN_FORCE
    ]
    due_soon = [s for s in open_stages if today <= s.due_date <= horizon]
    overdue = [s for s in open_stages if s.due_date < today]
    doc_mine = Q(stage__contract__customer=organization) | Q(stage__contract__supplier=organization)
    waiting = list(
        AcceptanceDocument.objects.filter(doc_mine, status=AcceptanceStatus.SUBMITTED)
        .select_related("stage__contract")
        .order_by("decision_due_at", "pk")
    )
    unpaid = [
        d
        for d in AcceptanceDocument.objects.filter(doc_mine, status__in=ACCEPTED_DOCUMENT_STATUSES)
        .select_related("stage__contract")
        .order_by("payment_due_at", "pk")
        if d.paid_amount < d.accepted_amount
    ]
    payments_overdue = [d for d in unpaid if acceptance_payment_is_overdue(document=d, now=now)]
    payments_due = [d for d in unpaid if d not in payments_overdue]
    claims: list[Claim] = []
    for stage in overdue:
        if stage.contract.customer_id != organization.pk:
            continue
        fulfilled = stage_accepted_amount(stage)
        try:
            calculation = supplier_delay_penalty(
                price=stage.amount,
                fulfilled=fulfilled,
                due=stage.due_date,
                paid_on=today,
                region=stage.contract.customer.region,
            )
        except ClaimError as exc:
            claims.append(Claim(stage, fulfilled, None, str(exc)))
        else:
            claims.append(Claim(stage, fulfilled, calculation, ""))
    return {
        "today": today,
        "horizon": horizon,
        "due_soon": due_soon,
        "overdue": overdue,
        "waiting": waiting,
        "payments_due": payments_due,
        "payments_overdue": payments_overdue,
        "claims": claims,
        "is_customer_side": organization.kind == "customer",
    }


# ---------------------------------------------------------------------------------------------- pages


@require_safe
@login_required
@domain_errors
def contract_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    organization = _organization(user)
    now = timezone.now()
    rows = [
        (contract, contract_effective_status(contract=contract, now=now))
        for contract in contracts_of_organization(organization=organization)
    ]
    counts = Counter(status for _, status in rows)
    groups = [
        {
            "status": status,
            "label": status.label,
            "count": counts[status],
            "contracts": [c for c, s in rows if s == status],
        }
        for status in ContractStatus
        if counts[status]
    ]
    context = {"groups": groups, "total": len(rows), **dashboard(organization=organization, now=now)}
    return render(request, "web/contracts/list.html", context)


def _render_card(
    request: HttpRequest, contract: Contract, user: User, *, error: str = "", status: int = 200
) -> HttpResponse:
    now = timezone.now()
    contract.refresh_from_db()
    effective = contract_effective_status(contract=contract, now=now)
    side = "customer" if is_member_of(user, contract.customer) else "supplier"
    items = list(contract.items.order_by("position"))
    documents = list(
        AcceptanceDocument.objects.filter(stage__contract=contract)
        .select_related("stage")
        .prefetch_related("lines__contract_item", "payments")
        .order_by("submitted_at", "pk")
    )
    key = SigningKey.objects.filter(user=user, revoked_at__isnull=True, valid_until__gt=now).first()
    context = {
        "contract": contract,
        "status": effective,
        "in_force": effective in CONTRACT_IN_FORCE,
        "side": side,
        "items": items,
        "stages": list(contract.stages.order_by("number")),
        "documents": [
            {"doc": d, "overdue": acceptance_payment_is_overdue(document=d, now=now)} for d in documents
        ],
        "signing_key": key,
        "tz": contract.customer.region.timezone,
        "error": error,
        "can_sign": (side == "supplier" and effective == ContractStatus.DRAFT)
        or (side == "customer" and effective == ContractStatus.SIGNED_BY_SUPPLIER),
        "lines_form": LinesForm(items=items),
        "termination_proposal": contract.termination_proposals.filter(
            status=TerminationProposal.Status.PENDING
        ).first(),
        "can_propose_termination": effective in (ContractStatus.CONCLUDED, ContractStatus.EXECUTING),
        **acceptance_card_context(contract=contract, user=user, side=side),
    }
    return render(request, "web/contracts/detail.html", context, status=status)


@require_safe
@login_required
@domain_errors
def contract_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    user = acting_user(request)
    return _render_card(request, contract_visible_to(contract_id=contract_id, viewer=user), user)


def _first_error(form: Any) -> str:
    return " ".join(str(message) for messages_ in form.errors.values() for message in messages_)


def _lines(contract: Contract, quantities: dict[int, Decimal]) -> list[AcceptanceLineData]:
    items = {item.pk: item for item in contract.items.all()}
    return [AcceptanceLineData(item=items[pk], quantity=qty) for pk, qty in quantities.items()]


def _document(contract: Contract, request: HttpRequest) -> AcceptanceDocument:
    raw = request.POST.get("document", "")
    document = (
        AcceptanceDocument.objects.select_related("stage__contract")
        .filter(stage__contract=contract, pk=int(raw) if raw.isdigit() else 0)
        .first()
    )
    if document is None:
        raise NotFound("Документ о приёмке не найден")
    return document


def _perform(request: HttpRequest, contract: Contract, user: User, action: str) -> str:
    """Runs one action; returns the success message. Raises DomainError or ValidationFailed."""
    items = list(contract.items.order_by("position"))
    if action in ACCEPTANCE_ACTIONS:
        return acceptance_perform(request, contract, user, action)
    if action == "sign":
        if is_member_of(user, contract.supplier):
            contract_sign_supplier(contract=contract, user=user)
            return "Контракт подписан поставщиком"
        contract_sign_customer(contract=contract, user=user)
        return "Контракт подписан заказчиком и заключён"
    if action == "signing_key":
        key = signing_key_issue(user=user, actor=user)
        return f"Ключ электронной подписи № {key.serial} выпущен"
    if action in ("submit", "correct"):
        form = LinesForm(request.POST, items=items)
        if not form.is_valid():
            raise ValidationFailed({"form": _first_error(form)})
        lines = _lines(contract, form.quantities())
        if action == "correct":
            acceptance_correct(document=_document(contract, request), user=user, lines=lines)
            return "Исправленный документ о приёмке размещён"
        stage = Stage.objects.filter(contract=contract, number=form.cleaned_data["stage_number"]).first()
        if stage is None:
            raise NotFound("Этап контракта не найден")
        acceptance_submit(stage=stage, user=user, lines=lines)
        return "Документ о приёмке размещён"
    if action == "decide":
        form_d = DecisionForm(request.POST, items=items)
        if not form_d.is_valid():
            raise ValidationFailed({"form": _first_error(form_d)})
        decision = form_d.cleaned_data["decision"]
        acceptance_decide(
            document=_document(contract, request),
            user=user,
            full=decision == "full",
            accepted_lines=form_d.quantities() if decision == "partial" else None,
            refuse_reason=form_d.cleaned_data["refuse_reason"],
        )
        return "Решение о приёмке принято"
    if action == "pay":
        form_p = PaymentForm(request.POST)
        if not form_p.is_valid():
            raise ValidationFailed({"form": _first_error(form_p)})
        payment_record(
            document=_document(contract, request),
            user=user,
            amount=form_p.cleaned_data["amount"],
            paid_on=form_p.cleaned_data["paid_on"],
        )
        return "Оплата зарегистрирована"
    if action == "refuse":
        form_r = ReasonForm(request.POST)
        if not form_r.is_valid():
            raise ValidationFailed({"reason": "Укажите нарушение, послужившее основанием для отказа"})
        contract_unilateral_refusal(contract=contract, user=user, reason=form_r.cleaned_data["reason"])
        return "Решение об одностороннем отказе размещено"
    if action == "cure":
        contract_cure_breach(contract=contract, user=user)
        return "Решение об одностороннем отказе отменено"
    if action == "court":
        form_c = CourtForm(request.POST)
        if not form_c.is_valid():
            raise ValidationFailed({"decision_ref": "Укажите реквизиты решения суда"})
        contract_terminate_by_court(
            contract=contract, user=user, decision_ref=form_c.cleaned_data["decision_ref"]
        )
        return "Контракт расторгнут по решению суда"
    if action in ("propose_termination", "accept_termination", "decline_termination"):
        return _agreement(request, contract, user, action)
    raise NotFound("Неизвестное действие")


def _agreement(request: HttpRequest, contract: Contract, user: User, action: str) -> str:
    """Termination by agreement: one side proposes, the other accepts or declines."""
    reason = str(request.POST.get("reason", ""))
    if action == "propose_termination":
        termination_agreement_propose(contract=contract, user=user, reason=reason)
        return "Предложение о расторжении по соглашению направлено другой стороне"
    proposal = contract.termination_proposals.filter(status=TerminationProposal.Status.PENDING).first()
    if proposal is None:
        raise Conflict("Нет предложения о расторжении, ожидающего ответа")
    if action == "accept_termination":
        termination_agreement_accept(proposal=proposal, user=user)
        return "Контракт расторгнут по соглашению сторон"
    termination_agreement_decline(proposal=proposal, user=user, reason=reason)
    return "Предложение о расторжении отклонено"


@require_POST
@login_required
@domain_errors
def contract_action(request: HttpRequest, contract_id: int, action: str) -> HttpResponse:
    user = acting_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    return page_action(
        request,
        lambda: _perform(request, contract, user, action),
        refused=lambda error: _render_card(request, contract, user, error=error, status=400),
        then=reverse("web:contract", args=[contract.pk]),
    )
