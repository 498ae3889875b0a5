"""Page reads that `zakupki.accounts.selectors` does not offer yet.

Candidates to move into the accounts selectors; kept here so that views still never query lists directly.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from zakupki.accounts.models import Organization, Region
from zakupki.accounts.selectors import organization_public_list
from zakupki.core.collation import order_by_russian
from zakupki.core.errors import NotFound
from zakupki.rules.models import RegionRuleOverride


def confirmed_counts() -> dict[tuple[int, str], int]:
    """Confirmed organizations by (region id, kind)."""
    rows = organization_public_list().order_by().values("region_id", "kind").annotate(n=Count("id"))
    return {(row["region_id"], row["kind"]): row["n"] for row in rows}


def region_organizations(*, region: Region) -> QuerySet[Organization]:
    """Every organization of the region, whatever its status, in Russian alphabetical order."""
    return order_by_russian(Organization.objects.filter(region=region), "name")


def region_organization(*, region: Region, organization_id: int) -> Organization:
    organization = (
        Organization.objects.select_related("region").filter(pk=organization_id, region=region).first()
    )
    if organization is None:
        raise NotFound("Организация не найдена в этом регионе")
    return organization


def region_rule_overrides(*, region: Region) -> QuerySet[RegionRuleOverride]:
    return (
        RegionRuleOverride.objects.filter(region=region)
        .select_related("created_by")
        .order_by("key", "effective_from")
    )
