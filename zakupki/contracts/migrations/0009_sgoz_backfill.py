"""Backfills the СГОЗ notions for contracts created before 0008: every platform contract so far is a п.4/п.5
ч.1 ст.93 purchase (single supplier), and every concluded one gets its payment plan — by the years of its
stages when it has more than one, else the whole price in the year of conclusion (region time)."""

from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import migrations


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Contract = apps.get_model("contracts", "Contract")
    Stage = apps.get_model("contracts", "Stage")
    Plan = apps.get_model("contracts", "ContractPaymentPlan")
    Contract.objects.filter(basis__in=["p4", "p5"], sgoz_exclusion="").update(
        sgoz_exclusion="single_supplier"
    )
    concluded = Contract.objects.filter(concluded_at__isnull=False).select_related("customer__region")
    for contract in concluded.iterator():
        if Plan.objects.filter(contract=contract).exists():
            continue
        stages = list(Stage.objects.filter(contract=contract).order_by("number"))
        years: dict[int, Decimal] = defaultdict(Decimal)
        if len(stages) > 1 and sum((s.amount for s in stages), Decimal(0)) == contract.price:
            for stage in stages:
                years[stage.due_date.year] += stage.amount
        else:
            zone = ZoneInfo(contract.customer.region.timezone)
            years[contract.concluded_at.astimezone(zone).year] = contract.price
        Plan.objects.bulk_create(
            Plan(contract=contract, year=year, amount=amount) for year, amount in sorted(years.items())
        )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0008_sgoz_smp_share")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
