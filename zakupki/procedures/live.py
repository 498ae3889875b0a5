"""Live-update hook for sessions: who wants to know that a session's public state changed.

The live-update layer (SSE/websocket/htmx polling, built elsewhere) registers a listener once at start-up:

    from zakupki.procedures import live
    live.add_listener(lambda session_id: broker.publish(f"session_{session_id}"))

Services call `notify_session_changed(session_id)` only through `transaction.on_commit` (architecture
rule 5), so a listener never sees a change that was rolled back. On PostgreSQL every accepted bid also
sends `NOTIFY session_<id>, '<last seq>'` inside its transaction (delivered at commit), for listeners in
other processes (`LISTEN session_<id>`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger("zakupki.procedures.live")

Listener = Callable[[int], None]

listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    if listener not in listeners:
        listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in listeners:
        listeners.remove(listener)


def notify_session_changed(session_id: int) -> None:
    """Calls every listener; one failing listener is logged and does not stop the others."""
    for listener in list(listeners):
        try:
            listener(session_id)
        except Exception:
            logger.exception("session live listener failed for session %s", session_id)


def channel_name(session_id: int) -> str:
    return f"session_{session_id}"
