"""Freeze a server process's heap once it is warm.

After its first requests a gunicorn worker holds about 200 000 long-lived objects (modules, URL patterns,
API schemas, templates, connections). Every full (generation 2) run of the cyclic garbage collector walks
them all — 120–210 ms on the bench machine, during which every thread of the worker stands still (the
GIL) — and a loaded worker runs one every few seconds: those pauses were in the bid bench's p99
(docs/performance.md). `gc.freeze()` moves every object tracked at that moment into a permanent generation
the collector no longer walks; full runs then took 2–5 ms. It is done once, after the process's first
requests have built its lazy state. The price: reference cycles that are already garbage at that moment
are never reclaimed (a one-time few thousand objects); reference counting frees everything else as before.
"""

from __future__ import annotations

import gc
import itertools
from typing import Any

from django.core.signals import request_finished
from django.dispatch import Signal


def freeze_heap_when_warm(*, after_requests: int, finished_signal: Signal = request_finished) -> None:
    """Call `gc.freeze()` once, when this process has finished `after_requests` requests (counted by
    `finished_signal`, Django's `request_finished` unless a test passes its own)."""
    finished = itertools.count(1)  # next() on a count is atomic under the GIL: one thread sees the number

    def on_request_finished(sender: Any, **kwargs: Any) -> None:
        if next(finished) == after_requests:
            gc.freeze()
            finished_signal.disconnect(on_request_finished)

    finished_signal.connect(on_request_finished, weak=False)
