"""The settings a bulk computation runs under: no JIT on PostgreSQL, the cyclic collector paused and back."""

from __future__ import annotations

import gc

import pytest
from django.db import connection

from zakupki.analytics.bulk.tuning import analytic_statements, without_cyclic_gc


def test_the_collector_is_paused_inside_and_back_after() -> None:
    assert gc.isenabled()
    with without_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_back_after_an_error() -> None:
    with pytest.raises(ValueError, match="inside the run"), without_cyclic_gc():
        raise ValueError("inside the run")
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused() -> None:
    gc.disable()
    try:
        with without_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # no test transaction around: SET LOCAL ends with the run's own
def test_the_passes_run_without_jit_and_the_session_keeps_its_setting() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        before = cursor.fetchone()
        with analytic_statements():
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == before == ("on",)
