from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.core.models import TimeStampedModel
from zakupki.notifications.enums import EmailState


class Notification(TimeStampedModel):
    """One message to one person: shown in the app, and mailed when the person has an address.

    `next_check_at` is set while the e-mail is pending: the worker retries a failed send then."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("вид", max_length=80)
    subject = models.CharField("тема", max_length=300)
    body = models.TextField("текст")
    link = models.CharField("ссылка", max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    email_state = models.CharField(
        "e-mail", max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=500, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_list_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_dedupe_unique",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class ContractWatch(models.Model):
    """Deadline reminders of one contract: `next_check_at` is the next instant a reminder is due (a
    warning or a passing); the handler recomputes it from the contract's open deadlines."""

    contract = models.OneToOneField("contracts.Contract", on_delete=models.CASCADE, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "наблюдение за сроками контракта"
        verbose_name_plural = "наблюдения за сроками контрактов"

    def __str__(self) -> str:
        return f"Сроки контракта {self.contract_id}"


class DeadlineSweep(models.Model):
    """One row: the periodic pass that finds contracts whose deadlines may have changed (contracts do
    not call us; domains stay unaware of reminders) and makes their watches due."""

    swept_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "обход сроков контрактов"
        verbose_name_plural = "обход сроков контрактов"

    def __str__(self) -> str:
        return f"Обход сроков: {self.swept_at or 'ещё не было'}"
