from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.contracts.enums import (
    ACCEPTED_DOCUMENT_STATUSES,
    AcceptanceStatus,
    ContractStatus,
    PurchaseBasis,
    SgozExclusion,
    SourceKind,
    StageStatus,
    TerminationKind,
)
from zakupki.core.models import TimeStampedModel
from zakupki.core.timeutil import local_date
from zakupki.documents.models import Document


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
    # The SMP share (К7, ч.1.1 ст.30): the excluded ground, and whether the procedure was SMP-only.
    sgoz_exclusion = models.CharField(
        "исключение из СГОЗ (ч. 1.1 ст. 30)",
        max_length=20,
        choices=SgozExclusion.choices,
        blank=True,
        default="",
    )
    smp_procedure = models.BooleanField("закупка только у СМП/СОНКО (п. 1 ч. 1 ст. 30)", default=False)
    # Execution (МИК): conclusion, stages, termination. Lifecycle: zakupki/contracts/states.py.
    execution_due_date = models.DateField("срок исполнения (если задан при создании)", null=True, blank=True)
    registry_number = models.CharField("реестровый номер", max_length=20, unique=True, null=True, blank=True)
    text_document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="текст"
    )
    supplier_signed_at = models.DateTimeField("подписан поставщиком", null=True, blank=True)
    supplier_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    customer_signed_at = models.DateTimeField("подписан заказчиком", null=True, blank=True)
    customer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    concluded_at = models.DateTimeField("заключён", null=True, blank=True)
    # The conclusion date in the customer's region, kept by save() from concluded_at: the indicators of a
    # year filter millions of contracts by it without a time-zone conversion per row (ADR 0009).
    concluded_on = models.DateField(
        "дата заключения (по времени региона заказчика)", null=True, blank=True, editable=False
    )
    termination_kind = models.CharField(
        "основание расторжения", max_length=20, choices=TerminationKind.choices, blank=True
    )
    termination_reason = models.CharField("причина расторжения", max_length=2000, blank=True)
    termination_notice_at = models.DateTimeField(
        "решение об одностороннем отказе размещено", null=True, blank=True
    )
    termination_effective_at = models.DateTimeField("расторжение вступает в силу", null=True, blank=True)
    terminated_at = models.DateTimeField("расторгнут", null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "контракт"
        verbose_name_plural = "контракты"
        constraints = [
            models.UniqueConstraint(fields=["source_kind", "source_id"], name="contract_one_per_source"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="contract_price_positive"),
        ]

    def __str__(self) -> str:
        return f"Контракт № {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        kwargs["update_fields"] = _derive_local_date(self, "concluded_at", "concluded_on", kwargs)
        super().save(*args, **kwargs)

    def region_timezone(self) -> str:
        return str(
            Region.objects.filter(organizations=self.customer_id).values_list("timezone", flat=True).get()
        )


class ContractPaymentPlan(models.Model):
    """How much of the contract price is planned to be paid in a year. The rows of a contract always add
    up to its price (services/payment_plan.py); СГОЗ takes its П and Т parts from them."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="payment_plan")
    year = models.PositiveSmallIntegerField("год")
    amount = models.DecimalField("сумма", max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = "план оплаты контракта по годам"
        verbose_name_plural = "планы оплаты контрактов по годам"
        ordering = ["contract", "year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "year"], name="contract_payment_plan_year_once")
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.year}: {self.amount}"


class ContractSubcontract(models.Model):
    """A subcontract of the supplier (ч.5 ст.30); those with SMP/SONKO count into the SMP share."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="subcontracts")
    subcontractor_inn = models.CharField("ИНН субподрядчика", max_length=12)
    subcontractor_name = models.CharField("субподрядчик", max_length=500)
    subcontractor_is_smp = models.BooleanField("субподрядчик — СМП/СОНКО", default=False)
    amount = models.DecimalField("сумма", max_digits=15, decimal_places=2)
    concluded_on = models.DateField("дата договора")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "договор субподряда"
        verbose_name_plural = "договоры субподряда"
        ordering = ["contract", "concluded_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="subcontract_amount_positive")
        ]

    def __str__(self) -> str:
        return f"Субподряд {self.subcontractor_inn} по контракту {self.contract_id}"


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


class ContractRegistryCounter(models.Model):
    """The last registry number issued in a region and year; locked while the next one is taken."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("год")
    last = models.PositiveIntegerField("последний номер", default=0)

    class Meta:
        verbose_name = "счётчик реестровых номеров"
        verbose_name_plural = "счётчики реестровых номеров"
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="contract_registry_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.region_id}-{self.year}: {self.last}"


class Stage(TimeStampedModel):
    """An execution stage (этап): its obligations (StageItem) and due date."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField("№ этапа")
    due_date = models.DateField("срок исполнения")
    amount = models.DecimalField("стоимость этапа", max_digits=15, decimal_places=2)
    status = models.CharField(
        "статус", max_length=20, choices=StageStatus.choices, default=StageStatus.PENDING
    )
    # The local date of the first accepted decision on the stage, kept by AcceptanceDocument.save(): a done
    # stage is late when it is after the due date; the indicators read it without the documents (ADR 0009).
    first_accepted_on = models.DateField(
        "первое решение о приёмке (по времени региона заказчика)", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "этап контракта"
        verbose_name_plural = "этапы контракта"
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="stage_number_once")]

    def __str__(self) -> str:
        return f"Этап {self.number} контракта {self.contract_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # first_accepted_on belongs to the documents: a stage saved whole must not write back a stale copy
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "first_accepted_on"
            ]
        super().save(*args, **kwargs)


