"""Settings for one bulk computation: the PostgreSQL session of its passes, and Python's cyclic collector."""

from __future__ import annotations

import gc
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


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector. A national rating builds about a million small acyclic objects
    (values, parts, scores), and the collector scanned them over and over as they accumulated: a fifth of
    the run's Python time at 1 M contracts (docs/performance.md). Reference counting still frees them; the
    collector comes back on at the end (if another run paused it first, that run turns it back on)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
