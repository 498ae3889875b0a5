"""Reads of the accounts domain. Pages and API call these, never the ORM directly for lists."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import ApiToken, Organization, Region, User
from zakupki.accounts.roles import can_view_private
from zakupki.core.collation import order_by_russian
from zakupki.core.errors import NotFound, PermissionDenied


def region_list() -> QuerySet[Region]:
    return order_by_russian(Region.objects.all(), "name")


def region_get(*, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise NotFound(f"Регион с кодом «{code}» не подключён к платформе", field="region")
    return region


def organization_public_list(
    *, region: Region | None = None, kind: OrganizationKind | None = None, query: str = ""
) -> QuerySet[Organization]:
    """What anyone may see: confirmed organizations, sorted by name in Russian order."""
    qs = Organization.objects.select_related("region").filter(status=OrganizationStatus.CONFIRMED)
    if region is not None:
        qs = qs.filter(region=region)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(name__icontains=query) | qs.filter(inn=query)
    return order_by_russian(qs, "name")


def organization_get_private(*, organization_id: int, viewer: User) -> Organization:
    organization = Organization.objects.select_related("region").filter(pk=organization_id).first()
    if organization is None:
        raise NotFound("Организация не найдена")
    if not can_view_private(viewer, organization):
        raise PermissionDenied("Нет доступа к данным этой организации")
    return organization


def organization_get_public(*, organization_id: int) -> Organization:
    organization = (
        Organization.objects.select_related("region")
        .filter(pk=organization_id, status=OrganizationStatus.CONFIRMED)
        .first()
    )
    if organization is None:
        raise NotFound("Организация не найдена")
    return organization


def customers_awaiting_confirmation(*, region: Region) -> QuerySet[Organization]:
    qs = Organization.objects.filter(
        region=region, kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING
    )
    return qs.order_by("created_at")


def organization_members(*, organization: Organization) -> QuerySet[User]:
    return order_by_russian(organization.members.filter(is_active=True), "full_name")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_get_own(*, user: User, token_id: int) -> ApiToken:
    """Another user's token is "not found": its existence is none of the caller's business."""
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound("Токен не найден")
    return token


def organization_confirmed_counts() -> dict[tuple[int, str], int]:
    """Confirmed organizations by (region id, kind)."""
    rows = organization_public_list().order_by().values("region_id", "kind").annotate(n=Count("id"))
    return {(row["region_id"], row["kind"]): row["n"] for row in rows}


def region_organizations(*, region: Region) -> QuerySet[Organization]:
    """Every organization of the region, whatever its status, in Russian alphabetical order (for its admin)."""
    return order_by_russian(Organization.objects.filter(region=region), "name")


def region_organization(*, region: Region, organization_id: int) -> Organization:
    organization = (
        Organization.objects.select_related("region").filter(pk=organization_id, region=region).first()
    )
    if organization is None:
        raise NotFound("Организация не найдена в этом регионе")
    return organization
