"""Server-sent events for a quotation session's live page: `GET /sessions/<id>/events/`.

One response is one bounded stream (`STREAM_LIFETIME` seconds, then the browser's EventSource reconnects
after the `retry:` hint). It sends:

- `retry: 3000` first;
- `event: state` with the session's anonymised state built for this viewer (their own rank, never
  another participant's name or ИНН), at once and again whenever that state changes;
- `: ping` comments after `HEARTBEAT` seconds of silence (proxies keep the connection; a closed browser
  is noticed when a write fails).

How a change is noticed:
- PostgreSQL: a dedicated autocommit psycopg connection `LISTEN`s on `session_<id>` (the bid services send
  `NOTIFY session_<id>` in their transaction, delivered at commit). It also re-checks every `RECHECK`
  seconds, so changes made without a NOTIFY (the worker closing the session) still arrive.
- SQLite (no LISTEN/NOTIFY): a cheap fingerprint query (status, last_seq, bids_count, updated_at) every
  `POLL` second.
In both cases the wait also wakes up at `ends_at`: bidding ends at that instant whatever the worker does.

Under WSGI each open stream holds a server thread for its lifetime (run threaded: runserver, gunicorn
gthread); that is why streams are bounded.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any, Protocol

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from zakupki.accounts.models import User
from zakupki.core.errors import NotFound
from zakupki.procedures.live import channel_name

logger = logging.getLogger("zakupki.web.live")

RETRY_MS = 3000
STREAM_LIFETIME = 60.0
HEARTBEAT = 15.0
POLL = 1.0
RECHECK = 5.0

Clock = Callable[[], float]
Fingerprint = Callable[[], Any]
StateBuilder = Callable[[], dict[str, Any]]


class ChangeWaiter(Protocol):
    """Blocks until something may have changed or `timeout` seconds passed."""

    def wait(self, timeout: float) -> None: ...

    def close(self) -> None: ...


class PollingWaiter:
    """SQLite: no notifications; sleep one poll interval and let the caller compare fingerprints."""

    def __init__(self, *, poll: float = POLL, sleep: Callable[[float], None] = time.sleep) -> None:
        self.poll = poll
        self.sleep = sleep

    def wait(self, timeout: float) -> None:
        self.sleep(max(0.0, min(timeout, self.poll)))

    def close(self) -> None:
        pass


def postgres_connect_kwargs(alias: str = "default") -> dict[str, Any]:
    """psycopg.connect() arguments for the same database Django uses (under tests: the test database)."""
    settings_dict = connections[alias].settings_dict
    kwargs: dict[str, Any] = {"dbname": settings_dict["NAME"]}
    for key, name in (("USER", "user"), ("PASSWORD", "password"), ("HOST", "host"), ("PORT", "port")):
        if settings_dict.get(key):
            kwargs[name] = settings_dict[key]
    options = dict(settings_dict.get("OPTIONS") or {})
    for django_only in ("isolation_level", "server_side_binding", "pool", "assume_role", "cursor_factory"):
        options.pop(django_only, None)
    kwargs.update(options)
    return kwargs


class PostgresNotifyWaiter:
    """PostgreSQL: `LISTEN session_<id>` on a dedicated autocommit connection; wakes up on a NOTIFY."""

    def __init__(self, session_id: int, *, recheck: float = RECHECK, alias: str = "default") -> None:
        import psycopg
        from psycopg import sql

        self.recheck = recheck
        self.conn = psycopg.connect(**postgres_connect_kwargs(alias), autocommit=True)
        self.conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel_name(session_id))))

    def wait(self, timeout: float) -> None:
        limit = max(0.0, min(timeout, self.recheck))
        for _ in self.conn.notifies(timeout=limit, stop_after=1):
            break
        # Several NOTIFYs of one burst: drain them so one state event answers them all.
        for _ in self.conn.notifies(timeout=0.0):
            pass

    def close(self) -> None:
        self.conn.close()


def make_waiter(session_id: int, *, alias: str = "default") -> ChangeWaiter:
    if connections[alias].vendor == "postgresql":
        return PostgresNotifyWaiter(session_id, alias=alias)
    return PollingWaiter()


def sse_event(data: dict[str, Any], *, event: str = "state", event_id: str | None = None) -> str:
    lines = [f"event: {event}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    lines.extend(f"data: {line}" for line in payload.splitlines())
    return "\n".join(lines) + "\n\n"


def _comparable(state: dict[str, Any]) -> dict[str, Any]:
    """The state without the fields that change every second (the server's clock)."""
    return {k: v for k, v in state.items() if k != "server_time"}


def _seconds_until(ends_at: Any, now: dt.datetime) -> float | None:
    if not isinstance(ends_at, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(ends_at)
    except ValueError:
        return None
    return (moment - now).total_seconds()


def session_event_stream(
    *,
    build_state: StateBuilder,
    fingerprint: Fingerprint,
    waiter_factory: Callable[[], ChangeWaiter],
    lifetime: float = STREAM_LIFETIME,
    heartbeat: float = HEARTBEAT,
    clock: Clock = time.monotonic,
    wall_clock: Callable[[], dt.datetime] = timezone.now,
) -> Generator[str, None, None]:
    """The SSE body: the state now, then each changed state, heartbeats, until `lifetime` or a final state.

    `build_state()` returns the viewer's JSON-ready state; a state with `"final": true` (the session's
    outcome is decided) ends the stream after it is sent — the page reloads to show the result.
    The waiter starts listening before the first state is read, so no change falls in between."""
    started = clock()
    yield f"retry: {RETRY_MS}\n\n"
    waiter = waiter_factory()
    try:
        state = build_state()
        last_print = fingerprint()
        yield sse_event(state, event_id=str(state.get("version", "")))
        if state.get("final"):
            return
        last_write = clock()
        while True:
            left = lifetime - (clock() - started)
            if left <= 0:
                return
            timeout = min(left, max(0.0, heartbeat - (clock() - last_write)))
            until_end = _seconds_until(state.get("ends_at"), wall_clock())
            if state.get("phase") == "bidding" and until_end is not None:
                timeout = min(timeout, max(until_end, 0.0) + 0.05)
            waiter.wait(timeout)
            current = fingerprint()
            ended_by_time = (
                state.get("phase") == "bidding"
                and (seconds := _seconds_until(state.get("ends_at"), wall_clock())) is not None
                and seconds <= 0
            )
            if current != last_print or ended_by_time:
                last_print = current
                fresh = build_state()
                if _comparable(fresh) != _comparable(state):
                    state = fresh
                    yield sse_event(state, event_id=str(state.get("version", "")))
                    last_write = clock()
                    if state.get("final"):
                        return
                    continue
            if clock() - last_write >= heartbeat:
                yield ": ping\n\n"
                last_write = clock()
    finally:
        waiter.close()


def stream_settings() -> tuple[float, float]:
    """(lifetime, heartbeat), overridable in settings for tests and deployments."""
    lifetime = float(getattr(settings, "SESSION_EVENTS_LIFETIME", STREAM_LIFETIME))
    heartbeat = float(getattr(settings, "SESSION_EVENTS_HEARTBEAT", HEARTBEAT))
    return lifetime, heartbeat


def event_stream_response(stream: Iterator[str]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response


def viewer_of(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


@require_safe
def session_events(request: HttpRequest, session_id: int) -> StreamingHttpResponse:
    from zakupki.web.views.procedures import live_sources

    viewer = viewer_of(request)
    try:
        build_state, fingerprint = live_sources(session_id=session_id, viewer=viewer)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    lifetime, heartbeat = stream_settings()
    stream = session_event_stream(
        build_state=build_state,
        fingerprint=fingerprint,
        waiter_factory=lambda: make_waiter(session_id),
        lifetime=lifetime,
        heartbeat=heartbeat,
    )
    return event_stream_response(stream)
