"""The responsible organization answers a published (or returned) signal; the answer waits for the
moderator before the author or the public see it."""

from __future__ import annotations

from django.db import transaction

from zakupki.accounts.models import User
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.public_signals.enums import SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.selectors import is_responsible
from zakupki.public_signals.services._common import signal_set_status
from zakupki.public_signals.states import AWAITING_ANSWER

ANSWER_MAX = 10000
MSG_NOT_RESPONSIBLE = "Ответить может только организация, которой направлено сообщение"


def answer_submit(*, signal: Signal, author: User, text: str) -> SignalAnswer:
    if not is_responsible(author, signal):
        raise PermissionDenied(MSG_NOT_RESPONSIBLE)
    text = text.strip()
    if not text:
        raise ValidationFailed({"text": "Напишите текст ответа"})
    if len(text) > ANSWER_MAX:
        raise ValidationFailed({"text": f"Текст ответа длиннее {ANSWER_MAX} символов"})
    with transaction.atomic():
        locked = (
            Signal.objects.select_for_update(of=("self",))
            .select_related("region", "organization")
            .get(pk=signal.pk)
        )
        if locked.status not in AWAITING_ANSWER:
            raise Conflict(f"Сообщение в статусе «{SignalStatus(locked.status).label}»: ответ не ожидается")
        assert locked.organization is not None  # noqa: S101 - published signals are routed
        answer = SignalAnswer.objects.create(
            signal=locked, organization=locked.organization, author=author, text=text
        )
        locked.next_check_at = None  # the organization has answered; the moderator holds the clock
        signal_set_status(locked, SignalStatus.ANSWER_PENDING, fields=["next_check_at"])
        audit_record(
            actor=author,
            event=EventType.SIGNAL_ANSWER_SUBMITTED,
            obj=locked,
            details={
                "answer": answer.pk,
                "organization": locked.organization.inn,
                "round": locked.returns_count + 1,
            },
        )
    return answer
