"""Time events of analytics (architecture rule 9): a customer whose rated data changed gets its stored
figures computed again (`CustomerChange.next_check_at`, set by the database triggers of ADR 0010).

One customer per batch: the runner holds the customer's change row locked while the handler computes, and
a write of that customer's contracts waits on it (its trigger bumps the same row), so the lock is kept to
one customer's computation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.analytics.models import CustomerChange
from zakupki.analytics.services import customer_figures_refresh


def _customer_changed(change: CustomerChange, now: dt.datetime) -> None:
    customer_figures_refresh(change=change, now=now)


TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None], int]] = [
    ("analytics.customer_changed", CustomerChange, _customer_changed, 1)
]
