from __future__ import annotations

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """One append-only, hash-chained journal entry. Rows are never updated or deleted
    (a PostgreSQL trigger refuses it); `manage.py verify_journal` recomputes the chain."""

    seq = models.BigIntegerField("№", unique=True)
    occurred_at = models.DateTimeField("время")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField("кто", max_length=300)
    event = models.CharField("событие", max_length=80, db_index=True)
    object_type = models.CharField("тип объекта", max_length=80)
    object_id = models.CharField("объект", max_length=64)
    details = models.JSONField("подробности", default=dict)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "событие журнала"
        verbose_name_plural = "журнал событий"
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event} {self.object_type}:{self.object_id}"


class JournalHead(models.Model):
    """Single row with the chain's tip. Writers lock it, so concurrent writers cannot fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = "вершина журнала"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="journal_head_single_row")]

    def __str__(self) -> str:
        return f"head #{self.seq}"


def _document_path(instance: Document, filename: str) -> str:
    return f"documents/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    """An immutable file addressed by its SHA-256. A new version is a new document pointing to the old."""

    sha256 = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to=_document_path, max_length=200)
    title = models.CharField("название", max_length=500)
    kind = models.CharField("вид", max_length=40, db_index=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_versions"
    )

    class Meta:
        verbose_name = "документ"
        verbose_name_plural = "документы"

    def __str__(self) -> str:
        return self.title


class SigningKey(models.Model):
    """A user's GOST R 34.10-2012 signing key with a certificate-like record of whom it was issued to.
    The private key is kept on the server, sealed (AES-GCM) under a key derived from SECRET_KEY."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_keys")
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    serial = models.CharField("серийный номер", max_length=32, unique=True)
    owner_name = models.CharField("владелец", max_length=300)
    organization_name = models.CharField("организация", max_length=500)
    organization_inn = models.CharField("ИНН организации", max_length=12)
    curve = models.CharField("параметры кривой", max_length=80)
    public_key = models.CharField("открытый ключ", max_length=128)
    private_key_sealed = models.TextField(editable=False)
    valid_from = models.DateTimeField("действует с")
    valid_until = models.DateTimeField("действует до")
    revoked_at = models.DateTimeField("отозван", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ключ электронной подписи"
        verbose_name_plural = "ключи электронной подписи"
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="signing_key_one_active_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("valid_from")), name="signing_key_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.serial} ({self.owner_name}, ИНН {self.organization_inn})"


class Signature(models.Model):
    """A signature of one document by one person in one capacity («поставщик», «заказчик», ...)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="signatures")
    key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="signatures")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField("в качестве", max_length=100)
    signed_at = models.DateTimeField("подписано")
    digest = models.CharField("хеш «Стрибог-256»", max_length=64)
    value = models.CharField("значение подписи", max_length=128)

    class Meta:
        verbose_name = "электронная подпись"
        verbose_name_plural = "электронные подписи"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "signer", "purpose"], name="signature_once_per_signer_purpose"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} — {self.purpose}"
