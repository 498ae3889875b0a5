"""Givens for the catalogue tests: plain typed builders (rows built directly, not the behaviour under test)."""

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.catalog.models import CatalogItem, SupplierOffer
from zakupki.catalog.services.items import ItemData, catalog_item_upsert

PASSWORD = "Zakupki-2026!"
SHARED_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
PORTAL_XLSX = SHARED_DATA / "portal" / "cte_test.xlsx"
# Far from today, so the offers stay valid whenever the tests run.
FROM, UNTIL = dt.date(2025, 1, 1), dt.date(2099, 12, 31)

_numbers = itertools.count(1)

REGIONS = {
    "77": ("Москва", "Europe/Moscow"),
    "50": ("Московская область", "Europe/Moscow"),
    "16": ("Республика Татарстан", "Europe/Moscow"),
    "25": ("Приморский край", "Asia/Vladivostok"),
}


def region(code: str = "77") -> Region:
    name, tz = REGIONS[code]
    found, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "timezone": tz, "joined_on": dt.date(2025, 1, 1)}
    )
    return found


def organization(
    *,
    kind: OrganizationKind = OrganizationKind.SUPPLIER,
    status: OrganizationStatus = OrganizationStatus.CONFIRMED,
    region_code: str = "77",
    **fields: Any,
) -> Organization:
    n = next(_numbers)
    values: dict[str, Any] = {
        "kind": kind,
        "status": status,
        "name": f"Общество с ограниченной ответственностью «Поставка-{n}»",
        "short_name": f"ООО «Поставка-{n}»",
        "inn": make_inn(f"{770200000 + n:09d}"),
        "kpp": "770201001",
        "ogrn": make_ogrn(f"{102770100000 + n:012d}"),
        "region": region(region_code),
    }
    return Organization.objects.create(**{**values, **fields})


def member_of(org: Organization, **fields: Any) -> User:
    n = next(_numbers)
    role = {
        OrganizationKind.CUSTOMER: UserRole.CUSTOMER,
        OrganizationKind.SUPPLIER: UserRole.SUPPLIER,
        OrganizationKind.CONTROL_BODY: UserRole.CONTROL_BODY,
    }[OrganizationKind(org.kind)]
    values: dict[str, Any] = {"username": f"u{n}", "full_name": f"Петров Пётр Петрович {n}", "role": role}
    return User.objects.create_user(password=PASSWORD, organization=org, **{**values, **fields})


def supplier_user(region_code: str = "77") -> User:
    return member_of(organization(region_code=region_code))


def item(
    ste_id: str = "1153097",
    name: str = "мяч футбольный MIKASA REGATEADOR5-G",
    category: str = "Мячи футбольные",
    kpgz_code: str = "01.08.01.13.01",
    **fields: Any,
) -> CatalogItem:
    created, _ = catalog_item_upsert(
        data=ItemData(ste_id=ste_id, name=name, category=category, kpgz_code=kpgz_code, **fields)
    )
    return created


def offer(
    *,
    of: CatalogItem,
    supplier: Organization,
    price: str = "2489.00",
    stock: str = "10",
    regions: tuple[str, ...] = ("77",),
    valid_from: dt.date = FROM,
    valid_until: dt.date = UNTIL,
    **fields: Any,
) -> SupplierOffer:
    created = SupplierOffer.objects.create(
        supplier=supplier,
        item=of,
        price=Decimal(price),
        stock=Decimal(stock),
        valid_from=valid_from,
        valid_until=valid_until,
        **fields,
    )
    created.delivery_regions.set([region(code) for code in regions])
    return created


def org_of(user: User) -> Organization:
    assert user.organization is not None
    return user.organization