class StageItem(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="items")
    contract_item = models.ForeignKey(ContractItem, on_delete=models.PROTECT, related_name="stage_items")
    quantity = models.DecimalField("количество", max_digits=15, decimal_places=3)
    amount = models.DecimalField("сумма", max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = "обязательство этапа"
        verbose_name_plural = "обязательства этапа"
        constraints = [
            models.UniqueConstraint(fields=["stage", "contract_item"], name="stage_item_once"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="stage_item_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} / {self.contract_item_id}: {self.quantity}"


class AcceptanceDocument(models.Model):
    """The supplier's electronic acceptance document (ч.13 ст.94) and the customer's decision on it."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="acceptance_documents")
    number = models.CharField("номер", max_length=40)
    version = models.PositiveSmallIntegerField("редакция", default=1)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    status = models.CharField(
        "статус", max_length=20, choices=AcceptanceStatus.choices, default=AcceptanceStatus.SUBMITTED
    )
    total = models.DecimalField("итого", max_digits=15, decimal_places=2)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="подписал"
    )
    submitted_at = models.DateTimeField("размещён")
    decision_due_at = models.DateTimeField("срок решения заказчика")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("решение принято", null=True, blank=True)
    # The decision date in the customer's region, kept by save() (a stage is late by this date; ADR 0009).
    decided_on = models.DateField(
        "дата решения (по времени региона заказчика)", null=True, blank=True, editable=False
    )
    refusal_reason = models.CharField("причина отказа", max_length=2000, blank=True)
    accepted_amount = models.DecimalField("принято на сумму", max_digits=15, decimal_places=2, default=0)
    payment_due_at = models.DateTimeField("срок оплаты", null=True, blank=True)
    paid_amount = models.DecimalField("оплачено", max_digits=15, decimal_places=2, default=0)

    class Meta:
        verbose_name = "документ о приёмке"
        verbose_name_plural = "документы о приёмке"
        ordering = ["stage", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "number", "version"], name="acceptance_number_version"),
            models.CheckConstraint(
                condition=models.Q(paid_amount__lte=models.F("accepted_amount")),
                name="acceptance_paid_within_accepted",
            ),
        ]
        indexes = [models.Index(fields=["payment_due_at"], name="acceptance_payment_due_idx")]

    def __str__(self) -> str:
        return f"Документ о приёмке № {self.number} (ред. {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        kwargs["update_fields"] = _derive_local_date(self, "decided_at", "decided_on", kwargs)
        super().save(*args, **kwargs)
        accepted = self.status in ACCEPTED_DOCUMENT_STATUSES
        if accepted and self.decided_on is not None:
            # an accepted decision stays accepted (a correction replaces only a refused one),
            # so the stage keeps the earliest date seen
            earlier = models.Q(first_accepted_on__isnull=True) | models.Q(
                first_accepted_on__gt=self.decided_on
            )
            Stage.objects.filter(earlier, pk=self.stage_id).update(first_accepted_on=self.decided_on)

    def region_timezone(self) -> str:
        zones = Region.objects.filter(organizations__contracts_as_customer__stages=self.stage_id)
        return str(zones.values_list("timezone", flat=True).get())


def _derive_local_date(obj: Any, instant: str, day: str, kwargs: dict[str, Any]) -> Any:
    """Sets `day` to the local date of `instant` in the customer's region when `instant` is being saved;
    returns the update_fields to save (with `day` added when they are listed)."""
    fields = kwargs.get("update_fields")
    if fields is not None and instant not in fields:
        return fields
    moment = getattr(obj, instant)
    setattr(obj, day, None if moment is None else local_date(moment, obj.region_timezone()))
    return None if fields is None else {*fields, day}


class AcceptanceLine(models.Model):
    document = models.ForeignKey(AcceptanceDocument, on_delete=models.CASCADE, related_name="lines")
    contract_item = models.ForeignKey(ContractItem, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField("количество", max_digits=15, decimal_places=3)
    unit_price = models.DecimalField("цена за единицу", max_digits=15, decimal_places=2)
    amount = models.DecimalField("сумма", max_digits=15, decimal_places=2)
    accepted_quantity = models.DecimalField("принято", max_digits=15, decimal_places=3, default=0)
    accepted_amount = models.DecimalField("принято на сумму", max_digits=15, decimal_places=2, default=0)

    class Meta:
        verbose_name = "строка документа о приёмке"
        verbose_name_plural = "строки документа о приёмке"
        constraints = [
            models.UniqueConstraint(fields=["document", "contract_item"], name="acceptance_line_once"),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="acceptance_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} / {self.contract_item_id}: {self.quantity}"


class Payment(models.Model):
    document = models.ForeignKey(AcceptanceDocument, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField("сумма", max_digits=15, decimal_places=2)
    paid_on = models.DateField("дата оплаты")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "оплата"
        verbose_name_plural = "оплаты"
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"Оплата {self.amount} по документу {self.document_id}"


class RnpReferral(models.Model):
    """Information sent to the register of unscrupulous suppliers (РНП, ст.104) after a unilateral
    refusal for the supplier's breach took effect."""

    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="rnp_referral")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="rnp_referrals")
    reason = models.CharField("основание", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "обращение о включении в РНП"
        verbose_name_plural = "обращения о включении в РНП"

    def __str__(self) -> str:
        return f"РНП: {self.supplier_id} по контракту {self.contract_id}"


class TerminationProposal(models.Model):
    """One party's offer to terminate by agreement; the contract ends only when the other party accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Ожидает ответа другой стороны"
        ACCEPTED = "accepted", "Принято: контракт расторгнут"
        DECLINED = "declined", "Отклонено"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="termination_proposals")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_by_side = models.CharField("сторона", max_length=10)  # "customer" | "supplier"
    reason = models.CharField("основание", max_length=2000)
    proposed_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_reason = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name = "предложение расторгнуть контракт по соглашению"
        verbose_name_plural = "предложения расторгнуть контракт по соглашению"
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status="pending"),
                name="one_pending_termination_proposal",
            )
        ]

    def __str__(self) -> str:
        return f"Соглашение о расторжении {self.contract_id} ({self.status})"


# Acceptance documents as signed PDFs, the acceptance commission and its votes (issue 4).
from zakupki.contracts.models_acceptance import AcceptanceApproval as AcceptanceApproval  # noqa: E402
from zakupki.contracts.models_acceptance import AcceptanceCommission as AcceptanceCommission  # noqa: E402
from zakupki.contracts.models_acceptance import (  # noqa: E402
    AcceptanceCommissionMember as AcceptanceCommissionMember,
)
from zakupki.contracts.models_acceptance import AcceptancePaper as AcceptancePaper  # noqa: E402
from zakupki.contracts.models_claims import ContractClaim as ContractClaim  # noqa: E402
from zakupki.contracts.models_claims import TerminationPaper as TerminationPaper  # noqa: E402
from zakupki.contracts.models_terms import ContractChange as ContractChange  # noqa: E402
from zakupki.contracts.models_terms import ContractChangeLine as ContractChangeLine  # noqa: E402
from zakupki.contracts.models_terms import ContractSigningOverdue as ContractSigningOverdue  # noqa: E402
