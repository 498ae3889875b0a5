"""Supplier offers (оферты): publish, change price/stock, withdraw, and the race-safe stock reservation.

Only members of a confirmed supplier organization act on offers, and only on their organization's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, Region, User
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import CatalogItem, SupplierOffer
from zakupki.catalog.okei import DEFAULT_OKEI
from zakupki.catalog.states import OFFER_TRANSITIONS
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.money import to_money
from zakupki.core.timeutil import format_ru_date, local_date
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

MAX_AMOUNT = Decimal("10000000000000")  # Decimal(15, 2): 13 integer digits
QUANTITY_PLACES = 3


def supplier_of(user: User) -> Organization:
    """The confirmed supplier organization the user acts for; refuses anyone else."""
    organization = user.organization if user.organization_id else None
    if organization is None or organization.kind != OrganizationKind.SUPPLIER:
        raise PermissionDenied("Оферты публикуют только сотрудники организаций-поставщиков")
    if organization.status != OrganizationStatus.CONFIRMED:
        raise PermissionDenied("Организация поставщика не подтверждена: публиковать оферты нельзя")
    return organization


def _own(user: User, offer: SupplierOffer) -> Organization:
    organization = supplier_of(user)
    if offer.supplier_id != organization.pk:
        raise PermissionDenied("Это оферта другого поставщика")
    return organization


def clean_price(value: Decimal | int | str) -> Decimal:
    try:
        price = to_money(value)
    except TypeError as exc:
        raise ValidationFailed({"price": "Цена передаётся строкой или числом с двумя знаками"}) from exc
    except ValueError as exc:
        raise ValidationFailed({"price": f"Неверная цена: {exc}"}) from exc
    if price <= 0:
        raise ValidationFailed({"price": "Цена должна быть больше нуля"})
    if price >= MAX_AMOUNT:
        raise ValidationFailed({"price": "Слишком большая цена"})
    return price


def clean_quantity(value: Decimal | int | str, *, okei_code: str, field: str = "stock") -> Decimal:
    if isinstance(value, float):
        raise ValidationFailed({field: "Количество передаётся строкой или целым числом"})
    try:
        quantity = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationFailed({field: "Количество должно быть числом"}) from exc
    exponent = quantity.as_tuple().exponent
    if not quantity.is_finite() or not isinstance(exponent, int):
        raise ValidationFailed({field: "Количество должно быть числом"})
    if quantity < 0:
        raise ValidationFailed({field: "Количество не может быть отрицательным"})
    if quantity >= MAX_AMOUNT:
        raise ValidationFailed({field: "Слишком большое количество"})
    if exponent < -QUANTITY_PLACES and quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationFailed({field: "Не более трёх знаков после запятой"})
    if okei_code == DEFAULT_OKEI and quantity != quantity.to_integral_value():
        raise ValidationFailed({field: "Количество в штуках должно быть целым"})
    return quantity.quantize(Decimal("0.001"))


def clean_regions(codes: Iterable[str]) -> list[Region]:
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    if not wanted:
        raise ValidationFailed({"region_codes": "Укажите хотя бы один регион поставки"})
    found = {region.code: region for region in Region.objects.filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        listed = ", ".join(f"«{code}»" for code in missing)
        raise ValidationFailed({"region_codes": f"Регионы не подключены к платформе: {listed}"})
    return [found[code] for code in wanted]


def _check_dates(*, valid_from: dt.date, valid_until: dt.date, today: dt.date) -> None:
    if valid_until < valid_from:
        raise ValidationFailed({"valid_until": "Дата окончания раньше даты начала действия"})
    if valid_until < today:
        raise ValidationFailed({"valid_until": f"Дата окончания уже прошла: сегодня {format_ru_date(today)}"})


def _supplier_today(organization: Organization) -> dt.date:
    return local_date(timezone.now(), organization.region.timezone)


def offer_publish(
    *,
    supplier_user: User,
    item: CatalogItem,
    price: Decimal | int | str,
    stock: Decimal | int | str,
    region_codes: Iterable[str],
    valid_from: dt.date,
    valid_until: dt.date,
) -> SupplierOffer:
    organization = supplier_of(supplier_user)
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, check in (
        ("price", lambda: clean_price(price)),
        ("stock", lambda: clean_quantity(stock, okei_code=item.okei_code)),
        ("regions", lambda: clean_regions(region_codes)),
        (
            "dates",
            lambda: _check_dates(
                valid_from=valid_from, valid_until=valid_until, today=_supplier_today(organization)
            ),
        ),
    ):
        try:
            values[name] = check()
        except ValidationFailed as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        if SupplierOffer.objects.filter(supplier=organization, item=item, status=OfferStatus.ACTIVE).exists():
            raise Conflict(
                "У вашей организации уже есть действующая оферта на эту СТЕ: измените её цену или остаток"
            )
        try:
            with transaction.atomic():
                offer = SupplierOffer.objects.create(
                    supplier=organization,
                    item=item,
                    price=values["price"],
                    stock=values["stock"],
                    valid_from=valid_from,
                    valid_until=valid_until,
                )
        except IntegrityError as exc:  # a concurrent publish of the same item won
            raise Conflict("У вашей организации уже есть действующая оферта на эту СТЕ") from exc
        offer.delivery_regions.set(values["regions"])
        audit_record(
            actor=supplier_user,
            event=EventType.OFFER_PUBLISHED,
            obj=offer,
            details={
                "ste_id": item.ste_id,
                "price": offer.price,
                "stock": offer.stock,
                "regions": [region.code for region in values["regions"]],
                "valid_from": valid_from,
                "valid_until": valid_until,
            },
        )
    return offer


def _locked_active(offer: SupplierOffer) -> SupplierOffer:
    locked = SupplierOffer.objects.select_for_update().select_related("item", "supplier").get(pk=offer.pk)
    if locked.status != OfferStatus.ACTIVE:
        raise Conflict("Оферта отозвана: изменить её нельзя")
    return locked


def offer_revise(
    *,
    supplier_user: User,
    offer: SupplierOffer,
    price: Decimal | int | str | None = None,
    stock: Decimal | int | str | None = None,
    region_codes: Iterable[str] | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> SupplierOffer:
    """Changes any of an active offer's terms; one OFFER_CHANGED event lists what changed."""
    organization = _own(supplier_user, offer)
    with transaction.atomic():
        locked = _locked_active(offer)
        changes: dict[str, Any] = {}
        updates: dict[str, Any] = {}
        if price is not None:
            updates["price"] = clean_price(price)
        if stock is not None:
            updates["stock"] = clean_quantity(stock, okei_code=locked.item.okei_code)
        if valid_from is not None or valid_until is not None:
            new_from = valid_from or locked.valid_from
            new_until = valid_until or locked.valid_until
            _check_dates(valid_from=new_from, valid_until=new_until, today=_supplier_today(organization))
            updates["valid_from"], updates["valid_until"] = new_from, new_until
        for name, value in updates.items():
            before = getattr(locked, name)
            if before != value:
                changes[name] = [before, value]
                setattr(locked, name, value)
        if region_codes is not None:
            regions = clean_regions(region_codes)
            before_codes = sorted(locked.delivery_regions.values_list("code", flat=True))
            after_codes = sorted(region.code for region in regions)
            if before_codes != after_codes:
                locked.delivery_regions.set(regions)
                changes["regions"] = [before_codes, after_codes]
        if not changes:
            return locked
        fields = [name for name in changes if name != "regions"]
        locked.save(update_fields=[*fields, "updated_at"])
        audit_record(actor=supplier_user, event=EventType.OFFER_CHANGED, obj=locked, details=changes)
    return locked


