from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum

from zakupki.accounts.models import Organization, User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.enums import ACCEPTED_DOCUMENT_STATUSES, AcceptanceStatus, ContractStatus
from zakupki.contracts.models import AcceptanceDocument, AcceptanceLine, Contract, Stage, StageItem
from zakupki.core.errors import NotFound


def contracts_of_organization(*, organization: Organization) -> QuerySet[Contract]:
    return (
        Contract.objects.filter(Q(customer=organization) | Q(supplier=organization))
        .select_related("customer", "supplier")
        .order_by("-created_at")
    )


def contract_effective_status(*, contract: Contract, now: dt.datetime) -> ContractStatus:
    """The status as of `now`, whatever the worker has done: a unilateral refusal whose effective
    instant has passed is a terminated contract even before the worker records it."""
    status = ContractStatus(contract.status)
    if (
        status == ContractStatus.TERMINATION_PENDING
        and contract.termination_effective_at is not None
        and contract.termination_effective_at <= now
    ):
        return ContractStatus.TERMINATED
    return status


def acceptance_payment_is_overdue(*, document: AcceptanceDocument, now: dt.datetime) -> bool:
    """Computed at read time: the payment term has ended and something accepted is still unpaid."""
    return (
        document.payment_due_at is not None
        and document.payment_due_at < now
        and document.paid_amount < document.accepted_amount
    )


def payments_overdue(*, now: dt.datetime) -> QuerySet[AcceptanceDocument]:
    """Accepted documents whose payment term has ended with an unpaid remainder."""
    return (
        AcceptanceDocument.objects.filter(
            status__in=ACCEPTED_DOCUMENT_STATUSES,
            payment_due_at__lt=now,
            paid_amount__lt=F("accepted_amount"),
        )
        .select_related("stage__contract")
        .order_by("payment_due_at", "pk")
    )


def stage_remaining_quantities(*, stage: Stage) -> dict[int, Decimal]:
    """Per contract item id: the stage obligation minus what is accepted or still under review."""
    accepted = dict(
        AcceptanceLine.objects.filter(document__stage=stage, document__status__in=ACCEPTED_DOCUMENT_STATUSES)
        .values_list("contract_item_id")
        .annotate(total=Sum("accepted_quantity"))
        .values_list("contract_item_id", "total")
    )
    pending = dict(
        AcceptanceLine.objects.filter(document__stage=stage, document__status=AcceptanceStatus.SUBMITTED)
        .values_list("contract_item_id")
        .annotate(total=Sum("quantity"))
        .values_list("contract_item_id", "total")
    )
    return {
        row.contract_item_id: row.quantity
        - Decimal(accepted.get(row.contract_item_id) or 0)
        - Decimal(pending.get(row.contract_item_id) or 0)
        for row in StageItem.objects.filter(stage=stage)
    }


def stage_accepted_quantities(*, stage: Stage) -> dict[int, Decimal]:
    rows = (
        AcceptanceLine.objects.filter(document__stage=stage, document__status__in=ACCEPTED_DOCUMENT_STATUSES)
        .values_list("contract_item_id")
        .annotate(total=Sum("accepted_quantity"))
        .values_list("contract_item_id", "total")
    )
    return {item_id: Decimal(total or 0) for item_id, total in rows}


MSG_CONTRACT_NOT_FOUND = "Контракт не найден"


def contract_visible_to(*, contract_id: int, viewer: User) -> Contract:
    """The contract if the viewer works for one of its parties; otherwise NotFound (its existence is
    none of an outsider's business)."""
    contract = (
        Contract.objects.select_related("customer__region", "supplier__region").filter(pk=contract_id).first()
    )
    if contract is None or not (
        is_member_of(viewer, contract.customer) or is_member_of(viewer, contract.supplier)
    ):
        raise NotFound(MSG_CONTRACT_NOT_FOUND)
    return contract
