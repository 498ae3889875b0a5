"""The unread badge of the menu: one indexed COUNT, asked only where the menu is drawn."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from zakupki.accounts.models import User
from zakupki.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_badge(context: template.Context) -> SafeString | str:
    user: Any = context.get("user")
    if not isinstance(user, User) or not user.is_authenticated:
        return ""
    count = unread_count(user=user)
    if not count:
        return ""
    return format_html(
        '<span class="badge badge-wait" data-testid="unread-badge" aria-label="непрочитанных: {}">{}</span>',
        count,
        count,
    )
