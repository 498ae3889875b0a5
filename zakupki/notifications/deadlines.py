"""Time events of the notifications domain (architecture rule 9).

- `notifications.deadline_sweep`: the periodic sweep that makes changed contracts' watches due;
- `notifications.contract_watch`: a contract's next deadline warning or passing (`contract_watch.py`);
- `notifications.email_retry`: a pending e-mail whose (re)send time has come (`delivery.py`).

Declared in this order so that one worker pass sweeps, then reminds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.notifications.contract_watch import contract_watch_due, deadline_sweep_due
from zakupki.notifications.delivery import notification_email_due
from zakupki.notifications.models import ContractWatch, DeadlineSweep, Notification

TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]] = [
    ("notifications.deadline_sweep", DeadlineSweep, deadline_sweep_due),
    ("notifications.contract_watch", ContractWatch, contract_watch_due),
    ("notifications.email_retry", Notification, notification_email_due),
]
