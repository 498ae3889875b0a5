"""The audit journal's integrity report."""

from __future__ import annotations

from ninja import Schema


class JournalReportOut(Schema):
    ok: bool
    checked: int
    broken_seq: int | None
    reason: str
