"""The worker's handler: warns the organization that the answer term is running out, then that it has
passed (the target term, then the legal one). Idempotent by the flags on the row."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zakupki.core.timeutil import format_ru_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.public_signals.models import Signal
from zakupki.public_signals.services._common import next_check, notify, signal_rule_int
from zakupki.public_signals.states import AWAITING_ANSWER


def _warn(signal: Signal, *, event: EventType, level: str, subject: str, due: dt.datetime) -> None:
    audit_record(actor=None, event=event, obj=signal, details={"level": level, "due_at": due})
    if signal.organization is not None:
        notify(
            signal=signal,
            kind=event.value,
            subject=subject,
            body=f"Срок ответа — {format_ru_date(due, signal.region.timezone)}.",
            key=f"{level}:{signal.returns_count}",
            to=signal.organization,
        )


def _soon_days(signal: Signal) -> int:
    return signal_rule_int(
        "signal.due_soon_days", region=signal.region, at=signal.answer_due_at or signal.created_at
    )


def signal_time_event(*, signal: Signal, now: dt.datetime) -> None:
    with transaction.atomic():
        locked = (
            Signal.objects.select_for_update(of=("self",))
            .select_related("region", "organization")
            .get(pk=signal.pk)
        )
        if (
            locked.status not in AWAITING_ANSWER
            or locked.answer_due_at is None
            or locked.legal_due_at is None
        ):
            locked.next_check_at = None
            locked.save(update_fields=["next_check_at"])
            return
        fields: list[str] = ["next_check_at"]
        number = locked.pk
        if now >= locked.legal_due_at and locked.legal_overdue_flagged_at is None:
            # a late worker records the gravest state once, not every warning it missed
            locked.legal_overdue_flagged_at = now
            locked.overdue_flagged_at = locked.overdue_flagged_at or now
            locked.due_soon_flagged_at = locked.due_soon_flagged_at or now
            fields += ["legal_overdue_flagged_at", "overdue_flagged_at", "due_soon_flagged_at"]
            _warn(
                locked,
                event=EventType.SIGNAL_OVERDUE,
                level="legal",
                subject=f"Нарушен срок ответа по 59-ФЗ на сообщение № {number}",
                due=locked.legal_due_at,
            )
        elif now >= locked.answer_due_at and locked.overdue_flagged_at is None:
            locked.overdue_flagged_at = now
            locked.due_soon_flagged_at = locked.due_soon_flagged_at or now
            fields += ["overdue_flagged_at", "due_soon_flagged_at"]
            _warn(
                locked,
                event=EventType.SIGNAL_OVERDUE,
                level="target",
                subject=f"Просрочен срок ответа на сообщение № {number}",
                due=locked.answer_due_at,
            )
        elif (
            locked.due_soon_flagged_at is None
            and locked.overdue_flagged_at is None
            and now >= locked.answer_due_at - dt.timedelta(days=_soon_days(locked))
        ):
            locked.due_soon_flagged_at = now
            fields.append("due_soon_flagged_at")
            _warn(
                locked,
                event=EventType.SIGNAL_DUE_SOON,
                level="soon",
                subject=f"Истекает срок ответа на сообщение № {number}",
                due=locked.answer_due_at,
            )
        locked.next_check_at = next_check(locked)
        locked.save(update_fields=fields)
