from django.db import models


class SessionStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    PUBLISHED = "published", "Идёт приём предложений"
    FINISHED = "finished", "Завершена, определён победитель"
    FAILED = "failed", "Не состоялась"
    CANCELLED = "cancelled", "Отменена"
    CONTRACT_OFFERED = "contract_offered", "Контракт направлен участнику"
    CONTRACT_CONCLUDED = "contract_concluded", "Контракт заключён"
    NO_PARTICIPANT_LEFT = "no_participant_left", "Контракт не заключён: участников не осталось"


class SubjectKind(models.TextChoices):
    GOODS = "goods", "Поставка товаров"
    WORKS = "works", "Работы, услуги"


class OfferStatus(models.TextChoices):
    OFFERED = "offered", "Направлен участнику"
    ACCEPTED = "accepted", "Принят"
    REFUSED = "refused", "Участник отказался"
    EXPIRED = "expired", "Срок подписания истёк"


class ViolationKind(models.TextChoices):
    REFUSAL = "refusal", "Отказ от заключения контракта"
    SILENCE = "silence", "Контракт не подписан в срок"
