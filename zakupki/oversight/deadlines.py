"""Time events of the oversight domain (architecture rule 9; convention in zakupki/worker/registry.py).

- a complaint not decided by `review_due_at` (5 working days of receipt) is recorded overdue once and
  the control body is notified;
- an order not reported by `due_at` likewise, notifying the control body and the customer.
Dashboards read overdue from the clock (selectors), never from the worker having run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.oversight.models import Complaint, ComplaintOrder
from zakupki.oversight.services.orders import complaint_time_event, order_time_event


def _complaint_due(complaint: Complaint, now: dt.datetime) -> None:
    complaint_time_event(complaint=complaint, now=now)


def _order_due(order: ComplaintOrder, now: dt.datetime) -> None:
    order_time_event(order=order, now=now)


TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]] = [
    ("oversight.complaint_review_overdue", Complaint, _complaint_due),
    ("oversight.complaint_order_overdue", ComplaintOrder, _order_due),
]
