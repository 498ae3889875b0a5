"""The only writer of the audit journal (architecture rule 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
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
    with transaction.atomic():
        # The UPDATE takes the row lock on PostgreSQL and the write lock on SQLite before we read
        # the tip: two writers can never chain onto the same previous event.
        if not JournalHead.objects.filter(pk=1).update(seq=models.F("seq")):
            JournalHead.objects.get_or_create(pk=1)
        head = JournalHead.objects.select_for_update().get(pk=1)
        occurred_at = timezone.now()
        seq = head.seq + 1
        fields: dict[str, Any] = {
            "seq": seq,
            "prev_hash": head.hash,
            "occurred_at": occurred_at,
            "actor_id": actor.pk if actor is not None else None,
            "actor_label": _actor_label(actor),
            "event": event.value,
            "object_type": obj._meta.label_lower,
            "object_id": str(obj.pk),
            "details": normalized,
        }
        digest = chain_hash(canonical_form(**fields))
        record = AuditEvent.objects.create(hash=digest, **fields)
        head.seq, head.hash = seq, digest
        head.save(update_fields=["seq", "hash"])
    return record
