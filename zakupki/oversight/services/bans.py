from __future__ import annotations

import datetime as dt

from django.db import transaction

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, Region, User
from zakupki.core.errors import ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.oversight.models import SupplierBan


def supplier_ban_create(
    *,
    supplier: Organization,
    region: Region | None,
    reason: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    source: str,
    actor: User | None,
) -> SupplierBan:
    """Called by domain services (e.g. a winner's refusal under the region's ban rule) or the control body."""
    errors: dict[str, str] = {}
    if supplier.kind != OrganizationKind.SUPPLIER:
        errors["supplier"] = "Заблокировать можно только поставщика"
    if not reason.strip():
        errors["reason"] = "Укажите причину блокировки"
    if ends_at <= starts_at:
        errors["ends_at"] = "Окончание блокировки должно быть позже начала"
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        ban = SupplierBan.objects.create(
            supplier=supplier,
            region=region,
            reason=reason.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            source=source,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            event=EventType.SUPPLIER_BANNED,
            obj=ban,
            details={
                "supplier": supplier.inn,
                "region": region.code if region else None,
                "reason": ban.reason,
                "from": starts_at,
                "until": ends_at,
                "source": source,
            },
        )
    return ban
