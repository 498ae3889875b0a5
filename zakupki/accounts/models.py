from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.core.models import TimeStampedModel
from zakupki.core.timeutil import RUSSIAN_TIME_ZONES


class Region(TimeStampedModel):
    """A subject of the Russian Federation that has joined the platform."""

    code = models.CharField("код субъекта", max_length=3, unique=True)
    name = models.CharField("наименование", max_length=200)
    timezone = models.CharField(
        "часовой пояс", max_length=64, choices=[(tz, tz) for tz in RUSSIAN_TIME_ZONES]
    )
    joined_on = models.DateField("дата подключения")
    authority_name = models.CharField("уполномоченный орган", max_length=300, blank=True)
    contact_email = models.EmailField("e-mail для связи", blank=True)

    class Meta:
        verbose_name = "регион"
        verbose_name_plural = "регионы"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Organization(TimeStampedModel):
    kind = models.CharField("тип", max_length=20, choices=OrganizationKind.choices)
    status = models.CharField(
        "статус", max_length=20, choices=OrganizationStatus.choices, default=OrganizationStatus.PENDING
    )
    name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200, blank=True)
    inn = models.CharField("ИНН", max_length=12, db_index=True)
    kpp = models.CharField("КПП", max_length=9, blank=True)
    ogrn = models.CharField("ОГРН/ОГРНИП", max_length=15)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organizations")
    is_smp = models.BooleanField("субъект малого предпринимательства (СМП)", default=False)
    is_sonko = models.BooleanField("социально ориентированная НКО (СОНКО)", default=False)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)
    status_changed_at = models.DateTimeField("статус изменён", null=True, blank=True)
    status_reason = models.CharField("причина", max_length=500, blank=True)
    confirmation_due_at = models.DateTimeField("срок подтверждения", null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        constraints = [
            models.UniqueConstraint(fields=["inn", "kpp"], name="organization_inn_kpp_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_individual(self) -> bool:
        return len(self.inn) == 12

    @property
    def can_publish_purchases(self) -> bool:
        return self.kind == OrganizationKind.CUSTOMER and self.status == OrganizationStatus.CONFIRMED


class User(AbstractUser):
    """A person. Belongs to at most one organization; the role decides the home page and the rights."""

    full_name = models.CharField("ФИО", max_length=300, blank=True)
    role = models.CharField("роль", max_length=20, choices=UserRole.choices, default=UserRole.CITIZEN)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="регион администратора или гражданина",
    )

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def home_region(self) -> Region | None:
        if self.organization_id is not None and self.organization is not None:
            return self.organization.region
        return self.region


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the key is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("название", max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("действует до", null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-токен"
        verbose_name_plural = "API-токены"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
