"""Organizations: the public register, cards, and the regional admin's confirmation of customers."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization
from zakupki.accounts.selectors import (
    organization_get_private,
    organization_get_public,
    organization_members,
    organization_public_list,
    region_get,
)
from zakupki.accounts.services.confirmation import organization_confirm, organization_reject
from zakupki.api.auth import AUTH, current_user, optional_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.organizations import (
    MemberOut,
    OrganizationCardOut,
    OrganizationFilters,
    OrganizationOut,
    OrganizationPrivateOut,
    RejectIn,
)
from zakupki.core.errors import PermissionDenied

router = Router(tags=["Организации"])


def organization_card(organization: Organization, *, private: bool) -> OrganizationCardOut:
    card = OrganizationCardOut.from_orm(organization)
    if private:
        card.private = OrganizationPrivateOut(
            email=organization.email,
            phone=organization.phone,
            status_reason=organization.status_reason,
            status_changed_at=organization.status_changed_at,
            confirmation_due_at=organization.confirmation_due_at,
            members=[MemberOut.from_orm(user) for user in organization_members(organization=organization)],
        )
    return card


@router.get("/organizations", response={200: list[OrganizationOut], ERROR_CODES: ErrorOut})
@paginate(PageNumberPagination, page_size=50)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> QuerySet[Organization]:
    """Реестр подтверждённых организаций в порядке русского алфавита."""
    region = region_get(code=filters.region) if filters.region else None
    kind = OrganizationKind(filters.kind) if filters.kind else None
    return organization_public_list(region=region, kind=kind, query=filters.q.strip())


@router.get("/organizations/{organization_id}", response={200: OrganizationCardOut, ERROR_CODES: ErrorOut})
def organization_detail(request: HttpRequest, organization_id: int) -> OrganizationCardOut:
    """Карточка организации. Закрытая часть (`private`) — самой организации, администратору её региона
    и контрольному органу региона; остальным — null. Неподтверждённая организация посторонним не видна."""
    viewer = optional_user(request)
    if viewer is not None:
        try:
            organization = organization_get_private(organization_id=organization_id, viewer=viewer)
        except PermissionDenied:
            pass
        else:
            return organization_card(organization, private=True)
    return organization_card(organization_get_public(organization_id=organization_id), private=False)


@router.get(
    "/organizations/{organization_id}/private",
    auth=AUTH,
    response={200: OrganizationCardOut, ERROR_CODES: ErrorOut},
)
def organization_private(request: HttpRequest, organization_id: int) -> OrganizationCardOut:
    """Карточка с закрытой частью; посторонним — 403."""
    viewer = current_user(request)
    organization = organization_get_private(organization_id=organization_id, viewer=viewer)
    return organization_card(organization, private=True)


@router.post(
    "/organizations/{organization_id}/confirm",
    auth=AUTH,
    response={200: OrganizationCardOut, ERROR_CODES: ErrorOut},
)
def organization_confirm_view(request: HttpRequest, organization_id: int) -> OrganizationCardOut:
    """Подтвердить заказчика (администратор региона организации)."""
    actor = current_user(request)
    organization = organization_get_private(organization_id=organization_id, viewer=actor)
    return organization_card(organization_confirm(organization=organization, actor=actor), private=True)


@router.post(
    "/organizations/{organization_id}/reject",
    auth=AUTH,
    response={200: OrganizationCardOut, ERROR_CODES: ErrorOut},
)
def organization_reject_view(
    request: HttpRequest, organization_id: int, payload: RejectIn
) -> OrganizationCardOut:
    """Отказать заказчику в подтверждении, с причиной (администратор региона организации)."""
    actor = current_user(request)
    organization = organization_get_private(organization_id=organization_id, viewer=actor)
    rejected = organization_reject(organization=organization, actor=actor, reason=payload.reason)
    return organization_card(rejected, private=True)
