"""Direct purchases from offers, purchases by need, and the customer's small-purchase limits."""

import base64
import binascii
from collections.abc import Callable
from decimal import Decimal
from typing import Generic, TypeVar, overload

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, User
from zakupki.accounts.selectors import region_get
from zakupki.api.auth import AUTH, current_user, optional_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.purchases import (
    AwardIn,
    AwardOut,
    ConvertIn,
    DirectPurchaseIn,
    DirectPurchaseOut,
    LimitOut,
    LimitsOut,
    NeedDetailOut,
    NeedFilters,
    NeedIn,
    NeedOut,
    OrganizationBrief,
    ProposalIn,
    ProposalOut,
    ReasonIn,
)
from zakupki.catalog.selectors import format_quantity, offer_get
from zakupki.contracts.enums import PurchaseBasis
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.core.money import round_money
from zakupki.procedures.enums import SubjectKind
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import DirectPurchase, Need, NeedProposal
from zakupki.purchases.selectors import (
    customer_limits,
    direct_purchase_get,
    direct_purchases_of,
    need_effective_status,
    need_get,
    need_proposal_get,
    need_proposals_visible,
    needs_public_list,
)
from zakupki.purchases.services.direct import direct_purchase_create
from zakupki.purchases.services.needs import (
    Attachment,
    need_award,
    need_cancel,
    need_convert_to_session,
    need_create,
    need_propose,
    need_publish,
)

router = Router(tags=["Закупки"])

M = TypeVar("M", bound=Model)
Out = TypeVar("Out")


class MappedPage(Generic[M, Out]):
    """A queryset the paginator slices and counts; only the rows of the requested page are converted."""

    def __init__(self, queryset: QuerySet[M], convert: Callable[[M], Out]) -> None:
        self.queryset = queryset
        self.convert = convert

    def __len__(self) -> int:
        return self.queryset.count()

    @overload
    def __getitem__(self, index: int) -> Out: ...
    @overload
    def __getitem__(self, index: slice) -> list[Out]: ...
    def __getitem__(self, index: int | slice) -> Out | list[Out]:
        if isinstance(index, slice):
            return [self.convert(row) for row in self.queryset[index]]
        return self.convert(self.queryset[index])


def _money(value: Decimal) -> str:
    return str(round_money(Decimal(value)))


def _brief(organization: Organization) -> OrganizationBrief:
    return OrganizationBrief(
        id=organization.pk,
        name=organization.display_name,
        inn=organization.inn,
        region=organization.region.code,
    )


def _purchase_out(purchase: DirectPurchase) -> DirectPurchaseOut:
    return DirectPurchaseOut(
        id=purchase.pk,
        status=purchase.status,
        customer=_brief(purchase.customer),
        supplier=_brief(purchase.supplier),
        offer_id=purchase.offer_id,
        ste_id=purchase.ste_id,
        item_name=purchase.item_name,
        unit=purchase.unit,
        quantity=format_quantity(purchase.quantity).replace(",", "."),
        unit_price=_money(purchase.unit_price),
        total=_money(purchase.total),
        contract_number=purchase.contract.number if purchase.contract else None,
        created_at=purchase.created_at,
    )


def _need_out(need: Need) -> NeedOut:
    status = need_effective_status(need)
    count = getattr(need, "proposals_count", None)
    if count is None:
        count = need.proposals.filter(status=ProposalStatus.ACTIVE).count()
    return NeedOut(
        id=need.pk,
        status=status.value,
        status_label=status.label,
        title=need.title,
        description=need.description,
        max_price=_money(need.max_price),
        basis=need.basis,
        deadline=need.deadline,
        published_at=need.published_at,
        customer=_brief(need.customer),
        proposals_count=count,
        status_reason=need.status_reason,
        session_id=need.session_id,
    )


def _proposal_out(proposal: NeedProposal) -> ProposalOut:
    return ProposalOut(
        id=proposal.pk,
        supplier=_brief(proposal.supplier),
        price=_money(proposal.price),
        terms=proposal.terms,
        status=proposal.status,
        submitted_at=proposal.submitted_at,
        attachment_sha256=proposal.attachment.sha256 if proposal.attachment else None,
        attachment_title=proposal.attachment.title if proposal.attachment else None,
    )


