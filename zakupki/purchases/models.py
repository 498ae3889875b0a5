from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization
from zakupki.catalog.models import SupplierOffer
from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.models import Contract
from zakupki.core.models import TimeStampedModel
from zakupki.documents.models import Document
from zakupki.purchases.enums import DirectPurchaseStatus, NeedStatus, ProposalStatus


class DirectPurchase(models.Model):
    """A customer's purchase straight from a supplier offer (п.4 ч.1 ст.93). The item is copied at the
    moment of purchase: the offer may later change its price or be withdrawn."""

    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="direct_purchases")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="direct_sales")
    offer = models.ForeignKey(SupplierOffer, on_delete=models.PROTECT, related_name="purchases")
    ste_id = models.CharField("ID СТЕ", max_length=32)
    item_name = models.CharField("наименование", max_length=1000)
    unit = models.CharField("ед. изм.", max_length=100)
    quantity = models.DecimalField("количество", max_digits=15, decimal_places=3)
    unit_price = models.DecimalField("цена за единицу", max_digits=15, decimal_places=2)
    total = models.DecimalField("сумма", max_digits=15, decimal_places=2)
    status = models.CharField(
        "статус", max_length=20, choices=DirectPurchaseStatus.choices, default=DirectPurchaseStatus.PENDING
    )
    contract = models.OneToOneField(
        Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="direct_purchase"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "прямая закупка"
        verbose_name_plural = "прямые закупки"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="direct_purchase_quantity_positive"
            ),
            models.CheckConstraint(condition=models.Q(total__gt=0), name="direct_purchase_total_positive"),
        ]

    def __str__(self) -> str:
        return f"Прямая закупка № {self.pk}"


class Need(TimeStampedModel):
    """A purchase by need (закупка по потребности): the customer describes what it needs and the most it
    will pay; suppliers answer with proposals until the deadline; the customer picks one (a contract) or
    turns the need into a quotation session."""

    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="needs")
    title = models.CharField("предмет", max_length=300)
    description = models.TextField("описание потребности", max_length=5000)
    max_price = models.DecimalField("максимальная цена", max_digits=15, decimal_places=2)
    basis = models.CharField(
        "основание", max_length=10, choices=PurchaseBasis.choices, default=PurchaseBasis.P4
    )
    deadline = models.DateTimeField("приём предложений до")
    status = models.CharField("статус", max_length=20, choices=NeedStatus.choices, default=NeedStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    closed_at = models.DateTimeField("приём завершён", null=True, blank=True)
    status_reason = models.CharField("причина", max_length=1000, blank=True)
    session_id = models.PositiveBigIntegerField("котировочная сессия", null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "потребность"
        verbose_name_plural = "потребности"
        indexes = [models.Index(fields=["status", "deadline"], name="need_status_deadline_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_price__gt=0), name="need_max_price_positive"),
        ]

    def __str__(self) -> str:
        return f"Потребность № {self.pk}: {self.title}"


class NeedProposal(models.Model):
    """A supplier's answer to a need. A supplier has at most one active proposal per need; a new one
    replaces it (the old row stays, marked replaced, for the record)."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="proposals")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="need_proposals")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    price = models.DecimalField("цена", max_digits=15, decimal_places=2)
    terms = models.TextField("условия", max_length=5000)
    attachment = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        "статус", max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.ACTIVE
    )
    submitted_at = models.DateTimeField("подано")

    class Meta:
        verbose_name = "предложение по потребности"
        verbose_name_plural = "предложения по потребностям"
        ordering = ["price", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "supplier"],
                condition=models.Q(status=ProposalStatus.ACTIVE),
                name="need_proposal_one_active_per_supplier",
            ),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="need_proposal_price_positive"),
        ]

    def __str__(self) -> str:
        return f"Предложение {self.pk} по потребности {self.need_id}"


class NeedAward(models.Model):
    """The customer's choice of a proposal, with its reason, and the contract it produced."""

    need = models.OneToOneField(Need, on_delete=models.PROTECT, related_name="award")
    proposal = models.OneToOneField(NeedProposal, on_delete=models.PROTECT, related_name="award")
    reason = models.CharField("обоснование выбора", max_length=1000)
    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="need_award")
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    awarded_at = models.DateTimeField("выбрано", auto_now_add=True)

    class Meta:
        verbose_name = "выбор предложения"
        verbose_name_plural = "выбор предложений"

    def __str__(self) -> str:
        return f"Выбор по потребности {self.need_id}"
