"""The only writer of the audit journal (architecture rule 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from zakupki.core.rawsql import hot_cursor, prep
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
    with hot_cursor(connection) as cursor:
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
        _append(record)
    return record


_EVENT_COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "event",
    "object_type",
    "object_id",
    "details",
    "prev_hash",
    "hash",
)
_INSERT_EVENT = (
    f"INSERT INTO documents_auditevent ({', '.join(_EVENT_COLUMNS)}) "  # noqa: S608 - constant column names
    f"VALUES ({', '.join(['%s'] * len(_EVENT_COLUMNS))}) RETURNING id"
)
_MOVE_HEAD = "UPDATE documents_journalhead SET seq = %s, hash = %s WHERE id = 1"
# PostgreSQL: the insert and the move of the tip in one round trip.
_INSERT_AND_MOVE_HEAD = (
    f"WITH ins AS ({_INSERT_EVENT}) UPDATE documents_journalhead SET seq = %s, hash = %s FROM ins "  # noqa: S608 - constant column names
    "WHERE documents_journalhead.id = 1 RETURNING ins.id"
)


def _append(record: AuditEvent) -> None:
    """Inserts the event and moves the tip, in precomposed SQL: every bid appends an event, and the ORM's
    statement building cost more CPU than the database's work (zakupki.core.rawsql)."""
    params = [prep(AuditEvent, name, getattr(record, name), connection) for name in _EVENT_COLUMNS]
    with hot_cursor(connection) as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_INSERT_AND_MOVE_HEAD, [*params, record.seq, record.hash])
            row = cursor.fetchone()
        else:  # SQLite has no data-modifying WITH
            cursor.execute(_INSERT_EVENT, params)
            row = cursor.fetchone()
            cursor.execute(_MOVE_HEAD, [record.seq, record.hash])
    record.pk = row[0]
    record._state.adding, record._state.db = False, connection.alias
