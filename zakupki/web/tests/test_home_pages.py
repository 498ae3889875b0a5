from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Region
from zakupki.web.tests.factories import (
    OrganizationFactory,
    RegionFactory,
    UserFactory,
    member_of,
    platform_admin,
    regional_admin,
)
from zakupki.web.views import home


@pytest.mark.django_db
def test_index_tells_what_the_platform_is_and_lists_regions(client: Client) -> None:
    moscow_region = RegionFactory.create(code="50", timezone="Europe/Moscow")
    RegionFactory.create(code="25", timezone="Asia/Vladivostok")
    OrganizationFactory.create(region=moscow_region)
    OrganizationFactory.create(region=moscow_region)
    OrganizationFactory.create(region=moscow_region, kind=OrganizationKind.CUSTOMER)
    OrganizationFactory.create(
        region=moscow_region, kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING
    )

    response = client.get("/")

    assert response.status_code == 200
    page = re.sub(r">\s+<", "><", response.content.decode())
    assert "<h1>Закупки региона</h1>" in page
    assert (
        "<td>Московская область</td><td>50</td><td>Москва (UTC+3)</td>"
        '<td class="nowrap">22.11.2026</td><td class="num">1</td><td class="num">2</td>'
    ) in page
    assert "<td>Владивосток (UTC+10)</td>" in page
    assert page.index("Московская область") < page.index("Приморский край")
    assert "Время на сайте: Москва (UTC+3)" in page


@pytest.mark.django_db
def test_index_without_regions_says_so(client: Client) -> None:
    page = client.get("/").content.decode()

    assert "Пока ни один регион не подключён к площадке." in page


@pytest.mark.django_db
def test_home_requires_login(client: Client) -> None:
    response = client.get("/home/")

    assert (response.status_code, response["Location"]) == (302, "/login/?next=/home/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "heading", "empty_states"),
    [
        (
            OrganizationKind.CUSTOMER,
            "Личный кабинет заказчика",
            ["Котировочные сессии появятся здесь. Пока их нет.", "Контракты", "Жалобы"],
        ),
        (
            OrganizationKind.SUPPLIER,
            "Личный кабинет поставщика",
            ["Котировочные сессии, в которых можно подать предложение, появятся здесь. Пока их нет."],
        ),
        (
            OrganizationKind.CONTROL_BODY,
            "Личный кабинет контрольного органа",
            ["Жалобы", "Обращения граждан о закупках региона появятся здесь. Пока их нет."],
        ),
    ],
)
def test_organization_home_shows_the_card_and_honest_empty_states(
    client: Client, region: Region, kind: OrganizationKind, heading: str, empty_states: list[str]
) -> None:
    organization = OrganizationFactory.create(
        kind=kind,
        short_name="ГБУ «Ромашка»",
        inn="7707083893",
        kpp="770701001",
        ogrn="1027700132195",
        is_smp=True,
        region=region,
    )
    client.force_login(member_of(organization))

    response = client.get("/home/")

    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert '<p class="lead" data-testid="organization-name">ГБУ «Ромашка»</p>' in page
    assert "<dt>ИНН</dt><dd>7707083893</dd>" in page
    assert "<dt>КПП</dt><dd>770701001</dd>" in page
    assert "<dt>ОГРН</dt><dd>1027700132195</dd>" in page
    assert "<dt>Регион</dt><dd>Московская область</dd>" in page
    assert "<dt>СМП</dt><dd>Да, субъект малого предпринимательства</dd>" in page
    assert '<span class="badge badge-ok">Подтверждена</span>' in page
    for text in empty_states:
        assert text in page


@pytest.mark.django_db
def test_pending_customer_home_says_it_cannot_publish_yet(client: Client, region: Region) -> None:
    organization = OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING, region=region
    )
    client.force_login(member_of(organization))

    page = client.get("/home/").content.decode()

    assert "Организация ожидает подтверждения администратором региона" in page
    assert "До подтверждения публиковать закупки нельзя." in page
    assert '<span class="badge badge-wait">Ожидает подтверждения</span>' in page


@pytest.mark.django_db
def test_individual_entrepreneur_card_says_there_is_no_kpp(client: Client, region: Region) -> None:
    organization = OrganizationFactory.create(
        inn="500100732259", kpp="", ogrn="304500116000180", region=region
    )
    client.force_login(member_of(organization))

    page = client.get("/home/").content.decode()

    assert "<dt>КПП</dt><dd>нет — индивидуальный предприниматель</dd>" in page
    assert "<dt>ОГРНИП</dt><dd>304500116000180</dd>" in page


@pytest.mark.django_db
def test_regional_admin_home_counts_customers_waiting(client: Client, region: Region) -> None:
    OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING, region=region
    )
    OrganizationFactory.create(region=region)
    client.force_login(regional_admin(region))

    page = client.get("/home/").content.decode()

    assert "<h1>Кабинет администратора региона</h1>" in page
    assert '<p class="stat">1</p>' in page
    assert "Всего организаций в регионе: 2" in page
    assert "<dt>Подключён</dt><dd>22.11.2026</dd>" in page
    assert "Обращения граждан появятся здесь. Пока их нет." in page


@pytest.mark.django_db
def test_platform_admin_home_lists_regions(client: Client, region: Region) -> None:
    client.force_login(platform_admin())

    page = client.get("/home/").content.decode()

    assert "<h1>Администрирование платформы</h1>" in page
    assert '<a href="/region/50/">Московская область</a> — Москва (UTC+3), с 22.11.2026' in page


@pytest.mark.django_db
def test_citizen_home_has_no_fake_numbers(client: Client, region: Region) -> None:
    client.force_login(
        UserFactory.create(role=UserRole.CITIZEN, region=region, full_name="Кузнецова Мария Олеговна")
    )

    page = client.get("/home/").content.decode()

    assert "<h1>Личный кабинет гражданина</h1>" in page
    assert "<dt>ФИО</dt><dd>Кузнецова Мария Олеговна</dd>" in page
    assert "Ваши обращения о закупках появятся здесь. Пока их нет." in page
    assert "Московская область · время: Москва (UTC+3)" in page


@pytest.mark.django_db
def test_role_menu_follows_the_role(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    page = client.get("/home/").content.decode()

    assert '<a href="/region/">Управление регионом</a>' in page
    assert '<a href="/home/" aria-current="page">Личный кабинет</a>' in page
    assert "Регионы платформы" not in page


@pytest.mark.django_db
def test_index_shows_the_small_purchase_cap_in_roubles(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home, "now", lambda: dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC))

    page = client.get("/").content.decode()

    assert '<strong class="nowrap" data-testid="small-purchase-cap">600\u00a0000,00\u00a0₽</strong>' in page


@pytest.mark.django_db
def test_index_shows_the_cap_in_force_on_that_day(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "now", lambda: dt.datetime(2020, 3, 1, 9, 0, tzinfo=dt.UTC))

    page = client.get("/").content.decode()

    assert '<strong class="nowrap" data-testid="small-purchase-cap">300\u00a0000,00\u00a0₽</strong>' in page
