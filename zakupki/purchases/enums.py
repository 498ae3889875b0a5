from django.db import models


class DirectPurchaseStatus(models.TextChoices):
    # PENDING exists only inside the creating transaction (the row needs its id before the contract).
    PENDING = "pending", "Оформляется"
    CONTRACTED = "contracted", "Контракт сформирован"


class NeedStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    PUBLISHED = "published", "Приём предложений"
    CLOSED = "closed", "Приём предложений завершён"
    AWARDED = "awarded", "Выбран поставщик"
    CONVERTED = "converted", "Переведена в котировочную сессию"
    CANCELLED = "cancelled", "Отменена"


class ProposalStatus(models.TextChoices):
    ACTIVE = "active", "Действует"
    REPLACED = "replaced", "Заменено новым предложением"
