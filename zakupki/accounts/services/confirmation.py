"""The regional admin confirms (or rejects) customer organizations of the region."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.roles import is_regional_admin_of
from zakupki.accounts.states import ORGANIZATION_TRANSITIONS
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.rules.due_dates import working_deadline
from zakupki.rules.engine import rule_value


def confirmation_deadline(*, region: Region, start: dt.datetime) -> dt.datetime:
    days = int(
        rule_value(
            "accounts.customer_confirmation_working_days",
            on=local_date(start, region.timezone),
            region=region,
        )
    )
    return working_deadline(start=start, working_days=days, tz_name=region.timezone)


def _change_status(
    *, organization: Organization, actor: User, status: OrganizationStatus, reason: str
) -> Organization:
    if not is_regional_admin_of(actor, organization.region):
        raise PermissionDenied("Подтверждать организации может только администратор их региона")
    if organization.kind != OrganizationKind.CUSTOMER:
        raise PermissionDenied("Подтверждения требуют только организации-заказчики")
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        before = OrganizationStatus(locked.status)
        check_transition(ORGANIZATION_TRANSITIONS, before, status, what="Организация")
        locked.status = status
        locked.status_reason = reason
        locked.status_changed_at = timezone.now()
        locked.next_check_at = None
        locked.save(
            update_fields=["status", "status_reason", "status_changed_at", "next_check_at", "updated_at"]
        )
        event = (
            EventType.ORGANIZATION_CONFIRMED
            if status == OrganizationStatus.CONFIRMED
            else EventType.ORGANIZATION_REJECTED
        )
        audit_record(
            actor=actor,
            event=event,
            obj=locked,
            details={"from": before.value, "to": status.value, "reason": reason},
        )
    return locked


def organization_confirm(*, organization: Organization, actor: User) -> Organization:
    return _change_status(
        organization=organization, actor=actor, status=OrganizationStatus.CONFIRMED, reason=""
    )


def organization_reject(*, organization: Organization, actor: User, reason: str) -> Organization:
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите причину отказа"})
    return _change_status(
        organization=organization, actor=actor, status=OrganizationStatus.REJECTED, reason=reason.strip()
    )


def organization_confirmation_overdue(*, organization: Organization, now: dt.datetime) -> None:
    """Worker time event: the regional admin let the confirmation deadline pass. Recorded once."""
    if organization.status != OrganizationStatus.PENDING or organization.confirmation_due_at is None:
        organization.next_check_at = None
        organization.save(update_fields=["next_check_at"])
        return
    if now < organization.confirmation_due_at:
        organization.next_check_at = organization.confirmation_due_at
        organization.save(update_fields=["next_check_at"])
        return
    organization.next_check_at = None
    organization.save(update_fields=["next_check_at"])
    audit_record(
        actor=None,
        event=EventType.ORGANIZATION_CONFIRMATION_OVERDUE,
        obj=organization,
        details={"due_at": organization.confirmation_due_at, "region": organization.region.code},
    )
