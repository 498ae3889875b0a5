"""Givens for the notification tests: people in organizations (rows, not behaviour under test)."""

from typing import Any

from zakupki.accounts.models import Organization, User
from zakupki.contracts.tests.factories import customer, member_of, supplier

__all__ = ["customer", "member_of", "person", "supplier"]


def person(org: Organization, username: str, *, email: str = "", **fields: Any) -> User:
    return member_of(org, username=username, email=email, **fields)
