"""bench/indicators.py at toy scale: its generator fills the schema as migrated, and the hand-written DuckDB
К7 and savings equal the bulk path's for every customer, so the bench cannot rot unnoticed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection

from bench import indicators

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_duckdb_and_the_bulk_path_agree_on_k7_and_savings_for_every_customer(tmp_path: Path) -> None:
    with connection.cursor() as cursor:
        for statement in indicators.generate_sql(
            contracts=3000, suppliers=300, customers=40, regions=7, year=2025
        ):
            cursor.execute(statement)
    as_of = dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC)

    bulk = indicators.bulk_k7_savings(2025, as_of)
    indicators.export_parquet(connection.connection, tmp_path)
    duck = indicators.duckdb_k7_savings(tmp_path, 2025)

    assert len(bulk) == 40
    assert sum(1 for k7, _ in bulk.values() if k7 is not None) > 30
    assert indicators.mismatches(duck, bulk) == 0
    assert indicators.full_methodology(2025, as_of) == (40, 80)
