"""Who may act in the purchases app, and the shape of numbers it accepts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, Region, User
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.core.money import to_money
from zakupki.core.timeutil import format_ru_datetime
from zakupki.oversight.selectors import supplier_active_ban

MAX_AMOUNT = Decimal("10000000000000")  # DecimalField(15, 2): 13 integer digits
QUANTITY_PLACES = 3


def acting_customer(actor: User) -> Organization:
    """The confirmed customer organization the actor works for (architecture: only they may purchase)."""
    organization = actor.organization if actor.organization_id else None
    if organization is None or organization.kind != OrganizationKind.CUSTOMER:
        raise PermissionDenied("Закупки проводят только сотрудники организаций-заказчиков")
    if not organization.can_publish_purchases:
        raise PermissionDenied(
            "Организация заказчика не подтверждена администратором региона: закупки недоступны"
        )
    return organization


def check_customer_member(actor: User, customer: Organization) -> Organization:
    organization = acting_customer(actor)
    if organization.pk != customer.pk:
        raise PermissionDenied("Это закупка другого заказчика")
    return organization


def acting_supplier(actor: User) -> Organization:
    organization = actor.organization if actor.organization_id else None
    if organization is None or organization.kind != OrganizationKind.SUPPLIER:
        raise PermissionDenied("Предложения подают только сотрудники организаций-поставщиков")
    if organization.status != OrganizationStatus.CONFIRMED:
        raise PermissionDenied("Организация поставщика не подтверждена: подавать предложения нельзя")
    return organization


def check_not_banned(*, supplier: Organization, region: Region, at: dt.datetime) -> None:
    ban = supplier_active_ban(supplier=supplier, region=region, at=at)
    if ban is not None:
        raise PermissionDenied(
            f"Поставщик {supplier.display_name} заблокирован на площадке до "
            f"{format_ru_datetime(ban.ends_at, region.timezone)}: {ban.reason}"
        )


def clean_money(value: Decimal | int | str, *, field: str, what: str) -> Decimal:
    """A positive amount with at most two decimals; never a float."""
    try:
        amount = to_money(value)
    except TypeError as exc:
        raise ValidationFailed(
            {field: f"{what}: передайте строку или целое число, не дробь с плавающей точкой"}
        ) from exc
    except ValueError as exc:
        raise ValidationFailed({field: f"{what}: {exc}"}) from exc
    if amount <= 0:
        raise ValidationFailed({field: f"{what} должна быть больше нуля"})
    if amount >= MAX_AMOUNT:
        raise ValidationFailed({field: f"{what}: слишком большая сумма"})
    return amount


def clean_quantity(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):
        raise ValidationFailed({"quantity": "Количество передаётся строкой или целым числом"})
    try:
        quantity = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationFailed({"quantity": "Количество должно быть числом"}) from exc
    if not quantity.is_finite():
        raise ValidationFailed({"quantity": "Количество должно быть числом"})
    exponent = quantity.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_PLACES:
        raise ValidationFailed({"quantity": "Количество: не более трёх знаков после запятой"})
    if quantity <= 0:
        raise ValidationFailed({"quantity": "Количество должно быть больше нуля"})
    if quantity >= MAX_AMOUNT:
        raise ValidationFailed({"quantity": "Слишком большое количество"})
    return quantity
