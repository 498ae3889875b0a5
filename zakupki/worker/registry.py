"""Discovery of the domains' time events (architecture rule 9).

The convention, so that domains never import the worker (dependency rule 1): a domain app may ship a
module `<app>.deadlines` with a module-level list

    TIME_EVENTS = [
        ("accounts.organization_confirmation_overdue", Organization, handler),
        # optionally a fourth item: the batch size (default 50)
    ]

- `name` is unique across the project and shows up in logs;
- `model` has a nullable, indexed `next_check_at` DateTimeField: the instant the object next needs the
  worker, or NULL when it needs nothing. One event per model: an object has a single next due time, so a
  domain with several timers on one model dispatches inside its handler (openprocurement's chronograph
  does the same with `next_check`);
- `handler(obj, now)` receives the row already locked and must move `next_check_at` forward (to its next
  due time) or to NULL. It must be idempotent: called late or twice, it must record the event once.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models

DUE_FIELD = "next_check_at"
DEFAULT_BATCH_SIZE = 50
DOMAIN_PACKAGE = "zakupki."

Handler = Callable[[Any, dt.datetime], None]


@dataclass(frozen=True)
class TimeEvent:
    name: str
    model: type[models.Model]
    handler: Handler
    batch_size: int = DEFAULT_BATCH_SIZE


def _due_field_is_indexed(model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    # `db_index` is a runtime attribute the type stubs only know as a constructor argument.
    if getattr(field, "db_index", False) or field.unique:
        return True
    return any(index.fields and index.fields[0] == DUE_FIELD for index in model._meta.indexes)


def check_event(event: TimeEvent) -> TimeEvent:
    """Refuses a badly declared event at start-up rather than at its first due row."""
    label = f"time event {event.name!r}"
    try:
        field = event.model._meta.get_field(DUE_FIELD)
    except FieldDoesNotExist as exc:
        raise ImproperlyConfigured(f"{label}: {event.model.__name__} has no {DUE_FIELD} field") from exc
    if not isinstance(field, models.DateTimeField) or not field.null:
        raise ImproperlyConfigured(f"{label}: {DUE_FIELD} must be a nullable DateTimeField")
    if not _due_field_is_indexed(event.model, field):
        raise ImproperlyConfigured(f"{label}: {DUE_FIELD} must be indexed")
    if not callable(event.handler):
        raise ImproperlyConfigured(f"{label}: the handler is not callable")
    if event.batch_size < 1:
        raise ImproperlyConfigured(f"{label}: batch size must be positive")
    return event


def _parse(entry: Any, module_name: str) -> TimeEvent:
    if not isinstance(entry, tuple | list) or len(entry) not in (3, 4):
        raise ImproperlyConfigured(
            f"{module_name}.TIME_EVENTS: expected (name, model, handler[, batch_size]), got {entry!r}"
        )
    name, model, handler, *rest = entry
    if not (isinstance(model, type) and issubclass(model, models.Model)):
        raise ImproperlyConfigured(f"{module_name}.TIME_EVENTS: {model!r} is not a model")
    batch_size = int(rest[0]) if rest else DEFAULT_BATCH_SIZE
    return check_event(TimeEvent(name=str(name), model=model, handler=handler, batch_size=batch_size))


def check_unique(events: Iterable[TimeEvent]) -> list[TimeEvent]:
    result = list(events)
    names: set[str] = set()
    models_seen: dict[type[models.Model], str] = {}
    for event in result:
        if event.name in names:
            raise ImproperlyConfigured(f"time event {event.name!r} is declared twice")
        names.add(event.name)
        other = models_seen.setdefault(event.model, event.name)
        if other != event.name:
            raise ImproperlyConfigured(
                f"time events {other!r} and {event.name!r} share {event.model.__name__}.{DUE_FIELD}: "
                "declare one event per model and dispatch inside its handler"
            )
    return result


def discover_time_events() -> list[TimeEvent]:
    """Every `zakupki.<app>.deadlines.TIME_EVENTS`, in INSTALLED_APPS order (so runs are reproducible)."""
    events: list[TimeEvent] = []
    for config in apps.get_app_configs():
        if not config.name.startswith(DOMAIN_PACKAGE):
            continue
        module_name = f"{config.name}.deadlines"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        # A `deadlines` module without TIME_EVENTS declares none: zakupki.rules.due_dates, for one,
        # holds the working-day arithmetic the domains use, not time events.
        declared = getattr(module, "TIME_EVENTS", ())
        if not isinstance(declared, list | tuple):
            raise ImproperlyConfigured(f"{module_name}.TIME_EVENTS must be a list")
        events.extend(_parse(entry, module_name) for entry in declared)
    return check_unique(events)
