from django.db import models


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Проект контракта"
    SIGNED_BY_SUPPLIER = "signed_by_supplier", "Подписан поставщиком"
    CONCLUDED = "concluded", "Заключён"
    EXECUTING = "executing", "Исполняется"
    TERMINATION_PENDING = "termination_pending", "Односторонний отказ: ожидает вступления в силу"
    EXECUTED = "executed", "Исполнен"
    TERMINATED = "terminated", "Расторгнут"


class TerminationKind(models.TextChoices):
    AGREEMENT = "agreement", "По соглашению сторон"
    UNILATERAL = "unilateral", "Односторонний отказ заказчика"
    COURT = "court", "По решению суда"


class StageStatus(models.TextChoices):
    PENDING = "pending", "Ожидает исполнения"
    DELIVERED = "delivered", "Передан на приёмку"
    ACCEPTED = "accepted", "Принят"
    PARTIALLY_ACCEPTED = "partially_accepted", "Принят частично"
    REFUSED = "refused", "Отказано в приёмке"
    PAID = "paid", "Оплачен"


class AcceptanceStatus(models.TextChoices):
    SUBMITTED = "submitted", "Направлен заказчику"
    ACCEPTED = "accepted", "Принят"
    PARTIALLY_ACCEPTED = "partially_accepted", "Принят частично"
    REFUSED = "refused", "Мотивированный отказ"
    REPLACED = "replaced", "Заменён исправленным"


# Decisions that accept a delivery, wholly or in part: they are paid, they date a stage's acceptance (for
# lateness) and they count in what was accepted.
ACCEPTED_DOCUMENT_STATUSES = (AcceptanceStatus.ACCEPTED, AcceptanceStatus.PARTIALLY_ACCEPTED)


class PurchaseBasis(models.TextChoices):
    P4 = "p4", "п. 4 ч. 1 ст. 93 44-ФЗ"
    P5 = "p5", "п. 5 ч. 1 ст. 93 44-ФЗ"


class SourceKind(models.TextChoices):
    QUOTATION_SESSION = "quotation_session", "Котировочная сессия"
    DIRECT_PURCHASE = "direct_purchase", "Прямая закупка по оферте"
    NEED = "need", "Закупка по потребности"


class SgozExclusion(models.TextChoices):
    """Grounds of ч.1.1 ст.30 44-ФЗ: such purchases are left out of the СГОЗ base of the SMP share."""

    DEFENCE = "defence", "Обеспечение обороны страны и безопасности государства"
    CREDIT = "credit", "Услуги по предоставлению кредитов"
    SINGLE_SUPPLIER = "single_supplier", "Закупка у единственного поставщика (ч. 1 ст. 93)"
    ATOMIC = "atomic", "Работы в области использования атомной энергии"
    CLOSED = "closed", "Закрытые способы определения поставщика"
