"""The data migration interop/0003 gives EIS contracts imported before 0002 their exclusion and year."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("interop", "0002_sgoz_payment_years")]
AFTER = [("interop", "0003_sgoz_backfill")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_backfill_marks_single_supplier_placing_and_plans_the_whole_price_in_the_sign_year():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Document = apps.get_model("interop", "EisDocument")
    EisContract = apps.get_model("interop", "EisContract")

    def contract(reg_num: str, placing: str) -> Any:
        document = Document.objects.create(
            kind="contract",
            reg_num=reg_num,
            version_number=0,
            publish_date=dt.datetime(2018, 2, 5, tzinfo=dt.UTC),
            eis_id=reg_num[-6:],
            region_code="79",
            source="old.xml",
            content_sha256="0" * 64,
            imported_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        return EisContract.objects.create(
            document=document,
            reg_num=reg_num,
            region_code="79",
            sign_date=dt.date(2018, 2, 2),
            customer_inn="7901000010",
            price=Decimal("1000.00"),
            currency="RUB",
            placing_way=placing,
        )

    single = contract("2790100900118000001", "EP44")
    auction = contract("2790100900118000002", "EA44")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    EisContract = apps.get_model("interop", "EisContract")
    PaymentYear = apps.get_model("interop", "EisContractPaymentYear")
    assert sorted(EisContract.objects.values_list("reg_num", "sgoz_exclusion")) == [
        (single.reg_num, "single_supplier"),
        (auction.reg_num, ""),
    ]
    assert sorted(PaymentYear.objects.values_list("contract_id", "year", "amount", "from_document")) == [
        (single.pk, 2018, Decimal("1000.00"), False),
        (auction.pk, 2018, Decimal("1000.00"), False),
    ]
