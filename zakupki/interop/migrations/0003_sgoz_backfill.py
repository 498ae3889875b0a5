"""Backfills the СГОЗ notions for EIS contracts imported before 0002, as the importer now sets them: the
single-supplier exclusion from the placing way, and the whole price in the sign year (the finance-by-year
data, if any, is in the raw XML only; re-importing the files reads it)."""

from django.db import migrations

SINGLE_SUPPLIER_PREFIX = "EP"


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    EisContract = apps.get_model("interop", "EisContract")
    PaymentYear = apps.get_model("interop", "EisContractPaymentYear")
    EisContract.objects.filter(placing_way__startswith=SINGLE_SUPPLIER_PREFIX, sgoz_exclusion="").update(
        sgoz_exclusion="single_supplier"
    )
    missing = EisContract.objects.filter(payment_years__isnull=True)
    PaymentYear.objects.bulk_create(
        (
            PaymentYear(contract=c, year=c.sign_date.year, amount=c.price, from_document=False)
            for c in missing.iterator()
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("interop", "0002_sgoz_payment_years")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
