from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.core.models import TimeStampedModel


class SupplierBan(TimeStampedModel):
    """A time-limited ban from purchasing on the platform (a portal sanction, not the federal РНП)."""

    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="bans")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, help_text="пусто — на всей платформе"
    )
    reason = models.CharField("причина", max_length=1000)
    starts_at = models.DateTimeField("начало")
    ends_at = models.DateTimeField("окончание")
    source = models.CharField("решение/основание", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = "блокировка поставщика"
        verbose_name_plural = "блокировки поставщиков"
        indexes = [models.Index(fields=["supplier", "ends_at"], name="ban_supplier_ends_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="ban_period_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} до {self.ends_at:%d.%m.%Y}"
