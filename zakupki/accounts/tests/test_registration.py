import datetime as dt
import threading

import pytest
from django.db import connection

from zakupki.accounts.enums import OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, User
from zakupki.accounts.services.registration import citizen_register, organization_register
from zakupki.accounts.tests.conftest import customer_data, person, supplier_data
from zakupki.core.errors import ValidationFailed
from zakupki.documents.models import AuditEvent


def _counts():
    return Organization.objects.count(), User.objects.count(), AuditEvent.objects.count()


def test_individual_supplier_registers_with_ogrnip_remainder_ten(moscow):
    organization = organization_register(data=supplier_data(), person=person())
    assert organization.kind == "supplier"
    assert organization.status == OrganizationStatus.CONFIRMED
    assert (organization.inn, organization.kpp, organization.ogrn) == ("500100732259", "", "304500116000180")
    assert organization.is_smp is True
    user = organization.members.get()
    assert (user.username, user.role) == ("petrov", UserRole.SUPPLIER)
    assert user.check_password("Zakupki-2026!")
    event = AuditEvent.objects.get()
    assert event.event == "organization.registered"
    assert event.details["status"] == "confirmed"


def test_customer_waits_for_confirmation_three_working_days(moscow, monkeypatch):
    # Friday 2026-11-20 12:00 Moscow time: three working days later is Wednesday 2026-11-25.
    frozen = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("zakupki.accounts.services.registration.timezone.now", lambda: frozen)
    organization = organization_register(data=customer_data(), person=person("school"))
    assert organization.status == OrganizationStatus.PENDING
    assert organization.can_publish_purchases is False
    assert organization.confirmation_due_at == dt.datetime(2026, 11, 25, 20, 59, 59, 999999, tzinfo=dt.UTC)
    assert organization.next_check_at == organization.confirmation_due_at


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"inn": "7707083894"}, "inn", "Неверная контрольная сумма ИНН: проверьте номер"),
        (
            {"kpp": "77070100"},
            "kpp",
            "КПП должен состоять из 9 символов: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры",
        ),
        ({"kpp": ""}, "kpp", "Укажите КПП: он обязателен для организации"),
        ({"ogrn": "1027700132196"}, "ogrn", "Неверная контрольная сумма ОГРН: проверьте номер"),
        ({"ogrn": "304500116000180"}, "ogrn", "ОГРН должен содержать 13 цифр"),
        ({"region_code": "99"}, "region", "Регион с кодом «99» не подключён к платформе"),
        ({"name": "  "}, "name", "Укажите полное наименование"),
        ({"kind": "control_body"}, "kind", "Зарегистрироваться можно как поставщик или как заказчик"),
        (
            {"inn": "500100732259", "kpp": "", "ogrn": "304500116000180"},
            "inn",
            "Заказчик — организация: укажите ИНН из 10 цифр",
        ),
    ],
)
def test_bad_customer_input_is_refused_with_the_field_named(moscow, overrides, field, message):
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        organization_register(data=customer_data(**overrides), person=person("school"))
    assert exc.value.errors[field] == message
    assert _counts() == before


def test_individual_with_kpp_is_refused(moscow):
    with pytest.raises(ValidationFailed) as exc:
        organization_register(data=supplier_data(kpp="770701001"), person=person())
    assert exc.value.errors == {"kpp": "У индивидуального предпринимателя нет КПП: оставьте поле пустым"}


def test_weak_password_and_taken_login_are_refused(moscow):
    organization_register(data=supplier_data(), person=person())
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        organization_register(data=customer_data(), person=person("PETROV", password="12345678"))
    assert exc.value.errors["username"] == "Этот логин уже занят"
    assert "password" in exc.value.errors
    assert _counts() == before


def test_one_inn_kpp_pair_registers_once(moscow):
    organization_register(data=customer_data(), person=person("school"))
    before = _counts()
    with pytest.raises(ValidationFailed) as exc:
        organization_register(data=customer_data(name="Другое название"), person=person("school2"))
    assert exc.value.errors == {"inn": "Организация с таким ИНН и КПП уже зарегистрирована"}
    assert _counts() == before


def test_same_inn_with_another_kpp_is_a_separate_subdivision(moscow):
    organization_register(data=customer_data(), person=person("school"))
    branch = organization_register(data=customer_data(kpp="773301001"), person=person("branch"))
    assert branch.kpp == "773301001"


def test_citizen_registers_in_a_region(moscow):
    user = citizen_register(person=person("ivanov", full_name="Иванов Иван"), region_code="77")
    assert (user.role, user.region, user.organization) == (UserRole.CITIZEN, moscow, None)
    assert AuditEvent.objects.get().event == "user.registered"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_registrations_create_one_organization():
    from zakupki.accounts.models import Region

    Region.objects.create(code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15))
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def register(n: int) -> None:
        try:
            barrier.wait()
            organization_register(data=customer_data(), person=person(f"school{n}"))
            outcomes.append("ok")
        except ValidationFailed as exc:
            outcomes.append(exc.errors["inn"])
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["Организация с таким ИНН и КПП уже зарегистрирована"] * 3
    assert Organization.objects.count() == 1
    assert User.objects.count() == 1
