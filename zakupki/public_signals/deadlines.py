"""Time events of the signals domain (architecture rule 9).

Signal.next_check_at is the next deadline warning still to send while an answer is awaited (the target
term approaching, the target term passed, the legal 30 days passed); the handler records and notifies
each once. Overdue signals are shown as such at read time whatever the worker has done
(`selectors.signal_deadline_state`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from zakupki.public_signals.models import Signal
from zakupki.public_signals.services.time_events import signal_time_event


def _signal_due(signal: Signal, now: dt.datetime) -> None:
    signal_time_event(signal=signal, now=now)


SIGNAL_DUE: tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]] = (
    "public_signals.signal_due",
    Signal,
    _signal_due,
)

TIME_EVENTS: list[tuple[str, type[models.Model], Callable[[Any, dt.datetime], None]]] = [SIGNAL_DUE]
