from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Region


class RegionRuleOverride(models.Model):
    """A region's own value of a parameter from a date (a regional act, a Portal limit).

    Rows are written only by `services.rule_override_set`, which checks the type and that the region's
    periods for one key do not overlap. As in the data files, an open row (no `effective_until`) ends
    where the region's next row for the same key begins."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="rule_overrides")
    key = models.CharField("параметр", max_length=200)
    # JSON form of the typed value: decimals and percents as strings, never floats.
    value = models.JSONField("значение")
    effective_from = models.DateField("действует с")
    effective_until = models.DateField("действует до (не включая)", null=True, blank=True)
    reason = models.CharField("основание", max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)

    class Meta:
        verbose_name = "региональное значение параметра"
        verbose_name_plural = "региональные значения параметров"
        ordering = ["region", "key", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "key", "effective_from"], name="rule_override_region_key_from_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_until__isnull=True)
                | models.Q(effective_until__gt=models.F("effective_from")),
                name="rule_override_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} с {self.effective_from:%d.%m.%Y}"
