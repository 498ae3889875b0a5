from django.db import migrations, models
from django.db.models import Count, Q


def count_active_autobids(apps, schema_editor):
    """Sessions that already have bots start with the right counter."""
    session_model = apps.get_model("procedures", "QuotationSession")
    counted = session_model.objects.annotate(n=Count("autobids", filter=Q(autobids__active=True))).filter(
        n__gt=0
    )
    for session in counted:
        session_model.objects.filter(pk=session.pk).update(autobids_active=session.n)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="quotationsession",
            name="autobids_active",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_active_autobids, migrations.RunPython.noop),
    ]
