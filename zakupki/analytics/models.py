from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.core.models import TimeStampedModel


class RegionMethodologyChoice(TimeStampedModel):
    """The methodology a region rates its customers by, with its own thresholds where it chose to.

    `threshold_overrides` is {indicator id: [3-point, 2-point, 1-point boundaries]}, checked by the same
    monotonic rule as the methodology files (`region_methodology_set`)."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="methodology_choice")
    methodology_id = models.CharField("методика", max_length=40)
    threshold_overrides = models.JSONField("границы баллов региона", default=dict, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "методика региона"
        verbose_name_plural = "методики регионов"

    def __str__(self) -> str:
        return f"{self.region_id}: {self.methodology_id}"


class CustomerChange(models.Model):
    """How many times a customer's rated data has changed, and when the worker should store its figures anew.

    Written only by database triggers (migration 0002, `stored_figures_triggers.py`): every insert, update
    or delete of a contract, a payment-plan row, a payment or an SMP subcontract that can move a bundled
    figure bumps `version` and makes the row due, whatever wrote it (services, the EIS import, bulk SQL).
    A stored bundle counts only while its `version` is the current one."""

    customer = models.OneToOneField(
        Organization, on_delete=models.CASCADE, primary_key=True, related_name="analytics_change"
    )
    version = models.BigIntegerField(default=0)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "изменение данных заказчика"
        verbose_name_plural = "изменения данных заказчиков"

    def __str__(self) -> str:
        return f"{self.customer_id}: v{self.version}"


class CustomerYearFigures(models.Model):
    """A customer's bundled platform figures of one calendar year (`bulk/figures.py`), as computed at `as_of`.

    Valid for a run of the same year when `version` is the customer's current change version, `format` the
    code's, `timezone` still the customer's region's, and the run's `as_of` in [`valid_from`, `valid_until`):
    between those instants no pending termination takes effect, so «terminated» counts the same."""

    customer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    version = models.BigIntegerField()
    format = models.PositiveSmallIntegerField()
    timezone = models.CharField(max_length=64)
    as_of = models.DateTimeField()
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    figures = models.JSONField()
    stored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "сохранённые показатели заказчика за год"
        verbose_name_plural = "сохранённые показатели заказчиков за год"
        constraints = [
            models.UniqueConstraint(fields=["customer", "year"], name="customer_year_figures_once"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id}/{self.year}: v{self.version}"
