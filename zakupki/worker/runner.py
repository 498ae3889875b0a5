"""One pass of the deadline runner: every due row of every time event, handled once.

How a pass stays safe and finite:
- Rows are taken in small batches, each in its own transaction, locked with
  `select_for_update(skip_locked=True)`: two workers never handle the same row, and neither waits for
  the other. SQLite has no row locks; it serialises writers anyway (IMMEDIATE transactions), so there
  we select without locking.
- Each row runs in a savepoint: one row's exception is logged and rolled back alone, the batch goes on.
- Batches walk the primary key upwards (keyset), so each row is offered to the handler at most once per
  pass. A handler that raises, or that leaves `next_check_at` due and unchanged (a broken handler: it
  would otherwise be called forever), is logged and simply left due: it is retried on the next pass,
  never dropped. We chose "retry" over clearing `next_check_at` because a silently lost deadline is worse
  than a repeated warning in the log.
- Idempotency comes from the data: a handled row is no longer due, so a second pass finds nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.utils import timezone

from zakupki.worker.registry import DUE_FIELD, TimeEvent, discover_time_events

logger = logging.getLogger("zakupki.worker")


@dataclass
class EventResult:
    name: str
    handled: int = 0
    failed: int = 0
    stuck: int = 0


@dataclass
class PassResult:
    now: dt.datetime
    events: list[EventResult] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return sum(e.handled for e in self.events)

    @property
    def failed(self) -> int:
        return sum(e.failed for e in self.events)

    @property
    def stuck(self) -> int:
        return sum(e.stuck for e in self.events)


def _never() -> bool:
    return False


def _due_rows(event: TimeEvent, *, db: str, now: dt.datetime, after_pk: Any) -> QuerySet[Any]:
    rows = event.model._default_manager.using(db).filter(**{f"{DUE_FIELD}__lte": now})
    if after_pk is not None:
        rows = rows.filter(pk__gt=after_pk)
    return rows


def _take_batch(event: TimeEvent, *, db: str, now: dt.datetime, after_pk: Any) -> list[Any]:
    rows = _due_rows(event, db=db, now=now, after_pk=after_pk).order_by("pk")
    if connections[db].features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return list(rows[: event.batch_size])


def _due_value(event: TimeEvent, *, db: str, pk: Any) -> dt.datetime | None:
    value: dt.datetime | None = (
        event.model._default_manager.using(db).filter(pk=pk).values_list(DUE_FIELD, flat=True).first()
    )
    return value


def _handle_row(event: TimeEvent, row: Any, *, db: str, now: dt.datetime, result: EventResult) -> None:
    before = getattr(row, DUE_FIELD)
    try:
        with transaction.atomic(using=db):  # a savepoint: a failure undoes this row only
            event.handler(row, now)
    except Exception:
        result.failed += 1
        logger.exception(
            "time event %s failed for %s pk=%s; it stays due and is retried on the next pass",
            event.name,
            event.model._meta.label,
            row.pk,
        )
        return
    after = _due_value(event, db=db, pk=row.pk)
    if after is not None and after == before:
        result.stuck += 1
        logger.error(
            "time event %s: the handler left %s pk=%s due at %s; retried on the next pass",
            event.name,
            event.model._meta.label,
            row.pk,
            after.isoformat(),
        )
        return
    result.handled += 1


def run_event(event: TimeEvent, *, now: dt.datetime, should_stop: Callable[[], bool] = _never) -> EventResult:
    result = EventResult(name=event.name)
    db = router.db_for_write(event.model)
    after_pk: Any = None
    while not should_stop():
        # Peek before opening a transaction: on SQLite every transaction takes the database write lock
        # (IMMEDIATE), and an idle worker should not make the web server wait every few seconds.
        if not _due_rows(event, db=db, now=now, after_pk=after_pk).exists():
            break
        with transaction.atomic(using=db):
            batch = _take_batch(event, db=db, now=now, after_pk=after_pk)
            for row in batch:
                _handle_row(event, row, db=db, now=now, result=result)
        if len(batch) < event.batch_size:
            break
        after_pk = batch[-1].pk
    return result


def run_pass(
    *,
    now: dt.datetime | None = None,
    events: Sequence[TimeEvent] | None = None,
    should_stop: Callable[[], bool] = _never,
) -> PassResult:
    """Handles every row due at `now` (default: the pass start) once. Stops between batches on request."""
    moment = now or timezone.now()
    result = PassResult(now=moment)
    for event in discover_time_events() if events is None else events:
        if should_stop():
            break
        result.events.append(run_event(event, now=moment, should_stop=should_stop))
    return result
