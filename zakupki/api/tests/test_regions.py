"""Regions: public reads, connection by the platform admin, settings by the regional admin."""

import pytest
from django.test import Client

from zakupki.accounts.models import Region
from zakupki.api.tests import factories
from zakupki.api.tests.helpers import as_user, error, errors, get, patch, post

MOSCOW = {
    "code": "77",
    "name": "Москва",
    "timezone": "Europe/Moscow",
    "joined_on": "2025-01-01",
    "authority_name": "",
    "contact_email": "",
}


@pytest.mark.django_db
def test_regions_are_public_and_in_russian_order():
    for code in ("77", "72", "50"):
        factories.region(code)

    response = get(Client(), "/regions")

    assert response.status_code == 200
    assert [item["name"] for item in response.json()] == ["Москва", "Московская область", "Тюменская область"]
    assert response.json()[0] == MOSCOW


@pytest.mark.django_db
def test_one_region_and_an_unknown_code():
    factories.region("77")

    found = get(Client(), "/regions/77")
    missing = get(Client(), "/regions/99")

    assert found.json() == MOSCOW
    assert missing.status_code == 404
    assert missing.json() == errors(
        error("Регион с кодом «99» не подключён к платформе", "region", "not_found")
    )


@pytest.mark.django_db
def test_platform_admin_connects_a_region():
    admin = factories.platform_admin()
    payload = {"code": "66", "timezone": "Asia/Yekaterinburg", "joined_on": "2026-02-01"}

    response = post(Client(), "/regions", payload, as_user(admin))

    assert response.status_code == 201
    assert response.json() == {
        "code": "66",
        "name": "Свердловская область",
        "timezone": "Asia/Yekaterinburg",
        "joined_on": "2026-02-01",
        "authority_name": "",
        "contact_email": "",
    }
    assert Region.objects.filter(code="66").exists()


@pytest.mark.django_db
def test_only_the_platform_admin_connects_regions():
    regional = factories.regional_admin(factories.region("77"))
    payload = {"code": "66", "timezone": "Asia/Yekaterinburg", "joined_on": "2026-02-01"}

    response = post(Client(), "/regions", payload, as_user(regional))

    assert response.status_code == 403
    assert response.json() == errors(
        error("Подключать регионы может только администратор платформы", code="forbidden")
    )
    assert list(Region.objects.values_list("code", flat=True)) == ["77"]


@pytest.mark.django_db
def test_connecting_a_code_that_is_no_subject_or_a_foreign_time_zone():
    admin = factories.platform_admin()
    payload = {"code": "00", "timezone": "Europe/Berlin", "joined_on": "2026-02-01"}

    response = post(Client(), "/regions", payload, as_user(admin))

    assert response.status_code == 422
    assert response.json() == errors(
        error("Нет субъекта Российской Федерации с кодом «00»", "code"),
        error("Выберите часовой пояс России из списка", "timezone"),
    )
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_regional_admin_changes_only_the_fields_sent():
    moscow = factories.region("77")
    admin = factories.regional_admin(moscow)

    response = patch(
        Client(),
        "/regions/77",
        {"authority_name": "Департамент закупок", "contact_email": "zakupki@mos.example"},
        as_user(admin),
    )

    assert response.status_code == 200
    assert response.json() == {
        **MOSCOW,
        "authority_name": "Департамент закупок",
        "contact_email": "zakupki@mos.example",
    }


@pytest.mark.django_db
def test_admin_of_another_region_cannot_change_settings():
    factories.region("77")
    tyumen_admin = factories.regional_admin(factories.region("72"))

    response = patch(Client(), "/regions/77", {"name": "Не Москва"}, as_user(tyumen_admin))

    assert response.status_code == 403
    assert response.json() == errors(
        error("Настройки региона меняет только его администратор", code="forbidden")
    )
    assert Region.objects.get(code="77").name == "Москва"


@pytest.mark.django_db
def test_settings_that_cannot_be_changed_and_bad_values():
    moscow = factories.region("77")
    admin = factories.regional_admin(moscow)

    unknown = patch(Client(), "/regions/77", {"code": "78"}, as_user(admin))
    bad = patch(Client(), "/regions/77", {"name": " ", "contact_email": "нет"}, as_user(admin))

    assert unknown.status_code == 422
    assert unknown.json() == errors(error("Неизвестное поле", "code"))
    assert bad.json() == errors(
        error("Укажите наименование региона", "name"),
        error("Неверный адрес электронной почты", "contact_email"),
    )
    assert Region.objects.get(code="77").name == "Москва"
