from django.db import models


class EmailState(models.TextChoices):
    NONE = "none", "без e-mail"  # the recipient has no address: in-app only
    PENDING = "pending", "ожидает отправки"
    SENT = "sent", "отправлено"
    FAILED = "failed", "не доставлено"  # retries exhausted