def _need_detail(need: Need, viewer: User | None) -> NeedDetailOut:
    award = getattr(need, "award", None) if need.status == NeedStatus.AWARDED else None
    award_out = None
    if award is not None:
        award_out = AwardOut(
            proposal_id=award.proposal_id,
            supplier=_brief(award.proposal.supplier),
            price=_money(award.proposal.price),
            reason=award.reason,
            contract_number=award.contract.number,
            awarded_at=award.awarded_at,
        )
    return NeedDetailOut(
        **_need_out(need).model_dump(),
        proposals=[_proposal_out(p) for p in need_proposals_visible(need=need, viewer=viewer)],
        award=award_out,
    )


def _customer_of(user: User) -> Organization:
    organization = user.organization if user.organization_id else None
    if organization is None or organization.kind != OrganizationKind.CUSTOMER:
        raise PermissionDenied("Лимиты закупок малого объёма видят сотрудники организаций-заказчиков")
    return organization


# --- limits and direct purchases -------------------------------------------------------------------------


@router.get("/purchases/limits", auth=AUTH, response={200: LimitsOut, ERROR_CODES: ErrorOut})
def purchase_limits(request: HttpRequest) -> LimitsOut:
    """Лимиты закупок малого объёма своей организации-заказчика на текущий год: п.4 и п.5 ч.1 ст.93."""
    organization = _customer_of(current_user(request))
    return LimitsOut(
        customer_id=organization.pk,
        limits=[
            LimitOut(
                basis=limit.basis.value,
                basis_label=PurchaseBasis(limit.basis).label,
                year=limit.year,
                contract_cap=_money(limit.contract_cap),
                annual_cap=_money(limit.annual_cap),
                spent=_money(limit.spent),
                remaining=_money(limit.remaining),
            )
            for limit in customer_limits(customer=organization)
        ],
    )


@router.post("/purchases", auth=AUTH, response={201: DirectPurchaseOut, ERROR_CODES: ErrorOut})
def purchase_create(request: HttpRequest, payload: DirectPurchaseIn) -> Status[DirectPurchaseOut]:
    """Купить по оферте (п.4 ч.1 ст.93): остаток списывается, формируется проект контракта, лимиты
    проверяются. Отказ не меняет ничего."""
    actor = current_user(request)
    offer = offer_get(offer_id=payload.offer_id)
    purchase = direct_purchase_create(
        actor=actor,
        offer=offer,
        quantity=payload.quantity,
        expected_unit_price=payload.expected_unit_price,
    )
    return Status(201, _purchase_out(direct_purchase_get(purchase_id=purchase.pk, viewer=actor)))


@router.get("/purchases", auth=AUTH, response={200: list[DirectPurchaseOut], ERROR_CODES: ErrorOut})
@paginate(PageNumberPagination, page_size=50)
def purchase_list(request: HttpRequest) -> MappedPage[DirectPurchase, DirectPurchaseOut]:
    """Прямые закупки своей организации (как заказчика или как поставщика), новые сначала."""
    user = current_user(request)
    if user.organization is None:
        return MappedPage(DirectPurchase.objects.none(), _purchase_out)
    return MappedPage(direct_purchases_of(organization=user.organization), _purchase_out)


@router.get("/purchases/{purchase_id}", auth=AUTH, response={200: DirectPurchaseOut, ERROR_CODES: ErrorOut})
def purchase_detail(request: HttpRequest, purchase_id: int) -> DirectPurchaseOut:
    """Прямая закупка: видят заказчик, поставщик и администратор региона."""
    return _purchase_out(direct_purchase_get(purchase_id=purchase_id, viewer=current_user(request)))


# --- needs -----------------------------------------------------------------------------------------------


@router.get("/needs", response={200: list[NeedOut], ERROR_CODES: ErrorOut})
@paginate(PageNumberPagination, page_size=50)
def need_list(request: HttpRequest, filters: Query[NeedFilters]) -> MappedPage[Need, NeedOut]:
    """Опубликованные потребности заказчиков (черновики не показываются), новые сначала."""
    region = region_get(code=filters.region) if filters.region else None
    status = NeedStatus(filters.status) if filters.status else None
    return MappedPage(needs_public_list(region=region, status=status), _need_out)


@router.post("/needs", auth=AUTH, response={201: NeedDetailOut, ERROR_CODES: ErrorOut})
def need_create_view(request: HttpRequest, payload: NeedIn) -> Status[NeedDetailOut]:
    """Создать черновик потребности (сотрудник подтверждённого заказчика)."""
    actor = current_user(request)
    need = need_create(
        actor=actor,
        title=payload.title,
        description=payload.description,
        max_price=payload.max_price,
        deadline=payload.deadline,
        basis=PurchaseBasis(payload.basis),
    )
    return Status(201, _need_detail(need_get(need_id=need.pk, viewer=actor), actor))


