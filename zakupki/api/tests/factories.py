"""Test data for the API tests. Rows are built directly: they are givens, not the behaviour under test.

Plain typed builders rather than factory_boy classes: they keep `mypy --strict` quiet without ignores."""

import datetime as dt
import itertools
from typing import Any

from zakupki.accounts.enums import ROLE_FOR_KIND, OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.subjects import federal_subjects

PASSWORD = "Tr0ub4dor&3-zakupki"
_numbers = itertools.count(1)


def region(code: str = "77", **fields: Any) -> Region:
    subject = federal_subjects()[code]
    defaults: dict[str, Any] = {
        "name": subject.name,
        "timezone": subject.tz,
        "joined_on": dt.date(2025, 1, 1),
    }
    found, _ = Region.objects.get_or_create(code=code, defaults={**defaults, **fields})
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
        "inn": make_inn(f"{770100000 + n:09d}"),
        "kpp": "770101001",
        "ogrn": make_ogrn(f"{102770000000 + n:012d}"),
        "region": region(region_code),
        "email": f"org{n}@example.ru",
        "phone": "+7 495 000-00-00",
    }
    return Organization.objects.create(**{**values, **fields})


def user(*, role: UserRole = UserRole.CITIZEN, **fields: Any) -> User:
    n = next(_numbers)
    values: dict[str, Any] = {"username": f"user{n}", "full_name": f"Иванов Иван Иванович {n}", "role": role}
    return User.objects.create_user(password=PASSWORD, **{**values, **fields})


def member_of(org: Organization, **fields: Any) -> User:
    return user(role=ROLE_FOR_KIND[OrganizationKind(org.kind)], organization=org, **fields)


def regional_admin(of: Region, **fields: Any) -> User:
    return user(role=UserRole.REGIONAL_ADMIN, region=of, **fields)


def platform_admin() -> User:
    return User.objects.create_superuser(username="root", password=PASSWORD, email="root@example.ru")
