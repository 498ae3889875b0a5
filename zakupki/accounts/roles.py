"""What a person may do, decided in one place for pages and API alike."""

from __future__ import annotations

from typing import Any

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.accounts.models import Organization, Region, User

ANONYMOUS = "anonymous"


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    if user.is_superuser:
        return UserRole.PLATFORM_ADMIN.value
    return str(user.role)


def is_platform_admin(user: Any) -> bool:
    return role_of(user) == UserRole.PLATFORM_ADMIN


def is_regional_admin_of(user: Any, region: Region) -> bool:
    if is_platform_admin(user):
        return True
    return role_of(user) == UserRole.REGIONAL_ADMIN and user.region_id == region.pk


def is_member_of(user: Any, organization: Organization) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.organization_id == organization.pk


def can_view_private(user: Any, organization: Organization) -> bool:
    """Contacts, members and status reasons: the organization itself, its regional admin, platform admin,
    and the control body of the same region (it oversees customers)."""
    if is_member_of(user, organization) or is_regional_admin_of(user, organization.region):
        return True
    return (
        role_of(user) == UserRole.CONTROL_BODY
        and isinstance(user, User)
        and user.organization is not None
        and user.organization.kind == OrganizationKind.CONTROL_BODY
        and user.organization.region_id == organization.region_id
    )
