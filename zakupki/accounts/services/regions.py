"""A platform admin connects a region; the regional admin keeps its settings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from zakupki.accounts.models import Region, User
from zakupki.accounts.roles import is_platform_admin, is_regional_admin_of
from zakupki.accounts.subjects import federal_subjects
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.core.timeutil import RUSSIAN_TIME_ZONES
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record


def region_create(
    *, code: str, name: str, timezone: str, joined_on: dt.date, actor: User, authority_name: str = ""
) -> Region:
    if not is_platform_admin(actor):
        raise PermissionDenied("Подключать регионы может только администратор платформы")
    code = (code or "").strip()
    errors: dict[str, str] = {}
    subject = federal_subjects().get(code)
    if subject is None:
        errors["code"] = f"Нет субъекта Российской Федерации с кодом «{code}»"
    elif Region.objects.filter(code=code).exists():
        errors["code"] = f"Регион {code} уже подключён"
    if timezone not in RUSSIAN_TIME_ZONES:
        errors["timezone"] = "Выберите часовой пояс России из списка"
    if joined_on is None:
        errors["joined_on"] = "Укажите дату подключения"
    if errors:
        raise ValidationFailed(errors)
    assert subject is not None  # noqa: S101 - checked above
    try:
        with transaction.atomic():
            region = Region.objects.create(
                code=code,
                name=(name or "").strip() or subject.name,
                timezone=timezone,
                joined_on=joined_on,
                authority_name=authority_name.strip(),
            )
            audit_record(
                actor=actor,
                event=EventType.REGION_CREATED,
                obj=region,
                details={"code": code, "name": region.name, "timezone": timezone, "joined_on": joined_on},
            )
    except IntegrityError as exc:
        raise ValidationFailed({"code": f"Регион {code} уже подключён"}) from exc
    return region


EDITABLE_SETTINGS = ("name", "timezone", "authority_name", "contact_email")


def region_update_settings(*, region: Region, actor: User, changes: dict[str, str]) -> Region:
    if not is_regional_admin_of(actor, region):
        raise PermissionDenied("Настройки региона меняет только его администратор")
    errors: dict[str, str] = {}
    unknown = set(changes) - set(EDITABLE_SETTINGS)
    for field in sorted(unknown):
        errors[field] = "Эту настройку изменить нельзя"
    if "name" in changes and not changes["name"].strip():
        errors["name"] = "Укажите наименование региона"
    if "timezone" in changes and changes["timezone"] not in RUSSIAN_TIME_ZONES:
        errors["timezone"] = "Выберите часовой пояс России из списка"
    if changes.get("contact_email"):
        try:
            validate_email(changes["contact_email"])
        except DjangoValidationError:
            errors["contact_email"] = "Неверный адрес электронной почты"
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        locked = Region.objects.select_for_update().get(pk=region.pk)
        diff = {}
        for field, value in changes.items():
            old = getattr(locked, field)
            new = value.strip()
            if old != new:
                diff[field] = {"from": old, "to": new}
                setattr(locked, field, new)
        if diff:
            locked.save(update_fields=[*diff, "updated_at"])
            audit_record(actor=actor, event=EventType.REGION_SETTINGS_CHANGED, obj=locked, details=diff)
    return locked