@router.get("/needs/{need_id}", response={200: NeedDetailOut, ERROR_CODES: ErrorOut})
def need_detail(request: HttpRequest, need_id: int) -> NeedDetailOut:
    """Потребность. Предложения: поставщику — своё, заказчику — все после окончания приёма."""
    viewer = optional_user(request)
    return _need_detail(need_get(need_id=need_id, viewer=viewer), viewer)


@router.post("/needs/{need_id}/publish", auth=AUTH, response={200: NeedDetailOut, ERROR_CODES: ErrorOut})
def need_publish_view(request: HttpRequest, need_id: int) -> NeedDetailOut:
    """Опубликовать черновик: поставщики смогут подавать предложения до срока."""
    actor = current_user(request)
    need_publish(need=need_get(need_id=need_id, viewer=actor), actor=actor)
    return _need_detail(need_get(need_id=need_id, viewer=actor), actor)


@router.get("/needs/{need_id}/proposals", response={200: list[ProposalOut], ERROR_CODES: ErrorOut})
def need_proposals(request: HttpRequest, need_id: int) -> list[ProposalOut]:
    """Предложения, которые вам можно видеть (см. описание потребности)."""
    viewer = optional_user(request)
    need = need_get(need_id=need_id, viewer=viewer)
    return [_proposal_out(p) for p in need_proposals_visible(need=need, viewer=viewer)]


def _attachment(payload: ProposalIn) -> Attachment | None:
    if payload.attachment is None:
        return None
    try:
        content = base64.b64decode(payload.attachment.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationFailed({"attachment": "Содержимое файла должно быть в base64"}) from exc
    return Attachment(
        name=payload.attachment.name.strip(), content_type=payload.attachment.content_type, content=content
    )


@router.post("/needs/{need_id}/proposals", auth=AUTH, response={201: ProposalOut, ERROR_CODES: ErrorOut})
def need_propose_view(request: HttpRequest, need_id: int, payload: ProposalIn) -> Status[ProposalOut]:
    """Подать предложение или заменить своё (до окончания приёма предложений)."""
    actor = current_user(request)
    need = need_get(need_id=need_id, viewer=actor)
    proposal = need_propose(
        need=need,
        supplier_user=actor,
        price=payload.price,
        terms=payload.terms,
        attachment=_attachment(payload),
    )
    return Status(201, _proposal_out(proposal))


@router.post("/needs/{need_id}/award", auth=AUTH, response={200: NeedDetailOut, ERROR_CODES: ErrorOut})
def need_award_view(request: HttpRequest, need_id: int, payload: AwardIn) -> NeedDetailOut:
    """Выбрать предложение после окончания приёма, с обоснованием: формируется проект контракта."""
    actor = current_user(request)
    need = need_get(need_id=need_id, viewer=actor)
    proposal = need_proposal_get(need=need, proposal_id=payload.proposal_id)
    need_award(need=need, proposal=proposal, actor=actor, reason=payload.reason)
    return _need_detail(need_get(need_id=need_id, viewer=actor), actor)


@router.post("/needs/{need_id}/cancel", auth=AUTH, response={200: NeedDetailOut, ERROR_CODES: ErrorOut})
def need_cancel_view(request: HttpRequest, need_id: int, payload: ReasonIn) -> NeedDetailOut:
    """Отменить потребность с указанием причины."""
    actor = current_user(request)
    need_cancel(need=need_get(need_id=need_id, viewer=actor), actor=actor, reason=payload.reason)
    return _need_detail(need_get(need_id=need_id, viewer=actor), actor)


@router.post("/needs/{need_id}/convert", auth=AUTH, response={200: NeedDetailOut, ERROR_CODES: ErrorOut})
def need_convert_view(request: HttpRequest, need_id: int, payload: ConvertIn) -> NeedDetailOut:
    """Перевести потребность в черновик котировочной сессии (после окончания приёма предложений):
    одна позиция, НМЦК — максимальная цена потребности. Номер сессии — в `session_id`."""
    actor = current_user(request)
    need_convert_to_session(
        need=need_get(need_id=need_id, viewer=actor),
        actor=actor,
        duration_hours=payload.duration_hours,
        subject_kind=SubjectKind(payload.subject_kind),
        smp_only=payload.smp_only,
    )
    return _need_detail(need_get(need_id=need_id, viewer=actor), actor)
