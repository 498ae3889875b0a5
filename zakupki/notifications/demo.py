"""Demo: the contract deadline reminders of the demo contracts, at once, so the first login already has
notifications (the worker would send the same ones on its first sweep; dedupe keys make it once)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zakupki.notifications.contract_watch import contract_watch_due, deadline_sweep_due, deadline_sweep_ensure
from zakupki.notifications.models import ContractWatch, DeadlineSweep


def load_demo_notifications(*, now: dt.datetime) -> int:
    """Runs the sweep and the due watches the way the worker would; returns how many watches ran."""
    deadline_sweep_ensure(now=now)
    with transaction.atomic():
        deadline_sweep_due(DeadlineSweep.objects.select_for_update().get(pk=1), now)
    handled = 0
    for pk in (
        ContractWatch.objects.filter(next_check_at__lte=now).order_by("pk").values_list("pk", flat=True)
    ):
        with transaction.atomic():
            contract_watch_due(ContractWatch.objects.select_for_update().get(pk=pk), now)
        handled += 1
    return handled
