"""Contract terms beyond conclusion: changes by agreement (ст.95 ч.1) and the record that a signing
deadline was missed. Imported at the bottom of models.py so Django sees them as contracts models."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.contracts.change_states import ChangeKind, ChangeStatus
from zakupki.contracts.models import Contract, ContractItem
from zakupki.core.models import TimeStampedModel
from zakupki.documents.models import Document


class ContractChange(TimeStampedModel):
    """A supplementary agreement: proposed by the customer, signed by the supplier, then the customer."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="changes")
    number = models.PositiveSmallIntegerField("№ дополнительного соглашения")
    kind = models.CharField("вид изменения", max_length=20, choices=ChangeKind.choices)
    status = models.CharField(
        "статус", max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED
    )
    reason = models.CharField("обоснование", max_length=2000)
    price_before = models.DecimalField("цена контракта до изменения", max_digits=15, decimal_places=2)
    price_after = models.DecimalField("цена контракта после изменения", max_digits=15, decimal_places=2)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+", verbose_name="текст")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("предложено")
    supplier_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supplier_signed_at = models.DateTimeField("подписано поставщиком", null=True, blank=True)
    customer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    in_force_at = models.DateTimeField("вступило в силу", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("отклонено или отозвано", null=True, blank=True)
    close_reason = models.CharField("причина отклонения или отзыва", max_length=2000, blank=True)

    class Meta:
        verbose_name = "дополнительное соглашение"
        verbose_name_plural = "дополнительные соглашения"
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_change_number_once"),
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status__in=["proposed", "signed_by_supplier"]),
                name="contract_change_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(price_after__gt=0), name="contract_change_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Дополнительное соглашение № {self.number} к контракту {self.contract_id}"


class ContractChangeLine(models.Model):
    """One contract item before and after the change (only items the change touches)."""

    change = models.ForeignKey(ContractChange, on_delete=models.CASCADE, related_name="lines")
    contract_item = models.ForeignKey(ContractItem, on_delete=models.PROTECT, related_name="change_lines")
    quantity_before = models.DecimalField("количество до", max_digits=15, decimal_places=3)
    quantity_after = models.DecimalField("количество после", max_digits=15, decimal_places=3)
    unit_price_before = models.DecimalField("цена за единицу до", max_digits=15, decimal_places=2)
    unit_price_after = models.DecimalField("цена за единицу после", max_digits=15, decimal_places=2)
    amount_before = models.DecimalField("сумма до", max_digits=15, decimal_places=2)
    amount_after = models.DecimalField("сумма после", max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = "позиция дополнительного соглашения"
        verbose_name_plural = "позиции дополнительного соглашения"
        constraints = [
            models.UniqueConstraint(fields=["change", "contract_item"], name="contract_change_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.change_id} / {self.contract_item_id}"


class ContractSigningOverdue(models.Model):
    """The worker noticed that one side missed its signing deadline; one row per side makes the audit
    event happen exactly once however often the worker runs."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="signing_overdues")
    side = models.CharField("сторона", max_length=10)  # "supplier" | "customer"
    due_at = models.DateTimeField("срок подписания")
    recorded_at = models.DateTimeField("зафиксировано")

    class Meta:
        verbose_name = "просрочка подписания контракта"
        verbose_name_plural = "просрочки подписания контракта"
        constraints = [
            models.UniqueConstraint(fields=["contract", "side"], name="contract_signing_overdue_once")
        ]

    def __str__(self) -> str:
        return f"{self.contract_id}: {self.side}"
