"""Claims against the supplier (требования об уплате неустойки) and termination documents of a contract.
Seen only by members of the contract's parties; the customer raises and closes claims."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Status

from zakupki.api.auth import AUTH, current_user
from zakupki.api.encoding import money_text
from zakupki.api.schemas.acceptance import SignatureOut
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.contract_claims import ClaimIn, ClaimOut, ClaimPaidIn, TerminationPaperOut
from zakupki.api.schemas.contracts import ReasonIn
from zakupki.contracts.claim_states import ClaimKind, ClaimStatus
from zakupki.contracts.models import ContractClaim, Stage, TerminationPaper
from zakupki.contracts.selectors import contract_visible_to
from zakupki.contracts.selectors_claims import (
    claim_visible_to,
    contract_claims,
    contract_termination_papers,
    document_pdf,
    signatures_of,
    termination_paper_of,
)
from zakupki.contracts.services.claims import claim_mark_paid, claim_raise, claim_withdraw, claim_write_off
from zakupki.core.errors import NotFound
from zakupki.documents.models import Signature

router = Router(tags=["Контракты: требования и расторжение"])
PDF_RESPONSE = {
    "responses": {200: {"content": {"application/pdf": {}}, "description": "Подписанный файл, PDF"}}
}


def _signatures_out(signatures: list[Signature]) -> list[SignatureOut]:
    return [
        SignatureOut(
            signer_id=s.signer_id,
            signer_name=s.signer.full_name or s.signer.username,
            purpose=s.purpose,
            signed_at=s.signed_at,
        )
        for s in signatures
    ]


def claim_out(claim: ContractClaim) -> ClaimOut:
    return ClaimOut(
        id=claim.pk,
        number=claim.number,
        stage_number=claim.stage.number,
        kind=claim.kind,
        kind_label=str(ClaimKind(claim.kind).label),
        status=claim.status,
        status_label=str(ClaimStatus(claim.status).label),
        breach=claim.breach,
        calculated_on=claim.calculated_on,
        amount=money_text(claim.amount),
        working=claim.working,
        raised_at=claim.raised_at,
        paid_on=claim.paid_on,
        written_off=money_text(claim.written_off) if claim.written_off is not None else None,
        to_pay=money_text(claim.to_pay) if claim.to_pay is not None else None,
        close_note=claim.close_note,
        sha256=claim.document.sha256,
        pdf_url=reverse("api-v1:claim_pdf", args=[claim.pk]),
        signatures=_signatures_out(list(signatures_of(ids=[claim.signature_id]))),
    )


def paper_out(paper: TerminationPaper) -> TerminationPaperOut:
    return TerminationPaperOut(
        id=paper.pk,
        kind=paper.kind,
        kind_label=str(TerminationPaper.Kind(paper.kind).label),
        title=paper.file.title,
        sha256=paper.file.sha256,
        created_at=paper.created_at,
        pdf_url=reverse("api-v1:termination_paper_pdf", args=[paper.contract_id, paper.pk]),
        signatures=_signatures_out(
            list(signatures_of(ids=list(paper.signatures.values_list("pk", flat=True))))
        ),
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@router.get(
    "/contracts/{contract_id}/claims", auth=AUTH, response={200: list[ClaimOut], ERROR_CODES: ErrorOut}
)
def claim_list_view(request: HttpRequest, contract_id: int) -> list[ClaimOut]:
    """Требования об уплате неустойки по контракту: видят обе стороны."""
    contract = contract_visible_to(contract_id=contract_id, viewer=current_user(request))
    return [claim_out(claim) for claim in contract_claims(contract=contract)]


@router.post("/contracts/{contract_id}/claims", auth=AUTH, response={201: ClaimOut, ERROR_CODES: ErrorOut})
def claim_raise_view(request: HttpRequest, contract_id: int, payload: ClaimIn) -> Status[ClaimOut]:
    """Заказчик предъявляет требование: сумма и расчёт — по калькулятору на сегодняшнюю дату,
    PDF подписывается ключом сотрудника заказчика."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    stage = (
        Stage.objects.select_related("contract")
        .filter(contract=contract, number=payload.stage_number)
        .first()
    )
    if stage is None:
        raise NotFound("Этап контракта не найден")
    claim = claim_raise(stage=stage, user=user, kind=payload.kind, breach=payload.breach)
    return Status(201, claim_out(claim))


@router.post("/claims/{claim_id}/paid", auth=AUTH, response={200: ClaimOut, ERROR_CODES: ErrorOut})
def claim_paid_view(request: HttpRequest, claim_id: int, payload: ClaimPaidIn) -> ClaimOut:
    """Заказчик отмечает, что поставщик уплатил неустойку."""
    user = current_user(request)
    claim = claim_visible_to(claim_id=claim_id, viewer=user)
    return claim_out(claim_mark_paid(claim=claim, user=user, paid_on=payload.paid_on))


@router.post("/claims/{claim_id}/writeoff", auth=AUTH, response={200: ClaimOut, ERROR_CODES: ErrorOut})
def claim_writeoff_view(request: HttpRequest, claim_id: int) -> ClaimOut:
    """Списание неустойки по ПП РФ № 783 (полностью или наполовину — по доле в цене контракта)."""
    user = current_user(request)
    claim = claim_visible_to(claim_id=claim_id, viewer=user)
    return claim_out(claim_write_off(claim=claim, user=user))


@router.post("/claims/{claim_id}/withdraw", auth=AUTH, response={200: ClaimOut, ERROR_CODES: ErrorOut})
def claim_withdraw_view(request: HttpRequest, claim_id: int, payload: ReasonIn) -> ClaimOut:
    user = current_user(request)
    claim = claim_visible_to(claim_id=claim_id, viewer=user)
    return claim_out(claim_withdraw(claim=claim, user=user, reason=payload.reason))


@router.get(
    "/claims/{claim_id}/pdf",
    auth=AUTH,
    response={200: None, ERROR_CODES: ErrorOut},
    url_name="claim_pdf",
    openapi_extra=PDF_RESPONSE,
)
def claim_pdf_view(request: HttpRequest, claim_id: int) -> HttpResponse:
    """PDF требования, подписанный заказчиком."""
    claim = claim_visible_to(claim_id=claim_id, viewer=current_user(request))
    return _pdf(document_pdf(file=claim.document), f"claim-{claim.contract_id}-{claim.number}.pdf")


@router.get(
    "/contracts/{contract_id}/termination-documents",
    auth=AUTH,
    response={200: list[TerminationPaperOut], ERROR_CODES: ErrorOut},
)
def termination_papers_view(request: HttpRequest, contract_id: int) -> list[TerminationPaperOut]:
    """Решение об одностороннем отказе, соглашение о расторжении, сведения о решении суда."""
    contract = contract_visible_to(contract_id=contract_id, viewer=current_user(request))
    return [paper_out(paper) for paper in contract_termination_papers(contract=contract)]


@router.get(
    "/contracts/{contract_id}/termination-documents/{paper_id}/pdf",
    auth=AUTH,
    response={200: None, ERROR_CODES: ErrorOut},
    url_name="termination_paper_pdf",
    openapi_extra=PDF_RESPONSE,
)
def termination_paper_pdf_view(request: HttpRequest, contract_id: int, paper_id: int) -> HttpResponse:
    contract = contract_visible_to(contract_id=contract_id, viewer=current_user(request))
    paper = termination_paper_of(contract=contract, paper_id=paper_id)
    return _pdf(document_pdf(file=paper.file), f"termination-{contract.pk}-{paper.kind}.pdf")
