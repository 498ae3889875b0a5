"""Writes of the notifications domain. Other domains notify people only through `notification_send`."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import Organization, User
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.notifications.delivery import FIRST_RETRY, emails_deliver
from zakupki.notifications.enums import EmailState
from zakupki.notifications.models import Notification

SUBJECT_MAX = Notification._meta.get_field("subject").max_length or 300
LINK_MAX = Notification._meta.get_field("link").max_length or 500
KEY_MAX = Notification._meta.get_field("dedupe_key").max_length or 200
KIND_MAX = Notification._meta.get_field("kind").max_length or 80


def _recipients(organization: Organization | None, user: User | None) -> list[User]:
    if (organization is None) == (user is None):
        raise ValueError("notification_send needs exactly one of organization= or user=")
    if user is not None:
        return [user] if user.is_active else []
    return list(User.objects.filter(organization=organization, is_active=True).order_by("pk"))


def _validate(*, kind: str, subject: str, body: str, link: str, dedupe_key: str) -> None:
    errors: dict[str, str] = {}
    if not kind.strip():
        errors["kind"] = "Не указан вид уведомления"
    elif len(kind) > KIND_MAX:
        errors["kind"] = f"Вид уведомления длиннее {KIND_MAX} символов"
    if not subject.strip():
        errors["subject"] = "Укажите тему уведомления"
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = f"Тема уведомления длиннее {SUBJECT_MAX} символов"
    if not body.strip():
        errors["body"] = "Укажите текст уведомления"
    if len(link) > LINK_MAX:
        errors["link"] = f"Ссылка длиннее {LINK_MAX} символов"
    if len(dedupe_key) > KEY_MAX:
        errors["dedupe_key"] = f"Ключ уведомления длиннее {KEY_MAX} символов"
    if errors:
        raise ValidationFailed(errors)


def notification_send(
    *,
    kind: str,
    subject: str,
    body: str,
    link: str = "",
    organization: Organization | None = None,
    user: User | None = None,
    dedupe_key: str = "",
) -> int:
    """Notifies one user, or every active user of the organization: an in-app notification plus an
    e-mail (Django's e-mail backend) to those with an e-mail address. With a dedupe_key, calling again
    for the same recipient is a no-op (idempotent for the worker). Returns how many notifications were created."""
    _validate(kind=kind, subject=subject, body=body, link=link, dedupe_key=dedupe_key)
    recipients = _recipients(organization, user)
    now = timezone.now()
    created: list[Notification] = []
    with transaction.atomic():
        for person in recipients:
            has_email = bool(person.email)
            fields = {
                "kind": kind,
                "subject": subject.strip(),
                "body": body.strip(),
                "link": link,
                "email_state": EmailState.PENDING if has_email else EmailState.NONE,
                # A safety net: if this process dies before the after-commit send, the worker sends.
                "next_check_at": now + FIRST_RETRY if has_email else None,
            }
            if dedupe_key:
                # get_or_create inserts in a savepoint and re-reads on the unique violation, so two
                # concurrent senders create one row (the constraint decides, not a prior read).
                notification, was_created = Notification.objects.get_or_create(
                    recipient=person, dedupe_key=dedupe_key, defaults=fields
                )
            else:
                notification, was_created = Notification.objects.create(recipient=person, **fields), True
            if was_created:
                created.append(notification)
        if created:
            audit_record(
                actor=None,
                event=EventType.NOTIFICATION_SENT,
                obj=created[0],
                details={
                    "kind": kind,
                    "subject": subject.strip(),
                    "dedupe_key": dedupe_key,
                    "recipients": [n.recipient.username for n in created],
                },
            )
            pending = [n.pk for n in created if n.email_state == EmailState.PENDING]
            if pending:
                transaction.on_commit(partial(emails_deliver, pending))
    return len(created)


def notification_mark_read(*, notification_id: int, actor: User) -> Notification:
    """Marks one of the actor's own notifications read (someone else's is not found). Reading is the
    person's own view state, not a procurement fact: it is not journaled."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().filter(pk=notification_id, recipient=actor).first()
        )
        if notification is None:
            raise NotFound("Уведомление не найдено", field="notification")
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notification_mark_all_read(*, actor: User) -> int:
    """One conditional UPDATE; returns how many were unread."""
    now = timezone.now()
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=now, updated_at=now
    )
