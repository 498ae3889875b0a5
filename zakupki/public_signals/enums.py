from django.db import models


class SignalCategory(models.TextChoices):
    PROCUREMENT = "procurement", "Закупка"
    CONTRACT = "contract", "Исполнение контракта"
    FACILITY = "facility", "Общественный объект"


class SignalStatus(models.TextChoices):
    SUBMITTED = "submitted", "На модерации"
    REJECTED = "rejected", "Отклонено модератором"
    PUBLISHED = "published", "Ожидает ответа"
    ANSWER_PENDING = "answer_pending", "Ответ на модерации"
    ANSWERED = "answered", "Ответ опубликован"
    RETURNED = "returned", "Возвращено на повторный ответ"
    RATED = "rated", "Ответ оценён"


class RejectReason(models.TextChoices):
    INSULTS = "insults", "Оскорбления или нецензурные выражения"
    PERSONAL_DATA = "personal_data", "Персональные данные третьих лиц"
    DUPLICATE = "duplicate", "Повтор ранее поданного сообщения"
    NOT_COMPETENT = "not_competent", "Вопрос вне компетенции органов власти региона"


class AnswerStatus(models.TextChoices):
    PENDING = "pending", "На модерации"
    PUBLISHED = "published", "Опубликован"
    REJECTED = "rejected", "Отклонён модератором"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "Доволен ответом"
    UNSATISFIED = "unsatisfied", "Не доволен ответом"


class DeadlineState(models.TextChoices):
    """Computed at read time from the due instants, never stored."""

    NONE = "none", "—"
    ON_TIME = "on_time", "В срок"
    DUE_SOON = "due_soon", "Срок истекает"
    OVERDUE = "overdue", "Просрочен целевой срок"
    OVERDUE_LEGAL = "overdue_legal", "Нарушен срок 59-ФЗ"
