"""E-mail delivery of notifications: once after commit, then retried by the worker with backoff.

A send and a retry never overlap: both hold the notification's row lock while sending (the worker takes
rows with skip_locked). A crash between the send and the commit may repeat one e-mail; we prefer that to
losing one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from zakupki.notifications.enums import EmailState
from zakupki.notifications.models import Notification

logger = logging.getLogger("zakupki.notifications")

# Technical delivery settings, not legal numbers: the first retry, doubling up to a day, then give up.
FIRST_RETRY = dt.timedelta(minutes=5)
LONGEST_RETRY = dt.timedelta(days=1)
MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after `attempts` failed sends: 5 min, 10 min, 20 min, … at most a day."""
    delay: dt.timedelta = FIRST_RETRY * 2 ** max(attempts - 1, 0)
    return min(delay, LONGEST_RETRY)


def email_text(notification: Notification) -> str:
    """The body and, when the notification has a link, its absolute address: a mail client has no site to
    resolve `/contracts/7/` against."""
    if not notification.link:
        return notification.body
    return f"{notification.body}\n\nПодробнее: {settings.PUBLIC_BASE_URL}{notification.link}"


def email_attempt(notification: Notification, *, now: dt.datetime) -> None:
    """One send of a pending e-mail; the caller holds the row lock. Saves the outcome."""
    address = notification.recipient.email
    if not address:  # the address was removed since: nothing to send, nothing to retry
        notification.email_state = EmailState.NONE
        notification.next_check_at = None
        notification.save(update_fields=["email_state", "next_check_at", "updated_at"])
        return
    notification.email_attempts += 1
    try:
        send_mail(
            notification.subject,
            email_text(notification),
            settings.DEFAULT_FROM_EMAIL,
            [address],
            fail_silently=False,
        )
    except Exception as exc:  # any backend failure (SMTP, DNS, TLS) is retried, never lost
        notification.email_error = f"{type(exc).__name__}: {exc}"[:500]
        if notification.email_attempts >= MAX_ATTEMPTS:
            notification.email_state = EmailState.FAILED
            notification.next_check_at = None
        else:
            notification.next_check_at = now + retry_delay(notification.email_attempts)
        logger.warning(
            "notification %s: e-mail attempt %s failed: %s",
            notification.pk,
            notification.email_attempts,
            notification.email_error,
        )
    else:
        notification.email_state = EmailState.SENT
        notification.email_sent_at = now
        notification.email_error = ""
        notification.next_check_at = None
    notification.save(
        update_fields=[
            "email_state",
            "email_attempts",
            "email_sent_at",
            "email_error",
            "next_check_at",
            "updated_at",
        ]
    )


def emails_deliver(notification_ids: Iterable[int]) -> None:
    """Runs after the creating transaction committed. Each e-mail in its own short transaction."""
    for pk in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=pk, email_state=EmailState.PENDING)
                .first()
            )
            if notification is not None:
                email_attempt(notification, now=timezone.now())


def notification_email_due(notification: Notification, now: dt.datetime) -> None:
    """Worker time event: retries a pending e-mail whose retry time has come (idempotent: a sent or
    abandoned e-mail only has its timer cleared)."""
    if notification.email_state != EmailState.PENDING:
        notification.next_check_at = None
        notification.save(update_fields=["next_check_at", "updated_at"])
        return
    email_attempt(notification, now=now)
