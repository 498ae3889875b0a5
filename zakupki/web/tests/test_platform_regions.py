from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from zakupki.accounts.models import Region
from zakupki.web.tests.factories import OrganizationFactory, member_of, platform_admin, regional_admin


@pytest.mark.django_db
def test_platform_admin_connects_a_region_with_the_reference_name_and_zone(client: Client) -> None:
    client.force_login(platform_admin())

    response = client.post(
        "/platform/regions/",
        {"code": "25", "name": "", "timezone": "", "joined_on": "2026-11-22"},
        follow=True,
    )

    assert response.redirect_chain == [("/platform/regions/", 302)]
    region = Region.objects.get()
    assert (region.code, region.name, region.timezone, region.joined_on) == (
        "25",
        "Приморский край",
        "Asia/Vladivostok",
        dt.date(2026, 11, 22),
    )
    page = response.content.decode()
    assert "Регион «Приморский край» подключён к платформе" in page
    assert '<td class="nowrap">22.11.2026</td>' in page
    assert "<td>Владивосток (UTC+10)</td>" in page


@pytest.mark.django_db
def test_unknown_subject_code_is_refused_at_the_code_field(client: Client) -> None:
    client.force_login(platform_admin())

    response = client.post(
        "/platform/regions/",
        {"code": "00", "name": "", "timezone": "Europe/Moscow", "joined_on": "22.11.2026"},
    )

    assert response.status_code == 400
    assert (
        '<div class="error" id="id_code_error">Нет субъекта Российской Федерации с кодом «00»</div>'
        in response.content.decode()
    )
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_already_connected_region_is_refused(client: Client, region: Region) -> None:
    client.force_login(platform_admin())

    response = client.post("/platform/regions/", {"code": "50", "joined_on": "2026-11-22"})

    assert response.status_code == 400
    assert '<div class="error" id="id_code_error">Регион 50 уже подключён</div>' in response.content.decode()
    assert Region.objects.count() == 1


@pytest.mark.django_db
def test_form_offers_reference_subjects_not_yet_connected(client: Client, region: Region) -> None:
    client.force_login(platform_admin())

    page = client.get("/platform/regions/").content.decode()

    assert '<option value="25" data-name="Приморский край" data-tz="Asia/Vladivostok">' in page
    assert '<option value="50" data-name=' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["regional_admin", "supplier"])
def test_only_platform_admin_opens_platform_regions(client: Client, region: Region, who: str) -> None:
    user = (
        regional_admin(region)
        if who == "regional_admin"
        else member_of(OrganizationFactory.create(region=region))
    )
    client.force_login(user)

    response = client.get("/platform/regions/")

    assert response.status_code == 403
    assert "Страница доступна только администратору платформы" in response.content.decode()


@pytest.mark.django_db
def test_unknown_code_with_empty_zone_blames_only_the_code(client: Client) -> None:
    client.force_login(platform_admin())

    response = client.post("/platform/regions/", {"code": "00", "timezone": "", "joined_on": "2026-11-22"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_code_error">Нет субъекта Российской Федерации с кодом «00»</div>' in page
    assert 'id="id_timezone_error"' not in page
    assert Region.objects.count() == 0
