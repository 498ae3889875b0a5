"""Session settings for the bulk passes on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def analytic_statements() -> Iterator[None]:
    """Run the passes without JIT compilation. Their plans cost enough to cross `jit_inline_above_cost` and
    `jit_optimize_above_cost`, and LLVM's inlining and optimization then took longer than the query: 5.55 s
    of a 5.58 s pass at 1 M contracts (docs/performance.md). SET LOCAL ends with the transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield
