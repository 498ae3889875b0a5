"""Local dates of conclusion and of acceptance decisions (customer's region), stored beside the instants,
and each stage's first accepted decision date, so that the indicators of a year need neither a time-zone
conversion per row nor the acceptance documents (ADR 0009). The backfill is one UPDATE per table on
PostgreSQL (AT TIME ZONE the region's zone) and a row loop elsewhere (the SQLite demo)."""

from zoneinfo import ZoneInfo

from django.db import migrations, models
from django.db.models import Min

_PG_CONTRACTS = """
UPDATE contracts_contract c SET concluded_on = (c.concluded_at AT TIME ZONE r.timezone)::date
FROM accounts_organization o JOIN accounts_region r ON r.id = o.region_id
WHERE o.id = c.customer_id AND c.concluded_at IS NOT NULL
"""
_PG_DOCUMENTS = """
UPDATE contracts_acceptancedocument d SET decided_on = (d.decided_at AT TIME ZONE r.timezone)::date
FROM contracts_stage s JOIN contracts_contract c ON c.id = s.contract_id
JOIN accounts_organization o ON o.id = c.customer_id JOIN accounts_region r ON r.id = o.region_id
WHERE s.id = d.stage_id AND d.decided_at IS NOT NULL
"""
_PG_STAGES = """
UPDATE contracts_stage s SET first_accepted_on = f.first_on
FROM (SELECT stage_id, min(decided_on) AS first_on FROM contracts_acceptancedocument
      WHERE status IN ('accepted', 'partially_accepted') AND decided_on IS NOT NULL GROUP BY stage_id) f
WHERE f.stage_id = s.id
"""


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_PG_CONTRACTS)
        schema_editor.execute(_PG_DOCUMENTS)
        schema_editor.execute(_PG_STAGES)
        return
    Contract = apps.get_model("contracts", "Contract")
    Document = apps.get_model("contracts", "AcceptanceDocument")
    contracts = Contract.objects.filter(concluded_at__isnull=False).select_related("customer__region")
    for c in contracts.iterator():
        c.concluded_on = c.concluded_at.astimezone(ZoneInfo(c.customer.region.timezone)).date()
        c.save(update_fields=["concluded_on"])
    documents = Document.objects.filter(decided_at__isnull=False).select_related(
        "stage__contract__customer__region"
    )
    for d in documents.iterator():
        zone = ZoneInfo(d.stage.contract.customer.region.timezone)
        d.decided_on = d.decided_at.astimezone(zone).date()
        d.save(update_fields=["decided_on"])
    Stage = apps.get_model("contracts", "Stage")
    accepted = Document.objects.filter(
        status__in=["accepted", "partially_accepted"], decided_on__isnull=False
    )
    for stage_id, first_on in (
        accepted.values("stage_id").annotate(first_on=Min("decided_on")).values_list("stage_id", "first_on")
    ):
        Stage.objects.filter(pk=stage_id).update(first_accepted_on=first_on)


class Migration(migrations.Migration):
    dependencies = [("contracts", "0009_sgoz_backfill")]

    operations = [
        migrations.AddField(
            model_name="acceptancedocument",
            name="decided_on",
            field=models.DateField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="дата решения (по времени региона заказчика)",
            ),
        ),
        migrations.AddField(
            model_name="contract",
            name="concluded_on",
            field=models.DateField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="дата заключения (по времени региона заказчика)",
            ),
        ),
        migrations.AddField(
            model_name="stage",
            name="first_accepted_on",
            field=models.DateField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="первое решение о приёмке (по времени региона заказчика)",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
