"""The only writer of the audit journal (architecture rule 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from zakupki.documents.events import EventType
from zakupki.documents.journal import canonical_form, chain_hash, normalize_details
from zakupki.documents.models import AuditEvent, JournalHead

if TYPE_CHECKING:
    from zakupki.accounts.models import User

SYSTEM_ACTOR = "Система"


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return SYSTEM_ACTOR
    name = actor.full_name or actor.username
    org = actor.organization.display_name if actor.organization_id and actor.organization else ""
    return f"{name} ({org})" if org else name


_LOCK_HEAD_SQL = "UPDATE documents_journalhead SET seq = seq WHERE id = 1 RETURNING seq, hash"


def _lock_head() -> tuple[int, str]:
    """Locks the chain's tip and reads it in one round trip (a row lock on PostgreSQL, the write lock on
    SQLite): two writers can never chain onto the same previous event."""
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_HEAD_SQL)
        row = cursor.fetchone()
        if row is None:  # a flushed test database: recreate the tip, then lock it like everyone else
            JournalHead.objects.get_or_create(pk=1)
            cursor.execute(_LOCK_HEAD_SQL)
            row = cursor.fetchone()
    return int(row[0]), str(row[1])


def audit_record(
    *,
    actor: User | None,
    event: EventType,
    obj: models.Model,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event, chained to the previous one. Runs inside the caller's transaction, so the
    event exists if and only if the change it describes was committed."""
    if not isinstance(event, EventType):
        raise TypeError(f"unknown audit event {event!r}")
    normalized = normalize_details(details or {})
    # No savepoint: the event belongs to the caller's transaction, and a failure here aborts it anyway.
    with transaction.atomic(savepoint=False):
        head_seq, head_hash = _lock_head()
        occurred_at = timezone.now()
        seq = head_seq + 1
        fields: dict[str, Any] = {
            "seq": seq,
            "prev_hash": head_hash,
            "occurred_at": occurred_at,
            "actor_id": actor.pk if actor is not None else None,
            "actor_label": _actor_label(actor),
            "event": event.value,
            "object_type": obj._meta.label_lower,
            "object_id": str(obj.pk),
            "details": normalized,
        }
        digest = chain_hash(canonical_form(**fields))
        record = AuditEvent(hash=digest, **fields)
        record.save(force_insert=True)
        JournalHead.objects.filter(pk=1).update(seq=seq, hash=digest)
    return record
