from django.db import models


class EisDocumentKind(models.TextChoices):
    CONTRACT = "contract", "Сведения о контракте"
    CONTRACT_PROCEDURE = "contractProcedure", "Сведения об исполнении (расторжении) контракта"


class EisExecutionDocumentKind(models.TextChoices):
    PAYMENT = "payment", "Документ об оплате"
    ACCEPTANCE = "acceptance", "Документ о приёмке"


class EisOutcome(models.TextChoices):
    IMPORTED = "imported", "импортировано"
    UPDATED = "updated", "обновлено"
    UNCHANGED = "unchanged", "без изменений"
    SUPERSEDED = "superseded", "устарело"
    REJECTED = "rejected", "отклонено"
