"""The author rates the published answer; an unsatisfactory one may be sent back once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.public_signals.enums import AnswerStatus, Rating, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.selectors import is_author
from zakupki.public_signals.services._common import notify, set_answer_terms, signal_set_status

MAX_RETURNS = 1
MSG_NOT_AUTHOR = "Оценить ответ может только автор сообщения"


def signal_rate(
    *, signal: Signal, author: User, rating: str, send_back: bool = False, now: dt.datetime | None = None
) -> Signal:
    if not is_author(author, signal):
        raise PermissionDenied(MSG_NOT_AUTHOR)
    if rating not in Rating.values:
        raise ValidationFailed({"rating": "Выберите оценку: доволен или не доволен ответом"})
    if send_back and rating != Rating.UNSATISFIED:
        raise ValidationFailed(
            {"send_back": "Вернуть на повторный ответ можно только неудовлетворительный ответ"}
        )
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Signal.objects.select_for_update(of=("self",))
            .select_related("region", "organization")
            .get(pk=signal.pk)
        )
        if locked.status != SignalStatus.ANSWERED:
            raise Conflict(f"Сообщение в статусе «{SignalStatus(locked.status).label}»: оценивать нечего")
        if send_back and locked.returns_count >= MAX_RETURNS:
            raise Conflict("Сообщение уже возвращалось на повторный ответ: вернуть его можно только один раз")
        answer = (
            SignalAnswer.objects.select_for_update(of=("self",))
            .filter(signal=locked, status=AnswerStatus.PUBLISHED)
            .order_by("-pk")
            .first()
        )
        assert answer is not None  # noqa: S101 - an answered signal has a published answer
        answer.rating = Rating(rating)
        answer.rated_at = now
        answer.save(update_fields=["rating", "rated_at", "updated_at"])
        locked.rating = Rating(rating)
        locked.rated_at = now
        if send_back:
            locked.returns_count += 1
            signal_set_status(locked, SignalStatus.RETURNED, fields=["rating", "rated_at", "returns_count"])
            locked.save(update_fields=set_answer_terms(locked, start=now))
            audit_record(
                actor=author,
                event=EventType.SIGNAL_RETURNED,
                obj=locked,
                details={
                    "answer": answer.pk,
                    "answer_due_at": locked.answer_due_at,
                    "legal_due_at": locked.legal_due_at,
                },
            )
            assert locked.organization is not None  # noqa: S101 - answered signals are routed
            notify(
                signal=locked,
                kind="signal.returned",
                subject=f"Сообщение № {locked.pk} возвращено на повторный ответ",
                body="Автор не удовлетворён ответом и вернул сообщение. Подготовьте повторный ответ.",
                key="returned",
                to=locked.organization,
            )
        else:
            signal_set_status(locked, SignalStatus.RATED, fields=["rating", "rated_at"])
            audit_record(
                actor=author,
                event=EventType.SIGNAL_RATED,
                obj=locked,
                details={"answer": answer.pk, "rating": rating},
            )
    return locked
