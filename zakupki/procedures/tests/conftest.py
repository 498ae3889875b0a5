import datetime as dt
import itertools
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.procedures.services import SessionItemData, session_create, session_publish

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # Monday, 12:00 in Moscow
_serial = itertools.count(1)


def rub(text: str) -> str:
    """«51 100,00» -> the exact format_rub output (no-break spaces, ₽)."""
    return text.replace(" ", "\u00a0") + "\u00a0₽"


def make_org(region, kind, *, status=OrganizationStatus.CONFIRMED, name=None):
    n = next(_serial)
    prefix = "77" if kind == OrganizationKind.CUSTOMER else "50"
    return Organization.objects.create(
        kind=kind,
        status=status,
        name=name or f"ООО «Поставщик {n}»",
        inn=make_inn(f"{prefix}01{n:05d}"),
        kpp="770101001",
        ogrn=make_ogrn(f"10277010{n:04d}"),
        region=region,
    )


def make_user(org, role):
    n = next(_serial)
    return User.objects.create_user(
        username=f"user{n}",
        password="x-Very-Long-Pass-1",
        role=role,
        organization=org,
        full_name=f"Сотрудник {n}",
    )


@pytest.fixture
def region(db):
    return Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )


@pytest.fixture
def customer(region):
    return make_org(region, OrganizationKind.CUSTOMER, name="ГБОУ Школа № 1535")


@pytest.fixture
def customer_user(customer):
    return make_user(customer, UserRole.CUSTOMER)


@pytest.fixture
def suppliers(region):
    """Three confirmed suppliers, each with one employee: [(org, user), ...]."""
    result = []
    for name in ("ООО «Альфа»", "ООО «Бета»", "ООО «Гамма»"):
        org = make_org(region, OrganizationKind.SUPPLIER, name=name)
        result.append((org, make_user(org, UserRole.SUPPLIER)))
    return result


ITEMS = [
    SessionItemData(
        name="Бумага офисная А4", unit="пачка", quantity=Decimal("100"), unit_price=Decimal("350.00")
    ),
    SessionItemData(
        name="Картридж лазерный",
        unit="шт",
        quantity=Decimal("7"),
        unit_price=Decimal("2300.00"),
        catalog_ref="СТЕ-1001",
    ),
]


@pytest.fixture
def draft(customer_user):
    # НМЦК 100 × 350 + 7 × 2 300 = 51 100,00 ₽; steps 255,50 … 2 555,00 ₽
    return session_create(
        actor=customer_user,
        title="Поставка канцелярских товаров",
        items=list(ITEMS),
        duration_hours=3,
        delivery_terms="Доставка до склада заказчика в течение 5 рабочих дней",
    )


@pytest.fixture
def session(draft, customer_user):
    return session_publish(session=draft, actor=customer_user, now=NOW)
