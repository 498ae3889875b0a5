"""Hand-written SQL for the few hottest statements (the bid path, docs/performance.md "Fifth run").

Why not the ORM there: building a statement costs Django more CPU than the database spends running it.
For the 32-column session row the compiler quotes and compiles every column on every call; in a profile of
a bid request SQL compilation was ~40% of the server's CPU. A `RowShape` renders a model's column list
once, and turns rows back into model instances through the same converters the ORM applies (SQLite stores
datetimes and decimals as text), so the instances behave exactly like ORM-loaded ones. Writes go through
`prep`, the ORM's own conversion of a Python value into a query parameter.

On PostgreSQL these statements run through `hot_cursor`: psycopg's server-side binding, so that after
`prepare_threshold` executions (settings: DATABASES OPTIONS) each becomes a prepared statement of the
connection and the database stops parsing and planning it on every bid (database CPU per accepted bid
−55% in the fifth run). Django's own cursors keep client-side binding, which never prepares: nothing
else in the project changes behaviour.

Only for statements on a measured hot path; everything else stays in the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

M = TypeVar("M", bound=models.Model)

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


def unproxied(connection: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    """The wrapper behind `django.db.connection`. That name is a proxy that looks the wrapper up in a
    context-local store on every attribute read: a refused bid read ~50 attributes through it, ~6% of
    its server CPU (bench/bid_cpu.py profile)."""
    if connection is default_connection:
        return connections[DEFAULT_DB_ALIAS]
    return connection


class RowShape(Generic[M]):
    """All concrete columns of `model` under a table alias, and the way back from a row to an instance."""

    def __init__(self, model: type[M], alias: str) -> None:
        self.model, self.alias = model, alias
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.width = len(self.fields)
        self.table = model._meta.db_table
        self._columns: str | None = None
        self._converters: dict[str, list[tuple[int, list[Converter], Any]]] = {}

    def columns(self, connection: BaseDatabaseWrapper) -> str:
        if self._columns is None:
            qn = connection.ops.quote_name
            self._columns = ", ".join(f"{self.alias}.{qn(str(f.column))}" for f in self.fields)
        return self._columns

    def _converters_for(self, connection: BaseDatabaseWrapper) -> list[tuple[int, list[Converter], Any]]:
        found = self._converters.get(connection.vendor)
        if found is None:
            found = []
            for i, field in enumerate(self.fields):
                col = field.get_col(self.alias)
                # The same pair, in the same order, as SQLCompiler.get_converters.
                chain = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                if chain:
                    found.append((i, chain, col))
            self._converters[connection.vendor] = found
        return found

    def build(self, row: Sequence[Any], start: int, connection: BaseDatabaseWrapper) -> M:
        connection = unproxied(connection)
        values = list(row[start : start + self.width])
        for i, chain, col in self._converters_for(connection):
            value = values[i]
            for converter in chain:
                value = converter(value, col, connection)
            values[i] = value
        return self.model.from_db(connection.alias, self.attnames, values)


def prep(model: type[models.Model], name: str, value: Any, connection: BaseDatabaseWrapper) -> Any:
    """A Python value as the ORM would send it for this field (e.g. a naive UTC datetime on SQLite)."""
    return model._meta.get_field(name).get_db_prep_save(value, connection)  # type: ignore[union-attr]


def for_update(connection: BaseDatabaseWrapper) -> str:
    """`FOR UPDATE` where rows can be locked (PostgreSQL); SQLite's write lock serialises writers anyway."""
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


def hot_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor for the precomposed statements above: on PostgreSQL with server-side binding (preparable,
    see the module docstring), elsewhere Django's ordinary cursor. Wrapped like `connection.cursor()`:
    errors become Django's, and queries are logged/captured as usual."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        # Logging (DEBUG, CaptureQueriesContext) wants the statement with its values, which Django can
        # only show for client-side binding; such runs measure nothing, so they need no prepared plans.
        return connection.cursor()
    connection = unproxied(connection)
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)  # type: ignore[call-arg]
        # As DatabaseWrapper.create_cursor does for its own cursors.
        tzloader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        if connection.timezone != tzloader.timezone:
            register_tzloader(connection.timezone, cursor)
        return connection._prepare_cursor(cursor)  # type: ignore[attr-defined, no-any-return]
