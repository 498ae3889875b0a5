"""Sign in, sign out, and self-registration of organizations and citizens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.selectors import organization_members, region_list
from zakupki.accounts.services.registration import citizen_register, organization_register
from zakupki.core.errors import ValidationFailed
from zakupki.web.errors import add_service_errors
from zakupki.web.forms.auth import LoginForm
from zakupki.web.forms.registration import (
    PERSON_FIELD_MAP,
    CitizenRegistrationForm,
    OrganizationRegistrationForm,
)

CUSTOMER_WAITS = "Организация ожидает подтверждения администратором региона"
SUPPLIER_READY = "Организация зарегистрирована. Можно участвовать в закупках."
CITIZEN_READY = "Вы зарегистрированы. Теперь можно следить за закупками своего региона."
BACKEND = "django.contrib.auth.backends.ModelBackend"

login_view = auth_views.LoginView.as_view(
    template_name="web/auth/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
)
logout_view = auth_views.LogoutView.as_view()


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    if request.method != "POST":
        form = OrganizationRegistrationForm(regions=regions)
        return render(request, "web/auth/register.html", {"form": form, "regions": regions})
    form = OrganizationRegistrationForm(request.POST, regions=regions)
    if form.is_valid():
        try:
            organization = organization_register(data=form.organization_data(), person=form.person_data())
        except ValidationFailed as exc:
            add_service_errors(form, exc, field_map=PERSON_FIELD_MAP)
        else:
            user = organization_members(organization=organization).get()
            login(request, user, backend=BACKEND)
            customer = organization.kind == OrganizationKind.CUSTOMER
            if customer:
                messages.info(request, CUSTOMER_WAITS)
            else:
                messages.success(request, SUPPLIER_READY)
            return redirect("web:home")
    return render(request, "web/auth/register.html", {"form": form, "regions": regions}, status=400)


@require_http_methods(["GET", "POST"])
def register_citizen(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    if request.method != "POST":
        form = CitizenRegistrationForm(regions=regions)
        return render(request, "web/auth/register_citizen.html", {"form": form})
    form = CitizenRegistrationForm(request.POST, regions=regions)
    if form.is_valid():
        try:
            user = citizen_register(person=form.person_data(), region_code=form.cleaned_data["region"])
        except ValidationFailed as exc:
            add_service_errors(form, exc, field_map=PERSON_FIELD_MAP)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, CITIZEN_READY)
            return redirect("web:home")
    return render(request, "web/auth/register_citizen.html", {"form": form}, status=400)
