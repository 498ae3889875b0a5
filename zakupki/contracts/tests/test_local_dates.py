"""Contract.concluded_on and AcceptanceDocument.decided_on: the local dates (customer's region) kept beside
the instants by save(), and backfilled by the migration contracts/0010 for rows saved before it."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zakupki.contracts.enums import AcceptanceStatus, ContractStatus
from zakupki.contracts.models import AcceptanceDocument, Contract, Stage
from zakupki.contracts.tests import factories as f

# 18:00 UTC on 31 December is 1 January in Vladivostok (UTC+10) and still 31 December in Moscow (UTC+3)
EVENING = dt.datetime(2025, 12, 31, 18, 0, tzinfo=dt.UTC)


def _contract(customer: Any, supplier: Any, n: int, concluded_at: dt.datetime | None) -> Contract:
    return Contract.objects.create(
        number=f"Л-{n}",
        customer=customer,
        supplier=supplier,
        price=Decimal("100.00"),
        basis="p4",
        source_kind="direct_purchase",
        source_id=n,
        subject="Бумага",
        status=ContractStatus.CONCLUDED if concluded_at else ContractStatus.DRAFT,
        concluded_at=concluded_at,
    )


def _document(stage: Stage, user: Any, decided_at: dt.datetime | None) -> AcceptanceDocument:
    return AcceptanceDocument.objects.create(
        stage=stage,
        number=str(AcceptanceDocument.objects.filter(stage=stage).count() + 1),
        total=Decimal("100.00"),
        submitted_by=user,
        submitted_at=EVENING - dt.timedelta(days=3),
        decision_due_at=EVENING,
        status=AcceptanceStatus.ACCEPTED if decided_at else AcceptanceStatus.SUBMITTED,
        decided_at=decided_at,
    )


@pytest.mark.django_db
def test_save_keeps_the_local_dates_of_the_customer_region():
    east = f.region("25", tz="Asia/Vladivostok", name="Приморский край")
    supplier = f.supplier()
    moscow = _contract(f.customer(), supplier, 1, EVENING)
    vladivostok = _contract(f.customer(in_region=east), supplier, 2, EVENING)
    draft = _contract(f.customer(), supplier, 3, None)
    assert (moscow.concluded_on, vladivostok.concluded_on, draft.concluded_on) == (
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 1),
        None,
    )
    stage = Stage.objects.create(contract=vladivostok, number=1, due_date=dt.date(2026, 1, 1), amount=100)
    user = f.user()
    document = _document(stage, user, EVENING + dt.timedelta(days=2))
    assert document.decided_on == dt.date(2026, 1, 3)
    refused = _document(stage, user, None)
    refused.status, refused.decided_at = AcceptanceStatus.REFUSED, EVENING - dt.timedelta(days=5)
    refused.save()
    stage.refresh_from_db()
    assert stage.first_accepted_on == dt.date(2026, 1, 3)  # a refusal is no acceptance
    _document(stage, user, EVENING)
    _document(stage, user, EVENING + dt.timedelta(days=9))
    stage.refresh_from_db()
    assert stage.first_accepted_on == dt.date(2026, 1, 1)  # the earliest accepted decision
    stale = Stage.objects.get(pk=stage.pk)
    Stage.objects.filter(pk=stage.pk).update(first_accepted_on=dt.date(2025, 12, 30))
    stale.save()  # a whole-stage save does not write back its stale copy
    stage.refresh_from_db()
    assert stage.first_accepted_on == dt.date(2025, 12, 30)

    # saving only other fields leaves the date; saving the instant moves the date with it
    draft.concluded_at, draft.status = EVENING + dt.timedelta(hours=6), ContractStatus.CONCLUDED
    draft.save(update_fields=["status"])
    stored = Contract.objects.values_list("concluded_at", "concluded_on").get(pk=draft.pk)
    assert stored == (None, None)
    draft.concluded_at = EVENING + dt.timedelta(hours=6)
    draft.save(update_fields=["concluded_at", "updated_at"])
    draft.refresh_from_db()
    assert draft.concluded_on == dt.date(2026, 1, 1)


BEFORE = [("contracts", "0009_sgoz_backfill")]
AFTER = [("contracts", "0010_local_dates")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_migration_backfills_the_local_dates_of_rows_saved_before_it():
    east = f.region("25", tz="Asia/Vladivostok", name="Приморский край")
    customer, supplier, user = f.customer(in_region=east), f.supplier(), f.user()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    OldContract = apps.get_model("contracts", "Contract")
    OldStage = apps.get_model("contracts", "Stage")
    OldDocument = apps.get_model("contracts", "AcceptanceDocument")
    common = {"customer_id": customer.pk, "supplier_id": supplier.pk, "price": Decimal("5.00"), "basis": "p4"}
    common |= {"source_kind": "direct_purchase", "subject": "Бумага"}
    concluded = OldContract.objects.create(
        number="М-1", source_id=1, status="concluded", concluded_at=EVENING, **common
    )
    draft = OldContract.objects.create(number="М-2", source_id=2, status="draft", **common)
    stage = OldStage.objects.create(contract=concluded, number=1, due_date=dt.date(2026, 1, 10), amount=5)
    decided = OldDocument.objects.create(
        stage=stage,
        number="1",
        total=5,
        submitted_by_id=user.pk,
        submitted_at=EVENING,
        decision_due_at=EVENING,
        status="accepted",
        decided_at=EVENING + dt.timedelta(days=9),  # 04:00 on 10 January in Vladivostok
    )
    pending = OldDocument.objects.create(
        stage=stage,
        number="2",
        total=5,
        submitted_by_id=user.pk,
        submitted_at=EVENING,
        decision_due_at=EVENING,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Contract_ = apps.get_model("contracts", "Contract")
    Document_ = apps.get_model("contracts", "AcceptanceDocument")
    Stage_ = apps.get_model("contracts", "Stage")
    assert Stage_.objects.get(pk=stage.pk).first_accepted_on == dt.date(2026, 1, 10)
    assert dict(Contract_.objects.values_list("pk", "concluded_on")) == {
        concluded.pk: dt.date(2026, 1, 1),
        draft.pk: None,
    }
    assert dict(Document_.objects.values_list("pk", "decided_on")) == {
        decided.pk: dt.date(2026, 1, 10),
        pending.pk: None,
    }
