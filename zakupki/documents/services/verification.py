"""Recomputes the whole journal chain and names the first broken event."""

from __future__ import annotations

from dataclasses import dataclass

from zakupki.documents.journal import canonical_form, chain_hash
from zakupki.documents.models import GENESIS_HASH, AuditEvent, JournalHead


@dataclass(frozen=True)
class JournalReport:
    checked: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def journal_verify(*, batch_size: int = 2000) -> JournalReport:
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return JournalReport(checked, expected_seq, f"событие №{expected_seq} отсутствует")
        if event.prev_hash != expected_prev:
            return JournalReport(checked, event.seq, "ссылка на предыдущее событие не совпадает")
        recomputed = chain_hash(
            canonical_form(
                seq=event.seq,
                prev_hash=event.prev_hash,
                occurred_at=event.occurred_at,
                actor_id=event.actor_id,
                actor_label=event.actor_label,
                event=event.event,
                object_type=event.object_type,
                object_id=event.object_id,
                details=event.details,
            )
        )
        if recomputed != event.hash:
            return JournalReport(checked, event.seq, "содержимое события изменено: хеш не совпадает")
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    head = JournalHead.objects.filter(pk=1).first()
    if head is None and checked:
        return JournalReport(checked, checked, "вершина журнала удалена")
    if head is not None and (head.seq != checked or head.hash != expected_prev):
        missing = checked + 1
        return JournalReport(checked, missing, f"журнал обрывается: последнее событие №{head.seq} удалено")
    return JournalReport(checked)
