"""How pages show domain errors: field errors next to the field, access errors as the 403/404 pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, ParamSpec

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zakupki.accounts.models import User
from zakupki.core import errors as domain

P = ParamSpec("P")


def domain_errors(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Turns refusals the view did not handle itself into Russian error pages."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except domain.PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc
        except domain.NotFound as exc:
            raise Http404(exc.message) from exc
        except domain.DomainError as exc:
            request = args[0]
            assert isinstance(request, HttpRequest)  # noqa: S101 - every view's first argument
            return render(request, "web/error.html", {"message": exc.message}, status=exc.http_status)

    return wrapper


def refusal_text(exc: domain.DomainError) -> str:
    """A refusal in one line for a page: every field's message, or the message itself."""
    return " ".join(exc.errors.values()) if isinstance(exc, domain.ValidationFailed) else exc.message


def page_action(
    request: HttpRequest,
    perform: Callable[[], str],
    *,
    refused: Callable[[str], HttpResponse],
    then: str,
    passes: tuple[type[domain.DomainError], ...] = (domain.NotFound,),
) -> HttpResponse:
    """A page's POST action: `perform` returns the success message, shown once after the redirect to the
    URL `then` (POST/redirect/GET); a refusal goes back to the page through `refused` with its reason;
    the `passes` errors are left to `domain_errors` (the 404 and 403 pages)."""
    try:
        message = perform()
    except passes:
        raise
    except domain.DomainError as exc:
        return refused(refusal_text(exc))
    messages.success(request, message)
    return redirect(then)


def add_service_errors(
    form: forms.BaseForm, exc: domain.DomainError, *, field_map: Mapping[str, str] | None = None
) -> None:
    """Puts a service's refusal next to the field it names; the rest goes above the form."""
    errors = exc.errors if isinstance(exc, domain.ValidationFailed) else {exc.field or "": exc.message}
    for key, message in errors.items():
        name = (field_map or {}).get(key, key)
        form.add_error(name if name in form.fields else None, message)


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a `login_required` view."""
    user: Any = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise DjangoPermissionDenied("Войдите в систему")
    return user
