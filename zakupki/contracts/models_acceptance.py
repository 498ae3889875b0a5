"""Acceptance as legally significant documents (ч.13 ст.94): the signed PDFs of an acceptance document
and of the customer's decision, the acceptance commission (ч.6 ст.94) and its members' votes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.documents.models import Document, Signature


class AcceptancePaper(models.Model):
    """One signed PDF of an acceptance document: the supplier's document, or the customer's decision
    («Документ о приёмке» with the accepted quantities, or «Мотивированный отказ»)."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", "Документ о приёмке, подписанный поставщиком"
        DECISION = "decision", "Решение заказчика"

    acceptance = models.ForeignKey(
        "contracts.AcceptanceDocument", on_delete=models.PROTECT, related_name="papers"
    )
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    file = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+", verbose_name="файл")
    signature = models.ForeignKey(Signature, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("сформирован")

    class Meta:
        verbose_name = "файл документа о приёмке"
        verbose_name_plural = "файлы документов о приёмке"
        constraints = [models.UniqueConstraint(fields=["acceptance", "kind"], name="acceptance_paper_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.acceptance_id}"


class AcceptanceCommission(models.Model):
    """The customer's acceptance commission for one contract; appointed once."""

    contract = models.OneToOneField(
        "contracts.Contract", on_delete=models.PROTECT, related_name="acceptance_commission"
    )
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField("назначена")

    class Meta:
        verbose_name = "приёмочная комиссия"
        verbose_name_plural = "приёмочные комиссии"

    def __str__(self) -> str:
        return f"Приёмочная комиссия по контракту {self.contract_id}"


class AcceptanceCommissionMember(models.Model):
    commission = models.ForeignKey(AcceptanceCommission, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField("председатель", default=False)

    class Meta:
        verbose_name = "член приёмочной комиссии"
        verbose_name_plural = "члены приёмочной комиссии"
        ordering = ["-is_chair", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "user"], name="commission_member_once"),
            models.UniqueConstraint(
                fields=["commission"], condition=models.Q(is_chair=True), name="commission_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} в комиссии {self.commission_id}"


class AcceptanceApproval(models.Model):
    """A commission member's vote on an acceptance document, with a signature over the supplier's PDF."""

    class Verdict(models.TextChoices):
        APPROVE = "approve", "Согласен"
        DISSENT = "dissent", "Не согласен (особое мнение)"

    acceptance = models.ForeignKey(
        "contracts.AcceptanceDocument", on_delete=models.PROTECT, related_name="approvals"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField("решение", max_length=10, choices=Verdict.choices)
    dissent_reason = models.CharField("особое мнение", max_length=2000, blank=True)
    signature = models.ForeignKey(Signature, on_delete=models.PROTECT, related_name="+")
    voted_at = models.DateTimeField("проголосовал")

    class Meta:
        verbose_name = "голос члена приёмочной комиссии"
        verbose_name_plural = "голоса членов приёмочной комиссии"
        ordering = ["voted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["acceptance", "member"], name="acceptance_vote_once"),
            models.CheckConstraint(
                condition=models.Q(verdict="approve") | ~models.Q(dissent_reason=""),
                name="acceptance_dissent_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.verdict} по документу {self.acceptance_id}"
