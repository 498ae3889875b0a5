from django.db import models


class ContractStatus(models.TextChoices):
    # The execution module (МИК) adds signing, stages, acceptance and termination to this lifecycle.
    DRAFT = "draft", "Проект контракта"


class PurchaseBasis(models.TextChoices):
    P4 = "p4", "п. 4 ч. 1 ст. 93 44-ФЗ"
    P5 = "p5", "п. 5 ч. 1 ст. 93 44-ФЗ"


class SourceKind(models.TextChoices):
    QUOTATION_SESSION = "quotation_session", "Котировочная сессия"
    DIRECT_PURCHASE = "direct_purchase", "Прямая закупка по оферте"
    NEED = "need", "Закупка по потребности"
