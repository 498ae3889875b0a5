"""Givens for the contract and purchase tests: plain typed builders (rows, not behaviour under test)."""

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from zakupki.accounts.enums import ROLE_FOR_KIND, OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import Contract, CustomerAnnualVolume
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.timeutil import local_date

PASSWORD = "Tr0ub4dor&3-zakupki"
_numbers = itertools.count(1)


def region(code: str = "77", *, tz: str = "Europe/Moscow", name: str = "Москва") -> Region:
    found, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "timezone": tz, "joined_on": dt.date(2025, 1, 1)}
    )
    return found


def organization(
    *,
    kind: OrganizationKind = OrganizationKind.SUPPLIER,
    status: OrganizationStatus = OrganizationStatus.CONFIRMED,
    in_region: Region | None = None,
    **fields: Any,
) -> Organization:
    n = next(_numbers)
    values: dict[str, Any] = {
        "kind": kind,
        "status": status,
        "name": f"Общество с ограниченной ответственностью «Поставка-{n}»",
        "short_name": f"ООО «Поставка-{n}»",
        "inn": make_inn(f"{780100000 + n:09d}"),
        "kpp": "770101001",
        "ogrn": make_ogrn(f"{102780000000 + n:012d}"),
        "region": in_region or region(),
    }
    return Organization.objects.create(**{**values, **fields})


def customer(**fields: Any) -> Organization:
    fields.setdefault("name", "Государственное бюджетное учреждение «Школа № 1234»")
    fields.setdefault("short_name", "ГБОУ Школа № 1234")
    return organization(kind=OrganizationKind.CUSTOMER, **fields)


def supplier(**fields: Any) -> Organization:
    return organization(kind=OrganizationKind.SUPPLIER, **fields)


def user(*, role: UserRole = UserRole.CITIZEN, **fields: Any) -> User:
    n = next(_numbers)
    values: dict[str, Any] = {"username": f"buyer{n}", "full_name": f"Сидоров Сидор {n}", "role": role}
    return User.objects.create_user(password=PASSWORD, **{**values, **fields})


def member_of(org: Organization, **fields: Any) -> User:
    return user(role=ROLE_FOR_KIND[OrganizationKind(org.kind)], organization=org, **fields)


def regional_admin(of: Region) -> User:
    return user(role=UserRole.REGIONAL_ADMIN, region=of)


def this_year(org: Organization) -> int:
    """The customer's current calendar year, the one the ledger charges."""
    return local_date(timezone.now(), org.region.timezone).year


def set_sgoz(org: Organization, sgoz: str) -> CustomerAnnualVolume:
    volume, _ = CustomerAnnualVolume.objects.update_or_create(
        customer=org, year=this_year(org), defaults={"sgoz": Decimal(sgoz)}
    )
    return volume


def award(
    buyer: Organization,
    seller: Organization,
    price: str,
    *,
    basis: PurchaseBasis = PurchaseBasis.P4,
    actor: User | None = None,
) -> Contract:
    """A one-item contract for `price` through the single contract entry point."""
    amount = Decimal(price)
    return contract_create_from_award(
        customer=buyer,
        supplier=seller,
        items=[ContractItemData(name="Бумага офисная А4", unit="шт", quantity=Decimal(1), unit_price=amount)],
        price=amount,
        basis=basis,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=next(_numbers),
        subject="Поставка бумаги офисной",
        actor=actor,
    )
