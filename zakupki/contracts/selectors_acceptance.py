"""Reads for acceptance as signed documents: the PDFs, the signatures on them, the commission's votes."""

from __future__ import annotations

from django.db.models import QuerySet

from zakupki.accounts.models import User
from zakupki.contracts.enums import AcceptanceStatus
from zakupki.contracts.models import (
    AcceptanceApproval,
    AcceptanceCommission,
    AcceptanceCommissionMember,
    AcceptanceDocument,
    AcceptancePaper,
    Contract,
)
from zakupki.core.errors import Conflict, NotFound
from zakupki.documents.models import Signature
from zakupki.documents.services.storage import document_read_verified

PAPER_FILENAMES = {
    AcceptancePaper.Kind.SUBMISSION: "acceptance-{number}-v{version}.pdf",
    AcceptancePaper.Kind.DECISION: "acceptance-{number}-v{version}-decision.pdf",
}


def acceptance_paper_pdf(*, document: AcceptanceDocument, kind: str) -> tuple[str, bytes]:
    """The file name and verified bytes of a signed PDF; NotFound for an unknown kind or a missing
    file (a decision exists only once taken); Conflict when the stored bytes were tampered with."""
    if kind not in AcceptancePaper.Kind.values:
        raise NotFound("Такого файла у документа о приёмке нет")
    paper = AcceptancePaper.objects.select_related("file").filter(acceptance=document, kind=kind).first()
    if paper is None:
        raise NotFound("Файл документа о приёмке ещё не сформирован")
    name = PAPER_FILENAMES[AcceptancePaper.Kind(kind)].format(
        number=document.number, version=document.version
    )
    try:
        return name, document_read_verified(document=paper.file)
    except ValueError:
        raise Conflict(f"Файл «{paper.file.title}» изменён после подписания: выдача невозможна") from None


def acceptance_papers(*, document: AcceptanceDocument) -> list[AcceptancePaper]:
    return list(
        AcceptancePaper.objects.filter(acceptance=document)
        .select_related("file", "signature__signer")
        .order_by("created_at", "pk")
    )


def acceptance_signatures(*, paper: AcceptancePaper) -> QuerySet[Signature]:
    """Everyone who signed the file: the author, and on the supplier's file the commission's members."""
    return Signature.objects.filter(document=paper.file).select_related("signer").order_by("signed_at", "pk")


def acceptance_votes(*, document: AcceptanceDocument) -> list[AcceptanceApproval]:
    return list(document.approvals.select_related("member").order_by("voted_at", "pk"))


def contract_commission(*, contract: Contract) -> AcceptanceCommission | None:
    return AcceptanceCommission.objects.filter(contract=contract).first()


def commission_members(*, commission: AcceptanceCommission) -> list[AcceptanceCommissionMember]:
    return list(commission.members.select_related("user").order_by("-is_chair", "pk"))


def documents_awaiting_vote(*, contract: Contract, viewer: User) -> set[int]:
    """Submitted documents of the contract on which the viewer, a commission member, has not voted."""
    commission = contract_commission(contract=contract)
    if commission is None or not commission.members.filter(user=viewer).exists():
        return set()
    voted = AcceptanceApproval.objects.filter(member=viewer).values_list("acceptance_id", flat=True)
    return set(
        AcceptanceDocument.objects.filter(stage__contract=contract, status=AcceptanceStatus.SUBMITTED)
        .exclude(pk__in=voted)
        .values_list("pk", flat=True)
    )
