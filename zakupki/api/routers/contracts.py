"""Contracts of the caller's organization (as customer or supplier): the list, the card, and the
execution actions (signing, acceptance, payment, termination); `POST /me/signing-key` issues the
caller's own signing key. A contract is seen only by members of its parties; to anybody else it does
not exist (404)."""

from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.api.auth import AUTH, current_user
from zakupki.api.encoding import money_text
from zakupki.api.schemas.acceptance import (
    AcceptanceCommissionOut,
    AcceptanceFileOut,
    AcceptanceVoteOut,
    CommissionIn,
    CommissionMemberOut,
    SignatureOut,
    VoteIn,
)
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.contracts import (
    AcceptanceCorrectIn,
    AcceptanceDecideIn,
    AcceptanceDocumentOut,
    AcceptanceLineOut,
    AcceptanceSubmitIn,
    ContractDetailOut,
    ContractItemOut,
    ContractListItemOut,
    CourtIn,
    LineIn,
    PartyOut,
    PaymentIn,
    PaymentOut,
    ReasonIn,
    SigningKeyIn,
    SigningKeyOut,
    StageOut,
    TerminationOut,
)
from zakupki.contracts.enums import AcceptanceStatus, StageStatus
from zakupki.contracts.models import (
    AcceptanceDocument,
    AcceptancePaper,
    Contract,
    ContractItem,
    Stage,
    TerminationProposal,
)
from zakupki.contracts.selectors import (
    acceptance_payment_is_overdue,
    contract_effective_status,
    contract_visible_to,
    contracts_of_organization,
)
from zakupki.contracts.selectors_acceptance import (
    acceptance_paper_pdf,
    acceptance_papers,
    acceptance_signatures,
    acceptance_votes,
    commission_members,
    contract_commission,
)
from zakupki.contracts.services import (
    AcceptanceLineData,
    acceptance_commission_appoint,
    acceptance_correct,
    acceptance_decide,
    acceptance_submit,
    acceptance_vote,
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
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.core.money import to_money
from zakupki.documents.services.signatures import signing_key_issue

router = Router(tags=["Контракты"])


def my_side(contract: Contract, viewer: User) -> str:
    return "customer" if is_member_of(viewer, contract.customer) else "supplier"


def _quantity(raw: str, field: str) -> Decimal:
    try:
        value = Decimal(raw.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationFailed({field: "Количество указывается числом"}) from None
    if not value.is_finite():
        raise ValidationFailed({field: "Количество указывается числом"})
    return value


def _item(contract: Contract, item_id: int) -> ContractItem:
    item = ContractItem.objects.filter(contract=contract, pk=item_id).first()
    if item is None:
        raise ValidationFailed({"lines": "Позиция не найдена в контракте"})
    return item


def _lines(contract: Contract, lines: list[LineIn]) -> list[AcceptanceLineData]:
    return [
        AcceptanceLineData(item=_item(contract, line.item_id), quantity=_quantity(line.quantity, "lines"))
        for line in lines
    ]


def _stage(contract: Contract, number: int) -> Stage:
    stage = Stage.objects.select_related("contract").filter(contract=contract, number=number).first()
    if stage is None:
        raise NotFound("Этап контракта не найден")
    return stage


def _document(contract: Contract, document_id: int) -> AcceptanceDocument:
    document = (
        AcceptanceDocument.objects.select_related("stage__contract")
        .filter(stage__contract=contract, pk=document_id)
        .first()
    )
    if document is None:
        raise NotFound("Документ о приёмке не найден")
    return document


def _party(contract: Contract, side: str) -> PartyOut:
    org = contract.customer if side == "customer" else contract.supplier
    return PartyOut(id=org.pk, name=org.name, inn=org.inn)


def contract_list_out(contract: Contract, viewer: User) -> ContractListItemOut:
    status = contract_effective_status(contract=contract, now=timezone.now())
    return ContractListItemOut(
        id=contract.pk,
        number=contract.number,
        registry_number=contract.registry_number,
        status=status.value,
        status_label=str(status.label),
        subject=contract.subject,
        price=money_text(contract.price),
        customer=_party(contract, "customer"),
        supplier=_party(contract, "supplier"),
        my_side=my_side(contract, viewer),
    )


def _document_out(document: AcceptanceDocument, stage_number: int) -> AcceptanceDocumentOut:
    now = timezone.now()
    return AcceptanceDocumentOut(
        id=document.pk,
        stage_number=stage_number,
        number=document.number,
        version=document.version,
        status=document.status,
        status_label=str(AcceptanceStatus(document.status).label),
        total=money_text(document.total),
        submitted_at=document.submitted_at,
        decision_due_at=document.decision_due_at,
        decided_at=document.decided_at,
        refusal_reason=document.refusal_reason,
        accepted_amount=money_text(document.accepted_amount),
        payment_due_at=document.payment_due_at,
        paid_amount=money_text(document.paid_amount),
        payment_overdue=acceptance_payment_is_overdue(document=document, now=now),
        lines=[
            AcceptanceLineOut(
                item_id=line.contract_item_id,
                quantity=f"{line.quantity.normalize():f}",
                amount=money_text(line.amount),
                accepted_quantity=f"{line.accepted_quantity.normalize():f}",
                accepted_amount=money_text(line.accepted_amount),
            )
            for line in document.lines.order_by("contract_item__position")
        ],
        payments=[
            PaymentOut(id=p.pk, amount=money_text(p.amount), paid_on=p.paid_on)
            for p in document.payments.order_by("paid_on", "pk")
        ],
        files=acceptance_files_out(document),
        votes=acceptance_votes_out(document),
    )


def contract_detail_out(contract: Contract, viewer: User) -> ContractDetailOut:
    contract.refresh_from_db()
    brief = contract_list_out(contract, viewer)
    stages = list(contract.stages.order_by("number"))
    numbers = {stage.pk: stage.number for stage in stages}
    documents = AcceptanceDocument.objects.filter(stage__contract=contract).order_by("submitted_at", "pk")
    termination = None
    if contract.termination_kind:
        termination = TerminationOut(
            kind=contract.termination_kind,
            reason=contract.termination_reason,
            notice_at=contract.termination_notice_at,
            effective_at=contract.termination_effective_at,
            terminated_at=contract.terminated_at,
        )
    return ContractDetailOut(
        **brief.dict(),
        supplier_signed_at=contract.supplier_signed_at,
        customer_signed_at=contract.customer_signed_at,
        concluded_at=contract.concluded_at,
        items=[
            ContractItemOut(
                id=item.pk,
                position=item.position,
                name=item.name,
                unit=item.unit,
                quantity=f"{item.quantity.normalize():f}",
                unit_price=money_text(item.unit_price),
                amount=money_text(item.amount),
            )
            for item in contract.items.order_by("position")
        ],
        stages=[
            StageOut(
                id=stage.pk,
                number=stage.number,
                due_date=stage.due_date,
                amount=money_text(stage.amount),
                status=stage.status,
                status_label=str(StageStatus(stage.status).label),
            )
            for stage in stages
        ],
        acceptance_documents=[_document_out(d, numbers[d.stage_id]) for d in documents],
        termination=termination,
        acceptance_commission=acceptance_commission_out(contract),
    )


@router.get("/contracts", auth=AUTH, response={200: list[ContractListItemOut], ERROR_CODES: ErrorOut})
def contract_list(request: HttpRequest) -> list[ContractListItemOut]:
    """Контракты организации пользователя (как заказчика или поставщика), новые первыми."""
    user = current_user(request)
    if user.organization is None:
        return []
    rows: QuerySet[Contract] = contracts_of_organization(organization=user.organization)
    return [contract_list_out(contract, user) for contract in rows]


@router.get("/contracts/{contract_id}", auth=AUTH, response={200: ContractDetailOut, ERROR_CODES: ErrorOut})
def contract_detail(request: HttpRequest, contract_id: int) -> ContractDetailOut:
    """Карточка контракта: стороны, позиции, этапы, документы о приёмке, оплаты, расторжение."""
    user = current_user(request)
    return contract_detail_out(contract_visible_to(contract_id=contract_id, viewer=user), user)


@router.post(
    "/contracts/{contract_id}/sign", auth=AUTH, response={200: ContractDetailOut, ERROR_CODES: ErrorOut}
)
def contract_sign(request: HttpRequest, contract_id: int) -> ContractDetailOut:
    """Подписать контракт от имени своей стороны (сначала поставщик, затем заказчик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    if my_side(contract, user) == "supplier":
        contract_sign_supplier(contract=contract, user=user)
    else:
        contract_sign_customer(contract=contract, user=user)
    return contract_detail_out(contract, user)


@router.post(
    "/contracts/{contract_id}/acceptance",
    auth=AUTH,
    response={201: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def acceptance_submit_view(
    request: HttpRequest, contract_id: int, payload: AcceptanceSubmitIn
) -> Status[ContractDetailOut]:
    """Разместить документ о приёмке по этапу (поставщик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    stage = _stage(contract, payload.stage_number)
    acceptance_submit(stage=stage, user=user, lines=_lines(contract, payload.lines))
    return Status(201, contract_detail_out(contract, user))


@router.post(
    "/contracts/{contract_id}/acceptance/{document_id}/decision",
    auth=AUTH,
    response={200: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def acceptance_decide_view(
    request: HttpRequest, contract_id: int, document_id: int, payload: AcceptanceDecideIn
) -> ContractDetailOut:
    """Решение заказчика: принять полностью, принять часть позиций или отказать с причиной."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    document = _document(contract, document_id)
    accepted = None
    if payload.accepted_lines is not None:
        accepted = {
            line.item_id: _quantity(line.quantity, "accepted_lines") for line in payload.accepted_lines
        }
    acceptance_decide(
        document=document,
        user=user,
        full=payload.full,
        accepted_lines=accepted,
        refuse_reason=payload.refuse_reason,
    )
    return contract_detail_out(contract, user)


@router.post(
    "/contracts/{contract_id}/acceptance/{document_id}/correction",
    auth=AUTH,
    response={201: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def acceptance_correct_view(
    request: HttpRequest, contract_id: int, document_id: int, payload: AcceptanceCorrectIn
) -> Status[ContractDetailOut]:
    """Исправленный документ о приёмке взамен документа с мотивированным отказом (поставщик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    document = _document(contract, document_id)
    acceptance_correct(document=document, user=user, lines=_lines(contract, payload.lines))
    return Status(201, contract_detail_out(contract, user))


@router.post(
    "/contracts/{contract_id}/acceptance/{document_id}/payments",
    auth=AUTH,
    response={201: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def payment_record_view(
    request: HttpRequest, contract_id: int, document_id: int, payload: PaymentIn
) -> Status[ContractDetailOut]:
    """Зарегистрировать оплату по принятому документу о приёмке (заказчик)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    document = _document(contract, document_id)
    try:
        amount = to_money(payload.amount)
    except ValueError as exc:
        raise ValidationFailed({"amount": f"Сумма оплаты: {exc}"}) from None
    payment_record(document=document, user=user, amount=amount, paid_on=payload.paid_on)
    return Status(201, contract_detail_out(contract, user))


@router.post(
    "/contracts/{contract_id}/unilateral-refusal",
    auth=AUTH,
    response={200: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def unilateral_refusal_view(request: HttpRequest, contract_id: int, payload: ReasonIn) -> ContractDetailOut:
    """Решение заказчика об одностороннем отказе от исполнения контракта (ст. 95 44-ФЗ)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    contract_unilateral_refusal(contract=contract, user=user, reason=payload.reason)
    return contract_detail_out(contract, user)


@router.post(
    "/contracts/{contract_id}/cure", auth=AUTH, response={200: ContractDetailOut, ERROR_CODES: ErrorOut}
)
def cure_view(request: HttpRequest, contract_id: int) -> ContractDetailOut:
    """Нарушение устранено: заказчик отменяет решение об одностороннем отказе."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    contract_cure_breach(contract=contract, user=user)
    return contract_detail_out(contract, user)


@router.post(
    "/contracts/{contract_id}/terminate/court",
    auth=AUTH,
    response={200: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def terminate_court_view(request: HttpRequest, contract_id: int, payload: CourtIn) -> ContractDetailOut:
    """Внести решение суда о расторжении контракта (сторона контракта)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    contract_terminate_by_court(contract=contract, user=user, decision_ref=payload.decision_ref)
    return contract_detail_out(contract, user)


def _pending_proposal(contract: Contract) -> TerminationProposal:
    proposal = contract.termination_proposals.filter(status=TerminationProposal.Status.PENDING).first()
    if proposal is None:
        raise NotFound("Нет предложения о расторжении, ожидающего ответа")
    return proposal


@router.post(
    "/contracts/{contract_id}/terminate/agreement",
    auth=AUTH,
    response={201: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def termination_propose_view(
    request: HttpRequest, contract_id: int, payload: ReasonIn
) -> Status[ContractDetailOut]:
    """Предложить другой стороне расторгнуть контракт по соглашению (вступает в силу после её согласия)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    termination_agreement_propose(contract=contract, user=user, reason=payload.reason)
    return Status(201, contract_detail_out(contract, user))


@router.post(
    "/contracts/{contract_id}/terminate/agreement/accept",
    auth=AUTH,
    response={200: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def termination_accept_view(request: HttpRequest, contract_id: int) -> ContractDetailOut:
    """Согласиться с предложением другой стороны: контракт расторгается по соглашению."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    termination_agreement_accept(proposal=_pending_proposal(contract), user=user)
    return contract_detail_out(contract, user)


@router.post(
    "/contracts/{contract_id}/terminate/agreement/decline",
    auth=AUTH,
    response={200: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def termination_decline_view(request: HttpRequest, contract_id: int, payload: ReasonIn) -> ContractDetailOut:
    """Отклонить предложение другой стороны о расторжении."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    termination_agreement_decline(proposal=_pending_proposal(contract), user=user, reason=payload.reason)
    return contract_detail_out(contract, user)


@router.post("/me/signing-key", auth=AUTH, response={201: SigningKeyOut, ERROR_CODES: ErrorOut})
def signing_key_issue_view(request: HttpRequest, payload: SigningKeyIn) -> Status[SigningKeyOut]:
    """Выпустить себе ключ электронной подписи; прежний действующий ключ отзывается."""
    user = current_user(request)
    key = signing_key_issue(user=user, valid_days=payload.valid_days, actor=user)
    return Status(
        201, SigningKeyOut(serial=key.serial, valid_from=key.valid_from, valid_until=key.valid_until)
    )


# ------------------------------------------------------------------------------------------------------
# Acceptance as signed documents (issue 4): the PDFs, the acceptance commission and its members' votes.


def acceptance_files_out(document: AcceptanceDocument) -> list[AcceptanceFileOut]:
    return [
        AcceptanceFileOut(
            kind=paper.kind,
            kind_label=str(AcceptancePaper.Kind(paper.kind).label),
            title=paper.file.title,
            sha256=paper.file.sha256,
            url=reverse("api-v1:acceptance_file", args=[document.stage.contract_id, document.pk, paper.kind]),
            signatures=[
                SignatureOut(
                    signer_id=s.signer_id,
                    signer_name=s.signer.full_name or s.signer.username,
                    purpose=s.purpose,
                    signed_at=s.signed_at,
                )
                for s in acceptance_signatures(paper=paper)
            ],
        )
        for paper in acceptance_papers(document=document)
    ]


def acceptance_votes_out(document: AcceptanceDocument) -> list[AcceptanceVoteOut]:
    return [
        AcceptanceVoteOut(
            member_id=vote.member_id,
            member_name=vote.member.full_name or vote.member.username,
            verdict=vote.verdict,
            verdict_label=str(vote.get_verdict_display()),
            dissent_reason=vote.dissent_reason,
            voted_at=vote.voted_at,
        )
        for vote in acceptance_votes(document=document)
    ]


def acceptance_commission_out(contract: Contract) -> AcceptanceCommissionOut | None:
    commission = contract_commission(contract=contract)
    if commission is None:
        return None
    return AcceptanceCommissionOut(
        appointed_at=commission.appointed_at,
        members=[
            CommissionMemberOut(
                user_id=row.user_id, name=row.user.full_name or row.user.username, is_chair=row.is_chair
            )
            for row in commission_members(commission=commission)
        ],
    )


@router.get(
    "/contracts/{contract_id}/acceptance/{document_id}/files/{kind}",
    auth=AUTH,
    response={200: None, ERROR_CODES: ErrorOut},
    url_name="acceptance_file",
    openapi_extra={
        "responses": {200: {"content": {"application/pdf": {}}, "description": "Подписанный файл, PDF"}}
    },
)
def acceptance_file_view(request: HttpRequest, contract_id: int, document_id: int, kind: str) -> HttpResponse:
    """PDF документа о приёмке (kind=submission, подписан поставщиком) или решения заказчика
    (kind=decision: документ о приёмке или мотивированный отказ, подписан заказчиком)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    filename, content = acceptance_paper_pdf(document=_document(contract, document_id), kind=kind)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@router.post(
    "/contracts/{contract_id}/acceptance-commission",
    auth=AUTH,
    response={201: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def acceptance_commission_view(
    request: HttpRequest, contract_id: int, payload: CommissionIn
) -> Status[ContractDetailOut]:
    """Назначить приёмочную комиссию по контракту (заказчик; ч. 6 ст. 94 44-ФЗ)."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    people = {u.pk: u for u in User.objects.filter(pk__in=[*payload.member_ids, payload.chair_id])}
    strangers = [
        pk for pk in payload.member_ids if pk not in people or not is_member_of(people[pk], contract.customer)
    ]
    if strangers:
        raise ValidationFailed(
            {
                "member_ids": f"Не сотрудники заказчика по контракту: {', '.join(f'№ {pk}' for pk in strangers)}"
            }
        )
    acceptance_commission_appoint(
        contract=contract,
        user=user,
        members=[people[pk] for pk in payload.member_ids],
        chair=people.get(payload.chair_id),
    )
    return Status(201, contract_detail_out(contract, user))


@router.post(
    "/contracts/{contract_id}/acceptance/{document_id}/vote",
    auth=AUTH,
    response={200: ContractDetailOut, ERROR_CODES: ErrorOut},
)
def acceptance_vote_view(
    request: HttpRequest, contract_id: int, document_id: int, payload: VoteIn
) -> ContractDetailOut:
    """Голос члена приёмочной комиссии: согласен или особое мнение с причиной; подписывает документ."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    acceptance_vote(
        document=_document(contract, document_id),
        user=user,
        approve=payload.verdict == "approve",
        dissent_reason=payload.reason,
    )
    return contract_detail_out(contract, user)
