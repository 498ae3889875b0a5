"""The regional admin's page: region settings, customers awaiting confirmation, the region's organizations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.roles import is_platform_admin, is_regional_admin_of
from zakupki.accounts.selectors import (
    customers_awaiting_confirmation,
    region_get,
    region_organization,
    region_organizations,
)
from zakupki.accounts.services.confirmation import organization_confirm, organization_reject
from zakupki.accounts.services.regions import region_update_settings
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.rules.services import rule_override_set
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.region import RegionSettingsForm, RejectForm
from zakupki.web.forms.rules import RuleOverrideForm
from zakupki.web.http import HtmxHttpRequest
from zakupki.web.rules_display import override_rows

RULE_FORM_IDS = "id_rule_%s"


def _admin_region(request: HttpRequest, code: str | None) -> tuple[User, Region]:
    user = acting_user(request)
    if code is None:
        if user.region is None or not is_regional_admin_of(user, user.region):
            raise PermissionDenied("Страница доступна только администратору региона")
        return user, user.region
    region = region_get(code=code)
    if not is_regional_admin_of(user, region):
        raise PermissionDenied("Страница доступна только администратору этого региона")
    return user, region


def region_page_url(user: User, region: Region) -> str:
    if user.region_id == region.pk:
        return reverse("web:region")
    return reverse("web:region_detail", args=[region.code])


def _settings_initial(region: Region) -> dict[str, str]:
    return {
        "name": region.name,
        "timezone": region.timezone,
        "authority_name": region.authority_name,
        "contact_email": region.contact_email,
    }


def _render_page(
    request: HttpRequest,
    user: User,
    region: Region,
    *,
    settings_form: RegionSettingsForm | None = None,
    reject_forms: dict[int, RejectForm] | None = None,
    rule_form: RuleOverrideForm | None = None,
    page_error: str = "",
    status: int = 200,
) -> HttpResponse:
    reject_forms = reject_forms or {}
    today = local_date(timezone.now(), region.timezone)
    pending = [
        {
            "organization": organization,
            "reject_form": reject_forms.get(organization.pk)
            or RejectForm(auto_id=f"id_reject_{organization.pk}_%s"),
            "error": "",
        }
        for organization in customers_awaiting_confirmation(region=region)
    ]
    context: dict[str, Any] = {
        "region": region,
        "page_url": region_page_url(user, region),
        "settings_form": settings_form or RegionSettingsForm(initial=_settings_initial(region)),
        "pending": pending,
        "organizations": list(region_organizations(region=region)),
        "page_error": page_error,
        "rule_rows": override_rows(region=region, today=today),
        "rule_form": rule_form or RuleOverrideForm(initial={"effective_from": today}, auto_id=RULE_FORM_IDS),
    }
    return render(request, "web/region/page.html", context, status=status)


@require_safe
@login_required
@domain_errors
def region_page(request: HttpRequest, code: str | None = None) -> HttpResponse:
    if code is None and is_platform_admin(request.user) and acting_user(request).region is None:
        return redirect("web:platform_regions")  # no region of their own: choose one there
    user, region = _admin_region(request, code)
    return _render_page(request, user, region)


@require_POST
@login_required
@domain_errors
def region_settings(request: HttpRequest, code: str) -> HttpResponse:
    user, region = _admin_region(request, code)
    form = RegionSettingsForm(request.POST)
    if form.is_valid():
        try:
            region_update_settings(region=region, actor=user, changes=form.changes())
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Настройки региона сохранены")
            return redirect(region_page_url(user, region))
    return _render_page(request, user, region, settings_form=form, status=400)


def _pending_item(
    request: HttpRequest,
    organization: Organization,
    *,
    done: str = "",
    error: str = "",
    form: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "item": {
            "organization": organization,
            "reject_form": form or RejectForm(auto_id=f"id_reject_{organization.pk}_%s"),
            "error": error,
        },
        "region": organization.region,
        "done": done,
    }
    return render(request, "web/region/_pending_item.html", context, status=status)


@require_POST
@login_required
@domain_errors
def organization_confirm_view(request: HtmxHttpRequest, code: str, organization_id: int) -> HttpResponse:
    user, region = _admin_region(request, code)
    organization = region_organization(region=region, organization_id=organization_id)
    try:
        organization = organization_confirm(organization=organization, actor=user)
    except (ValidationFailed, Conflict) as exc:
        if request.htmx:
            return _pending_item(request, organization, error=exc.message, status=400)
        return _render_page(request, user, region, page_error=exc.message, status=400)
    done = f"Организация «{organization.display_name}» подтверждена"
    if request.htmx:
        return _pending_item(request, organization, done=done)
    messages.success(request, done)
    return redirect(region_page_url(user, region))


@require_POST
@login_required
@domain_errors
def organization_reject_view(request: HtmxHttpRequest, code: str, organization_id: int) -> HttpResponse:
    user, region = _admin_region(request, code)
    organization = region_organization(region=region, organization_id=organization_id)
    form = RejectForm(request.POST, auto_id=f"id_reject_{organization.pk}_%s")
    if form.is_valid():
        try:
            organization = organization_reject(
                organization=organization, actor=user, reason=form.cleaned_data["reason"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        except Conflict as exc:
            if request.htmx:
                return _pending_item(request, organization, error=exc.message, status=400)
            return _render_page(request, user, region, page_error=exc.message, status=400)
        else:
            done = f"Организации «{organization.display_name}» отказано в подтверждении"
            if request.htmx:
                return _pending_item(request, organization, done=done)
            messages.success(request, done)
            return redirect(region_page_url(user, region))
    if request.htmx:
        return _pending_item(request, organization, form=form, status=400)
    return _render_page(request, user, region, reject_forms={organization.pk: form}, status=400)


@require_POST
@login_required
@domain_errors
def rule_override_add(request: HttpRequest, code: str) -> HttpResponse:
    user, region = _admin_region(request, code)
    form = RuleOverrideForm(request.POST, auto_id=RULE_FORM_IDS)
    if form.is_valid():
        try:
            rule_override_set(
                region=region,
                key=form.cleaned_data["key"],
                value=form.service_value(),
                effective_from=form.cleaned_data["effective_from"],
                effective_until=form.cleaned_data["effective_until"],
                reason=form.cleaned_data["reason"],
                actor=user,
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Региональное значение параметра сохранено")
            return redirect(f"{region_page_url(user, region)}#rules-heading")
    return _render_page(request, user, region, rule_form=form, status=400)
