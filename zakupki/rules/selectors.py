"""Reads of the rules domain for pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from zakupki.accounts.models import Region
from zakupki.rules.models import RegionRuleOverride


def region_rule_overrides(*, region: Region) -> QuerySet[RegionRuleOverride]:
    return (
        RegionRuleOverride.objects.filter(region=region)
        .select_related("created_by")
        .order_by("key", "effective_from")
    )
