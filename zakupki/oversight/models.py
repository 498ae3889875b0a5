from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.contracts.enums import SourceKind
from zakupki.core.models import TimeStampedModel
from zakupki.documents.models import Document, Signature
from zakupki.oversight.enums import (
    ComplaintStatus,
    ComplaintSubject,
    Decision,
    OrderStatus,
    Respondent,
    StepKind,
)


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


# A complaint targets a procedure the way a contract names its source (contracts.SourceKind); direct
# purchases have no procedure to complain about.
TARGET_KINDS = (SourceKind.QUOTATION_SESSION, SourceKind.NEED)


class Complaint(TimeStampedModel):
    """A complaint to the region's control body (ст.105–106 44-ФЗ). Lifecycle: states.py."""

    number = models.CharField("номер", max_length=30, unique=True, null=True, blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.FILED, db_index=True
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="complaints")
    control_body = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="complaints_to_review"
    )
    target_kind = models.CharField("вид закупки", max_length=30, choices=SourceKind.choices)
    target_id = models.PositiveBigIntegerField("номер закупки")
    target_title = models.CharField("предмет закупки", max_length=500)
    subject = models.CharField("что обжалуется", max_length=10, choices=ComplaintSubject.choices)
    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="complaints_against")
    complainant = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="complaints_filed")
    respondent = models.CharField("на действия", max_length=20, choices=Respondent.choices)
    grounds = models.JSONField("доводы", default=list)
    remedy = models.CharField("требование заявителя", max_length=2000)
    filed_at = models.DateTimeField("поступила")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_due_at = models.DateTimeField("срок рассмотрения")
    accepted_at = models.DateTimeField("принята к рассмотрению", null=True, blank=True)
    suspends = models.BooleanField("закупка приостановлена до решения", default=False)
    returned_at = models.DateTimeField("возвращена", null=True, blank=True)
    return_reason = models.CharField("причина возврата", max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField("отозвана", null=True, blank=True)
    decided_at = models.DateTimeField("решение принято", null=True, blank=True)
    decision = models.CharField("решение", max_length=20, choices=Decision.choices, blank=True)
    decision_text = models.TextField("мотивировка решения", max_length=10000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    overdue_recorded_at = models.DateTimeField("просрочка рассмотрения зафиксирована", null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "жалоба"
        verbose_name_plural = "жалобы"
        ordering = ["-filed_at", "-pk"]
        indexes = [
            models.Index(fields=["target_kind", "target_id", "status"], name="complaint_target_idx"),
            models.Index(fields=["customer", "decided_at"], name="complaint_customer_dec_idx"),
        ]

    def __str__(self) -> str:
        return f"Жалоба № {self.number or self.pk}"


class ComplaintDocument(models.Model):
    """One document of the complaint's file: a signed step (or an attachment, signed as part of the
    complaint: its SHA-256 is printed in the signed complaint)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="documents")
    step = models.CharField("шаг", max_length=20, choices=StepKind.choices)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    signature = models.ForeignKey(
        Signature, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField("имя файла", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "документ по жалобе"
        verbose_name_plural = "документы по жалобам"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.document_id}"


class ComplaintOrder(TimeStampedModel):
    """An order (предписание) to the customer issued with the decision; its execution is tracked."""

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="order")
    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="complaint_orders")
    text = models.TextField("содержание предписания", max_length=5000)
    due_at = models.DateTimeField("исполнить до")
    status = models.CharField(
        "статус", max_length=20, choices=OrderStatus.choices, default=OrderStatus.ISSUED
    )
    executed_at = models.DateTimeField("исполнено", null=True, blank=True)
    report_text = models.TextField("отчёт об исполнении", max_length=5000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    overdue_recorded_at = models.DateTimeField("просрочка зафиксирована", null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "предписание"
        verbose_name_plural = "предписания"

    def __str__(self) -> str:
        return f"Предписание по жалобе {self.complaint_id}"
