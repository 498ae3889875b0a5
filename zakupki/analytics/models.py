from django.conf import settings
from django.db import models

from zakupki.accounts.models import Region
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
