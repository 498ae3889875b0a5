"""Accounts created by administrators: control bodies, regional admins, colleagues of an organization."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.enums import ROLE_FOR_KIND, OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.roles import is_member_of, is_platform_admin, is_regional_admin_of
from zakupki.accounts.services.registration import (
    DUPLICATE_MESSAGE,
    PersonData,
    _clean_person,
    _person_user,
    clean_identifiers,
)
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record


def control_body_create(
    *, region: Region, name: str, inn: str, kpp: str, ogrn: str, actor: User, short_name: str = ""
) -> Organization:
    """The region's control body (контрольный орган в сфере закупок), set up by the region's admin."""
    if not is_regional_admin_of(actor, region):
        raise PermissionDenied("Контрольный орган региона добавляет администратор региона")
    errors: dict[str, str] = {}
    cleaned, individual = clean_identifiers(inn=inn, kpp=kpp, ogrn=ogrn, errors=errors)
    if individual:
        errors["inn"] = "Контрольный орган — организация: укажите ИНН из 10 цифр"
    if not name.strip():
        errors["name"] = "Укажите полное наименование"
    if not errors and Organization.objects.filter(inn=cleaned["inn"], kpp=cleaned["kpp"]).exists():
        errors["inn"] = DUPLICATE_MESSAGE
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        organization = Organization.objects.create(
            kind=OrganizationKind.CONTROL_BODY,
            status=OrganizationStatus.CONFIRMED,
            name=name.strip(),
            short_name=short_name.strip(),
            region=region,
            status_changed_at=timezone.now(),
            **cleaned,
        )
        audit_record(
            actor=actor,
            event=EventType.ORGANIZATION_REGISTERED,
            obj=organization,
            details={
                "kind": OrganizationKind.CONTROL_BODY.value,
                "inn": organization.inn,
                "region": region.code,
            },
        )
    return organization


def staff_user_create(
    *,
    person: PersonData,
    role: UserRole,
    actor: User,
    region: Region | None = None,
    organization: Organization | None = None,
) -> User:
    """Regional admins are appointed by the platform admin; organization members by their colleagues or
    by the regional admin."""
    if role == UserRole.REGIONAL_ADMIN:
        if region is None:
            raise ValidationFailed({"region": "Укажите регион администратора"})
        if not is_platform_admin(actor):
            raise PermissionDenied("Администратора региона назначает администратор платформы")
    elif role == UserRole.MODERATOR:
        # Moderators of citizens' signals work for the region, not for an organization.
        if region is None:
            raise ValidationFailed({"region": "Укажите регион модератора"})
        if not is_regional_admin_of(actor, region):
            raise PermissionDenied("Модератора назначает администратор региона")
    elif role in ROLE_FOR_KIND.values():
        if organization is None:
            raise ValidationFailed({"organization": "Укажите организацию"})
        if ROLE_FOR_KIND[OrganizationKind(organization.kind)] != role:
            raise ValidationFailed({"role": "Роль не соответствует типу организации"})
        if not (is_member_of(actor, organization) or is_regional_admin_of(actor, organization.region)):
            raise PermissionDenied("Добавлять сотрудников может сама организация или администратор региона")
    else:
        raise ValidationFailed({"role": "Эту роль нельзя назначить"})
    errors: dict[str, str] = {}
    _clean_person(person, errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        user = _person_user(person, role=role, region=region, organization=organization)
        audit_record(
            actor=actor,
            event=EventType.USER_REGISTERED,
            obj=user,
            details={
                "role": role.value,
                "region": region.code if region else None,
                "organization": organization.pk if organization else None,
            },
        )
    return user
