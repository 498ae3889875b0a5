"""bench/indicators.py at toy scale: its generator fills the schema as migrated; the hand-written DuckDB
К7 and savings equal the bulk path's for every customer; and every bulk figure equals the per-customer
formula's, which reads the instants, so the stored local dates the generator writes are those the
application would keep. The bench cannot rot unnoticed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.db import connection

from bench import indicators
from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import Organization, Region
from zakupki.analytics.bulk import bulk_values
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import Period, Scope

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_duckdb_and_the_bulk_path_agree_on_k7_and_savings_for_every_customer(tmp_path: Path) -> None:
    with connection.cursor() as cursor:
        for statement in indicators.generate_sql(
            contracts=3000, suppliers=300, customers=40, regions=7, year=2025
        ):
            cursor.execute(statement)
        # the stored local dates are those save() would keep (the customer's region zone)
        cursor.execute(
            """SELECT count(*) FILTER (WHERE c.concluded_on = (c.concluded_at AT TIME ZONE r.timezone)::date),
                      count(*) FROM contracts_contract c JOIN accounts_organization o ON o.id = c.customer_id
                      JOIN accounts_region r ON r.id = o.region_id"""
        )
        assert cursor.fetchone() == (3000, 3000)
        cursor.execute(
            """SELECT count(*) FILTER (WHERE d.decided_on = (d.decided_at AT TIME ZONE r.timezone)::date),
                      count(*) FROM contracts_acceptancedocument d JOIN contracts_stage s ON s.id = d.stage_id
                      JOIN contracts_contract c ON c.id = s.contract_id
                      JOIN accounts_organization o ON o.id = c.customer_id
                      JOIN accounts_region r ON r.id = o.region_id"""
        )
        same, documents = cursor.fetchone()
        assert same == documents > 2000
        cursor.execute(
            """SELECT count(*) FROM contracts_stage s LEFT JOIN (SELECT stage_id, min(decided_on) AS first_on
                      FROM contracts_acceptancedocument WHERE status IN ('accepted', 'partially_accepted')
                      GROUP BY stage_id) f ON f.stage_id = s.id
               WHERE s.first_accepted_on IS DISTINCT FROM f.first_on"""
        )
        assert cursor.fetchone() == (0,)
    as_of = dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC)

    bulk = indicators.bulk_k7_savings(2025, as_of)
    indicators.export_parquet(connection.connection, tmp_path)
    duck = indicators.duckdb_k7_savings(tmp_path, 2025)

    assert len(bulk) == 40
    assert sum(1 for k7, _ in bulk.values() if k7 is not None) > 30
    assert indicators.mismatches(duck, bulk) == 0
    assert indicators.full_methodology(2025, as_of) == (40, 80)

    # the same figures over stored bundles; then four customers change, and the worker stores them again
    indicators.forget_figures(2025)
    assert indicators.store_figures(2025, as_of) == 40
    assert indicators.mismatches(bulk, indicators.bulk_k7_savings(2025, as_of)) == 0
    changed = indicators.change_customers(40, 4)
    assert len(changed) == 4
    assert indicators.mismatches(bulk, indicators.bulk_k7_savings(2025, as_of)) == 0
    assert indicators.worker_refresh()[0] == 4
    assert indicators.mismatches(bulk, indicators.bulk_k7_savings(2025, as_of)) == 0

    # and every bulk figure is the per-customer formula's, which reads the instants, not the stored dates
    period = Period.year(2025, as_of=as_of)
    customers = list(Organization.objects.filter(kind=OrganizationKind.CUSTOMER).select_related("region"))
    got = bulk_values(FORMULAS, customers, regions=list(Region.objects.all()), period=period)
    late = 0
    for c in customers:
        for f, formula in FORMULAS.items():
            expected = formula(Scope(c.region, c), period)
            parts = tuple(dataclasses.replace(p, counted=()) for p in expected.parts)
            assert got[c.pk][f] == dataclasses.replace(expected, counted=(), parts=parts), (f, c.pk)
        late += int(got[c.pk]["late_share"].numerator or 0)
    assert late > 100
