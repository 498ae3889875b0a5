"""Time events of the accounts domain, picked up by the worker (architecture rule 9).

Convention (see zakupki/worker/registry.py): `TIME_EVENTS` lists `(name, model, handler)`; the model has
an indexed `next_check_at`, and `handler(obj, now)` moves it forward or to None."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.accounts.models import Organization
from zakupki.accounts.services.confirmation import organization_confirmation_overdue


def _organization_due(organization: Organization, now: dt.datetime) -> None:
    # Organization.next_check_at is set only for customers waiting for confirmation; the service
    # clears it for anything else, so this one event covers the model.
    organization_confirmation_overdue(organization=organization, now=now)


TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]] = [
    ("accounts.organization_confirmation_overdue", Organization, _organization_due),
]
