"""Givens for the purchases tests: catalogue offers and needs built directly as rows."""

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from zakupki.accounts.models import Organization, Region, User
from zakupki.catalog.models import CatalogItem, Category, SupplierOffer
from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.tests.factories import customer, member_of, region, supplier
from zakupki.purchases.enums import NeedStatus
from zakupki.purchases.models import Need

_numbers = itertools.count(1)


def catalog_item(**fields: Any) -> CatalogItem:
    n = next(_numbers)
    category, _ = Category.objects.get_or_create(name="Бумага и канцелярские товары")
    values: dict[str, Any] = {
        "ste_id": f"{1000000 + n}",
        "name": "Бумага для офисной техники А4, 80 г/м², 500 листов",
        "category": category,
        "kpgz_code": "01.15.02.01.01",
        "okei_code": "796",
        "unit_name": "Штука",
    }
    return CatalogItem.objects.create(**{**values, **fields})


def offer(
    *,
    seller: Organization | None = None,
    price: str = "416.72",
    stock: str = "1000",
    regions: list[Region] | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    **fields: Any,
) -> SupplierOffer:
    today = timezone.localdate()
    created = SupplierOffer.objects.create(
        supplier=seller or supplier(),
        item=fields.pop("item", None) or catalog_item(),
        price=Decimal(price),
        stock=Decimal(stock),
        valid_from=valid_from or today - dt.timedelta(days=30),
        valid_until=valid_until or today + dt.timedelta(days=30),
        **fields,
    )
    created.delivery_regions.set(regions if regions is not None else [region()])
    return created


def buyer_user(**fields: Any) -> User:
    """A member of a confirmed Moscow customer."""
    return member_of(customer(**fields))


def need(
    *,
    of: Organization | None = None,
    by: User | None = None,
    status: NeedStatus = NeedStatus.PUBLISHED,
    max_price: str = "500000.00",
    deadline: dt.datetime | None = None,
    basis: PurchaseBasis = PurchaseBasis.P4,
    **fields: Any,
) -> Need:
    owner = of or customer()
    now = timezone.now()
    values: dict[str, Any] = {
        "customer": owner,
        "title": "Ремонт кровли спортивного зала",
        "description": "Ремонт мягкой кровли 320 м², срок — 30 дней, гарантия 3 года",
        "max_price": Decimal(max_price),
        "basis": basis,
        "deadline": deadline or now + dt.timedelta(days=3),
        "status": status,
        "created_by": by or member_of(owner),
    }
    if status != NeedStatus.DRAFT:
        values["published_at"] = now - dt.timedelta(days=1)
    if status == NeedStatus.PUBLISHED:
        values["next_check_at"] = values["deadline"]
    return Need.objects.create(**{**values, **fields})
