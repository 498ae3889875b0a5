"""The canonical form of an audit event and its SHA-256 hash (shared by writer and verifier)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from decimal import Decimal
from typing import Any


class _Encoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, dt.datetime):
            return o.astimezone(dt.UTC).isoformat()
        if isinstance(o, dt.date):
            return o.isoformat()
        if isinstance(o, uuid.UUID):
            return str(o)
        if isinstance(o, set | frozenset):
            return sorted(o)
        return super().default(o)


def normalize_details(details: dict[str, Any]) -> dict[str, Any]:
    """Details as stored: Decimals and dates become strings, so stored JSON equals hashed JSON."""
    result: dict[str, Any] = json.loads(json.dumps(details, cls=_Encoder, ensure_ascii=False))
    return result


def canonical_form(
    *,
    seq: int,
    prev_hash: str,
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    event: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any],
) -> bytes:
    payload = {
        "seq": seq,
        "prev": prev_hash,
        "at": occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor": actor_id,
        "actor_label": actor_label,
        "event": event,
        "object": f"{object_type}:{object_id}",
        "details": details,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()
