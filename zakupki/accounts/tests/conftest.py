import datetime as dt
from typing import Any

import pytest

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Region, User
from zakupki.accounts.services.registration import OrganizationData, PersonData


@pytest.fixture
def moscow(db):
    return Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )


@pytest.fixture
def tyumen(db):
    return Region.objects.create(
        code="72", name="Тюменская область", timezone="Asia/Yekaterinburg", joined_on=dt.date(2026, 3, 1)
    )


@pytest.fixture
def platform_admin(db):
    return User.objects.create_superuser(username="root", password="x-Very-Long-Pass-1", email="")


@pytest.fixture
def moscow_admin(moscow):
    return User.objects.create_user(
        username="region77", password="x-Very-Long-Pass-1", role=UserRole.REGIONAL_ADMIN, region=moscow
    )


def supplier_data(**overrides):
    values: dict[str, Any] = {
        "kind": "supplier",
        "inn": "500100732259",
        "kpp": "",
        "ogrn": "304500116000180",
        "name": "Индивидуальный предприниматель Петров Пётр Петрович",
        "short_name": "ИП Петров П.П.",
        "region_code": "77",
        "is_smp": True,
    }
    values.update(overrides)
    return OrganizationData(**values)


def customer_data(**overrides):
    values: dict[str, Any] = {
        "kind": "customer",
        "inn": "7707083893",
        "kpp": "770701001",
        "ogrn": "1027700132195",
        "name": "Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1234»",
        "short_name": "ГБОУ Школа № 1234",
        "region_code": "77",
    }
    values.update(overrides)
    return OrganizationData(**values)


def person(username="petrov", **overrides):
    values = {"username": username, "password": "Zakupki-2026!", "full_name": "Петров Пётр Петрович"}
    values.update(overrides)
    return PersonData(**values)
