"""Claims against the supplier as signed PDFs, and the termination documents of a contract.
Imported at the bottom of models.py so Django sees them as contracts models."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.contracts.claim_states import ClaimKind, ClaimStatus
from zakupki.contracts.models import Contract, Stage
from zakupki.documents.models import Document, Signature


class ContractClaim(models.Model):
    """«Требование об уплате неустойки (пени, штрафа)»: the amount and its working come from the
    calculator on `calculated_on`; nobody types them in."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="claims")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="claims")
    number = models.PositiveSmallIntegerField("№ требования")
    kind = models.CharField("вид", max_length=20, choices=ClaimKind.choices)
    status = models.CharField(
        "статус", max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.RAISED
    )
    breach = models.CharField("нарушение", max_length=2000, blank=True)
    calculated_on = models.DateField("дата расчёта")
    amount = models.DecimalField("сумма требования", max_digits=15, decimal_places=2)
    working = models.TextField("расчёт")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+", verbose_name="файл")
    signature = models.ForeignKey(Signature, on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField("предъявлено")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("закрыто", null=True, blank=True)
    paid_on = models.DateField("дата оплаты", null=True, blank=True)
    written_off = models.DecimalField("списано", max_digits=15, decimal_places=2, null=True, blank=True)
    to_pay = models.DecimalField(
        "к уплате после списания", max_digits=15, decimal_places=2, null=True, blank=True
    )
    close_note = models.TextField("основание закрытия", blank=True)

    class Meta:
        verbose_name = "требование об уплате неустойки"
        verbose_name_plural = "требования об уплате неустойки"
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_claim_number_once"),
            models.UniqueConstraint(
                fields=["stage", "kind"],
                condition=models.Q(status="raised"),
                name="contract_claim_one_open_per_stage_kind",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="contract_claim_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Требование № {self.number} по контракту {self.contract_id}"


class TerminationPaper(models.Model):
    """A signed PDF of a contract's termination: the unilateral refusal decision, the agreement to
    terminate, or the record of a court decision. The agreement carries two signatures."""

    class Kind(models.TextChoices):
        UNILATERAL = "unilateral", "Решение об одностороннем отказе от исполнения контракта"
        AGREEMENT = "agreement", "Соглашение о расторжении контракта"
        COURT = "court", "Сведения о расторжении по решению суда"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="termination_papers")
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    file = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+", verbose_name="файл")
    signatures = models.ManyToManyField(Signature, related_name="+")
    created_at = models.DateTimeField("сформирован")

    class Meta:
        verbose_name = "документ о расторжении контракта"
        verbose_name_plural = "документы о расторжении контракта"
        ordering = ["contract", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.contract_id})"
