"""Typed audit event names. Each domain adds its events here; the journal refuses unknown names."""

from django.db import models


class EventType(models.TextChoices):
    REGION_CREATED = "region.created", "Регион подключён к платформе"
    REGION_SETTINGS_CHANGED = "region.settings_changed", "Изменены настройки региона"
    RULE_OVERRIDE_SET = "rules.override_set", "Региональное значение параметра"
    ORGANIZATION_REGISTERED = "organization.registered", "Организация зарегистрирована"
    ORGANIZATION_CONFIRMED = "organization.confirmed", "Организация подтверждена"
    ORGANIZATION_REJECTED = "organization.rejected", "Организации отказано в подтверждении"
    ORGANIZATION_CONFIRMATION_OVERDUE = (
        "organization.confirmation_overdue",
        "Просрочено подтверждение организации",
    )
    USER_REGISTERED = "user.registered", "Пользователь зарегистрирован"
    API_TOKEN_CREATED = "api_token.created", "Выпущен API-токен"
    API_TOKEN_REVOKED = "api_token.revoked", "API-токен отозван"
    DOCUMENT_STORED = "document.stored", "Документ сохранён"
    CONTRACT_CREATED = "contract.created", "Создан проект контракта"
    SUPPLIER_BANNED = "supplier.banned", "Поставщик заблокирован"
    OFFER_PUBLISHED = "offer.published", "Опубликована оферта"
    OFFER_CHANGED = "offer.changed", "Изменена оферта"
    OFFER_WITHDRAWN = "offer.withdrawn", "Оферта отозвана"
    CATALOG_IMPORTED = "catalog.imported", "Импортирован каталог"
