"""Personal API tokens: the key is shown once; only its SHA-256 is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import ApiToken, User
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

TOKEN_PREFIX = "zk_"  # noqa: S105 - a public prefix, not a secret


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    if not name.strip():
        raise ValidationFailed({"name": "Укажите название токена"})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed({"expires_at": "Срок действия должен быть в будущем"})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip(), prefix=raw[:11], key_hash=hash_key(raw), expires_at=expires_at
        )
        audit_record(
            actor=user,
            event=EventType.API_TOKEN_CREATED,
            obj=token,
            details={"name": token.name, "prefix": token.prefix, "expires_at": expires_at},
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied("Можно отозвать только свой токен")
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, event=EventType.API_TOKEN_REVOKED, obj=token, details={"prefix": token.prefix}
        )
    return token


def api_token_authenticate(raw: str) -> User | None:
    """Returns the token's user, or None for an unknown, revoked or expired key."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(raw)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    # Refreshing last_used_at at most once a minute keeps reads from turning into a write each time.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
