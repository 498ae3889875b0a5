"""The long-running worker: a pass every few seconds until SIGTERM/SIGINT asks it to stop."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from types import FrameType

from django.db import close_old_connections

from zakupki.worker.registry import TimeEvent
from zakupki.worker.runner import PassResult, run_pass

logger = logging.getLogger("zakupki.worker")

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install_stop_signals(stop: threading.Event) -> dict[int, object]:
    """SIGTERM/SIGINT set `stop` instead of killing the process mid-batch. Returns the old handlers."""

    def _request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: dict[int, object] = {}
    for signum in STOP_SIGNALS:
        previous[signum] = signal.signal(signum, _request_stop)
    return previous


def restore_signals(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]  # whatever signal.signal returned


def run_loop(
    *,
    interval: float,
    stop: threading.Event,
    events: Sequence[TimeEvent],
    on_pass: Callable[[PassResult], None] | None = None,
) -> int:
    """Runs passes until `stop` is set; returns how many passes completed.

    A failing pass (the database restarting, say) is logged and retried after the interval: the worker
    must outlive transient trouble, since deadlines keep coming."""
    passes = 0
    while not stop.is_set():
        # Long-lived processes must drop connections that died or outlived CONN_MAX_AGE themselves:
        # Django does it only around HTTP requests.
        close_old_connections()
        try:
            result = run_pass(events=events, should_stop=stop.is_set)
        except Exception:
            logger.exception("worker pass failed; retrying in %s s", interval)
        else:
            passes += 1
            if on_pass is not None:
                on_pass(result)
        finally:
            close_old_connections()
        # Event.wait returns at once when a signal handler sets `stop`, so shutdown is prompt.
        stop.wait(interval)
    return passes
