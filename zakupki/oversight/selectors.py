from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from zakupki.accounts.models import Organization, Region
from zakupki.oversight.models import SupplierBan


def supplier_active_ban(
    *, supplier: Organization, region: Region | None, at: dt.datetime
) -> SupplierBan | None:
    """The ban in force at `at` for this supplier in this region (platform-wide bans count everywhere)."""
    scope = Q(region__isnull=True) | Q(region=region) if region is not None else Q(region__isnull=True)
    return (
        SupplierBan.objects.filter(scope, supplier=supplier, starts_at__lte=at, ends_at__gt=at)
        .order_by("-ends_at")
        .first()
    )


def bans_public_list() -> QuerySet[SupplierBan]:
    return SupplierBan.objects.select_related("supplier", "region").order_by("-starts_at")
