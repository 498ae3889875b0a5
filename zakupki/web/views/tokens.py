"""Personal API tokens: create (the key is shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zakupki.accounts.selectors import api_token_get_own, api_token_list
from zakupki.accounts.services.tokens import api_token_create, api_token_revoke
from zakupki.core.errors import ValidationFailed
from zakupki.core.timeutil import end_of_local_day
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.tokens import ApiTokenForm


@require_http_methods(["GET", "POST"])
@login_required
@domain_errors
def tokens(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    new_key = ""
    status = 200
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        status = 400
        if form.is_valid():
            expires_on = form.cleaned_data["expires_on"]
            expires_at = (
                end_of_local_day(expires_on, timezone.get_current_timezone_name()) if expires_on else None
            )
            try:
                _token, new_key = api_token_create(
                    user=user, name=form.cleaned_data["name"], expires_at=expires_at
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc, field_map={"expires_at": "expires_on"})
            else:
                form = ApiTokenForm()
                status = 200
    else:
        form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": list(api_token_list(user=user)),
        "new_key": new_key,
        "now": timezone.now(),
    }
    response = render(request, "web/account/tokens.html", context, status=status)
    if new_key:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
@domain_errors
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = acting_user(request)
    token = api_token_revoke(token=api_token_get_own(user=user, token_id=token_id), actor=user)
    messages.success(request, f"Токен «{token.name}» отозван")
    return redirect("web:tokens")
