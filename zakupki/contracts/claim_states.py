"""Claim (требование об уплате неустойки) kinds, statuses and transitions.

Diagram: docs/lifecycles/contract_claim.md. The customer raises a claim with the calculator's amount;
it ends paid, written off under ПП 783, or withdrawn."""

from django.db import models


class ClaimKind(models.TextChoices):
    DELAY_PENALTY = "delay_penalty", "Пеня за просрочку исполнения обязательства (ч.7 ст.34 44-ФЗ)"
    FINE = "fine", "Штраф за ненадлежащее исполнение обязательства (ПП РФ № 1042)"


class ClaimStatus(models.TextChoices):
    RAISED = "raised", "Предъявлено поставщику"
    PAID = "paid", "Оплачено"
    WRITTEN_OFF = "written_off", "Списано по ПП РФ № 783"
    WITHDRAWN = "withdrawn", "Отозвано заказчиком"


CLAIM_TRANSITIONS: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    ClaimStatus.RAISED: frozenset({ClaimStatus.PAID, ClaimStatus.WRITTEN_OFF, ClaimStatus.WITHDRAWN}),
    ClaimStatus.PAID: frozenset(),
    ClaimStatus.WRITTEN_OFF: frozenset(),
    ClaimStatus.WITHDRAWN: frozenset(),
}

# One open claim of a kind per stage (a DB constraint backs this up).
CLAIM_OPEN = frozenset({ClaimStatus.RAISED})
