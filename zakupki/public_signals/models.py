"""Citizens' signals about purchases, contracts and public facilities, moderated before publication,
answered by the responsible organization (the answer is moderated too) and rated by the author.

Rows change only through `zakupki.public_signals.services`; lifecycle in `states.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.core.models import TimeStampedModel
from zakupki.public_signals.enums import AnswerStatus, Rating, RejectReason, SignalCategory, SignalStatus


class Municipality(models.Model):
    """A municipality (or an administrative district of a federal city) a signal is about."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    name = models.CharField("наименование", max_length=200)

    class Meta:
        verbose_name = "муниципальное образование"
        verbose_name_plural = "муниципальные образования"
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_region_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Signal(TimeStampedModel):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signals")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="signals")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="signals")
    category = models.CharField("категория", max_length=20, choices=SignalCategory.choices)
    text = models.TextField("текст сообщения")
    session = models.ForeignKey(
        "procedures.QuotationSession", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    facility_address = models.CharField("адрес объекта", max_length=500, blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=SignalStatus.choices, default=SignalStatus.SUBMITTED, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField("промодерировано", null=True, blank=True)
    reject_reason = models.CharField(
        "причина отклонения", max_length=20, choices=RejectReason.choices, blank=True
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name="ответственная организация",
    )
    published_at = models.DateTimeField("опубликовано", null=True, blank=True, db_index=True)
    # The terms of the answer now awaited (a returned signal gets new ones) ...
    answer_due_at = models.DateTimeField("целевой срок ответа", null=True, blank=True)
    legal_due_at = models.DateTimeField("предельный срок ответа", null=True, blank=True)
    # ... and the first target term, which the statistics measure the first answer against.
    sla_due_at = models.DateTimeField("целевой срок первого ответа", null=True, blank=True)
    answered_at = models.DateTimeField("дан первый ответ", null=True, blank=True)
    answer_seconds = models.PositiveBigIntegerField("время первого ответа, с", null=True, blank=True)
    returns_count = models.PositiveSmallIntegerField("возвратов", default=0)
    rating = models.CharField("оценка", max_length=20, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField("оценено", null=True, blank=True)
    # The deadline warnings already sent for the answer now awaited (the worker is idempotent by these).
    due_soon_flagged_at = models.DateTimeField(null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(null=True, blank=True)
    legal_overdue_flagged_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "сообщение гражданина"
        verbose_name_plural = "сообщения граждан"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Сообщение № {self.pk}"


class SignalPhoto(models.Model):
    """A photo attached to a signal: the bytes are a content-addressed document."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="photos")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        verbose_name = "фотография"
        verbose_name_plural = "фотографии"
        ordering = ["signal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["signal", "position"], name="signal_photo_position_unique"),
        ]

    def __str__(self) -> str:
        return f"Фото {self.position} к сообщению № {self.signal_id}"


class SignalAnswer(TimeStampedModel):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="answers")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("текст ответа")
    status = models.CharField(
        "статус", max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_comment = models.CharField("замечание модератора", max_length=1000, blank=True)
    rating = models.CharField("оценка", max_length=20, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ответ на сообщение"
        verbose_name_plural = "ответы на сообщения"
        ordering = ["signal", "id"]

    def __str__(self) -> str:
        return f"Ответ на сообщение № {self.signal_id}"
