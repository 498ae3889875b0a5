"""Shared steps of the signal services: status changes through the tables, terms, notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zakupki.accounts.models import Organization, Region, User
from zakupki.core.errors import PermissionDenied
from zakupki.core.timeutil import local_date
from zakupki.core.transitions import check_transition
from zakupki.notifications.services import notification_send
from zakupki.public_signals.enums import AnswerStatus, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.selectors import is_moderator_of
from zakupki.public_signals.states import ANSWER_TRANSITIONS, AWAITING_ANSWER, SIGNAL_TRANSITIONS
from zakupki.rules.due_dates import calendar_deadline
from zakupki.rules.engine import rule_value_as

MSG_NOT_MODERATOR = "Модерировать сообщения может только модератор региона, к которому относится сообщение"


def signal_set_status(signal: Signal, after: SignalStatus, *, fields: list[str]) -> None:
    """The one place a signal's status changes (architecture rule 7)."""
    check_transition(SIGNAL_TRANSITIONS, SignalStatus(signal.status), after, what="Сообщение")
    signal.status = after
    signal.save(update_fields=["status", "updated_at", *fields])


def answer_set_status(answer: SignalAnswer, after: AnswerStatus, *, fields: list[str]) -> None:
    check_transition(ANSWER_TRANSITIONS, AnswerStatus(answer.status), after, what="Ответ")
    answer.status = after
    answer.save(update_fields=["status", "updated_at", *fields])


def require_moderator(user: User, region: Region) -> None:
    if not is_moderator_of(user, region):
        raise PermissionDenied(MSG_NOT_MODERATOR)


def signal_rule_int(key: str, *, region: Region, at: dt.datetime) -> int:
    return rule_value_as(key, int, on=local_date(at, region.timezone), region=region)


def set_answer_terms(signal: Signal, *, start: dt.datetime) -> list[str]:
    """The terms of the awaited answer, counted in calendar days from `start` in the region's zone; a
    last day that is a day off moves to the next working day (ГК РФ ст.193: a term to act)."""
    region = signal.region
    tz_name = region.timezone
    target = signal_rule_int("signal.answer_target_days", region=region, at=start)
    legal = signal_rule_int("signal.answer_max_days", region=region, at=start)
    signal.answer_due_at = calendar_deadline(
        start=start, days=target, tz_name=tz_name, roll_to_working_day=True
    )
    signal.legal_due_at = calendar_deadline(
        start=start, days=legal, tz_name=tz_name, roll_to_working_day=True
    )
    signal.due_soon_flagged_at = None
    signal.overdue_flagged_at = None
    signal.legal_overdue_flagged_at = None
    signal.next_check_at = next_check(signal)
    return [
        "answer_due_at",
        "legal_due_at",
        "due_soon_flagged_at",
        "overdue_flagged_at",
        "legal_overdue_flagged_at",
        "next_check_at",
    ]


def next_check(signal: Signal) -> dt.datetime | None:
    """The next deadline warning still to send for the awaited answer; None when nothing is awaited."""
    if signal.status not in AWAITING_ANSWER or signal.answer_due_at is None or signal.legal_due_at is None:
        return None
    soon_days = signal_rule_int("signal.due_soon_days", region=signal.region, at=signal.answer_due_at)
    candidates: list[dt.datetime] = []
    if signal.due_soon_flagged_at is None and signal.overdue_flagged_at is None:
        candidates.append(signal.answer_due_at - dt.timedelta(days=soon_days))
    if signal.overdue_flagged_at is None:
        candidates.append(signal.answer_due_at)
    if signal.legal_overdue_flagged_at is None:
        candidates.append(signal.legal_due_at)
    return min(candidates) if candidates else None


def signal_link(signal: Signal) -> str:
    return f"/signals/{signal.pk}/"


def notify(*, signal: Signal, kind: str, subject: str, body: str, key: str, to: Organization | User) -> None:
    target: dict[str, Any] = {"organization": to} if isinstance(to, Organization) else {"user": to}
    notification_send(
        kind=kind,
        subject=subject,
        body=body,
        link=signal_link(signal),
        dedupe_key=f"signal:{signal.pk}:{key}",
        **target,
    )
