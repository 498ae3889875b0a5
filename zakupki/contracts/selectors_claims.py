"""Reads for claims and termination documents."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet, Sum

from zakupki.accounts.models import User
from zakupki.contracts.claim_states import ClaimKind, ClaimStatus
from zakupki.contracts.enums import ACCEPTED_DOCUMENT_STATUSES
from zakupki.contracts.models import AcceptanceDocument, Contract, ContractClaim, Stage, TerminationPaper
from zakupki.contracts.selectors import contract_visible_to
from zakupki.core.errors import Conflict, NotFound
from zakupki.documents.models import Document, Signature
from zakupki.documents.services.storage import document_read_verified

MSG_CLAIM_NOT_FOUND = "Требование не найдено"


def stage_accepted_amount(*, stage: Stage) -> Decimal:
    """В of ч.7 ст.34: what the customer has accepted under the stage so far."""
    total = AcceptanceDocument.objects.filter(stage=stage, status__in=ACCEPTED_DOCUMENT_STATUSES).aggregate(
        total=Sum("accepted_amount")
    )["total"]
    return Decimal(total or 0)


def contract_claims(*, contract: Contract) -> QuerySet[ContractClaim]:
    return (
        ContractClaim.objects.filter(contract=contract).select_related("stage", "document").order_by("number")
    )


def contract_fines_charged(*, contract: Contract) -> Decimal:
    """Fines already claimed (not withdrawn): the ПП 1042 п.11 cap counts them."""
    total = (
        ContractClaim.objects.filter(contract=contract, kind=ClaimKind.FINE)
        .exclude(status=ClaimStatus.WITHDRAWN)
        .aggregate(total=Sum("amount"))["total"]
    )
    return Decimal(total or 0)


def contract_claims_total(*, contract: Contract) -> Decimal:
    """All penalties and fines claimed under the contract and not withdrawn: the base of ПП 783."""
    total = (
        ContractClaim.objects.filter(contract=contract)
        .exclude(status=ClaimStatus.WITHDRAWN)
        .aggregate(total=Sum("amount"))["total"]
    )
    return Decimal(total or 0)


def open_claim_keys(*, stages: list[Stage]) -> set[tuple[int, str]]:
    """(stage id, kind) of the open claims among the stages: the dashboard hides their button."""
    rows = ContractClaim.objects.filter(stage__in=stages, status=ClaimStatus.RAISED).values_list(
        "stage_id", "kind"
    )
    return {(stage_id, kind) for stage_id, kind in rows}


def claim_visible_to(*, claim_id: int, viewer: User) -> ContractClaim:
    claim = ContractClaim.objects.select_related("contract", "stage", "document").filter(pk=claim_id).first()
    if claim is None:
        raise NotFound(MSG_CLAIM_NOT_FOUND)
    try:
        contract_visible_to(contract_id=claim.contract_id, viewer=viewer)
    except NotFound as exc:
        raise NotFound(MSG_CLAIM_NOT_FOUND) from exc
    return claim


def contract_termination_papers(*, contract: Contract) -> QuerySet[TerminationPaper]:
    return (
        TerminationPaper.objects.filter(contract=contract).select_related("file").order_by("created_at", "pk")
    )


def document_pdf(*, file: Document) -> bytes:
    """Verified bytes of a signed PDF; Conflict when the stored bytes were tampered with."""
    try:
        return document_read_verified(document=file)
    except ValueError:
        raise Conflict(f"Файл «{file.title}» изменён после подписания: выдача невозможна") from None


def termination_paper_of(*, contract: Contract, paper_id: int) -> TerminationPaper:
    paper = TerminationPaper.objects.select_related("file").filter(contract=contract, pk=paper_id).first()
    if paper is None:
        raise NotFound("Документ о расторжении не найден")
    return paper


def signatures_of(*, ids: list[int]) -> QuerySet[Signature]:
    return Signature.objects.filter(pk__in=ids).select_related("signer").order_by("signed_at", "pk")
