"""Who is calling: a personal API token (`Authorization: Bearer zk_...`) or the browser's session.

Endpoints that need a user declare `auth=AUTH` (token first, then session). The session scheme is
ninja's `SessionAuth` (what `django_auth` is an instance of), with one change: it looks at CSRF only
when the session has a user. A signed-in browser must send the CSRF token on unsafe methods; a
request with neither a session nor a token gets 401, not a misleading CSRF 403.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from zakupki.accounts.models import User
from zakupki.accounts.services.tokens import api_token_authenticate


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_authenticate(token.strip())


class BrowserSessionAuth(SessionAuth):
    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check Failed")
        return request.user


token_auth = ApiTokenAuth()
session_auth = BrowserSessionAuth()
AUTH = [token_auth, session_auth]


def current_user(request: HttpRequest) -> User:
    """The user an `auth=AUTH` endpoint was let in with."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


def optional_user(request: HttpRequest) -> User | None:
    """For public endpoints that show more to some users. A token that is sent must be valid."""
    if request.headers.get("Authorization"):
        user = token_auth(request)
        if not isinstance(user, User):
            raise AuthenticationError()
        return user
    if request.user.is_authenticated and isinstance(request.user, User):
        return request.user
    return None
