from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, Region
from zakupki.documents.models import AuditEvent
from zakupki.web.tests.factories import (
    OrganizationFactory,
    RegionFactory,
    member_of,
    platform_admin,
    regional_admin,
)


def pending_customer(region: Region, **kwargs: object) -> Organization:
    return OrganizationFactory.create(
        kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING, region=region, **kwargs
    )


@pytest.mark.django_db
def test_supplier_cannot_open_the_region_page(client: Client, region: Region) -> None:
    client.force_login(member_of(OrganizationFactory.create(region=region)))

    response = client.get("/region/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Доступ запрещён</h1>" in page
    assert "Страница доступна только администратору региона" in page


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_from_the_region_page(client: Client) -> None:
    response = client.get("/region/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/region/"


@pytest.mark.django_db
def test_admin_of_another_region_cannot_confirm(client: Client, region: Region) -> None:
    customer = pending_customer(region)
    client.force_login(regional_admin(RegionFactory.create(code="77")))

    response = client.post(f"/region/50/organizations/{customer.pk}/confirm/")

    assert response.status_code == 403
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.PENDING


@pytest.mark.django_db
def test_region_page_shows_pending_customers_and_all_organizations(client: Client, region: Region) -> None:
    pending_customer(region, name="Школа № 7")
    for name in ("Яхта", "Ёлочка", "Жук", "Альфа"):
        OrganizationFactory.create(name=name, region=region)
    client.force_login(regional_admin(region))

    response = client.get("/region/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Управление регионом</h1>" in page
    assert ">Подтвердить</button>" in page
    pending_section = page[page.index('id="pending-list"') : page.index('id="settings-heading"')]
    assert "Школа № 7" in pending_section
    listing = page[page.index('id="orgs-heading"') :]
    positions = [listing.index(f">{name}</a>") for name in ("Альфа", "Ёлочка", "Жук", "Школа № 7", "Яхта")]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_regional_admin_confirms_a_customer(client: Client, region: Region) -> None:
    customer = pending_customer(region, short_name="ГБУ «Школа № 7»")
    admin = regional_admin(region)
    client.force_login(admin)

    response = client.post(f"/region/50/organizations/{customer.pk}/confirm/", follow=True)

    assert response.redirect_chain == [("/region/", 302)]
    assert "Организация «ГБУ «Школа № 7»» подтверждена" in response.content.decode()
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.CONFIRMED
    event = AuditEvent.objects.get(event="organization.confirmed")
    assert (event.actor_id, event.object_id) == (admin.pk, str(customer.pk))


@pytest.mark.django_db
def test_confirm_through_htmx_returns_only_the_list_item(client: Client, region: Region) -> None:
    customer = pending_customer(region, short_name="ГБУ «Школа № 7»")
    client.force_login(regional_admin(region))

    response = client.post(f"/region/50/organizations/{customer.pk}/confirm/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith(f'<li id="pending-{customer.pk}">')
    assert "Организация «ГБУ «Школа № 7»» подтверждена." in fragment
    assert "<html" not in fragment
    customer.refresh_from_db()
    assert customer.status == OrganizationStatus.CONFIRMED


@pytest.mark.django_db
def test_confirming_twice_shows_the_refusal_and_changes_nothing(client: Client, region: Region) -> None:
    customer = pending_customer(region)
    client.force_login(regional_admin(region))
    client.post(f"/region/50/organizations/{customer.pk}/confirm/")
    events_before = AuditEvent.objects.count()

    response = client.post(f"/region/50/organizations/{customer.pk}/confirm/")

    assert response.status_code == 400
    assert (
        '<p class="notice notice-bad" role="alert">'
        "Организация: переход «Подтверждена» → «Подтверждена» недопустим</p>"
    ) in response.content.decode()
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_reject_without_reason_is_refused_at_the_reason_field(client: Client, region: Region) -> None:
    customer = pending_customer(region)
    client.force_login(regional_admin(region))

    response = client.post(f"/region/50/organizations/{customer.pk}/reject/", {"reason": "  "})

    assert response.status_code == 400
    page = response.content.decode()
    assert (
        f'<div class="error" id="id_reject_{customer.pk}_reason_error">Укажите причину отказа</div>' in page
    )
    customer.refresh_from_db()
    assert (customer.status, customer.status_reason) == (OrganizationStatus.PENDING, "")


@pytest.mark.django_db
def test_regional_admin_rejects_a_customer_with_a_reason(client: Client, region: Region) -> None:
    customer = pending_customer(region)
    client.force_login(regional_admin(region))

    response = client.post(
        f"/region/50/organizations/{customer.pk}/reject/", {"reason": "ИНН принадлежит другой организации"}
    )

    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.status, customer.status_reason) == (
        OrganizationStatus.REJECTED,
        "ИНН принадлежит другой организации",
    )


@pytest.mark.django_db
def test_regional_admin_changes_region_settings(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    response = client.post(
        "/region/50/settings/",
        {
            "name": "Московская область",
            "timezone": "Europe/Samara",
            "authority_name": "Комитет по конкурентной политике Московской области",
            "contact_email": "zakupki@mosreg.ru",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/region/"
    region.refresh_from_db()
    assert (region.timezone, region.authority_name, region.contact_email) == (
        "Europe/Samara",
        "Комитет по конкурентной политике Московской области",
        "zakupki@mosreg.ru",
    )


@pytest.mark.django_db
def test_region_settings_with_bad_email_are_refused(client: Client, region: Region) -> None:
    client.force_login(regional_admin(region))

    response = client.post(
        "/region/50/settings/",
        {"name": "", "timezone": "Europe/Moscow", "authority_name": "", "contact_email": "не-почта"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert '<div class="error" id="id_name_error">Укажите наименование региона</div>' in page
    assert (
        '<div class="error" id="id_contact_email_error">Введите правильный адрес электронной почты.</div>'
        in page
    )
    region.refresh_from_db()
    assert region.name == "Московская область"


@pytest.mark.django_db
def test_region_times_follow_the_viewer_region_time_zone(client: Client) -> None:
    far_east = RegionFactory.create(code="25", timezone="Asia/Vladivostok")
    customer = pending_customer(far_east, name="Школа № 7")
    Organization.objects.filter(pk=customer.pk).update(
        created_at=dt.datetime(2026, 11, 22, 21, 30, tzinfo=dt.UTC)
    )
    client.force_login(regional_admin(far_east))

    response = client.get("/region/")

    page = response.content.decode()
    assert "<dt>Зарегистрирована</dt><dd>23.11.2026 07:30</dd>" in page
    assert "Приморский край · время: Владивосток (UTC+10)" in page


@pytest.mark.django_db
def test_platform_admin_opens_any_region_page(client: Client, region: Region) -> None:
    client.force_login(platform_admin())

    response = client.get("/region/50/")

    assert response.status_code == 200
    assert "Московская область · код 50 · подключён 22.11.2026" in response.content.decode()


@pytest.mark.django_db
def test_platform_admin_without_a_region_is_sent_to_the_regions_list(client: Client) -> None:
    client.force_login(platform_admin())

    response = client.get("/region/")

    assert (response.status_code, response["Location"]) == (302, "/platform/regions/")
