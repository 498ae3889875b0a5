"""Personal API tokens: the key is shown once; only its SHA-256 is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import connection, transaction
from django.utils import timezone

from zakupki.accounts.models import ApiToken, Organization, User
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.core.rawsql import RowShape, hot_cursor
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


_TOKEN = RowShape(ApiToken, "t")
_USER = RowShape(User, "u")
_ORGANIZATION = RowShape(Organization, "o")


def _token_with_user(key_hash: str) -> ApiToken | None:
    """The token, its user and the user's organization in one statement, read on every API request (no
    cache: a revoked token is refused at its very next request). Raw SQL because this runs on every
    request of the bid path, where the ORM's statement building cost more CPU than the query
    (zakupki.core.rawsql)."""
    with hot_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {_TOKEN.columns(connection)}, {_USER.columns(connection)}, "  # noqa: S608 - column names only
            f"{_ORGANIZATION.columns(connection)} FROM {_TOKEN.table} t "
            f"JOIN {_USER.table} u ON u.id = t.user_id "
            f"LEFT JOIN {_ORGANIZATION.table} o ON o.id = u.organization_id WHERE t.key_hash = %s",
            [key_hash],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    token = _TOKEN.build(row, 0, connection)
    user = _USER.build(row, _TOKEN.width, connection)
    if user.organization_id is not None:
        user.organization = _ORGANIZATION.build(row, _TOKEN.width + _USER.width, connection)
    token.user = user
    return token


def api_token_authenticate(raw: str) -> User | None:
    """Returns the token's user (its organization loaded), or None for an unknown, revoked or expired key."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = _token_with_user(hash_key(raw))
    now = timezone.now()
    if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    # Refreshing last_used_at at most once a minute keeps reads from turning into a write each time.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