def offer_update_price(
    *, supplier_user: User, offer: SupplierOffer, price: Decimal | int | str
) -> SupplierOffer:
    return offer_revise(supplier_user=supplier_user, offer=offer, price=price)


def offer_update_stock(
    *, supplier_user: User, offer: SupplierOffer, stock: Decimal | int | str
) -> SupplierOffer:
    return offer_revise(supplier_user=supplier_user, offer=offer, stock=stock)


def offer_withdraw(*, supplier_user: User, offer: SupplierOffer) -> SupplierOffer:
    _own(supplier_user, offer)
    with transaction.atomic():
        locked = SupplierOffer.objects.select_for_update().get(pk=offer.pk)
        before = OfferStatus(locked.status)
        check_transition(OFFER_TRANSITIONS, before, OfferStatus.WITHDRAWN, what="Оферта")
        locked.status = OfferStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit_record(
            actor=supplier_user,
            event=EventType.OFFER_WITHDRAWN,
            obj=locked,
            details={"from": before.value, "to": OfferStatus.WITHDRAWN.value},
        )
    return locked


def offer_reserve_stock(*, offer: SupplierOffer, quantity: Decimal) -> bool:
    """Takes `quantity` off the stock of an active offer with ONE conditional UPDATE (`stock >= quantity`):
    two buyers can never both take the last units. Returns whether the stock was reserved.

    Call it inside the purchase's transaction after `offer_buyable`; the purchase records the audit event."""
    if quantity <= 0:
        raise ValidationFailed({"quantity": "Количество должно быть больше нуля"})
    updated = SupplierOffer.objects.filter(
        pk=offer.pk, status=OfferStatus.ACTIVE, stock__gte=quantity
    ).update(stock=F("stock") - quantity, updated_at=timezone.now())
    return updated == 1
