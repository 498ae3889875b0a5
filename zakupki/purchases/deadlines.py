"""Time events of the purchases app, picked up by the worker (architecture rule 9; convention in
zakupki/worker/registry.py). Reads never depend on them: proposals are refused by the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.purchases.models import Need
from zakupki.purchases.services.needs import need_close_due


def _need_due(need: Need, now: dt.datetime) -> None:
    need_close_due(need=need, now=now)


TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]] = [
    ("purchases.need_proposals_close", Need, _need_due),
]
