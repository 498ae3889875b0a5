"""Small helpers for calling the API in tests."""

from typing import Any

from django.test import Client

from zakupki.accounts.models import User
from zakupki.accounts.services.tokens import api_token_create

API = "/api/v1"


def token_for(user: User, name: str = "скрипт") -> str:
    _, raw = api_token_create(user=user, name=name)
    return raw


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def as_user(user: User) -> dict[str, str]:
    """Headers that authenticate `user` with a fresh personal token."""
    return bearer(token_for(user))


def post(client: Client, path: str, data: Any, headers: dict[str, str] | None = None) -> Any:
    return client.post(API + path, data=data, content_type="application/json", headers=headers or {})


def patch(client: Client, path: str, data: Any, headers: dict[str, str] | None = None) -> Any:
    return client.patch(API + path, data=data, content_type="application/json", headers=headers or {})


def get(client: Client, path: str, headers: dict[str, str] | None = None, **params: Any) -> Any:
    return client.get(API + path, params, headers=headers or {})


def error(message: str, field: str | None = None, code: str = "invalid") -> dict[str, Any]:
    return {"field": field, "code": code, "message": message}


def errors(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"errors": list(entries)}
