"""The platform admin connects regions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zakupki.accounts.roles import is_platform_admin
from zakupki.accounts.selectors import region_list
from zakupki.accounts.services.regions import region_create
from zakupki.accounts.subjects import federal_subjects
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.platform import RegionCreateForm


@require_http_methods(["GET", "POST"])
@login_required
@domain_errors
def regions(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not is_platform_admin(user):
        raise PermissionDenied("Страница доступна только администратору платформы")
    status = 200
    if request.method == "POST":
        form = RegionCreateForm(request.POST)
        if form.is_valid():
            try:
                region = region_create(
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                    timezone=form.timezone_or_default(),
                    joined_on=form.cleaned_data["joined_on"],
                    authority_name=form.cleaned_data["authority_name"],
                    actor=user,
                )
            except ValidationFailed as exc:
                add_service_errors(form, _without_default_zone_error(form, exc))
            else:
                messages.success(request, f"Регион «{region.name}» подключён к платформе")
                return redirect("web:platform_regions")
        status = 400
    else:
        form = RegionCreateForm(initial={"joined_on": timezone.localdate()})
    connected = list(region_list())
    connected_codes = {region.code for region in connected}
    subjects = [s for s in federal_subjects().values() if s.code not in connected_codes]
    context = {"form": form, "regions": connected, "subjects": subjects}
    return render(request, "web/platform/regions.html", context, status=status)


def _without_default_zone_error(form: RegionCreateForm, exc: ValidationFailed) -> ValidationFailed:
    """A left-empty zone follows the code: while the code is wrong, only the code is at fault."""
    if form.cleaned_data["timezone"] or "code" not in exc.errors:
        return exc
    return ValidationFailed({key: message for key, message in exc.errors.items() if key != "timezone"})
