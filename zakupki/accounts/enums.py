from django.db import models


class OrganizationKind(models.TextChoices):
    CUSTOMER = "customer", "Заказчик"
    SUPPLIER = "supplier", "Поставщик"
    CONTROL_BODY = "control_body", "Контрольный орган"


class OrganizationStatus(models.TextChoices):
    PENDING = "pending", "Ожидает подтверждения"
    CONFIRMED = "confirmed", "Подтверждена"
    REJECTED = "rejected", "Отклонена"


class UserRole(models.TextChoices):
    CITIZEN = "citizen", "Гражданин"
    CUSTOMER = "customer", "Заказчик"
    SUPPLIER = "supplier", "Поставщик"
    CONTROL_BODY = "control_body", "Контрольный орган"
    MODERATOR = "moderator", "Модератор сообщений граждан"
    REGIONAL_ADMIN = "regional_admin", "Администратор региона"
    PLATFORM_ADMIN = "platform_admin", "Администратор платформы"


ROLE_FOR_KIND = {
    OrganizationKind.CUSTOMER: UserRole.CUSTOMER,
    OrganizationKind.SUPPLIER: UserRole.SUPPLIER,
    OrganizationKind.CONTROL_BODY: UserRole.CONTROL_BODY,
}
