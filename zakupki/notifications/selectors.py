from __future__ import annotations

from django.db.models import F, QuerySet

from zakupki.accounts.models import User
from zakupki.notifications.models import Notification


def notifications_of(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications: unread first, newest first within each group."""
    rows = Notification.objects.filter(recipient=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk")


def unread_count(*, user: User) -> int:
    """One indexed COUNT; the menu badge asks it on every page."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
