"""The data migration contracts/0009 gives contracts made before 0008 their exclusion and payment plan."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zakupki.contracts.tests import factories as f

BEFORE = [("contracts", "0008_sgoz_smp_share")]
AFTER = [("contracts", "0009_sgoz_backfill")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_backfill_sets_the_exclusion_and_plans_concluded_contracts_by_stage_years_or_conclusion_year():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Contract = apps.get_model("contracts", "Contract")
    Stage = apps.get_model("contracts", "Stage")
    customer, supplier = f.customer(), f.supplier()  # Moscow, UTC+3

    def contract(n: int, concluded_at: dt.datetime | None) -> Any:
        return Contract.objects.create(
            number=f"К-{n}",
            customer_id=customer.pk,
            supplier_id=supplier.pk,
            price=Decimal("1000.00"),
            basis="p4" if n % 2 else "p5",
            source_kind="direct_purchase",
            source_id=n,
            subject="Бумага",
            status="concluded" if concluded_at else "draft",
            concluded_at=concluded_at,
        )

    # concluded at 22:00 UTC on 31 December: 1 January in Moscow
    single = contract(1, dt.datetime(2025, 12, 31, 22, 0, tzinfo=dt.UTC))
    Stage.objects.create(contract=single, number=1, due_date=dt.date(2026, 2, 1), amount=Decimal("1000.00"))
    staged = contract(2, dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.UTC))
    Stage.objects.create(contract=staged, number=1, due_date=dt.date(2025, 12, 20), amount=Decimal("400.00"))
    Stage.objects.create(contract=staged, number=2, due_date=dt.date(2026, 1, 20), amount=Decimal("600.00"))
    draft = contract(3, None)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Contract = apps.get_model("contracts", "Contract")
    Plan = apps.get_model("contracts", "ContractPaymentPlan")
    assert set(Contract.objects.values_list("sgoz_exclusion", flat=True)) == {"single_supplier"}
    plans = sorted(Plan.objects.values_list("contract_id", "year", "amount"))
    assert plans == [
        (single.pk, 2026, Decimal("1000.00")),
        (staged.pk, 2025, Decimal("400.00")),
        (staged.pk, 2026, Decimal("600.00")),
    ]
    assert draft.pk not in {row[0] for row in plans}
