"""Organization cards: the public part for anyone, the private part for those `can_view_private` allows."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zakupki.accounts.models import Organization, User
from zakupki.accounts.selectors import (
    organization_get_private,
    organization_get_public,
    organization_members,
    organization_public_list,
    region_list,
)
from zakupki.core.errors import PermissionDenied
from zakupki.web.errors import domain_errors

PAGE_LIMIT = 200


def _card(request: HttpRequest, organization_id: int) -> tuple[Organization, bool]:
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        try:
            return organization_get_private(organization_id=organization_id, viewer=user), True
        except PermissionDenied:
            pass
    return organization_get_public(organization_id=organization_id), False


@require_safe
@domain_errors
def organization_card(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization, private = _card(request, organization_id)
    members = list(organization_members(organization=organization)) if private else []
    context = {"organization": organization, "private": private, "members": members}
    return render(request, "web/organizations/card.html", context)


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    query = request.GET.get("q", "").strip()[:200]
    code = request.GET.get("region", "")
    region = next((r for r in regions if r.code == code), None)
    organizations = organization_public_list(region=region, query=query)
    rows = list(organizations[: PAGE_LIMIT + 1])
    context = {
        "organizations": rows[:PAGE_LIMIT],
        "truncated": len(rows) > PAGE_LIMIT,
        "regions": regions,
        "query": query,
        "selected_region": region,
    }
    return render(request, "web/organizations/list.html", context)
