"""The «Котировочные сессии» card of the customer's and the supplier's home pages."""

from __future__ import annotations

from typing import Any

from django import template

from zakupki.accounts.enums import OrganizationKind
from zakupki.procedures.selectors import sessions_of_customer, sessions_open

register = template.Library()

HOME_LIMIT = 10


@register.inclusion_tag("web/procedures/_home_sessions.html")
def home_sessions(organization: Any, empty_text: str) -> dict[str, Any]:
    """A customer sees its own sessions (drafts too); a supplier, the sessions accepting bids now."""
    sessions: list[Any] = []
    is_customer = organization is not None and organization.kind == OrganizationKind.CUSTOMER
    if is_customer:
        sessions = list(
            sessions_of_customer(customer=organization).select_related("customer", "region")[:HOME_LIMIT]
        )
    elif organization is not None and organization.kind == OrganizationKind.SUPPLIER:
        sessions = list(sessions_open()[:HOME_LIMIT])
    return {
        "sessions": sessions,
        "empty_text": empty_text,
        "can_create": is_customer and organization.can_publish_purchases,
    }
