"""The public index and each role's home page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.accounts.models import Region
from zakupki.accounts.roles import role_of
from zakupki.accounts.selectors import (
    customers_awaiting_confirmation,
    organization_confirmed_counts,
    region_list,
    region_organizations,
)
from zakupki.core.timeutil import now
from zakupki.rules.engine import rule_period
from zakupki.rules.errors import RuleNotDefined
from zakupki.web.errors import acting_user, domain_errors
from zakupki.web.rules_display import display_rule_value

SMALL_PURCHASE_CAP = "small_purchase.p4.contract_cap"
ORGANIZATION_ROLES = (UserRole.CUSTOMER, UserRole.SUPPLIER, UserRole.CONTROL_BODY)


@dataclass(frozen=True)
class RegionRow:
    region: Region
    customers: int
    suppliers: int


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    counts = organization_confirmed_counts()
    rows = [
        RegionRow(
            region=region,
            customers=counts.get((region.pk, OrganizationKind.CUSTOMER.value), 0),
            suppliers=counts.get((region.pk, OrganizationKind.SUPPLIER.value), 0),
        )
        for region in region_list()
    ]
    totals = {"customers": sum(r.customers for r in rows), "suppliers": sum(r.suppliers for r in rows)}
    context = {"regions": rows, "totals": totals, "small_purchase_cap": _small_purchase_cap()}
    return render(request, "web/index.html", context)


def _small_purchase_cap() -> str:
    """Today's cap of a small purchase (п.4 ч.1 ст.93), as the rules engine has it."""
    try:
        cap = rule_period(SMALL_PURCHASE_CAP, on=timezone.localtime(now()).date())
    except RuleNotDefined:
        return ""
    return display_rule_value(cap.value, cap.unit)


@require_safe
@login_required
@domain_errors
def home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    role = role_of(user)
    context: dict[str, Any] = {"organization": user.organization}
    if role in ORGANIZATION_ROLES:
        return render(request, f"web/home/{role}.html", context)
    if role == UserRole.REGIONAL_ADMIN and user.region is not None:
        context.update(
            region=user.region,
            pending=list(customers_awaiting_confirmation(region=user.region)),
            organizations_count=region_organizations(region=user.region).count(),
        )
        return render(request, "web/home/regional_admin.html", context)
    if role == UserRole.PLATFORM_ADMIN:
        return render(request, "web/home/platform_admin.html", {"regions": list(region_list())})
    return render(request, "web/home/citizen.html", {"region": user.region})
