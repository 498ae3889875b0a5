"""Page chrome: the viewer's region clock, the menu links, Russian labels for codes."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.web.timezones import tz_label as _tz_label

register = template.Library()

MOSCOW = "Europe/Moscow"


@register.filter
def tz_label(tz_name: str) -> str:
    return _tz_label(tz_name)


@register.filter
def role_label(role: str | None) -> str:
    if role in UserRole.values:
        return str(UserRole(role).label)
    return "Гость"


@register.filter
def kind_label(kind: str) -> str:
    return str(OrganizationKind(kind).label) if kind in OrganizationKind.values else kind


@register.filter
def status_label(status: str) -> str:
    return str(OrganizationStatus(status).label) if status in OrganizationStatus.values else status


@register.simple_tag(takes_context=True)
def region_clock(context: template.Context) -> SafeString:
    """Whose clock the page's times follow: the viewer's region, or Moscow time for guests."""
    user: Any = context.get("user")
    region = getattr(user, "home_region", None) if user is not None and user.is_authenticated else None
    if region is None:
        return format_html("Время на сайте: {}", _tz_label(MOSCOW))
    return format_html("{} · время: {}", region.name, _tz_label(region.timezone))


@register.simple_tag(takes_context=True)
def nav_link(context: template.Context, url_name: str, label: str, *args: Any) -> SafeString:
    url = reverse(url_name, args=args)
    request = context.get("request")
    path = getattr(request, "path", "")
    current = path == url or (url != "/" and url_name != "web:home" and path.startswith(url))
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)
