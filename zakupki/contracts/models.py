from __future__ import annotations

from django.db import models

from zakupki.accounts.models import Organization
from zakupki.contracts.enums import ContractStatus, PurchaseBasis, SourceKind
from zakupki.core.models import TimeStampedModel


class Contract(TimeStampedModel):
    """A contract from a purchase result. Purchasing creates it; its execution lives in this app too."""

    number = models.CharField("номер", max_length=40, unique=True)
    status = models.CharField(
        "статус", max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="contracts_as_customer")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="contracts_as_supplier")
    price = models.DecimalField("цена контракта", max_digits=15, decimal_places=2)
    nmck = models.DecimalField("НМЦК", max_digits=15, decimal_places=2, null=True, blank=True)
    basis = models.CharField("основание", max_length=10, choices=PurchaseBasis.choices)
    source_kind = models.CharField("источник", max_length=30, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField("номер процедуры")
    subject = models.CharField("предмет", max_length=1000)
    supplier_is_smp = models.BooleanField("поставщик — СМП/СОНКО на дату заключения", default=False)

    class Meta:
        verbose_name = "контракт"
        verbose_name_plural = "контракты"
        constraints = [
            models.UniqueConstraint(fields=["source_kind", "source_id"], name="contract_one_per_source"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="contract_price_positive"),
        ]

    def __str__(self) -> str:
        return f"Контракт № {self.number}"


class ContractItem(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("№ п/п")
    name = models.CharField("наименование", max_length=1000)
    catalog_ref = models.CharField("СТЕ", max_length=40, blank=True)
    unit = models.CharField("ед. изм.", max_length=60)
    quantity = models.DecimalField("количество", max_digits=15, decimal_places=3)
    unit_price = models.DecimalField("цена за единицу", max_digits=15, decimal_places=2)
    amount = models.DecimalField("сумма", max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = "позиция контракта"
        verbose_name_plural = "позиции контракта"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "position"], name="contract_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"
