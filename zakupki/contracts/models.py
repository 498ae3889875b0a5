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


class CustomerAnnualVolume(models.Model):
    """The customer's total annual purchase volume (СГОЗ) for a year, from its plan-schedule. The annual
    small-volume caps are a share of it (10% for п.4, 50% for п.5), bounded by fixed amounts."""

    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="annual_volumes")
    year = models.PositiveSmallIntegerField("год")
    sgoz = models.DecimalField("СГОЗ", max_digits=17, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "совокупный годовой объём закупок"
        verbose_name_plural = "совокупные годовые объёмы закупок"
        constraints = [
            models.UniqueConstraint(fields=["customer", "year"], name="annual_volume_once_per_year")
        ]

    def __str__(self) -> str:
        return f"СГОЗ {self.customer} {self.year}"


class SmallPurchaseLedger(models.Model):
    """What a customer has contracted this year under one basis (п.4 or п.5 ч.1 ст.93). The row is locked
    while a contract is charged to it, so concurrent purchases cannot both pass the cap."""

    customer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="small_purchase_ledgers"
    )
    year = models.PositiveSmallIntegerField("год")
    basis = models.CharField("основание", max_length=10, choices=PurchaseBasis.choices)
    spent = models.DecimalField("использовано", max_digits=17, decimal_places=2, default=0)
    contracts_count = models.PositiveIntegerField("контрактов", default=0)

    class Meta:
        verbose_name = "учёт закупок малого объёма"
        verbose_name_plural = "учёт закупок малого объёма"
        constraints = [
            models.UniqueConstraint(fields=["customer", "year", "basis"], name="ledger_once_per_year_basis")
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.year} {self.basis}"


class SmallPurchaseLedgerEntry(models.Model):
    ledger = models.ForeignKey(SmallPurchaseLedger, on_delete=models.PROTECT, related_name="entries")
    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="ledger_entry")
    amount = models.DecimalField(max_digits=15, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "запись учёта закупок малого объёма"
        verbose_name_plural = "записи учёта закупок малого объёма"

    def __str__(self) -> str:
        return f"{self.contract} {self.amount}"
