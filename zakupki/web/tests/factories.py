"""Test data for the pages. Identifiers carry valid check digits, like real ones."""

# factory_boy's declarations are untyped; the factories themselves are typed through the generic base.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import datetime as dt

from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory, Password

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, Region, User

PASSWORD = "Zakupki-2026!"
REGION_CODES = ("50", "77", "16", "25", "66", "54", "24", "38", "14", "41")
REGION_NAMES = {
    "50": "Московская область",
    "77": "Москва",
    "16": "Республика Татарстан",
    "25": "Приморский край",
    "66": "Свердловская область",
    "54": "Новосибирская область",
    "24": "Красноярский край",
    "38": "Иркутская область",
    "14": "Республика Саха (Якутия)",
    "41": "Камчатский край",
}


def company_inn(n: int) -> str:
    """A 10-digit ИНН with a valid check digit."""
    body = f"77{n:07d}"
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11 % 10
    return f"{body}{check}"


def company_ogrn(n: int) -> str:
    """A 13-digit ОГРН with a valid check digit."""
    body = f"10277{n:07d}"
    return f"{body}{int(body) % 11 % 10}"


class RegionFactory(DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = Sequence(lambda n: REGION_CODES[n % len(REGION_CODES)])
    name = LazyAttribute(lambda o: REGION_NAMES[o.code])
    timezone = "Europe/Moscow"
    joined_on = dt.date(2026, 11, 22)


class OrganizationFactory(DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    kind = OrganizationKind.SUPPLIER
    status = OrganizationStatus.CONFIRMED
    name = Sequence(lambda n: f"Общество с ограниченной ответственностью «Поставщик {n}»")
    short_name = Sequence(lambda n: f"ООО «Поставщик {n}»")
    inn = Sequence(lambda n: company_inn(n + 1))
    kpp = "770101001"
    ogrn = Sequence(lambda n: company_ogrn(n + 1))
    region = SubFactory(RegionFactory)
    email = Sequence(lambda n: f"office{n}@example.ru")
    phone = "+7 495 000-00-00"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"user{n}")
    full_name = Sequence(lambda n: f"Иванов Иван Иванович {n}")
    email = Sequence(lambda n: f"user{n}@example.ru")
    role = UserRole.CITIZEN
    password = Password(PASSWORD)


def member_of(organization: Organization, **kwargs: object) -> User:
    role = {
        OrganizationKind.CUSTOMER: UserRole.CUSTOMER,
        OrganizationKind.SUPPLIER: UserRole.SUPPLIER,
        OrganizationKind.CONTROL_BODY: UserRole.CONTROL_BODY,
    }[OrganizationKind(organization.kind)]
    return UserFactory.create(role=role, organization=organization, **kwargs)


def regional_admin(region: Region, **kwargs: object) -> User:
    return UserFactory.create(role=UserRole.REGIONAL_ADMIN, region=region, **kwargs)


def platform_admin(**kwargs: object) -> User:
    return UserFactory.create(role=UserRole.PLATFORM_ADMIN, is_superuser=True, is_staff=True, **kwargs)
