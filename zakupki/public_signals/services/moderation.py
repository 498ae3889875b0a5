"""The region's moderator publishes a signal (routing it to the responsible organization) or rejects it
with a reason from the list, and publishes or rejects the organization's answers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, User
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.public_signals.enums import AnswerStatus, RejectReason, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.services._common import (
    answer_set_status,
    next_check,
    notify,
    require_moderator,
    set_answer_terms,
    signal_set_status,
)

COMMENT_MAX = SignalAnswer._meta.get_field("moderation_comment").max_length or 1000


def signal_default_organization(signal: Signal) -> Organization | None:
    """The customer of the linked contract or procedure; a facility has no default."""
    if signal.contract_id is not None and signal.contract is not None:
        return signal.contract.customer
    if signal.session_id is not None and signal.session is not None:
        return signal.session.customer
    return None


def _check_organization(signal: Signal, organization: Organization | None) -> Organization:
    if organization is None:
        raise ValidationFailed({"organization": "Выберите организацию, ответственную за ответ"})
    if (
        organization.kind != OrganizationKind.CUSTOMER
        or organization.status != OrganizationStatus.CONFIRMED
        or organization.region_id != signal.region_id
    ):
        raise ValidationFailed(
            {"organization": "Ответственной может быть только подтверждённый заказчик региона сообщения"}
        )
    return organization


def signal_publish(
    *,
    signal: Signal,
    moderator: User,
    organization: Organization | None = None,
    now: dt.datetime | None = None,
) -> Signal:
    require_moderator(moderator, signal.region)
    chosen = _check_organization(signal, organization or signal_default_organization(signal))
    now = now or timezone.now()
    with transaction.atomic():
        locked = Signal.objects.select_for_update(of=("self",)).select_related("region").get(pk=signal.pk)
        locked.organization = chosen
        locked.moderated_by = moderator
        locked.moderated_at = now
        locked.published_at = now
        signal_set_status(locked, SignalStatus.PUBLISHED, fields=[])
        fields = set_answer_terms(locked, start=now)
        locked.sla_due_at = locked.answer_due_at
        locked.save(
            update_fields=[
                "organization",
                "moderated_by",
                "moderated_at",
                "published_at",
                "sla_due_at",
                *fields,
            ]
        )
        audit_record(
            actor=moderator,
            event=EventType.SIGNAL_PUBLISHED,
            obj=locked,
            details={
                "organization": chosen.inn,
                "answer_due_at": locked.answer_due_at,
                "legal_due_at": locked.legal_due_at,
            },
        )
        notify(
            signal=locked,
            kind="signal.routed",
            subject=f"Сообщение гражданина № {locked.pk}: нужен ответ",
            body=f"Опубликовано сообщение гражданина, ответ за вашей организацией. {locked.text[:300]}",
            key="routed",
            to=chosen,
        )
        notify(
            signal=locked,
            kind="signal.published",
            subject=f"Ваше сообщение № {locked.pk} опубликовано",
            body=f"Сообщение опубликовано и направлено в «{chosen.display_name}».",
            key="published",
            to=locked.author,
        )
    return locked


def signal_reject(*, signal: Signal, moderator: User, reason: str, now: dt.datetime | None = None) -> Signal:
    require_moderator(moderator, signal.region)
    if reason not in RejectReason.values:
        raise ValidationFailed({"reason": "Выберите причину отклонения из списка"})
    now = now or timezone.now()
    with transaction.atomic():
        locked = Signal.objects.select_for_update(of=("self",)).select_related("region").get(pk=signal.pk)
        locked.reject_reason = RejectReason(reason)
        locked.moderated_by = moderator
        locked.moderated_at = now
        signal_set_status(
            locked, SignalStatus.REJECTED, fields=["reject_reason", "moderated_by", "moderated_at"]
        )
        audit_record(actor=moderator, event=EventType.SIGNAL_REJECTED, obj=locked, details={"reason": reason})
        notify(
            signal=locked,
            kind="signal.rejected",
            subject=f"Ваше сообщение № {locked.pk} отклонено",
            body=f"Причина: {RejectReason(reason).label}.",
            key="rejected",
            to=locked.author,
        )
    return locked


def answer_approve(*, answer: SignalAnswer, moderator: User, now: dt.datetime | None = None) -> SignalAnswer:
    signal = answer.signal
    require_moderator(moderator, signal.region)
    now = now or timezone.now()
    with transaction.atomic():
        locked_signal = (
            Signal.objects.select_for_update(of=("self",)).select_related("region").get(pk=signal.pk)
        )
        locked = SignalAnswer.objects.select_for_update(of=("self",)).get(pk=answer.pk)
        if locked.status != AnswerStatus.PENDING:
            raise Conflict(f"Ответ уже рассмотрен: «{AnswerStatus(locked.status).label}»")
        locked.moderated_by = moderator
        locked.moderated_at = now
        answer_set_status(locked, AnswerStatus.PUBLISHED, fields=["moderated_by", "moderated_at"])
        fields = ["next_check_at"]
        if locked_signal.answered_at is None and locked_signal.published_at is not None:
            # The organization's time is measured to when it answered, not to the moderator's decision.
            locked_signal.answered_at = locked.created_at
            locked_signal.answer_seconds = max(
                int((locked.created_at - locked_signal.published_at).total_seconds()), 0
            )
            fields += ["answered_at", "answer_seconds"]
        signal_set_status(locked_signal, SignalStatus.ANSWERED, fields=[])
        locked_signal.next_check_at = None
        locked_signal.save(update_fields=fields)
        audit_record(
            actor=moderator,
            event=EventType.SIGNAL_ANSWER_PUBLISHED,
            obj=locked_signal,
            details={"answer": locked.pk, "organization": locked.organization.inn},
        )
        notify(
            signal=locked_signal,
            kind="signal.answered",
            subject=f"Получен ответ на ваше сообщение № {locked_signal.pk}",
            body="Организация ответила на ваше сообщение. Оцените ответ.",
            key=f"answered:{locked.pk}",
            to=locked_signal.author,
        )
    return locked


def answer_reject(
    *, answer: SignalAnswer, moderator: User, comment: str, now: dt.datetime | None = None
) -> SignalAnswer:
    signal = answer.signal
    require_moderator(moderator, signal.region)
    comment = comment.strip()
    if not comment:
        raise ValidationFailed({"comment": "Напишите, что нужно исправить в ответе"})
    if len(comment) > COMMENT_MAX:
        raise ValidationFailed({"comment": f"Замечание длиннее {COMMENT_MAX} символов"})
    now = now or timezone.now()
    with transaction.atomic():
        locked_signal = (
            Signal.objects.select_for_update(of=("self",)).select_related("region").get(pk=signal.pk)
        )
        locked = SignalAnswer.objects.select_for_update(of=("self",)).get(pk=answer.pk)
        if locked.status != AnswerStatus.PENDING:
            raise Conflict(f"Ответ уже рассмотрен: «{AnswerStatus(locked.status).label}»")
        locked.moderated_by = moderator
        locked.moderated_at = now
        locked.moderation_comment = comment
        answer_set_status(
            locked, AnswerStatus.REJECTED, fields=["moderated_by", "moderated_at", "moderation_comment"]
        )
        back = SignalStatus.RETURNED if locked_signal.returns_count else SignalStatus.PUBLISHED
        signal_set_status(locked_signal, back, fields=[])
        # the answer is still owed on the same terms: the clock did not stop for moderation
        locked_signal.next_check_at = next_check(locked_signal)
        locked_signal.save(update_fields=["next_check_at"])
        audit_record(
            actor=moderator,
            event=EventType.SIGNAL_ANSWER_REJECTED,
            obj=locked_signal,
            details={"answer": locked.pk, "comment": comment},
        )
        notify(
            signal=locked_signal,
            kind="signal.answer_rejected",
            subject=f"Ответ на сообщение № {locked_signal.pk} не опубликован",
            body=f"Замечание модератора: {comment}",
            key=f"answer_rejected:{locked.pk}",
            to=locked.organization,
        )
    return locked
