"""Self-registration of organizations and citizens; field errors name the API's own fields."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from zakupki.accounts.models import Organization, User
from zakupki.api.tests import factories
from zakupki.api.tests.helpers import error, errors, post

MOSCOW = ZoneInfo("Europe/Moscow")
DUPLICATE = "Организация с таким ИНН и КПП уже зарегистрирована"


def supplier(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "kind": "supplier",
        "inn": "7707083893",
        "kpp": "770701001",
        "ogrn": "1027700132195",
        "name": "Публичное акционерное общество «Сбербанк России»",
        "short_name": "ПАО Сбербанк",
        "region_code": "77",
        "is_smp": False,
        "is_sonko": False,
        "email": "info@example.ru",
        "phone": "+7 495 500-55-50",
        "user": {
            "username": "sber",
            "password": "Tr0ub4dor&3-zakupki",
            "full_name": "Сидоров Сидор Сидорович",
            "email": "sidorov@example.ru",
        },
    }
    return {**payload, **changes}


def entrepreneur(**changes: Any) -> dict[str, Any]:
    individual = {
        "inn": "500100732259",
        "kpp": "",
        "ogrn": "304500116000180",
        "name": "Индивидуальный предприниматель Кузнецов Кузьма Кузьмич",
        "short_name": "ИП Кузнецов К. К.",
        "region_code": "50",
        "is_smp": True,
    }
    return supplier(**{**individual, **changes})


def msk(instant: dt.datetime) -> str:
    return instant.astimezone(MOSCOW).isoformat()


def counts() -> tuple[int, int]:
    return Organization.objects.count(), User.objects.count()


@pytest.mark.django_db
def test_supplier_registers_and_is_confirmed_at_once():
    factories.region("77")

    response = post(Client(), "/registration/organization", supplier())

    assert response.status_code == 201
    org = Organization.objects.get(inn="7707083893")
    assert response.json() == {
        "id": org.pk,
        "kind": "supplier",
        "status": "confirmed",
        "name": "Публичное акционерное общество «Сбербанк России»",
        "short_name": "ПАО Сбербанк",
        "inn": "7707083893",
        "kpp": "770701001",
        "ogrn": "1027700132195",
        "region": {"code": "77", "name": "Москва"},
        "is_smp": False,
        "is_sonko": False,
        "private": {
            "email": "info@example.ru",
            "phone": "+7 495 500-55-50",
            "status_reason": "",
            "status_changed_at": response.json()["private"]["status_changed_at"],
            "confirmation_due_at": None,
            "members": [{"username": "sber", "full_name": "Сидоров Сидор Сидорович", "role": "supplier"}],
        },
    }
    assert User.objects.get(username="sber").organization == org


@pytest.mark.django_db
def test_customer_registers_and_waits_for_confirmation():
    factories.region("77")

    response = post(Client(), "/registration/organization", supplier(kind="customer"))

    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    org = Organization.objects.get(inn="7707083893")
    assert org.confirmation_due_at is not None
    assert response.json()["private"]["confirmation_due_at"] == msk(org.confirmation_due_at)


@pytest.mark.django_db
def test_entrepreneur_with_valid_ogrnip_that_python_stdnum_rejects_registers():
    factories.region("50")

    response = post(Client(), "/registration/organization", entrepreneur())

    assert response.status_code == 201
    assert response.json()["ogrn"] == "304500116000180"
    assert response.json()["kpp"] == ""


@pytest.mark.django_db
def test_bad_inn_checksum_names_the_inn_field_and_creates_nothing():
    factories.region("77")
    before = counts()

    response = post(Client(), "/registration/organization", supplier(inn="7707083894"))

    assert response.status_code == 422
    assert response.json() == errors(error("Неверная контрольная сумма ИНН: проверьте номер", "inn"))
    assert counts() == before


@pytest.mark.django_db
def test_wrong_ogrnip_check_digit_names_the_ogrn_field():
    factories.region("50")
    before = counts()

    response = post(Client(), "/registration/organization", entrepreneur(ogrn="304500116000181"))

    assert response.status_code == 422
    assert response.json() == errors(error("Неверная контрольная сумма ОГРНИП: проверьте номер", "ogrn"))
    assert counts() == before


@pytest.mark.django_db
def test_duplicate_inn_and_kpp_is_refused_on_the_inn_field():
    factories.region("77")
    assert post(Client(), "/registration/organization", supplier()).status_code == 201
    before = counts()
    second = supplier(user={"username": "sber2", "password": "Tr0ub4dor&3-zakupki", "full_name": "Второй"})

    response = post(Client(), "/registration/organization", second)

    assert response.status_code == 422
    assert response.json() == errors(error(DUPLICATE, "inn"))
    assert counts() == before


@pytest.mark.django_db
def test_region_not_on_the_platform_is_a_region_code_error():
    before = counts()

    response = post(Client(), "/registration/organization", supplier(region_code="99"))

    assert response.status_code == 422
    assert response.json() == errors(error("Регион с кодом «99» не подключён к платформе", "region_code"))
    assert counts() == before


@pytest.mark.django_db
def test_person_errors_are_named_under_user_and_organization_email_stays_email():
    factories.region("77")
    factories.user(username="taken")
    before = counts()
    payload = supplier(
        email="not-an-email",
        user={"username": "Taken", "password": "Tr0ub4dor&3-zakupki", "full_name": "", "email": "x@"},
    )

    response = post(Client(), "/registration/organization", payload)

    assert response.status_code == 422
    assert response.json() == errors(
        error("Неверный адрес электронной почты организации", "email"),
        error("Этот логин уже занят", "user.username"),
        error("Укажите фамилию, имя и отчество", "user.full_name"),
        error("Неверный адрес электронной почты", "user.email"),
    )
    assert counts() == before


@pytest.mark.django_db
def test_schema_errors_come_before_the_service_in_the_same_format():
    payload = supplier(kind="state", is_smp="возможно")
    del payload["ogrn"]
    del payload["user"]["password"]

    response = post(Client(), "/registration/organization", payload)

    assert response.status_code == 422
    assert response.json() == errors(
        error("Недопустимое значение; допустимо: 'supplier' или 'customer'", "kind"),
        error("Обязательное поле", "ogrn"),
        error("Ожидается логическое значение: true или false", "is_smp"),
        error("Обязательное поле", "user.password"),
    )


@pytest.mark.django_db
def test_citizen_registers_in_a_region():
    factories.region("72")
    payload = {
        "username": "grazhdanin",
        "password": "Tr0ub4dor&3-zakupki",
        "full_name": "Смирнова Анна Сергеевна",
        "email": "anna@example.ru",
        "region_code": "72",
    }

    response = post(Client(), "/registration/citizen", payload)

    assert response.status_code == 201
    assert response.json() == {
        "username": "grazhdanin",
        "full_name": "Смирнова Анна Сергеевна",
        "role": "citizen",
        "organization": None,
        "region": {"code": "72", "name": "Тюменская область"},
    }


@pytest.mark.django_db
def test_citizen_with_a_weak_password_and_unknown_region():
    payload = {"username": "a", "password": "123", "full_name": "Смирнова Анна", "region_code": "99"}

    response = post(Client(), "/registration/citizen", payload)

    assert response.status_code == 422
    assert response.json() == errors(
        error("Регион с кодом «99» не подключён к платформе", "region_code"),
        error(
            "Введённый пароль слишком короткий. Он должен состоять из как минимум 8 символов. "
            "Введённый пароль слишком широко распространён. "
            "Введённый пароль состоит только из цифр.",
            "password",
        ),
    )
    assert User.objects.count() == 0
